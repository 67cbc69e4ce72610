"""Statutory visits to children on a child protection plan: visits on time by the week-
window rule (OBA2-22, CP report §2), children seen in the last 4 weeks and children not
seen alone (self-evaluation §4).

The rule is the timescale registry's ``cp_visit`` (read with any local override): from the
plan's start or the last visit at which the child was seen, the next visit is due in the
calendar week (Monday to Sunday) holding that day plus the plan's frequency (1, 2 or 4
weeks), and is on time if made by that Sunday. As on the worklists, a visit restarts the
clock and only CP visits with the child seen count.

Each due date is one *visit due*. When a visit is late, the dates that passed without one
(one every frequency, counted from the last visit) are each a visit due that was not
made on time, so a child left unseen for months is counted late in every month it is
unseen, not just once; the late visit itself answers the first of them.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from safeguard.core.timescales import Kind, get_rule
from safeguard.performance.data import Data
from safeguard.performance.measures.protection_common import (
    CP_LEAD,
    CP_REPORT_SOURCE,
    OBA_SOURCE,
    SELF_EVALUATION_SOURCE,
    age_on,
    on_plan,
    plans,
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

EPOCH = dt.date(1970, 1, 1)


def _days(expr: pl.Expr) -> pl.Expr:
    return expr.cast(pl.Int64)


def _date(days: pl.Expr) -> pl.Expr:
    return days.cast(pl.Int32).cast(pl.Date)


def week_base(since: pl.Expr) -> pl.Expr:
    """The Sunday ending the week (Monday to Sunday) that holds ``since``, in days since
    1970: a visit due ``n`` weeks later is due by ``week_base + 7 * n`` (whole weeks keep
    the weekday, so the window's Sunday moves by whole weeks too)."""
    return _days(since) + 7 - since.dt.weekday().cast(pl.Int64)


def first_due(since: pl.Expr, weeks: pl.Expr) -> pl.Expr:
    """The registry's cp_visit due date (the window's Sunday) for a visit ``weeks`` after
    ``since``, vectorised; a test checks it against ``compute_due``."""
    return _date(week_base(since) + 7 * weeks.cast(pl.Int64))


def visit_segments(data: Data) -> pl.DataFrame:
    """Per plan, each stretch from the plan's start or a visit to the next visit (null after
    the last), with what the registry's week window makes of it:

    ``base`` (days since 1970) is the Sunday of the week the stretch starts in, ``step`` the
    frequency in days, so the k-th due date is ``base + k * step`` (whole weeks keep the
    weekday); ``last_k`` the last k that fell due in the stretch (null: still running on
    an open plan); ``by_due`` whether the next visit came by the first due date, and
    ``first_met`` whether it answered it (a visit before the window does not when the rule
    says early visits do not count).
    """

    def build() -> pl.DataFrame:
        rule = get_rule("cp_visit")
        if rule.step is None or rule.step.kind is not Kind.WEEK_WINDOW:
            raise ValueError("The cp_visit timescale is expected to be a week-window rule.")
        found = plans(data).select(
            "plan_id",
            "child_id",
            "start_date",
            "end_date",
            weeks=pl.col("visit_frequency_weeks").fill_null(rule.step.amount),
        )
        visits = (
            data.frame("visits")
            .filter((pl.col("visit_type") == "cp") & pl.col("child_seen"))
            .select("child_id", "visit_date")
            .unique()
        )
        seen = found.join(visits, on="child_id", how="inner").filter(
            (pl.col("visit_date") >= pl.col("start_date"))
            & (pl.col("end_date").is_null() | (pl.col("visit_date") <= pl.col("end_date")))
        )
        starts = found.with_columns(visit_date=pl.lit(None, dtype=pl.Date))
        events = pl.concat(
            [starts.with_columns(first=pl.lit(True)), seen.with_columns(first=pl.lit(False))]
        )
        events = events.sort(
            "plan_id", "first", "visit_date", descending=[False, True, False], nulls_last=False
        )
        events = events.with_columns(
            since=pl.coalesce("visit_date", "start_date"),
            next_visit=pl.col("visit_date").shift(-1).over("plan_id"),
        )
        events = events.with_columns(
            base=week_base(pl.col("since")),
            step=7 * pl.col("weeks").cast(pl.Int64),
        )
        first_due = pl.col("base") + pl.col("step")
        nxt = _days(pl.col("next_visit"))
        in_window = nxt >= first_due - 6
        return events.with_columns(
            by_due=nxt.is_not_null() & (nxt <= first_due),
            first_met=nxt.is_not_null() & (nxt <= first_due) & (in_window | rule.early_counts),
            last_k=pl.when(nxt.is_not_null() & (nxt <= first_due))
            .then(pl.lit(1, dtype=pl.Int64))
            .when(nxt.is_not_null())
            .then((nxt - pl.col("base") - 1) // pl.col("step"))
            .when(pl.col("end_date").is_not_null())
            .then((_days(pl.col("end_date")) - pl.col("base") - 1) // pl.col("step"))
            .otherwise(None),
        ).select(
            "plan_id",
            "child_id",
            "weeks",
            "since",
            "next_visit",
            "base",
            "step",
            "by_due",
            "first_met",
            "last_k",
        )

    return data.derived("cp_visit_segments", lambda _: build())


def visits_due(data: Data, period: Period) -> pl.DataFrame:
    """One row per CP visit due in the period, with ``on_time`` and a ``why``."""
    start, end = (period.start - EPOCH).days, (period.end - EPOCH).days
    segments = visit_segments(data)
    low = pl.max_horizontal(
        pl.lit(1, dtype=pl.Int64), -((pl.col("base") - start) // pl.col("step"))
    )
    high = (end - pl.col("base")) // pl.col("step")
    high = (
        pl.when(pl.col("last_k").is_null()).then(high).otherwise(pl.min_horizontal(high, "last_k"))
    )
    found = segments.with_columns(k=pl.int_ranges(low, high + 1, dtype=pl.Int64)).explode("k")
    found = found.filter(pl.col("k").is_not_null())
    found = found.with_columns(
        due=_date(pl.col("base") + pl.col("k") * pl.col("step")),
        on_time=(pl.col("k") == 1) & pl.col("first_met"),
    )
    outcome = (
        pl.when(pl.col("on_time"))
        .then(pl.concat_str(pl.lit("visited "), pl.col("next_visit").cast(pl.Utf8)))
        .when((pl.col("k") == 1) & pl.col("by_due"))
        .then(
            pl.concat_str(
                pl.lit("visited before the due week, on "), pl.col("next_visit").cast(pl.Utf8)
            )
        )
        .when((pl.col("k") == 1) & pl.col("next_visit").is_not_null())
        .then(pl.concat_str(pl.lit("visited late, on "), pl.col("next_visit").cast(pl.Utf8)))
        .otherwise(
            pl.concat_str(
                pl.lit("not visited by the due date; seen last "), pl.col("since").cast(pl.Utf8)
            )
        )
    )
    found = found.with_columns(
        why=pl.concat_str(
            outcome, pl.lit(" ("), pl.col("weeks").cast(pl.Utf8), pl.lit("-weekly visits)")
        )
    )
    # Two visits in one week both restart the clock to the same due date: one visit due.
    return (
        found.sort("on_time", descending=True)
        .unique(["plan_id", "due"], keep="first")
        .sort("due", "child_id")
    )


@measure(
    id="OBA2-22",
    name="CP visits on time",
    area="Child protection",
    cohort="Statutory visits to children on a CP plan that fell due in the period",
    numerator="Visits made on time: the child seen on a CP visit by the Sunday of the week "
    "the visit was due in (week-window rule, timescale registry 'cp_visit': weekly, "
    "fortnightly or four-weekly from the plan's start or the last visit)",
    denominator="Visits due in the period (each due date that passed without a visit counts)",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    source=f"{OBA_SOURCE}; {CP_REPORT_SOURCE} (CP visit timeliness per month)",
    lead=CP_LEAD,
)
def cp_visits_on_time(data: Data, period: Period) -> Figure:
    due = visits_due(data, period)
    return percent(
        rows(due.filter(pl.col("on_time")), on="due", record="CP visit due", detail="why"),
        rows(due, on="due", record="CP visit due", detail="why"),
    )


def last_seen(data: Data, day: dt.date) -> pl.DataFrame:
    """Children on a plan on ``day`` with their latest visit (any kind) at which they were
    seen, on or before the day, and whether they were seen alone at it."""
    visits = (
        data.frame("visits")
        .filter(pl.col("child_seen") & (pl.col("visit_date") <= day))
        .sort("visit_date", "seen_alone")
        .group_by("child_id")
        .agg(
            last_seen=pl.col("visit_date").last(),
            alone=pl.col("seen_alone").last(),
        )
    )
    return (
        on_plan(data, day)
        .join(visits, on="child_id", how="left")
        .with_columns(age=age_on(pl.lit(day)))
    )


@measure(
    id="SE-CP-02",
    name="Children on a CP plan seen in the last 4 weeks",
    area="Child protection",
    cohort="Children on a CP plan at the end of the period",
    numerator="Those seen at a visit (of any kind) in the 4 weeks (28 days) to the last day",
    denominator="Children on a CP plan at the end of the period",
    period_type=PeriodType.AT_END,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    source=SELF_EVALUATION_SOURCE,
    lead=CP_LEAD,
)
def seen_last_four_weeks(data: Data, period: Period) -> Figure:
    day = period.end
    found = last_seen(data, day)
    detail = (
        pl.when(pl.col("last_seen").is_null())
        .then(pl.lit("no visit with the child seen recorded"))
        .otherwise(pl.concat_str(pl.lit("last seen "), pl.col("last_seen").cast(pl.Utf8)))
    )
    recent = pl.col("last_seen") >= day - dt.timedelta(days=28)
    return percent(
        rows(found.filter(recent), on="last_seen", record="CP plan", detail=detail),
        rows(found, on="last_seen", record="CP plan", detail=detail),
    )


@measure(
    id="SE-CP-03",
    name="Children on a CP plan not seen alone",
    area="Child protection",
    cohort="Children on a CP plan at the end of the period",
    numerator="Those not seen alone at the latest visit at which they were seen during the "
    "plan (a child not seen at all during the plan counts as not seen alone)",
    denominator="Children on a CP plan at the end of the period",
    period_type=PeriodType.AT_END,
    unit=Unit.PERCENT,
    polarity=Polarity.LOWER,
    source=SELF_EVALUATION_SOURCE,
    lead=CP_LEAD,
)
def not_seen_alone(data: Data, period: Period) -> Figure:
    found = last_seen(data, period.end).with_columns(
        during=pl.col("last_seen") >= pl.col("start_date")
    )
    age = (
        pl.when(pl.col("age").is_null())
        .then(pl.lit("age not recorded"))
        .otherwise(pl.concat_str(pl.lit("aged "), pl.col("age").cast(pl.Utf8)))
    )
    detail = pl.concat_str(
        age,
        pl.lit("; "),
        pl.when(pl.col("during").fill_null(False))
        .then(
            pl.concat_str(
                pl.lit("last seen "),
                pl.col("last_seen").cast(pl.Utf8),
                pl.when(pl.col("alone")).then(pl.lit(", alone")).otherwise(pl.lit(", not alone")),
            )
        )
        .otherwise(pl.lit("not seen since the plan started")),
    )
    alone = pl.col("during").fill_null(False) & pl.col("alone").fill_null(False)
    return percent(
        rows(found.filter(alone.not_()), on="start_date", record="CP plan", detail=detail),
        rows(found, on="start_date", record="CP plan", detail=detail),
    )
