"""Strategy discussions and section 47 enquiries."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.cin.services import close_cin_episode
from safeguard.cin.tests.helpers import REFERRAL, message, refused
from safeguard.core import clock
from safeguard.protection import selectors
from safeguard.protection.models import (
    Agency,
    Conference,
    Section47Enquiry,
    Section47Outcome,
    StrategyAction,
    StrategyAttendee,
    StrategyDiscussion,
)
from safeguard.protection.services import (
    ActionInput,
    AttendeeInput,
    hold_strategy_discussion,
    mark_icpc_not_required,
    record_conference_outcome,
    record_section47_outcome,
    start_section47,
)
from safeguard.protection.tests.conftest import ICPC, QUORATE, S47_OUTCOME, STRATEGY

pytestmark = pytest.mark.django_db


def hold(episode, worker, **overrides):
    values = {
        "held_on": STRATEGY,
        "lead_worker": worker,
        "attendees": QUORATE,
        "s47_initiated": True,
        "criminal_investigation": False,
    }
    values.update(overrides)
    return hold_strategy_discussion(episode=episode, **values)


# --- hold_strategy_discussion ---------------------------------------------------------------


def test_strategy_discussion_starts_s47(episode, worker):
    discussion = hold(
        episode,
        worker,
        criminal_investigation=True,
        information_shared="Bruising to left arm seen by school.",
        shared_with_family="Parents told of s47 enquiries.",
        withheld_from_family="Police interview date.",
        actions=[
            ActionInput(
                agency=Agency.POLICE,
                owner="DC Ali Khan",
                action="Joint visit",
                due_by=dt.date(2019, 1, 15),
            )
        ],
        minutes_circulated_on=dt.date(2019, 1, 15),
    )
    assert StrategyDiscussion.objects.get() == discussion
    assert StrategyAttendee.objects.count() == 4
    assert StrategyAction.objects.get().owner == "DC Ali Khan"
    enquiry = Section47Enquiry.objects.get()
    assert enquiry.strategy_discussion == discussion
    assert enquiry.start_date == STRATEGY
    assert selectors.strategy_quorum(discussion).quorate is True


def test_strategy_discussion_without_s47(episode, worker):
    discussion = hold(episode, worker, s47_initiated=False)
    assert discussion.s47_initiated is False
    assert not Section47Enquiry.objects.exists()


def test_s47_may_start_after_the_discussion(episode, worker):
    hold(episode, worker, s47_start_date=dt.date(2019, 1, 15))
    assert Section47Enquiry.objects.get().start_date == dt.date(2019, 1, 15)


def test_quorum_is_derived_not_enforced(episode, worker):
    discussion = hold(
        episode,
        worker,
        attendees=[
            AttendeeInput(agency=Agency.SOCIAL_CARE, name="Sam Worker"),
            AttendeeInput(agency=Agency.POLICE, name="DC Khan"),
        ],
    )
    quorum = selectors.strategy_quorum(discussion)
    assert quorum.quorate is False
    assert quorum.missing == ("Health",)


def test_strategy_discussion_needs_attendees(episode, worker):
    with refused("attendees"):
        hold(episode, worker, attendees=[])
    with refused("attendees"):
        hold(episode, worker, attendees=[AttendeeInput(agency="mi5", name="Q")])
    with refused("attendees"):
        hold(episode, worker, attendees=[AttendeeInput(agency=Agency.POLICE, name=" ")])


def test_actions_need_owner_and_a_due_date_after_the_discussion(episode, worker):
    with refused("actions"):
        hold(
            episode,
            worker,
            actions=[ActionInput(agency=Agency.POLICE, owner="DC", action="x", due_by=REFERRAL)],
        )
    with refused("actions"):
        hold(
            episode,
            worker,
            actions=[ActionInput(agency=Agency.POLICE, owner="", action="x", due_by=STRATEGY)],
        )


def test_strategy_discussion_dates(episode, worker):
    with refused("held_on"):
        hold(episode, worker, held_on=clock.today() + dt.timedelta(days=1))
    with refused("held_on"):
        hold(episode, worker, held_on=REFERRAL - dt.timedelta(days=1))
    with refused("minutes_circulated_on"):
        hold(episode, worker, minutes_circulated_on=dt.date(2019, 1, 11))
    with refused("s47_start_date"):
        hold(episode, worker, s47_start_date=dt.date(2019, 1, 11))
    with refused("s47_start_date"):
        hold(episode, worker, s47_initiated=False, s47_start_date=STRATEGY)


def test_strategy_discussion_needs_open_episode(episode, worker, manager):
    close_cin_episode(
        episode=episode,
        closure_date=dt.date(2019, 1, 10),
        reason_for_closure="RC7",
        signed_off_by=manager,
        closure_summary="Needs met.",
    )
    with refused("episode"):
        hold(episode, worker)


def test_one_open_s47_per_episode(enquiry, worker):
    with refused("s47_initiated") as excinfo:
        hold(enquiry.episode, worker, held_on=dt.date(2019, 1, 16))
    assert "8890" in message(excinfo, "s47_initiated")
    # A follow-up discussion that does not start new enquiries is fine.
    assert hold(enquiry.episode, worker, held_on=dt.date(2019, 1, 16), s47_initiated=False)


def test_second_s47_after_the_first_completes(enquiry, worker):
    record_section47_outcome(
        enquiry=enquiry,
        outcome=Section47Outcome.NOT_SUBSTANTIATED,
        outcome_date=S47_OUTCOME,
    )
    hold(enquiry.episode, worker, held_on=dt.date(2019, 3, 4))
    assert Section47Enquiry.objects.count() == 2


# --- start_section47 ------------------------------------------------------------------------


def test_start_section47_needs_a_discussion_that_initiated_it(episode, worker):
    discussion = hold(episode, worker, s47_initiated=False)
    with refused("strategy_discussion"):
        start_section47(strategy_discussion=discussion, start_date=STRATEGY)


def test_start_section47_only_once_per_discussion(discussion):
    with refused("strategy_discussion"):
        start_section47(strategy_discussion=discussion, start_date=STRATEGY)


# --- record_section47_outcome ---------------------------------------------------------------


def outcome(enquiry, **overrides):
    values = {
        "outcome": Section47Outcome.SUBSTANTIATED,
        "outcome_date": S47_OUTCOME,
        "conference_requested_on": S47_OUTCOME,
    }
    values.update(overrides)
    return record_section47_outcome(enquiry=enquiry, **values)


def test_substantiated_requests_a_conference(enquiry):
    done = outcome(enquiry)
    stored = Section47Enquiry.objects.get()
    assert stored.outcome == "substantiated"
    assert stored.conference_requested_on == S47_OUTCOME
    assert stored.icpc_not_required is False
    assert selectors.is_section47_open(done) is True  # until the ICPC is held


def test_not_substantiated_needs_no_conference(enquiry):
    done = outcome(
        enquiry, outcome=Section47Outcome.NOT_SUBSTANTIATED, conference_requested_on=None
    )
    assert done.icpc_not_required is True
    assert done.icpc_not_required_reason
    assert selectors.is_section47_open(done) is False


def test_substantiated_without_conference_needs_a_reason(enquiry):
    with refused("icpc_not_required_reason"):
        outcome(enquiry, conference_requested_on=None, icpc_not_required=True)
    done = outcome(
        enquiry,
        conference_requested_on=None,
        icpc_not_required=True,
        icpc_not_required_reason="Risk managed through a CIN plan; father has left the home.",
    )
    assert selectors.is_section47_open(done) is False


def test_substantiated_needs_a_request_or_a_reason(enquiry):
    with refused("conference_requested_on"):
        outcome(enquiry, conference_requested_on=None)
    with refused("icpc_not_required"):
        outcome(enquiry, icpc_not_required=True, icpc_not_required_reason="x")


def test_not_substantiated_cannot_request_a_conference(enquiry):
    with refused("conference_requested_on"):
        outcome(enquiry, outcome=Section47Outcome.NOT_SUBSTANTIATED)


def test_outcome_dates_and_values(enquiry):
    with refused("outcome_date"):
        outcome(enquiry, outcome_date=dt.date(2019, 1, 11))
    with refused("outcome_date"):
        outcome(enquiry, outcome_date=clock.today() + dt.timedelta(days=1))
    with refused("outcome"):
        outcome(enquiry, outcome="maybe")
    with refused("conference_requested_on"):
        outcome(enquiry, conference_requested_on=dt.date(2019, 1, 11))


def test_outcome_recorded_once(substantiated):
    with refused("outcome"):
        outcome(substantiated)


# --- mark_icpc_not_required -----------------------------------------------------------------


def test_icpc_no_longer_needed_cancels_the_booking(icpc):
    enquiry = mark_icpc_not_required(
        enquiry=icpc.section47, decided_on=dt.date(2019, 1, 30), reason="Family moved to Leeds."
    )
    assert enquiry.icpc_not_required is True
    cancelled = Conference.objects.get()
    assert cancelled.cancelled_on == dt.date(2019, 1, 30)
    assert "Leeds" in cancelled.cancellation_reason
    assert selectors.is_section47_open(enquiry) is False


def test_icpc_not_required_refused_once_held(held_icpc):
    with refused("icpc_not_required"):
        mark_icpc_not_required(
            enquiry=held_icpc.section47, decided_on=dt.date(2019, 2, 4), reason="Moved."
        )


def test_icpc_not_required_needs_a_substantiated_enquiry_and_reason(enquiry, substantiated):
    with refused("icpc_not_required_reason"):
        mark_icpc_not_required(enquiry=substantiated, decided_on=S47_OUTCOME, reason="")
    with refused("decided_on"):
        mark_icpc_not_required(enquiry=substantiated, decided_on=STRATEGY, reason="Moved.")


def test_icpc_not_required_refused_without_outcome(enquiry):
    with refused("icpc_not_required"):
        mark_icpc_not_required(enquiry=enquiry, decided_on=S47_OUTCOME, reason="Moved.")


def test_s47_complete_once_icpc_held(icpc, worker):
    record_conference_outcome(
        conference=icpc, held_on=ICPC, quorate=True, outcome="no_plan", category=""
    )
    assert selectors.is_section47_open(icpc.section47) is False
    # A new enquiry on the same episode may now start.
    hold(icpc.episode, worker, held_on=dt.date(2019, 3, 4))
    assert Section47Enquiry.objects.count() == 2
