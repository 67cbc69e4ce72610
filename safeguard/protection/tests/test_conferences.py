"""Conferences: booking, invitations, attendance, outcome, minutes, cancellation."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.cin.services import open_referral
from safeguard.cin.tests.helpers import REFERRAL, message, refused
from safeguard.core import clock
from safeguard.protection.models import (
    Agency,
    AttendanceStatus,
    Conference,
    ConferenceAttendance,
    ConferenceInvitation,
    ConferenceOutcome,
    ConferenceType,
    Section47Outcome,
)
from safeguard.protection.services import (
    AttendanceInput,
    InvitationInput,
    cancel_conference,
    convene_initial_conference,
    convene_review_conference,
    hold_strategy_discussion,
    record_conference_attendance,
    record_conference_invitations,
    record_conference_minutes_sent,
    record_conference_outcome,
    record_conference_report_received,
    record_section47_outcome,
)
from safeguard.protection.tests.conftest import ICPC, QUORATE, RCPC, S47_OUTCOME, STRATEGY
from safeguard.workforce.models import WorkerRole

pytestmark = pytest.mark.django_db

SATURDAY = dt.date(2019, 2, 2)


def convene(episode, chair, **overrides):
    values = {
        "conference_type": ConferenceType.INITIAL,
        "scheduled_for": ICPC,
        "chair": chair,
    }
    values.update(overrides)
    return convene_initial_conference(episode=episode, **values)


# --- convene_initial_conference -------------------------------------------------------------


def test_convene_initial_conference(substantiated, chair):
    booked = convene(substantiated.episode, chair, section47=substantiated, room="Room 2")
    stored = Conference.objects.get()
    assert stored == booked
    assert stored.child == substantiated.episode.child
    assert stored.held_on is None
    assert stored.scheduled_for == ICPC


def test_initial_conference_needs_an_enquiry(episode, chair):
    with refused("section47"):
        convene(episode, chair)


def test_initial_conference_needs_substantiated_concerns(enquiry, chair):
    with refused("section47") as excinfo:
        convene(enquiry.episode, chair, section47=enquiry)
    assert "no outcome" in message(excinfo, "section47")
    record_section47_outcome(
        enquiry=enquiry, outcome=Section47Outcome.NOT_SUBSTANTIATED, outcome_date=S47_OUTCOME
    )
    with refused("section47"):
        convene(enquiry.episode, chair, section47=enquiry)


def test_no_initial_conference_when_recorded_not_required(enquiry, chair):
    record_section47_outcome(
        enquiry=enquiry,
        outcome=Section47Outcome.SUBSTANTIATED,
        outcome_date=S47_OUTCOME,
        icpc_not_required=True,
        icpc_not_required_reason="Managed under a CIN plan.",
    )
    with refused("section47"):
        convene(enquiry.episode, chair, section47=enquiry)


def test_one_initial_conference_per_enquiry(icpc, chair):
    with refused("section47"):
        convene(icpc.episode, chair, section47=icpc.section47, scheduled_for=dt.date(2019, 2, 4))


def test_cancelled_initial_conference_can_be_rebooked(icpc, chair):
    cancel_conference(conference=icpc, cancelled_on=dt.date(2019, 1, 30), reason="Chair ill.")
    rebooked = convene(
        icpc.episode, chair, section47=icpc.section47, scheduled_for=dt.date(2019, 2, 5)
    )
    assert rebooked.scheduled_for == dt.date(2019, 2, 5)


def test_enquiry_must_be_on_the_episode(substantiated, chair, make_child):
    other = open_referral(child=make_child(), referral_date=REFERRAL, referral_source="2A")
    with refused("section47"):
        convene(other, chair, section47=substantiated)


def test_conference_dates(substantiated, chair):
    episode = substantiated.episode
    with refused("scheduled_for") as excinfo:
        convene(episode, chair, section47=substantiated, scheduled_for=SATURDAY)
    assert "8875" in message(excinfo, "scheduled_for")
    with refused("scheduled_for") as excinfo:
        convene(episode, chair, section47=substantiated, scheduled_for=dt.date(2019, 1, 11))
    assert "8615" in message(excinfo, "scheduled_for")
    with refused("scheduled_for") as excinfo:
        convene(
            episode,
            chair,
            conference_type=ConferenceType.TRANSFER_IN,
            scheduled_for=dt.date(2019, 1, 4),
        )
    assert "1104" in message(excinfo, "scheduled_for")


def test_conference_may_be_booked_ahead(substantiated, chair):
    ahead = clock.today() + dt.timedelta(days=14)
    while ahead.weekday() >= 5:
        ahead += dt.timedelta(days=1)
    assert convene(substantiated.episode, chair, section47=substantiated, scheduled_for=ahead)


def test_chair_is_an_independent_cp_chair_in_post(substantiated, worker, make_worker):
    with refused("chair") as excinfo:
        convene(substantiated.episode, worker, section47=substantiated)
    assert "independent CP chair" in message(excinfo, "chair")
    retired = make_worker(role=WorkerRole.CONFERENCE_CHAIR, left_on=dt.date(2019, 1, 31))
    with refused("chair"):
        convene(substantiated.episode, retired, section47=substantiated)


def test_review_conferences_are_booked_against_a_plan(episode, chair):
    with refused("conference_type"):
        convene(episode, chair, conference_type=ConferenceType.REVIEW)
    with refused("conference_type"):
        convene(episode, chair, conference_type="case_conference")


def test_transfer_in_needs_no_enquiry(episode, chair):
    booked = convene(episode, chair, conference_type=ConferenceType.TRANSFER_IN)
    assert booked.section47 is None


def test_pre_birth_conference_is_for_an_unborn_child(episode, chair, make_child):
    with refused("conference_type"):
        convene(episode, chair, conference_type=ConferenceType.PRE_BIRTH)
    unborn = make_child(date_of_birth=None, expected_date_of_birth=dt.date(2019, 4, 1))
    unborn_episode = open_referral(child=unborn, referral_date=REFERRAL, referral_source="3B")
    booked = convene(unborn_episode, chair, conference_type=ConferenceType.PRE_BIRTH)
    assert booked.conference_type == "pre_birth"


def test_only_one_initial_conference_booked_at_a_time(episode, chair):
    convene(episode, chair, conference_type=ConferenceType.TRANSFER_IN)
    with refused("scheduled_for"):
        convene(
            episode,
            chair,
            conference_type=ConferenceType.TRANSFER_IN,
            scheduled_for=dt.date(2019, 2, 5),
        )


def test_no_initial_conference_for_a_child_on_a_plan(plan, chair):
    with refused("episode"):
        convene(plan.episode, chair, conference_type=ConferenceType.TRANSFER_IN)


# --- convene_review_conference --------------------------------------------------------------


def test_convene_review_conference(rcpc):
    assert rcpc.conference_type == ConferenceType.REVIEW
    assert rcpc.plan is not None
    assert rcpc.scheduled_for == RCPC


def test_review_must_follow_plan_start(plan, chair):
    with refused("scheduled_for") as excinfo:
        convene_review_conference(plan=plan, scheduled_for=ICPC, chair=chair)
    assert "8841" in message(excinfo, "scheduled_for")
    with refused("scheduled_for"):
        convene_review_conference(plan=plan, scheduled_for=dt.date(2019, 5, 4), chair=chair)


def test_one_review_booked_at_a_time(rcpc, chair):
    with refused("scheduled_for"):
        convene_review_conference(plan=rcpc.plan, scheduled_for=dt.date(2019, 5, 2), chair=chair)


def test_review_needs_an_open_plan(rcpc, chair):
    from safeguard.protection.services import end_cp_plan

    cancel_conference(conference=rcpc, cancelled_on=dt.date(2019, 3, 1), reason="Moved.")
    end_cp_plan(
        plan=rcpc.plan, end_date=dt.date(2019, 3, 1), end_reason="moved_la", note="Leeds CC"
    )
    with refused("plan"):
        convene_review_conference(plan=rcpc.plan, scheduled_for=RCPC, chair=chair)


# --- invitations and reports ----------------------------------------------------------------


def invite(**overrides):
    values = {
        "agency": Agency.GP,
        "invitee": "Dr Amis",
        "invited_on": dt.date(2019, 1, 25),
        "report_requested": True,
    }
    values.update(overrides)
    return InvitationInput(**values)


def test_record_invitations_and_reports(icpc):
    rows = record_conference_invitations(
        conference=icpc,
        invitations=[
            invite(),
            invite(
                agency=Agency.SCHOOL,
                invitee="Ms Green",
                report_received_on=dt.date(2019, 1, 30),
            ),
        ],
    )
    assert len(rows) == 2
    gp = ConferenceInvitation.objects.get(agency=Agency.GP)
    received = record_conference_report_received(invitation=gp, received_on=dt.date(2019, 1, 31))
    assert received.report_received_on == dt.date(2019, 1, 31)


def test_invitation_rules(icpc):
    with refused("invitations"):
        record_conference_invitations(conference=icpc, invitations=[])
    with refused("invitations"):
        record_conference_invitations(
            conference=icpc, invitations=[invite(invited_on=dt.date(2019, 2, 4))]
        )
    with refused("invitations"):
        record_conference_invitations(conference=icpc, invitations=[invite(), invite()])
    with refused("invitations"):
        record_conference_invitations(
            conference=icpc,
            invitations=[invite(report_requested=False, report_received_on=dt.date(2019, 1, 28))],
        )
    with refused("invitations"):
        record_conference_invitations(
            conference=icpc, invitations=[invite(report_received_on=dt.date(2019, 1, 24))]
        )
    with refused("invitations"):
        record_conference_invitations(conference=icpc, invitations=[invite(agency="cia")])


def test_invitee_invited_once(icpc):
    record_conference_invitations(conference=icpc, invitations=[invite()])
    with refused("invitations"):
        record_conference_invitations(conference=icpc, invitations=[invite()])


def test_report_received_rules(icpc):
    gp, nurse = record_conference_invitations(
        conference=icpc,
        invitations=[invite(), invite(agency=Agency.SCHOOL_NURSE, report_requested=False)],
    )
    with refused("report_received_on"):
        record_conference_report_received(invitation=nurse, received_on=dt.date(2019, 1, 28))
    with refused("report_received_on"):
        record_conference_report_received(invitation=gp, received_on=dt.date(2019, 1, 24))
    record_conference_report_received(invitation=gp, received_on=dt.date(2019, 1, 28))
    with refused("report_received_on"):
        record_conference_report_received(invitation=gp, received_on=dt.date(2019, 1, 29))


# --- attendance -----------------------------------------------------------------------------


def test_record_attendance(icpc):
    rows = record_conference_attendance(
        conference=icpc,
        attendance=[
            AttendanceInput(agency=Agency.POLICE, name="DC Khan", status=AttendanceStatus.ATTENDED),
            AttendanceInput(agency=Agency.GP, name="Dr Amis", status=AttendanceStatus.APOLOGIES),
        ],
    )
    assert len(rows) == 2
    assert ConferenceAttendance.objects.filter(status="apologies").count() == 1


def test_attendance_rules(icpc):
    police = AttendanceInput(agency=Agency.POLICE, name="DC Khan", status="attended")
    with refused("attendance"):
        record_conference_attendance(conference=icpc, attendance=[])
    with refused("attendance"):
        record_conference_attendance(conference=icpc, attendance=[police, police])
    with refused("attendance"):
        record_conference_attendance(
            conference=icpc,
            attendance=[AttendanceInput(agency=Agency.POLICE, name="DC", status="asleep")],
        )


def test_attendance_not_before_the_conference(substantiated, chair):
    ahead = clock.today() + dt.timedelta(days=14)
    while ahead.weekday() >= 5:
        ahead += dt.timedelta(days=1)
    booked = convene(substantiated.episode, chair, section47=substantiated, scheduled_for=ahead)
    with refused("attendance"):
        record_conference_attendance(
            conference=booked,
            attendance=[AttendanceInput(agency=Agency.POLICE, name="DC", status="attended")],
        )


# --- outcome --------------------------------------------------------------------------------


def held(conference, **overrides):
    values = {
        "held_on": ICPC,
        "quorate": True,
        "outcome": ConferenceOutcome.PLAN,
        "category": "EMO",
    }
    values.update(overrides)
    return record_conference_outcome(conference=conference, **values)


def test_record_conference_outcome(icpc):
    done = held(icpc)
    stored = Conference.objects.get()
    assert stored.held_on == ICPC
    assert stored.outcome == "plan"
    assert stored.category == "EMO"
    assert stored.quorate is True
    assert done.advocacy_offered is None  # the child is 6


def test_outcome_dates(icpc):
    with refused("held_on"):
        held(icpc, held_on=SATURDAY)
    with refused("held_on"):
        held(icpc, held_on=dt.date(2019, 1, 11))
    tomorrow = clock.today() + dt.timedelta(days=1)
    while tomorrow.weekday() >= 5:
        tomorrow += dt.timedelta(days=1)
    with refused("held_on"):
        held(icpc, held_on=tomorrow)


def test_outcome_recorded_once(held_icpc):
    with refused("held_on"):
        held(held_icpc)


def test_plan_needs_a_category(icpc):
    with refused("category"):
        held(icpc, category="")
    with refused("category"):
        held(icpc, category="XYZ")
    with refused("category"):
        held(icpc, outcome=ConferenceOutcome.NO_PLAN, category="NEG")
    with refused("outcome"):
        held(icpc, outcome="adjourned")


def test_quorate_must_be_recorded(icpc):
    with refused("quorate"):
        held(icpc, quorate=None)


def test_advocacy_for_children_aged_8_or_over(make_child, worker, chair):
    older = make_child(date_of_birth=dt.date(2009, 3, 1))
    episode = open_referral(child=older, referral_date=REFERRAL, referral_source="2A")
    hold_strategy_discussion(
        episode=episode,
        held_on=STRATEGY,
        lead_worker=worker,
        attendees=QUORATE,
        s47_initiated=True,
        criminal_investigation=False,
    )
    enquiry = episode.section47_enquiries.get()
    record_section47_outcome(
        enquiry=enquiry,
        outcome=Section47Outcome.SUBSTANTIATED,
        outcome_date=S47_OUTCOME,
        conference_requested_on=S47_OUTCOME,
    )
    booked = convene(episode, chair, section47=enquiry)
    with refused("advocacy_offered") as excinfo:
        held(booked)
    assert "aged 8 or over" in message(excinfo, "advocacy_offered")
    with refused("advocacy_accepted"):
        held(booked, advocacy_offered=False, advocacy_accepted=True)
    done = held(booked, advocacy_offered=True, advocacy_accepted=False)
    assert done.advocacy_offered is True


def test_cancelled_conference_cannot_be_held(icpc):
    cancel_conference(conference=icpc, cancelled_on=dt.date(2019, 1, 30), reason="Chair ill.")
    with refused("conference"):
        held(icpc)


def test_review_outcome_must_follow_plan_start(rcpc):
    with refused("held_on"):
        held(rcpc, held_on=ICPC, category="")


def test_pre_birth_outcome_while_unborn(make_child, chair):
    unborn = make_child(date_of_birth=None, expected_date_of_birth=dt.date(2019, 4, 1))
    episode = open_referral(child=unborn, referral_date=REFERRAL, referral_source="3B")
    booked = convene(episode, chair, conference_type=ConferenceType.PRE_BIRTH)
    unborn.date_of_birth = dt.date(2019, 1, 31)
    unborn.save()
    with refused("held_on"):
        held(booked)


# --- minutes and cancellation ---------------------------------------------------------------


def test_minutes_sent(held_icpc):
    sent = record_conference_minutes_sent(conference=held_icpc, sent_on=dt.date(2019, 2, 6))
    assert sent.minutes_sent_on == dt.date(2019, 2, 6)
    with refused("minutes_sent_on"):
        record_conference_minutes_sent(conference=held_icpc, sent_on=dt.date(2019, 2, 7))


def test_minutes_after_the_conference(icpc):
    with refused("minutes_sent_on"):
        record_conference_minutes_sent(conference=icpc, sent_on=dt.date(2019, 2, 6))
    held(icpc)
    with refused("minutes_sent_on"):
        record_conference_minutes_sent(conference=icpc, sent_on=dt.date(2019, 1, 31))


def test_cancel_conference_rules(icpc, held_icpc):
    with refused("cancelled_on"):
        cancel_conference(conference=held_icpc, cancelled_on=ICPC, reason="Too late.")


def test_cancellation_needs_a_reason(icpc):
    with refused("cancellation_reason"):
        cancel_conference(conference=icpc, cancelled_on=dt.date(2019, 1, 30), reason="")
    cancel_conference(conference=icpc, cancelled_on=dt.date(2019, 1, 30), reason="Chair ill.")
    with refused("conference"):
        cancel_conference(conference=icpc, cancelled_on=dt.date(2019, 1, 31), reason="Again.")
