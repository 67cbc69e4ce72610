"""Children in care: statutory visits, health assessments and dental checks.

Every deadline comes from the timescale registry (``lac_visit``, ``iha``, ``rha``,
``dental``) with local overrides applied, so a local change of rule changes the
measure too. "Up to date at the end of the period" means the next item's due date is
after the period's last day: an item due on that day and not done by its end is late.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from safeguard.care.models import HEALTH_ASSESSMENT_KINDS, LONG_TERM_FOSTER_PLACEMENTS
from safeguard.performance.data import Data, per_run
from safeguard.performance.measures.care_cohorts import (
    CARE_LEAD,
    IN_CARE,
    OBA_SOURCE,
    SELF_EVALUATION_SOURCE,
    SHORT_BREAKS,
    birthday,
    care_children,
    due_after,
    episodes_on,
    in_care_rows,
    step,
)
from safeguard.performance.periods import Period
from safeguard.performance.registry import (
    Figure,
    PeriodType,
    Polarity,
    Unit,
    measure,
    percent,
    rows,
)

AREA = "Children in care"
HEALTH_LEAD = "Designated Nurse for Children in Care"
#: The self-evaluation's bands for time since a child in care was last seen.
SEEN_BANDS_WEEKS = (6, 12)


def _seen_visits(data: Data) -> pl.DataFrame:
    return (
        data.frame("visits")
        .filter((pl.col("visit_type") == "looked_after") & pl.col("child_seen").fill_null(False))
        .select("child_id", "visit_date")
        .join(care_children(data).select("child_id"), on="child_id", how="semi")
    )


def last_seen(data: Data, day: dt.date) -> pl.DataFrame:
    """Each child's latest statutory looked-after visit with the child seen, up to ``day``."""
    return (
        data.derived("care.seen_visits", _seen_visits)
        .filter(pl.col("visit_date") <= day)
        .group_by("child_id")
        .agg(last_seen=pl.col("visit_date").max())
    )


def visit_due(data: Data) -> pl.Expr:
    """The lac_visit due date from ``anchor`` (last visit, or the placement start), choosing
    the registry variant as its ``placement_stage`` chooser does."""
    anchor, placement = pl.col("anchor"), pl.col("placement_started_on")
    first_year = anchor < placement.dt.offset_by("12mo")
    long_term = pl.col("placement_type").is_in(sorted(LONG_TERM_FOSTER_PLACEMENTS))
    return (
        pl.when(anchor == placement)
        .then(due_after(step("lac_visit", "new_placement"), anchor, data))
        .when(first_year | ~long_term)
        .then(due_after(step("lac_visit", "six_weekly"), anchor, data))
        .otherwise(due_after(step("lac_visit", "long_term"), anchor, data))
    )


@measure(
    id="OBA2-23",
    name="Children in care visits on time",
    area=AREA,
    cohort=IN_CARE,
    numerator="Those whose statutory visit was not overdue at the end of the period: the "
    "next visit, due from the last visit with the child seen (or the placement start) by "
    "the lac_visit timescale (1 week for a new placement, then 6-weekly; 3-monthly after "
    "the first year of a long-term foster placement), falls due after the period end",
    denominator="Children looked after at the end of the period",
    period_type=PeriodType.AT_END,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    good=95.0,
    source=OBA_SOURCE,
    lead=CARE_LEAD,
)
def visits_on_time(data: Data, period: Period) -> Figure:
    found = (
        episodes_on(data, period.end)
        .join(last_seen(data, period.end), on="child_id", how="left")
        .with_columns(
            anchor=pl.when(pl.col("last_seen") >= pl.col("placement_started_on"))
            .then(pl.col("last_seen"))
            .otherwise(pl.col("placement_started_on"))
        )
        .with_columns(due=visit_due(data))
    )
    detail = pl.format(
        "last seen {}; next visit due {}",
        pl.col("last_seen").cast(pl.Utf8).fill_null("never"),
        pl.col("due"),
    )
    on_time = found.filter(pl.col("due") > period.end)
    return percent(in_care_rows(on_time, detail), in_care_rows(found, detail))


