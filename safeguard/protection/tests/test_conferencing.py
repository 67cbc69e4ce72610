"""The services behind the conference pages: booking the right conference, a decision
carried out on the plan, stale edits, midway reviews, escalations and quoracy."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.cin.tests.helpers import message, refused
from safeguard.core.exceptions import StaleRecordError
from safeguard.protection import selectors
from safeguard.protection.conferencing import (
    book_conference,
    raise_escalation,
    record_conference_decision,
    record_midway_review,
    resolve_escalation,
)
from safeguard.protection.models import (
    ConferenceAttendance,
    ConferenceInvitation,
    ConferenceType,
    CPPlan,
    EscalationStatus,
)
from safeguard.protection.services import (
    change_cp_category,
    record_conference_minutes_sent,
    record_section47_outcome,
)
from safeguard.protection.tests.conftest import ICPC, RCPC, S47_OUTCOME

pytestmark = pytest.mark.django_db


def test_book_conference_finds_the_requested_enquiry(substantiated, chair):
    conference = book_conference(
        child=substantiated.episode.child,
        conference_type=ConferenceType.INITIAL,
        scheduled_for=ICPC,
        chair=chair,
        start_time=dt.time(10, 0),
        room="Room 2",
    )
    assert conference.section47 == substantiated
    assert conference.start_time == dt.time(10, 0)


def test_book_conference_refuses_what_has_no_basis(enquiry, chair, child):
    with refused("conference_type") as excinfo:
        book_conference(
            child=child, conference_type=ConferenceType.INITIAL, scheduled_for=ICPC, chair=chair
        )
    assert "No initial conference has been requested" in message(excinfo, "conference_type")
    with refused("conference_type"):
        book_conference(
            child=child, conference_type=ConferenceType.REVIEW, scheduled_for=ICPC, chair=chair
        )
    with refused("chair"):
        book_conference(
            child=child, conference_type=ConferenceType.INITIAL, scheduled_for=ICPC, chair=None
        )


def test_book_a_review_of_the_open_plan(plan, chair):
    conference = book_conference(
        child=plan.child, conference_type=ConferenceType.REVIEW, scheduled_for=RCPC, chair=chair
    )
    assert conference.plan == plan


def test_decision_of_an_initial_conference_starts_the_plan(icpc, worker):
    record_conference_decision(
        conference=icpc,
        held_on=ICPC,
        quorate=True,
        outcome="plan",
        category="PHY",
        advocacy_offered=True,
        visit_frequency_weeks=1,
        lead_social_worker=worker,
        expected_version=icpc.version,
    )
    plan = CPPlan.objects.get(initial_conference=icpc)
    assert (plan.initial_category, plan.visit_frequency_weeks, plan.lead_social_worker) == (
        "PHY",
        1,
        worker,
    )


def test_a_refused_plan_leaves_no_decision(icpc):
    with refused("category"):
        record_conference_decision(
            conference=icpc, held_on=ICPC, quorate=True, outcome="plan", advocacy_offered=True
        )


def test_decision_of_a_review_changes_the_category_or_ends_the_plan(rcpc):
    record_conference_decision(
        conference=rcpc,
        held_on=RCPC,
        quorate=True,
        outcome="plan",
        category="EMO",
        advocacy_offered=True,
    )
    plan = CPPlan.objects.get(pk=rcpc.plan_id)
    assert plan.latest_category == "EMO"


def test_decision_of_a_review_ends_the_plan(rcpc):
    record_conference_decision(
        conference=rcpc, held_on=RCPC, quorate=True, outcome="no_plan", advocacy_offered=True
    )
    plan = CPPlan.objects.get(pk=rcpc.plan_id)
    assert (plan.end_date, plan.end_reason, plan.end_conference) == (
        RCPC,
        "no_longer_at_risk",
        rcpc,
    )


def test_stale_edits_are_refused(enquiry, held_icpc, plan):
    with pytest.raises(StaleRecordError):
        record_section47_outcome(
            enquiry=enquiry,
            outcome="not_substantiated",
            outcome_date=S47_OUTCOME,
            expected_version=999,
        )
    with pytest.raises(StaleRecordError):
        record_conference_minutes_sent(conference=held_icpc, sent_on=ICPC, expected_version=999)
    with pytest.raises(StaleRecordError):
        change_cp_category(plan=plan, category="EMO", changed_on=RCPC, expected_version=999)
    assert CPPlan.objects.get(pk=plan.pk).latest_category == "NEG"


def test_midway_review_due_halfway_to_the_first_review(plan, chair):
    due = selectors.midway_review_due(plan)
    assert due is not None and ICPC < due < dt.date(2019, 5, 1)
    review = record_midway_review(plan=plan, held_on=due, chair=chair, notes="On track.")
    assert review.due_on == due
    assert selectors.midway_review_due(plan) is None


def test_midway_review_not_before_the_plan(plan, chair):
    with refused("held_on"):
        record_midway_review(plan=plan, held_on=dt.date(2019, 1, 1), chair=chair)


def test_escalations_are_raised_and_resolved(plan, chair):
    escalation = raise_escalation(
        child=plan.child, raised_on=dt.date(2019, 3, 1), raised_by=chair, about="No core group."
    )
    assert escalation.status == EscalationStatus.OPEN
    with refused("about"):
        raise_escalation(
            child=plan.child, raised_on=dt.date(2019, 3, 1), raised_by=chair, about=" "
        )
    with pytest.raises(StaleRecordError):
        resolve_escalation(
            escalation=escalation,
            resolved_on=dt.date(2019, 3, 8),
            resolution="Held.",
            expected_version=escalation.version + 1,
        )
    with refused("resolved_on"):
        resolve_escalation(escalation=escalation, resolved_on=dt.date(2019, 2, 1), resolution="x")
    resolved = resolve_escalation(
        escalation=escalation, resolved_on=dt.date(2019, 3, 8), resolution="Core group held."
    )
    assert (resolved.status, resolved.resolved_on) == ("resolved", dt.date(2019, 3, 8))


def test_conference_quorum_is_every_invited_partner_present(icpc):
    assert not selectors.conference_quorum(icpc).known
    for agency, name in (("police", "DC Khan"), ("gp", "Dr Amis"), ("family", "Mother")):
        ConferenceInvitation.objects.create(
            conference=icpc, agency=agency, invitee=name, invited_on=dt.date(2019, 1, 25)
        )
    ConferenceAttendance.objects.create(
        conference=icpc, agency="police", name="DC Khan", status="attended"
    )
    ConferenceAttendance.objects.create(
        conference=icpc, agency="gp", name="Dr Amis", status="apologies"
    )
    quorum = selectors.conference_quorum(icpc)
    assert (quorum.known, quorum.quorate, quorum.missing) == (True, False, ("Health: GP",))
    ConferenceAttendance.objects.create(
        conference=icpc, agency="gp", name="Dr Bell", status="attended"
    )
    assert selectors.conference_quorum(icpc).quorate


def test_invitation_deadline_is_five_working_days_before(icpc):
    # ICPC Friday 1 February 2019: invitations by Friday 25 January.
    assert selectors.invitation_deadline(icpc) == dt.date(2019, 1, 25)
