"""Writes for practice meetings: schedule, invite (a team or people), record apologies,
record attendance after the meeting.

Apologies are classed when recorded, by the local rule (``APOLOGY_NOTICE_WORKING_DAYS``
working days' notice): timely apologies leave the QA meeting's denominator (OBA2-08),
late ones count as not attending. Attendance is recorded on or after the day; anyone
invited who did not attend and sent no apologies did not attend. Staff names only (no
child), so these writes are audited as records of the meeting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction

from safeguard.audit.models import AuditAction
from safeguard.audit.services import record_event
from safeguard.core import clock
from safeguard.core import validation as v
from safeguard.quality.models import Invitation, MeetingKind, PracticeMeeting, Response
from safeguard.quality.selectors.meetings import is_timely
from safeguard.workforce.models import Team, Worker
from safeguard.workforce.selectors import workers_in_post


def _day(day: dt.date) -> str:
    return day.strftime("%-d %B %Y")


@transaction.atomic
def schedule_meeting(
    *, kind: str, held_on: dt.date, title: str, organiser: Worker | None = None
) -> PracticeMeeting:
    """A QA meeting or Diagonal Slice on a day, with its title or theme."""
    if kind not in MeetingKind.values:
        raise v.fail("kind", "Select the kind of meeting.")
    if not title.strip():
        raise v.fail("title", "Enter the title or theme of the meeting.")
    meeting = PracticeMeeting.objects.create(
        kind=kind, held_on=held_on, title=title.strip(), organiser=organiser
    )
    record_event(
        action=AuditAction.CREATE, obj=meeting, summary=f"Practice meeting scheduled: {meeting}"
    )
    return meeting


@transaction.atomic
def invite(
    *,
    meeting: PracticeMeeting,
    workers: Sequence[Worker] = (),
    team: Team | None = None,
    invited_on: dt.date | None = None,
) -> list[Invitation]:
    """Invite people, or everyone in post in a team on the meeting's day (those already
    invited are skipped). Not once attendance is recorded."""
    if meeting.attendance_recorded_on is not None:
        raise v.fail("workers", "Attendance is recorded: no one more can be invited.")
    people = list(workers)
    if team is not None:
        people += list(workers_in_post(team=team, on=meeting.held_on))
    if not people:
        raise v.fail("workers", "Select a team or the people to invite.")
    for worker in people:
        if worker.started_on > meeting.held_on or (
            worker.left_on is not None and worker.left_on < meeting.held_on
        ):
            raise v.fail("workers", f"{worker} is not in post on {_day(meeting.held_on)}.")
    already = set(meeting.invitations.values_list("worker_id", flat=True))
    day = invited_on or clock.today()
    made = []
    for worker in people:
        if worker.pk in already:
            continue
        already.add(worker.pk)
        made.append(Invitation(meeting=meeting, worker=worker, invited_on=day))
    Invitation.objects.bulk_create(made)
    record_event(
        action=AuditAction.CREATE,
        model_label=Invitation._meta.label,
        object_id=str(meeting.pk),
        row_count=len(made),
        summary=f"{len(made)} invited to {meeting}",
    )
    return made


@transaction.atomic
def record_apologies(*, invitation: Invitation, received_on: dt.date) -> Invitation:
    """Apologies received on a day (not in the future, not after the meeting): timely or
    late by the local rule."""
    meeting = invitation.meeting
    v.not_in_future(received_on, field="received_on", label="Date the apologies were received")
    if received_on > meeting.held_on:
        raise v.fail(
            "received_on",
            f"Apologies after the meeting ({_day(meeting.held_on)}) are not apologies: "
            "record attendance instead.",
        )
    invitation.apologies_on = received_on
    invitation.response = (
        Response.APOLOGIES if is_timely(received_on, meeting.held_on) else Response.LATE_APOLOGIES
    )
    invitation.save(update_fields=["apologies_on", "response", "updated_at", "version"])
    record_event(
        action=AuditAction.CHANGE,
        obj=invitation,
        summary=f"Apologies from {invitation.worker.staff_id}: {invitation.get_response_display()}",
    )
    return invitation


@transaction.atomic
def record_attendance(
    *, meeting: PracticeMeeting, attended: Sequence[Invitation], recorded_on: dt.date | None = None
) -> PracticeMeeting:
    """Who attended (on or after the meeting's day). Everyone else invited keeps their
    apologies, or did not attend. Recording again corrects it."""
    day = recorded_on or clock.today()
    if meeting.held_on > day:
        raise v.fail(
            "attended", f"The meeting is on {_day(meeting.held_on)}: record attendance after it."
        )
    present = {i.pk for i in attended}
    invitations = list(meeting.invitations.all())
    if not present <= {i.pk for i in invitations}:
        raise v.fail("attended", "Only people invited to this meeting can attend it.")
    for invitation in invitations:
        if invitation.pk in present:
            invitation.response = Response.ATTENDED
        elif invitation.apologies_on is not None:
            timely = is_timely(invitation.apologies_on, meeting.held_on)
            invitation.response = Response.APOLOGIES if timely else Response.LATE_APOLOGIES
        else:
            invitation.response = Response.DID_NOT_ATTEND
    Invitation.objects.bulk_update(invitations, ["response"])
    meeting.attendance_recorded_on = day
    meeting.save(update_fields=["attendance_recorded_on", "updated_at", "version"])
    record_event(
        action=AuditAction.CHANGE,
        obj=meeting,
        row_count=len(invitations),
        summary=f"Attendance recorded: {len(present)} of {len(invitations)} attended {meeting}",
    )
    return meeting
