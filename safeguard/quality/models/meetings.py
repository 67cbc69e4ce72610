"""Practice meetings: the mandatory QA meeting (monthly) and the Diagonal Slice (quarterly).

Quality assurance schedules a meeting, invites staff (a team at a time or one by one),
records the apologies that arrive and, after the meeting, who attended. Apologies are
**timely** when received at least ``APOLOGY_NOTICE_WORKING_DAYS`` working days before the
meeting (a local rule): the QA meeting measure (OBA2-08) leaves timely apologies out of
its denominator; late apologies count as not attending.
"""

from __future__ import annotations

from django.db import models

from safeguard.core.models import BaseModel

__all__ = [
    "APOLOGY_NOTICE_WORKING_DAYS",
    "Invitation",
    "MeetingKind",
    "PracticeMeeting",
    "Response",
]

#: Local rule: apologies are timely when received this many working days before the day.
APOLOGY_NOTICE_WORKING_DAYS = 1


class MeetingKind(models.TextChoices):
    QA_MEETING = "qa_meeting", "Quality assurance meeting"
    DIAGONAL_SLICE = "diagonal_slice", "Diagonal Slice"


class Response(models.TextChoices):
    NONE = "", "No response yet"
    ATTENDED = "attended", "Attended"
    APOLOGIES = "apologies", "Apologies sent in time"
    LATE_APOLOGIES = "late_apologies", "Late apologies"
    DID_NOT_ATTEND = "did_not_attend", "Did not attend"


class PracticeMeeting(BaseModel):
    kind = models.CharField(max_length=20, choices=MeetingKind.choices)
    held_on = models.DateField("date of the meeting")
    title = models.CharField("title or theme", max_length=160)
    organiser = models.ForeignKey(
        "workforce.Worker",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practice_meetings_organised",
    )
    attendance_recorded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("-held_on", "kind")
        indexes = [models.Index(fields=["kind", "held_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%d/%m/%Y}: {self.title}"


class Invitation(BaseModel):
    """One member of staff invited to one meeting, and how they responded."""

    meeting = models.ForeignKey(
        PracticeMeeting, on_delete=models.CASCADE, related_name="invitations"
    )
    worker = models.ForeignKey(
        "workforce.Worker", on_delete=models.PROTECT, related_name="meeting_invitations"
    )
    invited_on = models.DateField()
    apologies_on = models.DateField(null=True, blank=True)
    response = models.CharField(max_length=20, choices=Response.choices, blank=True)

    class Meta:
        ordering = ("meeting", "worker__last_name", "worker__first_name")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "worker"], name="quality_invite_once"),
        ]

    def __str__(self) -> str:
        return f"{self.worker} to {self.meeting}"
