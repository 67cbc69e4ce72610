"""Children in care: oversight of unregistered placements (seed 000 §4.2-4.3).

How many children are in unregistered placements is SE-CLA-08 (``measures.care``), counted
from the looked-after episodes; these measures read the register that follows each of
those placements (``care.UnregisteredPlacement``), so the two agree when every unregistered
placement is on the register (the register's worklist lists any that are not).

* UP-01: approved by the Corporate Director by the registry's ``unregistered_approval``
  deadline (the seed says the placement "has to be agreed", so the day of the move is the
  latest day), as ``UnregisteredPlacement.approved_in_time`` and the register's worklist.
* UP-02 to UP-04: at the end of the period, the placement's independent visit
  (``unregistered_visit``), weekly report (``unregistered_weekly``) and Ofsted
  notification (``unregistered_ofsted``) are in date: the next one, counted by the
  registry from the last one made on or before the period end (or from the move in), is
  not yet overdue.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from safeguard.care.models_unregistered import (
    IndependentVisit,
    IssuedDocumentEntry,
    UnregisteredPlacement,
)
from safeguard.core.timescales import compute_due
from safeguard.performance.data import Data
from safeguard.performance.frames import frame, read
from safeguard.performance.measures.care_cohorts import PLACEMENTS_LEAD, due_after, step
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
SOURCE = "000 annual safeguarding report §4 (unregistered placements oversight)"
RECORD = "Unregistered placement"
OPEN_AT_END = (
    "Children in unregistered placements on the register at the end of the period (the "
    "placements SE-CLA-08 counts)"
)


@frame("unregistered_placements")
def unregistered_placements(since: dt.date | None) -> pl.DataFrame:
    """Never windowed: the register is a handful of rows, and a placement may be long."""
    return read(
        UnregisteredPlacement.objects.all(),
        "started_on",
        "ended_on",
        "approved_on",
        placement_id="id",
        child_id="child",
    )


@frame("unregistered_visits")
def unregistered_visits(since: dt.date | None) -> pl.DataFrame:
    return read(IndependentVisit.objects.all(), "visited_on", placement_id="placement")


@frame("unregistered_reported")
def unregistered_reported(since: dt.date | None) -> pl.DataFrame:
    """Each placement named in each issued document, with the document's kind and day."""
    return read(
        IssuedDocumentEntry.objects.all(),
        placement_id="placement",
        kind="document__kind",
        reported_on="document__as_at",
    )


def open_at(data: Data, day: dt.date) -> pl.DataFrame:
    return data.frame("unregistered_placements").filter(
        (pl.col("started_on") <= day) & (pl.col("ended_on").is_null() | (pl.col("ended_on") > day))
    )


def in_date(data: Data, period: Period, key: str, events: pl.DataFrame, label: str) -> Figure:
    """Open placements whose next ``key`` event, counted from the last ``events`` row on or
    before the period end (or from the move in), is due on or after the period end."""
    day = period.end
    found = open_at(data, day)
    last = (
        events.filter(pl.col("on") <= day).group_by("placement_id").agg(last_on=pl.col("on").max())
    )
    found = (
        found.join(last, on="placement_id", how="left")
        .with_columns(counted_from=pl.coalesce(pl.col("last_on"), pl.col("started_on")))
        .with_columns(due=due_after(step(key), pl.col("counted_from"), data))
    )
    detail = pl.format(
        "{}: {}; next due {}",
        pl.lit(label),
        pl.when(pl.col("last_on").is_null())
        .then(pl.lit("none yet"))
        .otherwise(pl.format("last {}", pl.col("last_on"))),
        pl.col("due"),
    )
    shaped = found.with_columns(detail=detail)

    def as_rows(frame: pl.DataFrame) -> pl.DataFrame:
        return rows(frame, on="started_on", record=RECORD, detail="detail")

    return percent(as_rows(shaped.filter(pl.col("due") >= day)), as_rows(shaped))


@measure(
    id="UP-01",
    name="Unregistered placements agreed by the Corporate Director by the day the child moved in",
    area=AREA,
    cohort="Unregistered placements on the register that started in the period",
    numerator="Those whose approval by the Corporate Director is dated on or before the day "
    "the child moved in",
    denominator="Unregistered placements that started in the period",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    good=100.0,
    source=SOURCE,
    lead=PLACEMENTS_LEAD,
)
def approved_in_time(data: Data, period: Period) -> Figure:
    started = data.frame("unregistered_placements").filter(
        pl.col("started_on").is_between(period.start, period.end)
    )
    shaped = started.with_columns(
        detail=pl.when(pl.col("approved_on").is_null())
        .then(pl.lit("not approved"))
        .otherwise(pl.format("approved {}", pl.col("approved_on")))
    )
    deadlines = [compute_due("unregistered_approval", day).due_date for day in shaped["started_on"]]
    agreed = shaped.with_columns(deadline=pl.Series(deadlines, dtype=pl.Date)).filter(
        pl.col("approved_on") <= pl.col("deadline")
    )
    return percent(
        rows(agreed, on="started_on", record=RECORD, detail="detail"),
        rows(shaped, on="started_on", record=RECORD, detail="detail"),
    )


@measure(
    id="UP-02",
    name="Unregistered placements with their monthly independent visit in date",
    area=AREA,
    cohort=OPEN_AT_END,
    numerator="Those visited by an independent person (Regulation 44 style) within a month "
    "(unregistered_visit) of the last visit or the move in, counted at the period end",
    denominator=OPEN_AT_END,
    period_type=PeriodType.AT_END,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    good=100.0,
    source=SOURCE,
    lead=PLACEMENTS_LEAD,
)
def visits_in_date(data: Data, period: Period) -> Figure:
    visits = data.frame("unregistered_visits").rename({"visited_on": "on"})
    return in_date(data, period, "unregistered_visit", visits, "independent visit")


def _reported(data: Data, kind: str) -> pl.DataFrame:
    return (
        data.frame("unregistered_reported")
        .filter(pl.col("kind") == kind)
        .select("placement_id", on="reported_on")
    )


@measure(
    id="UP-03",
    name="Unregistered placements in the weekly report to the Executive Director in date",
    area=AREA,
    cohort=OPEN_AT_END,
    numerator="Those named in an issued weekly report within a week (unregistered_weekly) of "
    "the last report naming them or the move in, counted at the period end",
    denominator=OPEN_AT_END,
    period_type=PeriodType.AT_END,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    good=100.0,
    source=SOURCE,
    lead=PLACEMENTS_LEAD,
)
def weekly_report_in_date(data: Data, period: Period) -> Figure:
    return in_date(data, period, "unregistered_weekly", _reported(data, "weekly"), "weekly report")


@measure(
    id="UP-04",
    name="Unregistered placements notified to Ofsted in date",
    area=AREA,
    cohort=OPEN_AT_END,
    numerator="Those named in an issued monthly Ofsted notification within a month "
    "(unregistered_ofsted) of the last naming them or the move in, counted at the period end",
    denominator=OPEN_AT_END,
    period_type=PeriodType.AT_END,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    good=100.0,
    source=SOURCE,
    lead=PLACEMENTS_LEAD,
)
def ofsted_in_date(data: Data, period: Period) -> Figure:
    return in_date(
        data, period, "unregistered_ofsted", _reported(data, "ofsted"), "Ofsted notification"
    )
