"""Reads for the LADO's cases: the filtered list, one case, what needs doing, timescales."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db import models

from safeguard.core.timescales import Due, compute_due
from safeguard.partnership.models import Allegation, AllegationChild, AllegationMeeting, Stage
from safeguard.workforce.models import Worker, WorkerRole

OPEN, CLOSED = "open", "closed"


@dataclass(frozen=True)
class CaseFilters:
    """What the LADO list is narrowed to (empty: everything)."""

    text: str = ""
    status: str = ""
    stage: str = ""
    subject_role: str = ""
    source_agency: str = ""
    outcome: str = ""
    officer_id: uuid.UUID | None = None
    informed_from: dt.date | None = None
    informed_to: dt.date | None = None


def cases(filters: CaseFilters | None = None) -> models.QuerySet[Allegation]:
    """Allegations, newest contact first, narrowed by ``filters``."""
    f = filters or CaseFilters()
    found = Allegation.objects.select_related("officer").annotate(
        named_children=models.Count("children", distinct=True)
    )
    if f.text.strip():
        text = f.text.strip()
        found = found.filter(
            models.Q(reference__icontains=text)
            | models.Q(subject_name__icontains=text)
            | models.Q(subject_employer__icontains=text)
        )
    if f.status == OPEN:
        found = found.filter(closed_on__isnull=True)
    elif f.status == CLOSED:
        found = found.filter(closed_on__isnull=False)
    for field in ("stage", "subject_role", "source_agency", "outcome"):
        value = getattr(f, field)
        if value:
            found = found.filter(**{field: value})
    if f.officer_id is not None:
        found = found.filter(officer_id=f.officer_id)
    if f.informed_from is not None:
        found = found.filter(lado_informed_on__gte=f.informed_from)
    if f.informed_to is not None:
        found = found.filter(lado_informed_on__lte=f.informed_to)
    return found.order_by("-lado_informed_on", "-reference")


def case(allegation_id: uuid.UUID | str) -> Allegation | None:
    return (
        Allegation.objects.select_related("officer", "subject_person")
        .filter(pk=allegation_id)
        .first()
    )


def named_children(allegation: Allegation) -> models.QuerySet[AllegationChild]:
    return AllegationChild.objects.filter(allegation=allegation).select_related("child")


def meetings(allegation: Allegation) -> models.QuerySet[AllegationMeeting]:
    return AllegationMeeting.objects.filter(allegation=allegation).order_by("held_on", "created_at")


def lado_officers(on: dt.date | None = None) -> models.QuerySet[Worker]:
    """Designated officers (in post on ``on`` when given), for the officer choice."""
    found = Worker.objects.filter(role=WorkerRole.LADO)
    if on is not None:
        found = found.filter(started_on__lte=on).filter(
            models.Q(left_on__isnull=True) | models.Q(left_on__gte=on)
        )
    return found.order_by("last_name", "first_name")


def lado_informed_due(allegation: Allegation) -> Due | None:
    """When the LADO should have been told: 1 working day after the employer knew
    (registry ``lado_informed``); None when that date is not known."""
    if allegation.reported_to_employer_on is None:
        return None
    return compute_due("lado_informed", allegation.reported_to_employer_on)


def informed_on_time(allegation: Allegation) -> bool | None:
    due = lado_informed_due(allegation)
    return None if due is None else due.is_met_by(allegation.lado_informed_on)


@dataclass(frozen=True)
class NextStep:
    """What an open case is waiting for, for the LADO's work list."""

    key: str
    label: str


AWAITING_DECISION = NextStep("decision", "Contact: decide whether it is a referral or close it")
AWAITING_MEETING = NextStep("meeting", "Referral: hold the strategy meeting")
AWAITING_OUTCOME = NextStep("outcome", "Referral: record the outcome")
AWAITING_DBS = NextStep("dbs", "Referral: decide on a DBS referral")
READY_TO_CLOSE = NextStep("close", "Referral: close the case")
NEXT_STEPS = (AWAITING_DECISION, AWAITING_MEETING, AWAITING_OUTCOME, AWAITING_DBS, READY_TO_CLOSE)


def next_step(allegation: Allegation, *, has_meeting: bool) -> NextStep | None:
    if allegation.closed_on is not None:
        return None
    if allegation.stage == Stage.CONTACT:
        return AWAITING_DECISION
    if not allegation.outcome:
        return AWAITING_OUTCOME if has_meeting else AWAITING_MEETING
    if allegation.dbs_referral is None:
        return AWAITING_DBS
    return READY_TO_CLOSE


def work_list() -> list[tuple[NextStep, int, list[Allegation]]]:
    """Open cases by what they wait for, oldest contact first (the LADO's work list):
    each step with how many cases and the oldest few."""
    open_cases = list(
        Allegation.objects.filter(closed_on__isnull=True)
        .annotate(meeting_count=models.Count("meetings"))
        .order_by("lado_informed_on", "reference")
    )
    grouped: dict[str, list[Allegation]] = {step.key: [] for step in NEXT_STEPS}
    for allegation in open_cases:
        step = next_step(allegation, has_meeting=allegation.meeting_count > 0)
        if step is not None:
            grouped[step.key].append(allegation)
    return [(step, len(grouped[step.key]), grouped[step.key][:5]) for step in NEXT_STEPS]
