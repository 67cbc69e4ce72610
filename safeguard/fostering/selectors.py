"""Reads for fostering: the team's lists, review due dates and the sufficiency report."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field

from django.db.models import QuerySet

from safeguard.core.calendar import add_months
from safeguard.core.timescales.compute import compute_due
from safeguard.fostering.models import (
    ApprovalType,
    EnquiryOutcome,
    FosterHousehold,
    FosteringAssessment,
    FosteringEnquiry,
)

#: The conversion compares approvals with the enquiries of this many months before (seed
#: 003 OBA2-28; ``safeguard.performance.measures.fostering.LAG_MONTHS`` is the same).
CONVERSION_LAG_MONTHS = 6

STAGES = ("open", "stage_1", "stage_2", "awaiting_decision", "approved", "closed")
STAGE_LABELS = {
    "open": "Enquiries (not yet assessed)",
    "stage_1": "Assessment stage 1",
    "stage_2": "Assessment stage 2",
    "awaiting_decision": "Heard at panel, awaiting the decision",
    "approved": "Approved",
    "closed": "Closed without approval",
}


def enquiries_at_stage(stage: str) -> QuerySet[FosteringEnquiry]:
    """Enquiries at one stage of the journey (an unknown stage lists nothing)."""
    qs = FosteringEnquiry.objects.select_related("assessment", "assessment__assessing_worker")
    live = {"assessment__decided_on__isnull": True, "assessment__ended_on__isnull": True}
    filters: dict[str, dict[str, object]] = {
        "open": {"outcome": EnquiryOutcome.OPEN},
        "stage_1": {
            **live,
            "assessment__stage_two_started_on__isnull": True,
            "outcome": EnquiryOutcome.ASSESSMENT,
        },
        "stage_2": {
            **live,
            "assessment__stage_two_started_on__isnull": False,
            "assessment__panel_on__isnull": True,
        },
        "awaiting_decision": {**live, "assessment__panel_on__isnull": False},
        "approved": {"assessment__approved": True},
    }
    if stage == "closed":
        return (
            qs.exclude(outcome__in=[EnquiryOutcome.OPEN, EnquiryOutcome.ASSESSMENT])
            | qs.filter(assessment__approved=False)
            | qs.filter(assessment__ended_on__isnull=False)
        )
    if stage not in filters:
        return qs.none()
    return qs.filter(**filters[stage])


def stage_counts() -> dict[str, int]:
    return {stage: enquiries_at_stage(stage).count() for stage in STAGES}


def households(*, active_only: bool = True) -> QuerySet[FosterHousehold]:
    qs = FosterHousehold.objects.prefetch_related("reviews")
    return qs.filter(deregistered_on__isnull=True) if active_only else qs


def last_reviewed_or_approved(household: FosterHousehold) -> dt.date:
    held = [r.held_on for r in household.reviews.all()]
    return max(held) if held else household.approved_on


def review_due(household: FosterHousehold) -> dt.date:
    """Yearly from approval or the last review (registry ``foster_carer_review``)."""
    return compute_due("foster_carer_review", last_reviewed_or_approved(household)).due_date


def review_overdue(household: FosterHousehold, today: dt.date) -> bool:
    return household.is_active and review_due(household) < today


def months_between(start: dt.date, end: dt.date) -> float:
    """Months (of an average 30.44 days), to one decimal place: OBA2-29 counts months."""
    return round((end - start).days / (365.25 / 12), 1)


@dataclass(frozen=True)
class TypeRow:
    label: str
    households: int
    places: int
    vacancies: int


@dataclass(frozen=True)
class SufficiencyReport:
    start: dt.date
    end: dt.date
    enquiries: int
    assessments_started: int
    approvals: int
    conversion_percent: float | None
    #: OBA2-28's denominator: enquiries received in the span six months before.
    lagged_enquiries: int
    lag_start: dt.date
    lag_end: dt.date
    median_months_to_approval: float | None
    by_type: list[TypeRow] = field(default_factory=list)
    reviews_overdue: int = 0

    @property
    def total_households(self) -> int:
        return sum(r.households for r in self.by_type)

    @property
    def total_vacancies(self) -> int:
        return sum(r.vacancies for r in self.by_type)


def lagged_span(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The span ``start``..``end`` moved back ``CONVERSION_LAG_MONTHS`` (OBA2-28's
    enquiries: June for December, Q4 for Q2; the same arithmetic as the measure's)."""
    return add_months(start, -CONVERSION_LAG_MONTHS), add_months(
        end + dt.timedelta(days=1), -CONVERSION_LAG_MONTHS
    ) - dt.timedelta(days=1)


def sufficiency_report(start: dt.date, end: dt.date, *, today: dt.date) -> SufficiencyReport:
    """The fostering sufficiency figures for ``start``..``end`` (counts only, no names).

    Conversion is OBA2-28's (seed 003): approvals in the period over the enquiries
    received in the same span six months before, as an assessment takes about six
    months; the period's own enquiries are shown beside it. The median counts months
    from the start of stage 1 to the ADM's approval for approvals in the period.
    """
    enquiries = FosteringEnquiry.objects.filter(received_on__range=(start, end)).count()
    lag_start, lag_end = lagged_span(start, end)
    lagged = FosteringEnquiry.objects.filter(received_on__range=(lag_start, lag_end)).count()
    started = FosteringAssessment.objects.filter(stage_one_started_on__range=(start, end)).count()
    approved = list(
        FosteringAssessment.objects.filter(approved=True, decided_on__range=(start, end))
    )
    months = [
        months_between(a.stage_one_started_on, a.decided_on) for a in approved if a.decided_on
    ]
    active = list(households())
    rows = []
    for code, label in ApprovalType.choices:
        of_type = [h for h in active if h.approval_type == code]
        rows.append(
            TypeRow(
                label=str(label),
                households=len(of_type),
                places=sum(h.children_approved for h in of_type),
                vacancies=sum(h.vacancies for h in of_type),
            )
        )
    return SufficiencyReport(
        start=start,
        end=end,
        enquiries=enquiries,
        assessments_started=started,
        approvals=len(approved),
        conversion_percent=round(100 * len(approved) / lagged, 1) if lagged else None,
        lagged_enquiries=lagged,
        lag_start=lag_start,
        lag_end=lag_end,
        median_months_to_approval=round(statistics.median(months), 1) if months else None,
        by_type=rows,
        reviews_overdue=sum(1 for h in active if review_overdue(h, today)),
    )