def seen_weeks_ago(data: Data, period: Period) -> pl.DataFrame:
    """Children in care at the end with the days since they were last seen in this period
    of care (null: not seen since becoming looked after)."""
    return (
        episodes_on(data, period.end)
        .join(last_seen(data, period.end), on="child_id", how="left")
        .with_columns(
            last_seen=pl.when(pl.col("last_seen") >= pl.col("period_started_on")).then(
                pl.col("last_seen")
            )
        )
        .with_columns(days=(pl.lit(period.end) - pl.col("last_seen")).dt.total_days())
    )


def seen_detail() -> pl.Expr:
    return (
        pl.when(pl.col("last_seen").is_null())
        .then(pl.lit("not seen since becoming looked after"))
        .otherwise(pl.format("last seen {} ({} days before)", pl.col("last_seen"), pl.col("days")))
    )


@measure(
    id="SE-CLA-02",
    name=f"Children in care seen within {SEEN_BANDS_WEEKS[0]} weeks",
    area=AREA,
    cohort=IN_CARE,
    numerator=f"Those last seen on a statutory visit at most {SEEN_BANDS_WEEKS[0]} weeks "
    "before the period end",
    denominator="Children looked after at the end of the period (those not seen since "
    "becoming looked after stay in the denominator)",
    period_type=PeriodType.AT_END,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    source=SELF_EVALUATION_SOURCE,
    lead=CARE_LEAD,
)
def seen_within_6_weeks(data: Data, period: Period) -> Figure:
    found = seen_weeks_ago(data, period)
    within = found.filter(pl.col("days") <= 7 * SEEN_BANDS_WEEKS[0])
    return percent(in_care_rows(within, seen_detail()), in_care_rows(found, seen_detail()))


@measure(
    id="SE-CLA-03",
    name=f"Children in care last seen {SEEN_BANDS_WEEKS[0]} to {SEEN_BANDS_WEEKS[1]} weeks ago",
    area=AREA,
    cohort=IN_CARE,
    numerator=f"Those last seen more than {SEEN_BANDS_WEEKS[0]} and at most "
    f"{SEEN_BANDS_WEEKS[1]} weeks before the period end",
    denominator="Children looked after at the end of the period",
    period_type=PeriodType.AT_END,
    unit=Unit.PERCENT,
    polarity=Polarity.NEUTRAL,
    source=SELF_EVALUATION_SOURCE,
    lead=CARE_LEAD,
)
def seen_6_to_12_weeks(data: Data, period: Period) -> Figure:
    found = seen_weeks_ago(data, period)
    low, high = (7 * weeks for weeks in SEEN_BANDS_WEEKS)
    between = found.filter((pl.col("days") > low) & (pl.col("days") <= high))
    return percent(in_care_rows(between, seen_detail()), in_care_rows(found, seen_detail()))


@per_run
def periods_needing_health(data: Data) -> pl.DataFrame:
    """Periods of care that did not begin as a short break (no IHA for respite)."""
    firsts = data.frame("care_episodes").filter(pl.col("reason_new_episode") == "S")
    respite = firsts.filter(pl.col("legal_status").is_in(SHORT_BREAKS))["period_id"]
    return data.frame("periods_of_care").filter(~pl.col("period_id").is_in(respite.implode()))


def health_detail(done: str) -> pl.Expr:
    return pl.format(
        "{}; due {}", pl.col(done).cast(pl.Utf8).fill_null("none recorded"), pl.col("due")
    )


@measure(
    id="OBA2-30",
    name="Initial health assessments within timescale",
    area=AREA,
    cohort="Children whose initial health assessment fell due in the period (the iha "
    "timescale: 20 working days after becoming looked after, bank holidays skipped), "
    "leaving out those who stopped being looked after before it was due without one",
    numerator="Those whose initial health assessment was on or before the due date",
    denominator="Initial health assessments due in the period",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    good=90.0,
    source=f"{OBA_SOURCE}; {SELF_EVALUATION_SOURCE}",
    lead=HEALTH_LEAD,
)
def iha_on_time(data: Data, period: Period) -> Figure:
    initial = (
        data.frame("health_assessments")
        .filter(pl.col("kind") == "initial")
        .group_by("period_id")
        .agg(iha_on=pl.col("assessed_on").min())
    )
    due = (
        periods_needing_health(data)
        .with_columns(due=due_after(step("iha"), pl.col("started_on"), data))
        .filter(pl.col("due").is_between(period.start, period.end))
        .join(initial, on="period_id", how="left")
        .filter(
            pl.col("iha_on").is_not_null()
            | pl.col("ended_on").is_null()
            | (pl.col("ended_on") >= pl.col("due"))
        )
    )
    on_time = due.filter(pl.col("iha_on") <= pl.col("due"))
    detail = health_detail("iha_on")
    return percent(
        rows(on_time, on="due", record="Initial health assessment", detail=detail),
        rows(due, on="due", record="Initial health assessment", detail=detail),
    )


