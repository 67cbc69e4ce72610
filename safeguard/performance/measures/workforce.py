"""The social work workforce: starters, leavers, agency use, caseloads (OBA §1, §4).

"Social workers" are qualified staff in the social worker and consultant social worker
roles (managers, chairs and personal advisers hold different work). Drill-down rows for
these measures are workers, not children: ``child_id`` carries the worker's id and
``record`` says "Social worker" / "Agency social worker".
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from safeguard.performance.data import Data
from safeguard.performance.measures.front_door import OBA_SOURCE, SELF_EVALUATION_SOURCE, breakdown
from safeguard.performance.periods import Period
from safeguard.performance.registry import (
    Figure,
    PeriodType,
    Polarity,
    Unit,
    count,
    in_period,
    measure,
    open_on,
    percent,
    rows,
)
from safeguard.workforce.models import WorkerRole

WORKFORCE_LEAD = "Head of Workforce Development"
SOCIAL_WORKER_ROLES = (WorkerRole.SOCIAL_WORKER.value, WorkerRole.CONSULTANT_SOCIAL_WORKER.value)
EMPLOYMENT_LABELS = ("Permanent", "Agency")


def social_workers(data: Data) -> pl.DataFrame:
    """Qualified social workers in case-holding roles, employed or agency."""
    workers = data.frame("workers").filter(
        pl.col("role").is_in(SOCIAL_WORKER_ROLES) & pl.col("is_qualified_social_worker")
    )
    return workers.with_columns(
        employment=pl.when(pl.col("is_agency"))
        .then(pl.lit("Agency"))
        .otherwise(pl.lit("Permanent")),
        team=pl.col("service_area").fill_null("No team"),
    )


def in_post(data: Data, day: dt.date) -> pl.DataFrame:
    """Social workers who had started by ``day`` and not left by it (``left_on`` is the
    day they left, so a worker leaving on the last day is not in post at the end)."""
    return social_workers(data).filter(open_on("started_on", "left_on", day))


def worker_rows(frame: pl.DataFrame, *, on: str, detail: str | pl.Expr = "team") -> pl.DataFrame:
    record = pl.when(pl.col("is_agency")).then(pl.lit("Agency social worker"))
    return rows(
        frame,
        child="worker_id",
        on=on,
        record=record.otherwise(pl.lit("Social worker")),
        detail=detail,
    )


@measure(
    id="OBA1-01",
    name="New starters, social workers",
    area="Workforce",
    cohort="Permanent (not agency) qualified social workers",
    numerator="Those whose start date is in the period (agency starters show in OBA2-06)",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.HIGHER,
    good=1.0,
    source=OBA_SOURCE,
    lead=WORKFORCE_LEAD,
)
def new_starters(data: Data, period: Period) -> Figure:
    found = social_workers(data).filter(~pl.col("is_agency") & in_period("started_on", period))
    return count(worker_rows(found.sort("started_on"), on="started_on"))


@measure(
    id="OBA1-02",
    name="Leavers, social workers",
    area="Workforce",
    cohort="Permanent (not agency) qualified social workers",
    numerator="Those whose leaving date is in the period",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.LOWER,
    good=0.0,
    source=OBA_SOURCE,
    lead=WORKFORCE_LEAD,
)
def leavers(data: Data, period: Period) -> Figure:
    found = social_workers(data).filter(~pl.col("is_agency") & in_period("left_on", period))
    return count(worker_rows(found.sort("left_on"), on="left_on"))


@measure(
    id="OBA2-02",
    name="Average caseload per social worker",
    area="Workforce",
    cohort="Case-holding social workers at the end of the period (in post, permanent or "
    "agency, with at least one child allocated)",
    numerator="Children allocated to them on the last day (one case per child)",
    denominator="Case-holding social workers (headcount) on the last day",
    period_type=PeriodType.AT_END,
    unit=Unit.AVERAGE,
    polarity=Polarity.LOWER,
    good=15.0,
    source=f"{OBA_SOURCE}; {SELF_EVALUATION_SOURCE}; DfE workforce census (case holders)",
    lead=WORKFORCE_LEAD,
)
def average_caseload(data: Data, period: Period) -> Figure:
    """Divides by case holders, as the DfE workforce census does: a newly qualified worker
    with no cases yet, or one on long leave, would otherwise pull the average down."""
    day = period.end
    workers = in_post(data, day)
    cases = (
        data.frame("allocations")
        .filter(open_on("started_on", "ended_on", day))
        .join(workers.select("worker_id", "is_agency"), on="worker_id", how="inner")
        .sort("child_id")
    )
    per_worker = cases.group_by("worker_id").len("cases")
    holders = workers.join(per_worker, on="worker_id", how="inner").sort("worker_id")
    numerator = rows(
        cases,
        on="started_on",
        record="Allocated case",
        detail=pl.concat_str(pl.lit("worker "), pl.col("worker_id")),
    )
    held = pl.concat_str(pl.col("cases").cast(pl.Utf8), pl.lit(" cases"))
    denominator = worker_rows(holders, on="started_on", detail=held)
    value = numerator.height / denominator.height if denominator.height else None
    return Figure(value, numerator, denominator)


@measure(
    id="OBA2-06",
    name="Agency rate, social workers",
    area="Workforce",
    cohort="Qualified social workers in post at the end of the period (headcount)",
    numerator="Agency social workers in post",
    denominator="Social workers in post plus agency social workers in post",
    period_type=PeriodType.AT_END,
    unit=Unit.PERCENT,
    polarity=Polarity.LOWER,
    good=14.55,
    source=OBA_SOURCE,
    lead=WORKFORCE_LEAD,
)
def agency_rate(data: Data, period: Period) -> Figure:
    """Headcount rather than FTE so the drill-down lists add up to the figure; almost all
    social workers are full time, so the two differ by a fraction of a point."""
    workers = in_post(data, period.end).sort("worker_id")
    agency = workers.filter(pl.col("is_agency"))
    return percent(
        worker_rows(agency, on="started_on"),
        worker_rows(workers, on="started_on"),
    )


@measure(
    id="SE-WF-01",
    name="Social workers in post",
    area="Workforce",
    cohort="Qualified social workers in post at the end of the period (headcount)",
    numerator="Social workers in post, permanent and agency",
    denominator=None,
    period_type=PeriodType.AT_END,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    source=SELF_EVALUATION_SOURCE,
    lead=WORKFORCE_LEAD,
)
def social_workers_in_post(data: Data, period: Period) -> Figure:
    workers = in_post(data, period.end).sort("worker_id")
    figure = count(worker_rows(workers, on="started_on"))
    figure.breakdown = breakdown(workers, "employment", EMPLOYMENT_LABELS)
    return figure
