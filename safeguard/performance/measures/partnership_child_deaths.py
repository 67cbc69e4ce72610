"""Child death reviews (CDOP): the partnership annual report's figures (seed 001's CDOP
section, seed 000 §3; measures.md §5 "Child deaths: notifications by area, expected /
unexpected, neonatal, by sex and age, reviewed, with modifiable factors").

Counted as the annual statistics count them (``safeguard.partnership.selectors.
child_deaths_report``): a death is counted in the period it was notified; a review in the
period the panel completed it. The drill-down names no child and links to no child's
record (child death reviews are the partnership business unit's only): each row is the
CDOP reference with the age band, area and whether the death was expected.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from safeguard.partnership.models import AgeBand, ChildDeath, DeathCategory, ResidentArea
from safeguard.performance.data import Data
from safeguard.performance.frames import frame, read
from safeguard.performance.measures.care_cohorts import breakdown
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
LEAD = "CDOP co-ordinator, Safeguarding Partnership"
NOTIFIED = "Child deaths notified to CDOP in the period (both authorities of the partnership)"
REVIEWED = "Child deaths whose CDOP panel review was completed in the period"
AREA_LABELS = {str(k): str(v) for k, v in ResidentArea.choices}
AGE_LABELS = {str(k): str(v) for k, v in AgeBand.choices}
CATEGORY_LABELS = {str(k): str(v) for k, v in DeathCategory.choices}


@frame("child_deaths")
def child_deaths(since: dt.date | None) -> pl.DataFrame:
    """Every review (a few dozen a year: read whole, filtered by period in Polars)."""
    return read(
        ChildDeath.objects.all(),
        "reference",
        "resident_area",
        "age_band",
        "neonatal",
        "expectation",
        "category",
        "modifiable",
        notified_on="notified_on",
        reviewed_on="reviewed_on",
    )


def _labelled(data: Data) -> pl.DataFrame:
    return data.frame("child_deaths").with_columns(
        area=pl.col("resident_area").replace_strict(AREA_LABELS, default="Not recorded"),
        age=pl.col("age_band").replace_strict(AGE_LABELS, default="Not recorded"),
        category_label=pl.col("category").replace_strict(CATEGORY_LABELS, default="Not recorded"),
        no_child=pl.lit(None, dtype=pl.Utf8),
    )


def _rows(found: pl.DataFrame, on: str) -> pl.DataFrame:
    detail = pl.concat_str(
        pl.col("age"), pl.lit("; "), pl.col("area"), pl.lit("; "), pl.col("expectation")
    )
    return rows(found, child="no_child", on=on, record="reference", detail=detail)


def _notified(data: Data, period: Period) -> pl.DataFrame:
    return _labelled(data).filter(in_period("notified_on", period))


def _reviewed(data: Data, period: Period) -> pl.DataFrame:
    return _labelled(data).filter(
        pl.col("reviewed_on").is_not_null() & in_period("reviewed_on", period)
    )


@measure(
    id="PA-CDOP-01",
    name="Child deaths notified",
    area=AREA,
    cohort=NOTIFIED,
    numerator="Deaths notified in the period; the breakdown is by the area the child lived in",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    source=SOURCE,
    lead=LEAD,
    frequency="Annual",
)
def deaths_notified(data: Data, period: Period) -> Figure:
    found = _notified(data, period)
    figure = count(_rows(found, "notified_on"))
    figure.breakdown = breakdown(found, "area", list(AREA_LABELS.values()))
    return figure


@measure(
    id="PA-CDOP-02",
    name="Neonatal child deaths notified",
    area=AREA,
    cohort=NOTIFIED,
    numerator="Those where the child died in the first 27 days of life; the breakdown is "
    "every notification by age at death",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    source=SOURCE,
    lead=LEAD,
    frequency="Annual",
)
def neonatal_deaths(data: Data, period: Period) -> Figure:
    found = _notified(data, period)
    figure = count(_rows(found.filter(pl.col("neonatal")), "notified_on"))
    figure.breakdown = breakdown(found, "age", list(AGE_LABELS.values()))
    return figure


@measure(
    id="PA-CDOP-03",
    name="Child death reviews completed by the panel",
    area=AREA,
    cohort=REVIEWED,
    numerator="Reviews completed in the period; the breakdown is by category of death",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    source=SOURCE,
    lead=LEAD,
    frequency="Annual",
)
def reviews_completed(data: Data, period: Period) -> Figure:
    found = _reviewed(data, period)
    figure = count(_rows(found, "reviewed_on"))
    figure.breakdown = breakdown(found, "category_label", list(CATEGORY_LABELS.values()))
    return figure


@measure(
    id="PA-CDOP-04",
    name="Completed child death reviews with modifiable factors",
    area=AREA,
    cohort=REVIEWED,
    numerator="Those where the panel identified modifiable factors",
    denominator=REVIEWED,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.NEUTRAL,
    source=f"{SOURCE} (10 of 25 in 2020/21); 000 §3.3 (50% in 2018/19)",
    lead=LEAD,
    frequency="Annual",
)
def with_modifiable_factors(data: Data, period: Period) -> Figure:
    found = _reviewed(data, period)
    return percent(
        _rows(found.filter(pl.col("modifiable").fill_null(False)), "reviewed_on"),
        _rows(found, "reviewed_on"),
    )
