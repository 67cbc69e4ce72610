"""Reads for child death reviews: the filtered list, one record, what it waits for, and
the coroner's and registrar's timescales."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import models

from safeguard.core.quarters import financial_year_of
from safeguard.core.timescales import Due, compute_due
from safeguard.partnership.models import ChildDeath, Expectation, ModifiableFactor

OPEN, REVIEWED = "open", "reviewed"


@dataclass(frozen=True)
class DeathFilters:
    """What the list is narrowed to (empty: everything)."""

    text: str = ""
    status: str = ""
    resident_area: str = ""
    expectation: str = ""
    age_band: str = ""


def deaths(filters: DeathFilters | None = None) -> models.QuerySet[ChildDeath]:
    """Child deaths, newest notification first, narrowed by ``filters``."""
    f = filters or DeathFilters()
    found = ChildDeath.objects.all()
    text = f.text.strip()
    if text:
        found = found.filter(
            models.Q(reference__icontains=text)
            | models.Q(first_name__icontains=text)
            | models.Q(last_name__icontains=text)
        )
    if f.status == OPEN:
        found = found.filter(reviewed_on__isnull=True)
    elif f.status == REVIEWED:
        found = found.filter(reviewed_on__isnull=False)
    for field in ("resident_area", "expectation", "age_band"):
        value = getattr(f, field)
        if value:
            found = found.filter(**{field: value})
    return found.order_by("-notified_on", "-reference")


def death(death_id: uuid.UUID | str) -> ChildDeath | None:
    return ChildDeath.objects.select_related("person").filter(pk=death_id).first()


def factors_of(death: ChildDeath) -> list[ModifiableFactor]:
    return list(death.factors.order_by("order", "label"))


def offered_factors() -> models.QuerySet[ModifiableFactor]:
    """The maintained list, as the panel chooses from it."""
    return ModifiableFactor.objects.filter(active=True).order_by("order", "label")


def coroner_notice_due(death: ChildDeath) -> Due | None:
    """3 working days after the coroner's decision (registry ``coroner_notice``)."""
    if death.coroner_decision_on is None:
        return None
    return compute_due("coroner_notice", death.coroner_decision_on)


def coroner_notice_on_time(death: ChildDeath) -> bool | None:
    due = coroner_notice_due(death)
    if due is None or death.coroner_notice_on is None:
        return None
    return due.is_met_by(death.coroner_notice_on)


def registrar_particulars_due(death: ChildDeath) -> Due | None:
    """7 days after registration (registry ``registrar_particulars``)."""
    if death.registered_on is None:
        return None
    return compute_due("registrar_particulars", death.registered_on)


def registrar_particulars_on_time(death: ChildDeath) -> bool | None:
    due = registrar_particulars_due(death)
    if due is None or death.registrar_particulars_on is None:
        return None
    return due.is_met_by(death.registrar_particulars_on)


@dataclass(frozen=True)
class NextStep:
    """What an open record waits for, for the business unit's work list."""

    key: str
    label: str


AWAITING_JAR = NextStep("jar", "Unexpected death: record the Joint Agency Response")
AWAITING_MEETING = NextStep("meeting", "Hold the child death review meeting")
AWAITING_PANEL_DATE = NextStep("panel_date", "Review meeting held: set the panel date")
AWAITING_PANEL = NextStep("panel", "Panel date set: record the panel's review")
NEXT_STEPS = (AWAITING_JAR, AWAITING_MEETING, AWAITING_PANEL_DATE, AWAITING_PANEL)


def next_step(death: ChildDeath) -> NextStep | None:
    if death.reviewed_on is not None:
        return None
    if death.expectation == Expectation.UNEXPECTED and death.jar_started_on is None:
        return AWAITING_JAR
    if not death.review_meeting_held:
        return AWAITING_MEETING
    if death.panel_on is None:
        return AWAITING_PANEL_DATE
    return AWAITING_PANEL


def work_list() -> list[tuple[NextStep, int, list[ChildDeath]]]:
    """Open records by what they wait for, oldest notification first: each step with
    how many and the oldest few."""
    grouped: dict[str, list[ChildDeath]] = {step.key: [] for step in NEXT_STEPS}
    for item in ChildDeath.objects.filter(reviewed_on__isnull=True).order_by(
        "notified_on", "reference"
    ):
        step = next_step(item)
        if step is not None:
            grouped[step.key].append(item)
    return [(step, len(grouped[step.key]), grouped[step.key][:5]) for step in NEXT_STEPS]


def notified_years() -> list[int]:
    """Financial years (by the year they start) from the first notification to the
    latest, newest first."""
    span = ChildDeath.objects.aggregate(
        first=models.Min("notified_on"), last=models.Max("notified_on")
    )
    if span["first"] is None:
        return []
    first, last = financial_year_of(span["first"]), financial_year_of(span["last"])
    return list(range(last, first - 1, -1))
