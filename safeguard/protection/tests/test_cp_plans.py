"""CP plans: start from an ICPC, category changes, core groups, ending, and the rules
they impose on CIN plans, visits and episode closure."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.cin.models import CINEpisode, CINPlan, VisitLocation, VisitType
from safeguard.cin.services import (
    close_cin_episode,
    end_cin_plan,
    open_referral,
    record_visit,
    start_cin_plan,
)
from safeguard.cin.tests.helpers import REFERRAL, message, refused
from safeguard.core import clock
from safeguard.protection import selectors
from safeguard.protection.models import (
    ConferenceOutcome,
    ConferenceType,
    CoreGroupMeeting,
    CPPlan,
    CPPlanCategoryChange,
    CPPlanEndReason,
)
from safeguard.protection.services import (
    cancel_conference,
    change_cp_category,
    convene_initial_conference,
    convene_review_conference,
    end_cp_plan,
    record_conference_outcome,
    record_core_group_meeting,
    start_cp_plan,
)
from safeguard.protection.tests.conftest import ICPC, RCPC, RCPC2

pytestmark = pytest.mark.django_db


def review(rcpc, **overrides):
    values = {"held_on": RCPC, "quorate": True, "outcome": ConferenceOutcome.PLAN}
    values.update(overrides)
    return record_conference_outcome(conference=rcpc, **values)


def close(episode, manager, **overrides):
    values = {
        "closure_date": dt.date(2019, 12, 2),
        "reason_for_closure": "RC7",
        "signed_off_by": manager,
        "closure_summary": "Plan ended; family engaged with early help.",
    }
    values.update(overrides)
    return close_cin_episode(episode=episode, **values)


# --- start_cp_plan --------------------------------------------------------------------------


def test_start_cp_plan_from_the_icpc(held_icpc, worker):
    plan = start_cp_plan(conference=held_icpc, visit_frequency_weeks=2, lead_social_worker=worker)
    stored = CPPlan.objects.get()
    assert stored == plan
    assert stored.start_date == ICPC
    assert stored.initial_category == stored.latest_category == "NEG"
    assert stored.child == held_icpc.child
    assert stored.visit_frequency_weeks == 2
    assert plan.is_open


def test_cp_plan_default_visits_four_weekly(plan):
    assert plan.visit_frequency_weeks == 4


def test_open_cin_plan_ends_when_the_cp_plan_starts(held_icpc):
    start_cin_plan(episode=held_icpc.episode, start_date=dt.date(2019, 1, 10))
    start_cp_plan(conference=held_icpc)
    cin_plan = CINPlan.objects.get()
    assert cin_plan.end_date == ICPC
    assert cin_plan.end_reason == "cp_plan"


def test_cp_plan_needs_a_held_conference_deciding_a_plan(icpc):
    with refused("conference"):
        start_cp_plan(conference=icpc)
    record_conference_outcome(
        conference=icpc, held_on=ICPC, quorate=True, outcome=ConferenceOutcome.NO_PLAN
    )
    with refused("conference"):
        start_cp_plan(conference=icpc)


def test_cp_plan_is_made_by_an_initial_type_conference(rcpc):
    review(rcpc, category="")
    with refused("conference"):
        start_cp_plan(conference=rcpc)


def test_one_plan_per_conference(plan):
    with refused("conference"):
        start_cp_plan(conference=plan.initial_conference)


def test_cp_plan_visit_frequency(held_icpc):
    with refused("visit_frequency_weeks"):
        start_cp_plan(conference=held_icpc, visit_frequency_weeks=3)


def test_episode_cannot_close_before_the_decided_plan_starts(held_icpc, manager):
    with refused("closure_date") as excinfo:
        close(held_icpc.episode, manager, closure_date=dt.date(2019, 2, 4))
    assert "not recorded" in message(excinfo, "closure_date")


def test_cp_plan_needs_an_open_episode(held_icpc):
    # Only imported history can close an episode over an undelivered decision.
    CINEpisode.objects.filter(pk=held_icpc.episode_id).update(
        closure_date=dt.date(2019, 2, 4), reason_for_closure="RC7"
    )
    with refused("episode"):
        start_cp_plan(conference=held_icpc)


def test_cp_plan_cannot_start_inside_an_ended_cin_plan(held_icpc):
    cin_plan = start_cin_plan(episode=held_icpc.episode, start_date=dt.date(2019, 1, 10))
    end_cin_plan(plan=cin_plan, end_date=dt.date(2019, 3, 1), end_reason="other")
    with refused("start_date") as excinfo:
        start_cp_plan(conference=held_icpc)
    assert "4017" in message(excinfo, "start_date")


def test_one_open_cp_plan_per_child_across_episodes(held_icpc, make_child):
    # Imported history can hold a plan the services would not have let in; the service
    # still refuses a second open plan (8935) or an overlapping one (8940).
    child = held_icpc.child
    old = CINEpisode.objects.create(
        child=child,
        referral_date=dt.date(2017, 1, 2),
        referral_source="2A",
        closure_date=dt.date(2018, 1, 2),
        reason_for_closure="RC7",
    )
    imported = CPPlan.objects.create(
        episode=old,
        child=child,
        start_date=dt.date(2017, 2, 1),
        initial_category="NEG",
        latest_category="NEG",
    )
    with refused("start_date") as excinfo:
        start_cp_plan(conference=held_icpc)
    assert "8935" in message(excinfo, "start_date")
    imported.end_date = ICPC
    imported.save()
    with refused("start_date") as excinfo:
        start_cp_plan(conference=held_icpc)
    assert "8940" in message(excinfo, "start_date")
    imported.end_date = dt.date(2018, 1, 2)
    imported.save()
    assert start_cp_plan(conference=held_icpc).start_date == ICPC
    assert selectors.number_of_previous_cp_plans(child, before=ICPC) == 1


def test_transfer_in_conference_starts_a_plan(episode, chair):
    booked = convene_initial_conference(
        episode=episode,
        conference_type=ConferenceType.TRANSFER_IN,
        scheduled_for=ICPC,
        chair=chair,
    )
    record_conference_outcome(
        conference=booked, held_on=ICPC, quorate=True, outcome="plan", category="PHY"
    )
    assert start_cp_plan(conference=booked).initial_category == "PHY"


# --- change_cp_category ---------------------------------------------------------------------


def test_change_category_at_review(rcpc):
    review(rcpc, category="MUL")
    plan = change_cp_category(plan=rcpc.plan, category="MUL", changed_on=RCPC, conference=rcpc)
    assert plan.latest_category == "MUL"
    assert plan.initial_category == "NEG"
    change = CPPlanCategoryChange.objects.get()
    assert (change.from_category, change.to_category) == ("NEG", "MUL")


def test_category_change_rules(plan, rcpc):
    with refused("category"):
        change_cp_category(plan=plan, category="NEG", changed_on=RCPC)
    with refused("category"):
        change_cp_category(plan=plan, category="BAD", changed_on=RCPC)
    with refused("changed_on"):
        change_cp_category(plan=plan, category="EMO", changed_on=ICPC)
    with refused("changed_on"):
        change_cp_category(plan=plan, category="EMO", changed_on=clock.today() + dt.timedelta(1))
    with refused("conference"):
        change_cp_category(plan=plan, category="EMO", changed_on=RCPC, conference=rcpc)
    change_cp_category(plan=plan, category="EMO", changed_on=dt.date(2019, 3, 1))
    with refused("changed_on"):
        change_cp_category(plan=plan, category="PHY", changed_on=dt.date(2019, 2, 28))


def test_ended_plan_category_cannot_change(rcpc):
    review(rcpc, outcome=ConferenceOutcome.NO_PLAN)
    end_cp_plan(plan=rcpc.plan, end_date=RCPC, end_reason="no_longer_at_risk", conference=rcpc)
    with refused("plan"):
        change_cp_category(plan=rcpc.plan, category="EMO", changed_on=RCPC)


# --- core groups ----------------------------------------------------------------------------


def test_core_group_meeting(plan):
    meeting = record_core_group_meeting(
        plan=plan, held_on=dt.date(2019, 2, 12), attendees="SW, HV, school", notes="Plan agreed."
    )
    assert CoreGroupMeeting.objects.get() == meeting


def test_core_group_dates(plan):
    with refused("held_on"):
        record_core_group_meeting(plan=plan, held_on=dt.date(2019, 1, 31))
    with refused("held_on"):
        record_core_group_meeting(plan=plan, held_on=clock.today() + dt.timedelta(days=1))
    end_cp_plan(plan=plan, end_date=dt.date(2019, 3, 1), end_reason="moved_la", note="Leeds CC")
    with refused("held_on"):
        record_core_group_meeting(plan=plan, held_on=dt.date(2019, 3, 4))


# --- end_cp_plan ----------------------------------------------------------------------------


def test_end_plan_at_review_conference(rcpc):
    review(rcpc, outcome=ConferenceOutcome.NO_PLAN)
    plan = end_cp_plan(
        plan=rcpc.plan, end_date=RCPC, end_reason="no_longer_at_risk", conference=rcpc
    )
    stored = CPPlan.objects.get()
    assert stored.end_date == RCPC
    assert stored.end_conference == rcpc
    assert plan.is_open is False
    assert selectors.review_dates(plan) == [RCPC]


def test_risk_based_end_needs_a_review_conference(plan):
    with refused("conference") as excinfo:
        end_cp_plan(plan=plan, end_date=RCPC, end_reason=CPPlanEndReason.NO_LONGER_AT_RISK)
    assert "review conference" in message(excinfo, "conference")
    with refused("conference"):
        end_cp_plan(plan=plan, end_date=RCPC, end_reason=CPPlanEndReason.LOOKED_AFTER)


def test_end_conference_must_have_decided_no_plan_that_day(rcpc):
    review(rcpc)
    with refused("conference"):
        end_cp_plan(plan=rcpc.plan, end_date=RCPC, end_reason="no_longer_at_risk", conference=rcpc)


def test_plan_end_dates(plan):
    with refused("end_date") as excinfo:
        end_cp_plan(plan=plan, end_date=ICPC, end_reason="left_uk")
    assert "8840" in message(excinfo, "end_date")
    with refused("end_date"):
        end_cp_plan(plan=plan, end_date=dt.date(2019, 1, 31), end_reason="left_uk")
    with refused("end_date"):
        end_cp_plan(plan=plan, end_date=clock.today() + dt.timedelta(days=1), end_reason="left_uk")
    with refused("end_reason"):
        end_cp_plan(plan=plan, end_date=RCPC, end_reason="bored")


def test_plan_ends_once(plan):
    end_cp_plan(plan=plan, end_date=RCPC, end_reason="left_uk")
    with refused("end_date"):
        end_cp_plan(plan=plan, end_date=RCPC2, end_reason="left_uk")


def test_moved_away_names_the_receiving_authority(plan):
    with refused("note"):
        end_cp_plan(plan=plan, end_date=RCPC, end_reason="moved_la")
    ended = end_cp_plan(
        plan=plan, end_date=RCPC, end_reason="moved_la", note="Leeds CC (conference 30/04/2019)"
    )
    assert ended.end_note.startswith("Leeds")


def test_plan_ends_on_the_18th_birthday(make_child, make_worker):
    from safeguard.protection.services import (
        hold_strategy_discussion,
        record_section47_outcome,
    )
    from safeguard.protection.tests.conftest import QUORATE, S47_OUTCOME, STRATEGY

    teen = make_child(date_of_birth=dt.date(2001, 3, 5))
    worker = make_worker()
    chair = make_worker(role="cp_chair")
    episode = open_referral(child=teen, referral_date=REFERRAL, referral_source="6")
    hold_strategy_discussion(
        episode=episode,
        held_on=STRATEGY,
        lead_worker=worker,
        attendees=QUORATE,
        s47_initiated=True,
        criminal_investigation=False,
    )
    enquiry = record_section47_outcome(
        enquiry=episode.section47_enquiries.get(),
        outcome="substantiated",
        outcome_date=S47_OUTCOME,
        conference_requested_on=S47_OUTCOME,
    )
    booked = convene_initial_conference(
        episode=episode,
        conference_type="initial",
        scheduled_for=ICPC,
        chair=chair,
        section47=enquiry,
    )
    record_conference_outcome(
        conference=booked,
        held_on=ICPC,
        quorate=True,
        outcome="plan",
        category="EMO",
        advocacy_offered=True,
        advocacy_accepted=True,
    )
    plan = start_cp_plan(conference=booked)
    with refused("end_date"):
        end_cp_plan(plan=plan, end_date=dt.date(2019, 3, 4), end_reason="turned_18")
    assert end_cp_plan(plan=plan, end_date=dt.date(2019, 3, 5), end_reason="turned_18").end_date


def test_plan_ends_on_the_date_of_death(plan):
    with refused("end_reason"):
        end_cp_plan(plan=plan, end_date=RCPC, end_reason="died")
    child = plan.child
    child.date_of_death = dt.date(2019, 4, 10)
    child.save()
    with refused("end_date"):
        end_cp_plan(plan=plan, end_date=dt.date(2019, 4, 9), end_reason="died")
    with refused("end_date") as excinfo:
        end_cp_plan(plan=plan, end_date=RCPC, end_reason="left_uk")
    assert "8920" in message(excinfo, "end_date")
    assert end_cp_plan(plan=plan, end_date=dt.date(2019, 4, 10), end_reason="died").end_date


def test_plan_cannot_end_before_its_activity(plan):
    record_core_group_meeting(plan=plan, held_on=dt.date(2019, 3, 4))
    with refused("end_date") as excinfo:
        end_cp_plan(plan=plan, end_date=dt.date(2019, 3, 1), end_reason="left_uk")
    assert "core group" in message(excinfo, "end_date")


def test_plan_cannot_end_with_a_review_booked(rcpc):
    with refused("end_date"):
        end_cp_plan(plan=rcpc.plan, end_date=dt.date(2019, 3, 1), end_reason="left_uk")
    cancel_conference(conference=rcpc, cancelled_on=dt.date(2019, 3, 1), reason="Left the UK.")
    assert end_cp_plan(plan=rcpc.plan, end_date=dt.date(2019, 3, 1), end_reason="left_uk")


# --- rules protection adds to cin and closure -----------------------------------------------


def test_cin_plan_cannot_start_during_a_cp_plan(plan):
    with refused("start_date") as excinfo:
        start_cin_plan(episode=plan.episode, start_date=dt.date(2019, 3, 1))
    assert "4016" in message(excinfo, "start_date")


def test_cin_plan_may_start_the_day_the_cp_plan_ends(rcpc):
    review(rcpc, outcome=ConferenceOutcome.NO_PLAN)
    end_cp_plan(plan=rcpc.plan, end_date=RCPC, end_reason="no_longer_at_risk", conference=rcpc)
    assert start_cin_plan(episode=rcpc.episode, start_date=RCPC).start_date == RCPC


def test_cp_visit_needs_a_cp_plan(episode, plan, worker):
    kwargs = {
        "child": plan.child,
        "visit_type": VisitType.CP,
        "worker": worker,
        "child_seen": True,
        "seen_alone": True,
        "location": VisitLocation.HOME,
    }
    with refused("visit_type"):
        record_visit(visit_date=dt.date(2019, 1, 31), **kwargs)
    assert record_visit(visit_date=ICPC, **kwargs).episode == episode


def test_episode_cannot_close_with_an_open_cp_plan(plan, manager):
    with refused("closure_date"):
        close(plan.episode, manager)


def test_episode_cannot_close_with_an_open_s47(enquiry, manager):
    with refused("closure_date") as excinfo:
        close(enquiry.episode, manager)
    assert "8868" in message(excinfo, "closure_date")


def test_episode_cannot_close_with_a_booked_conference(icpc, manager):
    from safeguard.protection.services import mark_icpc_not_required

    with refused("closure_date"):
        close(icpc.episode, manager)
    mark_icpc_not_required(
        enquiry=icpc.section47, decided_on=dt.date(2019, 1, 28), reason="Moved to Leeds."
    )
    assert close(icpc.episode, manager, reason_for_closure="RC5").closure_date


def test_activity_rules_at_closure(discussion, manager):
    episode = discussion.episode
    with refused("referral_nfa") as excinfo:
        close(episode, manager, referral_nfa=True)
    assert "8831" in message(excinfo, "referral_nfa")
    from safeguard.protection.services import record_section47_outcome

    record_section47_outcome(
        enquiry=discussion.section47_enquiries.get(),
        outcome="not_substantiated",
        outcome_date=dt.date(2019, 1, 25),
    )
    with refused("reason_for_closure") as excinfo:
        close(episode, manager, reason_for_closure="RC8")
    assert "2990" in message(excinfo, "reason_for_closure")
    with refused("closure_date") as excinfo:
        close(episode, manager, closure_date=dt.date(2019, 1, 24))
    assert "8565" in message(excinfo, "closure_date")
    assert close(episode, manager, closure_date=dt.date(2019, 1, 25)).closure_date


def test_review_conference_after_plan_end_refused(rcpc, chair):
    cancel_conference(conference=rcpc, cancelled_on=dt.date(2019, 3, 1), reason="Moved.")
    plan = end_cp_plan(plan=rcpc.plan, end_date=dt.date(2019, 3, 1), end_reason="left_uk")
    with refused("plan"):
        convene_review_conference(plan=plan, scheduled_for=RCPC2, chair=chair)
