"""A conference's records: invitations and agency reports, attendance, minutes sent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from safeguard.cin import rules
from safeguard.core import clock
from safeguard.core import validation as v
from safeguard.protection.models import (
    Agency,
    AttendanceStatus,
    Conference,
    ConferenceAttendance,
    ConferenceInvitation,
)
from safeguard.protection.services.common import _check_not_cancelled, check_version


@dataclass(frozen=True)
class InvitationInput:
    agency: str
    invitee: str
    invited_on: dt.date
    report_requested: bool = False
    report_received_on: dt.date | None = None


@dataclass(frozen=True)
class AttendanceInput:
    agency: str
    name: str
    status: str


@transaction.atomic
def record_conference_invitations(
    *, conference: Conference, invitations: Sequence[InvitationInput]
) -> list[ConferenceInvitation]:
    """Record who was invited, when, and the agency reports asked for and received.

    Invitations are sent on or before the conference date; a report is received only if
    requested, and not before the invitation. One invitation per invitee and agency.
    """
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    _check_not_cancelled(conference)
    if not invitations:
        raise v.fail("invitations", "Record at least one invitation.")
    conference_date = conference.held_on or conference.scheduled_for
    seen = set(
        ConferenceInvitation.objects.filter(conference=conference).values_list("agency", "invitee")
    )
    for item in invitations:
        rules.valid_choice(item.agency, Agency, field="invitations", label="Agency")
        if not item.invitee.strip():
            raise v.fail("invitations", "Each invitation needs the invitee's name.")
        key = (item.agency, item.invitee)
        if key in seen:
            raise v.fail(
                "invitations",
                f"{item.invitee} ({Agency(item.agency).label}) is already invited to this "
                "conference.",
            )
        seen.add(key)
        v.require(item.invited_on, field="invitations", label="Invitation date")
        v.not_in_future(item.invited_on, field="invitations", label="Invitation date")
        rules.not_after(
            item.invited_on,
            conference_date,
            field="invitations",
            label="Invitation date",
            latest_label="the conference date",
        )
        if item.report_received_on is not None:
            if not item.report_requested:
                raise v.fail(
                    "invitations",
                    f"A report from {item.invitee} is recorded as received but was not requested.",
                )
            _check_report_date(item.report_received_on, item.invited_on)
    return ConferenceInvitation.objects.bulk_create(
        ConferenceInvitation(
            conference=conference,
            agency=item.agency,
            invitee=item.invitee,
            invited_on=item.invited_on,
            report_requested=item.report_requested,
            report_received_on=item.report_received_on,
        )
        for item in invitations
    )


@transaction.atomic
def record_conference_report_received(
    *, invitation: ConferenceInvitation, received_on: dt.date, expected_version: int | None = None
) -> ConferenceInvitation:
    """Record that a requested agency report arrived."""
    invitation = ConferenceInvitation.objects.select_for_update().get(pk=invitation.pk)
    check_version(invitation, expected_version)
    if not invitation.report_requested:
        raise v.fail("report_received_on", f"No report was requested from {invitation.invitee}.")
    if invitation.report_received_on is not None:
        raise v.fail(
            "report_received_on",
            f"The report from {invitation.invitee} was already received on "
            f"{invitation.report_received_on:%d/%m/%Y}.",
        )
    _check_report_date(received_on, invitation.invited_on, field="report_received_on")
    invitation.report_received_on = received_on
    invitation.save()
    return invitation


def _check_report_date(
    received_on: dt.date, invited_on: dt.date, *, field: str = "invitations"
) -> None:
    v.not_in_future(received_on, field=field, label="Report received date")
    v.not_before(
        received_on,
        invited_on,
        field=field,
        label="Report received date",
        earliest_label="the invitation date",
    )


@transaction.atomic
def record_conference_attendance(
    *, conference: Conference, attendance: Sequence[AttendanceInput]
) -> list[ConferenceAttendance]:
    """Record who attended, sent apologies or did not attend, by agency."""
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    _check_not_cancelled(conference)
    conference_date = conference.held_on or conference.scheduled_for
    if conference_date > clock.today():
        raise v.fail(
            "attendance",
            f"The conference on {conference_date:%d/%m/%Y} has not taken place yet.",
        )
    if not attendance:
        raise v.fail("attendance", "Record at least one person's attendance.")
    seen = set(
        ConferenceAttendance.objects.filter(conference=conference).values_list("agency", "name")
    )
    for item in attendance:
        rules.valid_choice(item.agency, Agency, field="attendance", label="Agency")
        rules.valid_choice(item.status, AttendanceStatus, field="attendance", label="Attendance")
        if not item.name.strip():
            raise v.fail("attendance", "Each attendance row needs the person's name.")
        if (item.agency, item.name) in seen:
            raise v.fail(
                "attendance",
                f"Attendance for {item.name} ({Agency(item.agency).label}) is already recorded.",
            )
        seen.add((item.agency, item.name))
    return ConferenceAttendance.objects.bulk_create(
        ConferenceAttendance(
            conference=conference, agency=item.agency, name=item.name, status=item.status
        )
        for item in attendance
    )


@transaction.atomic
def record_conference_minutes_sent(
    *, conference: Conference, sent_on: dt.date, expected_version: int | None = None
) -> Conference:
    """Record when the minutes went to the family (by secure email)."""
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    check_version(conference, expected_version)
    if conference.held_on is None:
        raise v.fail("minutes_sent_on", "Minutes are sent after the conference is held.")
    if conference.minutes_sent_on is not None:
        raise v.fail(
            "minutes_sent_on",
            f"The minutes were already sent on {conference.minutes_sent_on:%d/%m/%Y}.",
        )
    v.require(sent_on, field="minutes_sent_on", label="Minutes sent date")
    v.not_in_future(sent_on, field="minutes_sent_on", label="Minutes sent date")
    v.not_before(
        sent_on,
        conference.held_on,
        field="minutes_sent_on",
        label="Minutes sent date",
        earliest_label="the conference date",
    )
    conference.minutes_sent_on = sent_on
    conference.save()
    return conference
