"""Reads for practice meetings: the list, one meeting with its invitations, who may be
invited, each meeting's attendance and the quarterly attendance report.

The two attendance rates are computed here once, for the pages, the report and (in the
same way) the measures: the Diagonal Slice (OBA2-07) is attended / invited; the QA meeting
(OBA2-08) is attended / (invited less those who sent timely apologies).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from django.db import models

from safeguard.core import calendar
from safeguard.core.quarters import FinancialQuarter
from safeguard.quality.models import (
    APOLOGY_NOTICE_WORKING_DAYS,
    Invitation,
    MeetingKind,
    PracticeMeeting,
    Response,
)
from safeguard.workforce.models import Team, Worker
from safeguard.workforce.selectors import workers_in_post


def apologies_deadline(held_on: dt.date) -> dt.date:
    """The last day apologies count as timely (the local rule: working days' notice)."""
    return calendar.add_working_days(held_on, -APOLOGY_NOTICE_WORKING_DAYS)


def is_timely(apologies_on: dt.date, held_on: dt.date) -> bool:
    return apologies_on <= apologies_deadline(held_on)


def meetings() -> models.QuerySet[PracticeMeeting]:
    """Every meeting, newest first, with its invitation and attendance counts."""
    return (
        PracticeMeeting.objects.select_related("organiser")
        .annotate(
            invited=models.Count("invitations"),
            attended=models.Count(
                "invitations", filter=models.Q(invitations__response=Response.ATTENDED)
            ),
        )
        .order_by("-held_on", "kind")
    )


def meeting(meeting_id: uuid.UUID | str) -> PracticeMeeting | None:
    return PracticeMeeting.objects.select_related("organiser").filter(pk=meeting_id).first()


def invitations(meeting: PracticeMeeting) -> models.QuerySet[Invitation]:
    return meeting.invitations.select_related("worker__team").order_by(
        "worker__last_name", "worker__first_name"
    )


def invitable(meeting: PracticeMeeting) -> models.QuerySet[Worker]:
    """Staff in post on the meeting's day, not yet invited."""
    return (
        workers_in_post(on=meeting.held_on)
        .exclude(meeting_invitations__meeting=meeting)
        .order_by("last_name", "first_name")
    )


def teams_open(on: dt.date) -> models.QuerySet[Team]:
    return Team.objects.filter(models.Q(closed_on__isnull=True) | models.Q(closed_on__gte=on))


@dataclass
class Attendance:
    """How the invitees of one meeting (or several) responded."""

    invited: int = 0
    attended: int = 0
    apologies: int = 0
    late_apologies: int = 0
    did_not_attend: int = 0
    no_response: int = 0

    def add(self, response: str) -> None:
        self.invited += 1
        names: dict[str, str] = {
            Response.ATTENDED: "attended",
            Response.APOLOGIES: "apologies",
            Response.LATE_APOLOGIES: "late_apologies",
            Response.DID_NOT_ATTEND: "did_not_attend",
        }
        name = names.get(response, "no_response")
        setattr(self, name, getattr(self, name) + 1)

    def merge(self, other: Attendance) -> None:
        for name in ("invited", "attended", "apologies", "late_apologies", "did_not_attend"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.no_response += other.no_response

    def denominator(self, kind: str) -> int:
        """Both kinds (seed 003, OBA2-07 and OBA2-08): those invited, less those who sent
        timely apologies. ``kind`` is kept so a local rule can differ by meeting."""
        return self.invited - self.apologies

    def rate(self, kind: str) -> float | None:
        base = self.denominator(kind)
        return 100.0 * self.attended / base if base else None


def attendance(meeting: PracticeMeeting) -> Attendance:
    found = Attendance()
    for response in meeting.invitations.values_list("response", flat=True):
        found.add(response)
    return found


@dataclass
class MeetingRow:
    meeting: PracticeMeeting
    attendance: Attendance

    @property
    def rate(self) -> float | None:
        return self.attendance.rate(self.meeting.kind)


@dataclass
class KindTotals:
    kind: str
    label: str
    target: float
    meetings: int = 0
    attendance: Attendance = field(default_factory=Attendance)

    @property
    def rate(self) -> float | None:
        return self.attendance.rate(self.kind)


#: The chair's targets (seed 003: OBA2-07 90%, OBA2-08 75%).
TARGETS: dict[str, float] = {MeetingKind.DIAGONAL_SLICE: 90.0, MeetingKind.QA_MEETING: 75.0}


@dataclass
class AttendanceReport:
    quarter: FinancialQuarter
    rows: list[MeetingRow]
    totals: list[KindTotals]
    awaiting: int  # meetings in the quarter whose attendance is not recorded yet


def quarterly_report(quarter: FinancialQuarter) -> AttendanceReport:
    """Meetings held in the quarter whose attendance is recorded, and totals by kind."""
    held = list(
        PracticeMeeting.objects.filter(held_on__range=(quarter.start, quarter.end))
        .select_related("organiser")
        .order_by("held_on", "kind")
    )
    recorded = [m for m in held if m.attendance_recorded_on is not None]
    by_meeting: dict[object, Attendance] = {m.pk: Attendance() for m in recorded}
    for meeting_id, response in Invitation.objects.filter(meeting__in=recorded).values_list(
        "meeting_id", "response"
    ):
        by_meeting[meeting_id].add(response)
    rows = [MeetingRow(m, by_meeting[m.pk]) for m in recorded]
    totals = [KindTotals(str(k), str(label), TARGETS[k]) for k, label in MeetingKind.choices]
    for row in rows:
        total = next(t for t in totals if t.kind == row.meeting.kind)
        total.meetings += 1
        total.attendance.merge(row.attendance)
    return AttendanceReport(quarter, rows, totals, awaiting=len(held) - len(recorded))


def quarters_with_meetings() -> list[FinancialQuarter]:
    days = PracticeMeeting.objects.dates("held_on", "month", order="DESC")
    seen: list[FinancialQuarter] = []
    for day in days:
        quarter = FinancialQuarter.containing(day)
        if quarter not in seen:
            seen.append(quarter)
    return seen