def _rha_due(data: Data) -> pl.DataFrame:
    """Every health assessment with the review due after it and the next one held,
    leaving out children who stopped being looked after before it was due without one."""
    kinds = sorted(str(kind) for kind in HEALTH_ASSESSMENT_KINDS)
    ended = data.frame("periods_of_care").select("period_id", "ended_on")
    return (
        data.frame("health_assessments")
        .filter(pl.col("kind").is_in(kinds))
        .sort("period_id", "assessed_on")
        .with_columns(next_on=pl.col("assessed_on").shift(-1).over("period_id"))
        .join(care_children(data), on="child_id", how="left")
        .with_columns(
            due=pl.when(pl.col("assessed_on") < birthday(pl.col("date_of_birth"), 5))
            .then(due_after(step("rha", "under_5"), pl.col("assessed_on"), data))
            .otherwise(due_after(step("rha", "5_and_over"), pl.col("assessed_on"), data))
        )
        .join(ended, on="period_id", how="left")
        .filter(
            pl.col("next_on").is_not_null()
            | pl.col("ended_on").is_null()
            | (pl.col("ended_on") >= pl.col("due"))
        )
    )


@measure(
    id="OBA2-31",
    name="Review health assessments within timescale",
    area=AREA,
    cohort="Review health assessments that fell due in the period: 6 months after the "
    "previous health assessment for a child under 5 at it, 12 months for a child 5 or over "
    "(the rha timescale), leaving out children who stopped being looked after before it "
    "was due without one",
    numerator="Those whose review health assessment was on or before the due date",
    denominator="Review health assessments due in the period",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    source=f"{OBA_SOURCE}; {SELF_EVALUATION_SOURCE}",
    lead=HEALTH_LEAD,
)
def rha_on_time(data: Data, period: Period) -> Figure:
    due = data.derived("care.rha_due", _rha_due).filter(
        pl.col("due").is_between(period.start, period.end)
    )
    on_time = due.filter(pl.col("next_on") <= pl.col("due"))
    detail = pl.format("previous {}; ", pl.col("assessed_on")) + health_detail("next_on")
    return percent(
        rows(on_time, on="due", record="Review health assessment", detail=detail),
        rows(due, on="due", record="Review health assessment", detail=detail),
    )


@measure(
    id="SE-CLA-04",
    name="Children in care with a dental check up to date",
    area=AREA,
    cohort="Children looked after at the end of the period who had been looked after "
    "continuously for at least 12 months (the OC2 cohort)",
    numerator="Those whose latest dental check is within the dental timescale (12 months) "
    "at the end of the period",
    denominator="Children looked after continuously for 12 months or more",
    period_type=PeriodType.AT_END,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    source=SELF_EVALUATION_SOURCE,
    lead=HEALTH_LEAD,
)
def dental_checks(data: Data, period: Period) -> Figure:
    first, _ = period.rolling_12_months()
    checks = (
        data.frame("health_assessments")
        .filter((pl.col("kind") == "dental") & (pl.col("assessed_on") <= period.end))
        .group_by("child_id")
        .agg(checked_on=pl.col("assessed_on").max())
    )
    found = (
        episodes_on(data, period.end)
        .filter(pl.col("period_started_on") <= first)
        .join(checks, on="child_id", how="left")
        .with_columns(
            checked_on=pl.when(pl.col("checked_on") >= pl.col("period_started_on")).then(
                pl.col("checked_on")
            )
        )
        .with_columns(due=due_after(step("dental"), pl.col("checked_on"), data))
    )
    in_date = found.filter(pl.col("due") > period.end)
    detail = pl.format("dental check {}", pl.col("checked_on").cast(pl.Utf8).fill_null("none"))
    return percent(in_care_rows(in_date, detail), in_care_rows(found, detail))
