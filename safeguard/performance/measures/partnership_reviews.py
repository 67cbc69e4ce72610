"""Serious incidents and practice reviews: the partnership annual report's figures (seed
001, "Multi-agency Child Safeguarding Practice Reviews": nine rapid reviews completed in
2020/21 across both local authority areas, within the Panel's timeframes, three progressing
to a local CSPR; measures.md §5 "Practice reviews: rapid reviews completed (9),
progressed to a local CSPR (3), within timescale").

A rapid review is counted in the period it was held; a notification in the period the
local authority became aware. The timescales are the registry's (``rapid_review``,
``serious_incident_notification``). The drill-down names no child: each row is the
incident's reference with its area and type (the child's initials are not shown outside
the business unit's own pages).
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from safeguard.partnership.models import IncidentType, ReviewArea, SeriousIncident
from safeguard.performance.data import Data
from safeguard.performance.frames import frame, read
from safeguard.performance.measures.care_cohorts import breakdown, due_after, step
from safeguard.performance.periods import Period
from safeguard.performance.registry import (
    Figure,
    PeriodType,
    Polarity,
    Unit,
    count,
    in_period,
    measure,
    percent,
    rows,
)

SOURCE = "001 Partnership annual report"
AREA = "Partnership"
LEAD = "Safeguarding partnership business manager"
HELD = "Rapid reviews held in the period (both local authority areas of the partnership)"
AWARE = "Serious incidents the local authorities became aware of in the period"
AREA_LABELS = {str(k): str(v) for k, v in ReviewArea.choices}
TYPE_LABELS = {str(k): str(v) for k, v in IncidentType.choices}


@frame("serious_incidents")
def serious_incidents(since: dt.date | None) -> pl.DataFrame:
    """Every incident (about ten a year: read whole, filtered by period in Polars)."""
    return read(
        SeriousIncident.objects.all(),
        "reference",
        "la_area",
        "incident_type",
        "decision",
        aware_on="aware_on",
        panel_on="panel_notified_on",
        partners_on="partners_notified_on",
        held_on="rapid_review_held_on",
        sent_on="rapid_review_sent_on",
    )


def _labelled(data: Data) -> pl.DataFrame:
    return data.frame("serious_incidents").with_columns(
        area=pl.col("la_area").replace_strict(AREA_LABELS, default="Not recorded"),
        kind=pl.col("incident_type").replace_strict(TYPE_LABELS, default="Not recorded"),
        no_child=pl.lit(None, dtype=pl.Utf8),
    )


def _rows(found: pl.DataFrame, on: str) -> pl.DataFrame:
    detail = pl.concat_str(pl.col("area"), pl.lit("; "), pl.col("kind"))
    return rows(found, child="no_child", on=on, record="reference", detail=detail)


def _held(data: Data, period: Period) -> pl.DataFrame:
    return _labelled(data).filter(pl.col("held_on").is_not_null() & in_period("held_on", period))


@measure(
    id="PA-CSPR-01",
    name="Rapid reviews completed",
    area=AREA,
    cohort=HELD,
    numerator="Rapid reviews held in the period; the breakdown is by local authority area",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    source=SOURCE,
    lead=LEAD,
    frequency="Annual",
)
def rapid_reviews(data: Data, period: Period) -> Figure:
    found = _held(data, period)
    figure = count(_rows(found, "held_on"))
    figure.breakdown = breakdown(found, "area", list(AREA_LABELS.values()))
    return figure


@measure(
    id="PA-CSPR-02",
    name="Rapid reviews sent to the Panel within 15 working days",
    area=AREA,
    cohort=HELD,
    numerator="Sent to the national Panel within 15 working days of the notification "
    "(timescale rapid_review)",
    denominator=HELD,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    good=100.0,
    source=f"{SOURCE}; national Panel practice guidance (timescale rapid_review)",
    lead=LEAD,
    frequency="Annual",
)
def rapid_reviews_on_time(data: Data, period: Period) -> Figure:
    found = _held(data, period).filter(pl.col("panel_on").is_not_null())
    due = due_after(step("rapid_review"), pl.col("panel_on"), data)
    on_time = found.filter(pl.col("sent_on").is_not_null() & (pl.col("sent_on") <= due))
    return percent(_rows(on_time, "held_on"), _rows(found, "held_on"))


@measure(
    id="PA-CSPR-03",
    name="Rapid reviews progressed to a local child safeguarding practice review",
    area=AREA,
    cohort=HELD,
    numerator="Those whose decision was a local child safeguarding practice review",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    source=SOURCE,
    lead=LEAD,
    frequency="Annual",
)
def progressed_to_cspr(data: Data, period: Period) -> Figure:
    found = _held(data, period).filter(pl.col("decision") == "local_cspr")
    figure = count(_rows(found, "held_on"))
    figure.breakdown = breakdown(found, "area", list(AREA_LABELS.values()))
    return figure


@measure(
    id="PA-CSPR-04",
    name="Serious incidents notified within 5 working days",
    area=AREA,
    cohort=AWARE,
    numerator="Notified to the national Panel and the safeguarding partners within 5 "
    "working days of the local authority becoming aware (timescale "
    "serious_incident_notification)",
    denominator=AWARE,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    good=100.0,
    source=f"{SOURCE}; WT2018 ch.4 (timescale serious_incident_notification)",
    lead=LEAD,
    frequency="Annual",
)
def notified_on_time(data: Data, period: Period) -> Figure:
    found = _labelled(data).filter(in_period("aware_on", period))
    due = due_after(step("serious_incident_notification"), pl.col("aware_on"), data)
    on_time = found.filter(
        pl.col("panel_on").is_not_null()
        & pl.col("partners_on").is_not_null()
        & (pl.col("panel_on") <= due)
        & (pl.col("partners_on") <= due)
    )
    return percent(_rows(on_time, "aware_on"), _rows(found, "aware_on"))
