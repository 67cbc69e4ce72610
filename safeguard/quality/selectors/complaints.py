"""Reads for complaints and compliments: the register, each complaint's status and its
chain of stages, and what is due a response."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from safeguard.quality.models import Complaint, ComplaintOutcome, ComplaintStage, Compliment

STATUSES = {
    "open": "Awaiting a response",
    "overdue": "Overdue",
    "answered": "Answered",
}


@dataclass(frozen=True)
class Status:
    label: str
    tag: str  # GOV.UK tag colour class


def complaints() -> QuerySet[Complaint]:
    return Complaint.objects.select_related("child", "team", "previous")


def register(
    *, today: dt.date, status: str = "", kind: str = "", stage: str = ""
) -> QuerySet[Complaint]:
    """The complaints register, newest first, filtered."""
    qs = complaints()
    if status == "open":
        qs = qs.filter(responded_on__isnull=True)
    elif status == "overdue":
        qs = overdue(today)
    elif status == "answered":
        qs = qs.filter(responded_on__isnull=False)
    if kind:
        qs = qs.filter(kind=kind)
    if stage:
        qs = qs.filter(stage=stage)
    return qs.order_by("-received_on", "-reference")


def awaiting_response() -> QuerySet[Complaint]:
    """Stages not answered yet that the authority answers (not at the Ombudsman)."""
    return complaints().filter(responded_on__isnull=True).exclude(stage=ComplaintStage.OMBUDSMAN)


def overdue(today: dt.date) -> QuerySet[Complaint]:
    return awaiting_response().filter(response_due_on__lt=today)


def status(complaint: Complaint, today: dt.date) -> Status:
    if complaint.responded_on is not None:
        if complaint.outcome == ComplaintOutcome.WITHDRAWN:
            return Status("Withdrawn", "govuk-tag--grey")
        if complaint.within_timescale is False:
            return Status("Answered late", "govuk-tag--orange")
        return Status("Answered", "govuk-tag--green")
    if complaint.stage == ComplaintStage.OMBUDSMAN:
        return Status("With the Ombudsman", "govuk-tag--purple")
    if complaint.response_due_on is not None and complaint.response_due_on < today:
        return Status("Overdue", "govuk-tag--red")
    return Status("Awaiting a response", "govuk-tag--blue")


def chain(complaint: Complaint) -> list[Complaint]:
    """Every stage of the complaint this record belongs to, first stage first."""
    first = complaint
    while first.previous_id is not None:
        first = complaints().get(pk=first.previous_id)
    out = [first]
    while (later := complaints().filter(previous=out[-1]).first()) is not None:
        out.append(later)
    return out


def escalation_of(complaint: Complaint) -> Complaint | None:
    return complaints().filter(previous=complaint).first()


def compliments(*, team_id: str = "") -> QuerySet[Compliment]:
    qs = Compliment.objects.select_related("team", "worker")
    if team_id:
        qs = qs.filter(Q(team_id=team_id) | Q(worker__team_id=team_id))
    return qs.order_by("-received_on", "-created_at")
