"""The social work workforce: starters, leavers, vacancies, agency use, caseloads (OBA §1, §4).

"Social workers" are qualified staff in the social worker and consultant social worker
roles (managers, chairs and personal advisers hold different work). Drill-down rows for
these measures are workers, not children: ``child_id`` carries the worker's id and
``record`` says "Social worker" / "Agency social worker"; the vacancy rate's rows are
teams with a vacancy (``child_id`` the team's id, ``record`` "Vacancy").
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from safeguard.performance.data import Data, per_run
from safeguard.performance.frames import frame, read
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
from safeguard.workforce.models import FundedPost, WorkerRole

WORKFORCE_LEAD = "Head of Workforce Development"
SOCIAL_WORKER_ROLES = (WorkerRole.SOCIAL_WORKER.value, WorkerRole.CONSULTANT_SOCIAL_WORKER.value)
EMPLOYMENT_LABELS = ("Permanent", "Agency")


@per_run
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


@frame("funded_posts")
def funded_posts(since: dt.date | None) -> pl.DataFrame:
    """The establishment (small: one row per team and role), read whole."""
    return read(
        FundedPost.objects.all(),
        "role",
        "fte",
        "started_on",
        "ended_on",
        post_id="id",
        team_id="team",
        team_name="team__name",
    )


def vacancies(data: Data, day: dt.date) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Each funded team's social worker FTE on ``day`` against its permanent staff in post,
    and those permanent staff. A team's vacancy is never below 0: a team over its
    establishment does not fill another team's vacant posts."""
    funded = (
        data.frame("funded_posts")
        .filter(pl.col("role").is_in(SOCIAL_WORKER_ROLES) & open_on("started_on", "ended_on", day))
        .group_by("team_id")
        .agg(pl.col("team_name").first(), funded_fte=pl.col("fte").sum())
    )
    permanent = in_post(data, day).filter(~pl.col("is_agency")).sort("worker_id")
    filled = permanent.group_by("team_id").agg(in_post_fte=pl.col("fte").sum())
    teams = (
        funded.join(filled, on="team_id", how="left")
        .with_columns(pl.col("in_post_fte").fill_null(0.0))
        .with_columns(vacant_fte=(pl.col("funded_fte") - pl.col("in_post_fte")).clip(lower_bound=0))
        .sort("team_name", "team_id")
    )
    return teams, permanent


def _fte(column: str) -> pl.Expr:
    return pl.col(column).round(2).cast(pl.Utf8)


@measure(
    id="OBA2-05",
    name="Vacancy rate, social workers",
    area="Workforce",
    cohort="Funded social worker and consultant social worker posts at the end of the "
    "period, in FTE (the establishment, FundedPost)",
    numerator="Vacant FTE: per team, funded FTE minus the FTE of permanent qualified social "
    "workers in post (never below 0). A post covered by an agency worker is vacant: agency "
    "staff are excluded, as the DfE workforce census counts vacancies",
    denominator="FTE of permanent social workers in post plus vacant FTE",
    period_type=PeriodType.AT_END,
    unit=Unit.PERCENT,
    polarity=Polarity.LOWER,
    good=15.1,
    source=f"{OBA_SOURCE}; {SELF_EVALUATION_SOURCE} (vacancy 13%)",
    lead=WORKFORCE_LEAD,
)
def vacancy_rate(data: Data, period: Period) -> Figure:
    """An FTE ratio, so the drill-down lists the teams with vacancies (numerator) and the
    permanent social workers plus those vacancies (denominator); the note gives the FTE."""
    day = period.end
    teams, permanent = vacancies(data, day)
    if teams.height == 0:
        return Figure(
            None,
            note="No funded social worker posts (establishment) are recorded for this day, "
            "so vacancies cannot be counted.",
        )
    vacant = teams.filter(pl.col("vacant_fte") > 0).with_columns(on=pl.lit(day))
    vacancy_rows = rows(
        vacant,
        child="team_id",
        on="on",
        record="Vacancy",
        detail=pl.format(
            "{}: {} FTE vacant ({} funded, {} permanent in post)",
            pl.col("team_name"),
            _fte("vacant_fte"),
            _fte("funded_fte"),
            _fte("in_post_fte"),
        ),
    )
    staff_rows = worker_rows(
        permanent,
        on="started_on",
        detail=pl.format("{}, {} FTE", pl.col("team"), _fte("fte")),
    )
    vacant_fte = float(teams["vacant_fte"].sum())
    staff_fte = float(permanent["fte"].sum())
    total = staff_fte + vacant_fte
    figure = Figure(
        100.0 * vacant_fte / total if total else None,
        vacancy_rows,
        pl.concat([staff_rows, vacancy_rows]),
    )
    figure.note = (
        f"{vacant_fte:.1f} FTE vacant of {total:.1f} FTE (permanent social workers in post "
        f"{staff_fte:.1f} FTE plus vacancies); agency social workers covering vacant posts "
        "do not fill them (see OBA2-06)."
    )
    return figure
