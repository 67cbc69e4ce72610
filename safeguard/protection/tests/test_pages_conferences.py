"""Conference pages: booking, invitations and the notice check, agency reports, attendance,
the chair's outcome (which starts the CP plan) and minutes sent."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from safeguard.access.services import grant_access
from safeguard.core import clock
from safeguard.protection.models import (
    Conference,
    ConferenceAttendance,
    ConferenceInvitation,
    CPPlan,
)
from safeguard.protection.tests.pathway import (
    booked_conference,
    days_ago,
    enquiry_for,
    held_conference,
    invitation_to,
    weekday_on_or_after,
)
from safeguard.protection.tests.web import (
    assert_error_summary,
    assert_stale,
    bump,
    date_parts,
    url,
)

pytestmark = pytest.mark.django_db

QUEUE = reverse("protection:business_support")


@pytest.fixture
def chair(world):
    return world.workers["cp_chair_iro"]


@pytest.fixture
def requested(world):
    """child_allocated's substantiated enquiry with an ICPC requested; business support
    holds a grant (requests are not on the conference queue rule yet)."""
    enquiry = enquiry_for(world.child_allocated, outcome="substantiated")
    grant_access(
        user=world.users["conference_support"],
        child=world.child_allocated,
        granted_by=world.users["service_manager"],
        reason="Booking the initial conference.",
        until=clock.now() + dt.timedelta(days=2),
    )
    return enquiry


def _schedule_data(world, day, **extra):
    data = {
        "conference_type": "initial",
        **date_parts("scheduled_for", day),
        "start_time": "10:30",
        "chair": str(world.workers["cp_chair_iro"].pk),
        "room": "Room 2, County Hall",
    }
    data.update(extra)
    return data


def test_schedule_an_initial_conference(world, client_for, requested):
    page = url("schedule_conference", child_id=world.child_allocated.pk)
    day = weekday_on_or_after(clock.today() + dt.timedelta(days=10))
    response = client_for("conference_support").post(page, _schedule_data(world, day))
    assert response.status_code == 302 and response.url == QUEUE
    conference = Conference.objects.get(section47=requested)
    assert (conference.scheduled_for, conference.start_time) == (day, dt.time(10, 30))
    assert conference.chair == world.workers["cp_chair_iro"]


def test_schedule_errors_and_refusal(world, client_for, requested):
    page = url("schedule_conference", child_id=world.child_allocated.pk)
    client = client_for("conference_support")
    assert_error_summary(client.post(page, {}), "Enter the conference date", "id_scheduled_for_0")
    saturday = clock.today() + dt.timedelta(days=(5 - clock.today().weekday()) % 7 + 7)
    response = client.post(page, _schedule_data(world, saturday))
    assert_error_summary(response, "conferences are held on weekdays", "id_scheduled_for_0")
    response = client.post(page, _schedule_data(world, saturday, start_time="half ten"))
    assert_error_summary(response, "24-hour clock", "id_start_time")
    assert client_for("social_worker").get(page).status_code == 403
    assert not Conference.objects.filter(section47=requested).exists()


def test_invitations_with_short_notice_are_saved_with_a_warning(world, client_for, chair):
    conference = booked_conference(world.child_conference, chair, in_days=2)
    page = url("invite", child_id=world.child_conference.pk, conference_id=conference.pk)
    client = client_for("conference_support")
    data = {
        **date_parts("invited_on", clock.today()),
        "invitation_1_agency": "gp",
        "invitation_1_invitee": "Dr Amis",
        "invitation_1_report": "on",
        "invitation_2_agency": "school",
        "invitation_2_invitee": "Ms Green",
    }
    response = client.post(page, data, follow=True)
    assert response.redirect_chain[-1][0] == QUEUE
    html = response.content.decode()
    assert "less than 5 working days" in html
    rows = ConferenceInvitation.objects.filter(conference=conference)
    assert {(i.invitee, i.report_requested) for i in rows} == {
        ("Dr Amis", True),
        ("Ms Green", False),
    }
    # The form page now warns about the late invitations and shows the missing report.
    html = client.get(page).content.decode()
    assert "Less than 5 working days&#x27; notice" in html
    assert "Missing: record Dr Amis" in html


def test_invitations_errors_and_refusal(world, client_for, chair):
    conference = booked_conference(world.child_conference, chair, in_days=20)
    page = url("invite", child_id=world.child_conference.pk, conference_id=conference.pk)
    client = client_for("conference_support")
    response = client.post(page, {})
    assert_error_summary(response, "Enter the date the invitations were sent", "id_invited_on_0")
    assert "Enter at least one invitation" in response.content.decode()
    data = {**date_parts("invited_on", clock.today()), "invitation_1_agency": "gp"}
    assert_error_summary(
        client.post(page, data), "Enter invitation 1 invitee", "id_invitation_1_invitee"
    )
    assert client_for("social_worker").get(page).status_code == 403


def test_agency_report_received(world, client_for, chair):
    conference = booked_conference(world.child_conference, chair, in_days=10)
    invitation = invitation_to(conference, invited_on=days_ago(3))
    page = url(
        "record_agency_report",
        child_id=world.child_conference.pk,
        conference_id=conference.pk,
        invitation_id=invitation.pk,
    )
    client = client_for("conference_support")
    data = {"version": str(invitation.version), **date_parts("report_received_on", days_ago(1))}
    response = client.post(page, data)
    assert response.status_code == 302 and response.url == QUEUE
    invitation.refresh_from_db()
    assert invitation.report_received_on == days_ago(1)


def test_agency_report_errors_refusal_and_stale_edit(world, client_for, chair):
    conference = booked_conference(world.child_conference, chair, in_days=10)
    invitation = invitation_to(conference, invited_on=days_ago(3))
    page = url(
        "record_agency_report",
        child_id=world.child_conference.pk,
        conference_id=conference.pk,
        invitation_id=invitation.pk,
    )
    client = client_for("conference_support")
    response = client.post(page, {"version": str(invitation.version)})
    assert_error_summary(
        response, "Enter the date the report was received", "id_report_received_on_0"
    )
    early = {"version": str(invitation.version), **date_parts("report_received_on", days_ago(5))}
    assert_error_summary(client.post(page, early), "invitation date", "id_report_received_on_0")
    assert client_for("cp_chair_iro").post(page, early).status_code == 403
    data = {"version": str(invitation.version), **date_parts("report_received_on", days_ago(2))}
    bump(invitation)
    assert_stale(client.post(page, data), f'value="{days_ago(2).day}"')
    invitation.refresh_from_db()
    assert invitation.report_received_on is None


def test_attendance_and_quoracy(world, client_for, chair):
    conference = booked_conference(world.child_conference, chair, in_days=-3)
    invitation_to(conference, agency="police", invitee="DC Khan")
    invitation_to(conference, agency="gp", invitee="Dr Amis")
    page = url("record_attendance", child_id=world.child_conference.pk, conference_id=conference.pk)
    client = client_for("conference_support")
    data = {
        "attendee_1_agency": "police",
        "attendee_1_name": "DC Khan",
        "attendee_1_status": "attended",
        "attendee_2_agency": "gp",
        "attendee_2_name": "Dr Amis",
        "attendee_2_status": "apologies",
    }
    response = client.post(page, data, follow=True)
    assert response.redirect_chain[-1][0] == QUEUE
    assert "Not quorate: no one attended from Health: GP" in response.content.decode()
    assert ConferenceAttendance.objects.filter(conference=conference).count() == 2


def test_attendance_errors_and_refusal(world, client_for, chair):
    conference = booked_conference(world.child_conference, chair, in_days=-3)
    page = url("record_attendance", child_id=world.child_conference.pk, conference_id=conference.pk)
    client = client_for("conference_support")
    response = client.post(page, {})
    assert_error_summary(
        response, "Enter at least one person&#x27;s attendance", "id_attendee_1_agency"
    )
    data = {"attendee_1_agency": "police", "attendee_1_name": "DC Khan"}
    assert_error_summary(
        client.post(page, data), "Enter person 1 attendance", "id_attendee_1_status"
    )
    assert client_for("cp_chair_iro").get(page).status_code == 403


def _outcome_data(conference, **extra):
    data = {
        "version": str(conference.version),
        **date_parts("held_on", conference.scheduled_for),
        "quorate": "yes",
        "outcome": "plan",
        "category": "NEG",
        "advocacy_offered": "yes",
        "advocacy_accepted": "no",
        "visit_frequency_weeks": "2",
    }
    data.update(extra)
    return data


def test_conference_outcome_starts_the_plan(world, client_for, chair):
    conference = booked_conference(world.child_conference, chair, in_days=-3)
    page = url(
        "record_conference_outcome",
        child_id=world.child_conference.pk,
        conference_id=conference.pk,
    )
    response = client_for("cp_chair_iro").post(page, _outcome_data(conference))
    assert response.status_code == 302 and response.url == reverse("protection:chair_home")
    plan = CPPlan.objects.get(initial_conference=conference)
    assert (plan.start_date, plan.initial_category, plan.visit_frequency_weeks) == (
        conference.scheduled_for,
        "NEG",
        2,
    )


def test_conference_outcome_errors_refusal_and_stale_edit(world, client_for, chair):
    conference = booked_conference(world.child_conference, chair, in_days=-3)
    page = url(
        "record_conference_outcome",
        child_id=world.child_conference.pk,
        conference_id=conference.pk,
    )
    client = client_for("cp_chair_iro")
    response = client.post(page, {"version": str(conference.version)})
    assert_error_summary(response, "Enter the date the conference was held", "id_held_on_0")
    # The service: a plan needs a category of abuse.
    response = client.post(page, _outcome_data(conference, category=""))
    assert_error_summary(response, "category", "id_category")
    assert client_for("conference_support").post(page, _outcome_data(conference)).status_code == 403
    data = _outcome_data(conference, category="PHY")
    bump(conference)
    response = client.post(page, data)
    assert_stale(response, 'value="PHY" selected')
    assert not CPPlan.objects.filter(initial_conference=conference).exists()


def test_minutes_sent(world, client_for, chair):
    conference = held_conference(world.child_conference, chair, days=5)
    page = url(
        "record_minutes_sent", child_id=world.child_conference.pk, conference_id=conference.pk
    )
    client = client_for("conference_support")
    data = {"version": str(conference.version), **date_parts("minutes_sent_on", days_ago(1))}
    response = client.post(page, data)
    assert response.status_code == 302 and response.url == QUEUE
    conference.refresh_from_db()
    assert conference.minutes_sent_on == days_ago(1)


def test_minutes_errors_refusal_and_stale_edit(world, client_for, chair):
    conference = held_conference(world.child_conference, chair, days=5)
    page = url(
        "record_minutes_sent", child_id=world.child_conference.pk, conference_id=conference.pk
    )
    client = client_for("conference_support")
    response = client.post(page, {"version": str(conference.version)})
    assert_error_summary(
        response, "Enter the date the minutes were sent to the family", "id_minutes_sent_on_0"
    )
    early = {"version": str(conference.version), **date_parts("minutes_sent_on", days_ago(30))}
    assert_error_summary(client.post(page, early), "conference date", "id_minutes_sent_on_0")
    assert client_for("social_worker").post(page, early).status_code == 403
    data = {"version": str(conference.version), **date_parts("minutes_sent_on", days_ago(2))}
    bump(conference)
    assert_stale(client.post(page, data), f'value="{days_ago(2).day}"')


def test_cancel_conference(world, client_for, chair):
    conference = booked_conference(world.child_conference, chair, in_days=10)
    page = url("cancel_conference", child_id=world.child_conference.pk, conference_id=conference.pk)
    data = {
        "version": str(conference.version),
        **date_parts("cancelled_on", clock.today()),
        "cancellation_reason": "Family moved away.",
    }
    response = client_for("conference_support").post(page, data)
    assert response.status_code == 302 and response.url == QUEUE
    conference.refresh_from_db()
    assert conference.cancelled_on == clock.today()


def test_cancel_conference_errors_refusal_and_stale_edit(world, client_for, chair):
    conference = booked_conference(world.child_conference, chair, in_days=10)
    page = url("cancel_conference", child_id=world.child_conference.pk, conference_id=conference.pk)
    client = client_for("conference_support")
    response = client.post(page, {"version": str(conference.version)})
    assert_error_summary(response, "Enter the date cancelled", "id_cancelled_on_0")
    data = {
        "version": str(conference.version),
        **date_parts("cancelled_on", days_ago(-2)),
        "cancellation_reason": "Family moved away.",
    }
    assert_error_summary(client.post(page, data), "future", "id_cancelled_on_0")
    assert client_for("social_worker").post(page, data).status_code == 403
    data.update(date_parts("cancelled_on", clock.today()))
    bump(conference)
    assert_stale(client.post(page, data), "Family moved away.")
