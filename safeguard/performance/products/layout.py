"""Layouts: a product's measure ids in groups, computed for a period into rows.

Every product (OBA snapshot, annual CP report, outcomes, self-evaluation) is a layout
that refers to measure ids; ``compute`` turns it into rows carrying the current and
previous figures, the trend, the RAG rating and the series behind a sparkline, reading
the frames once for every period it needs.

Rules every product shares (shown on the pages, in "How to read this"):

* **Trend** compares the current figure with the previous period's (measures.md: "trend
  = change since the previous period"): IMPROVING or WORSENING by the measure's polarity,
  UNCHANGED when the two are equal *as displayed* (to 0.1 for percentages and rates,
  whole numbers for counts), so rounding noise is not called a trend. A measure where
  neither direction is better shows UP or DOWN. No trend without both figures.
* **RAG** rates the current figure against "Good": GREEN when it meets Good; AMBER when
  it misses Good by no more than 10% *of Good* (Good 90%: 81% or more; Good 15 cases,
  lower is better: 16.5 or fewer); RED otherwise; ND (no data) when there is no figure.
  A measure with no Good target, or where neither direction is better, is not rated.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from safeguard.performance import registry
from safeguard.performance.charts import Chart, Point, sparkline
from safeguard.performance.data import Data
from safeguard.performance.periods import Period
from safeguard.performance.registry import Figure, Measure, Polarity, format_value

#: Amber: missing Good by no more than this fraction of Good.
AMBER_TOLERANCE = 0.10


class Rag(StrEnum):
    GREEN = "Green"
    AMBER = "Amber"
    RED = "Red"
    NO_DATA = "ND"
    NOT_RATED = ""

    @property
    def label(self) -> str:
        return {
            "Green": "Green: meets Good",
            "Amber": "Amber: within 10% of Good",
            "Red": "Red: more than 10% from Good",
            "ND": "No data",
            "": "Not rated",
        }[self.value]

    @property
    def tag_class(self) -> str:
        """The GOV.UK tag colour (the text says the rating too: colour is not alone)."""
        return {
            "Green": "govuk-tag--green",
            "Amber": "govuk-tag--yellow",
            "Red": "govuk-tag--red",
            "ND": "govuk-tag--grey",
            "": "",
        }[self.value]


class Trend(StrEnum):
    IMPROVING = "IMPROVING"
    UNCHANGED = "UNCHANGED"
    WORSENING = "WORSENING"
    UP = "UP"
    DOWN = "DOWN"
    NONE = ""

    @property
    def tag_class(self) -> str:
        return {
            "IMPROVING": "govuk-tag--green",
            "WORSENING": "govuk-tag--red",
            "UNCHANGED": "govuk-tag--grey",
        }.get(self.value, "govuk-tag--blue")


def rag(measure: Measure, value: float | None) -> Rag:
    if value is None:
        return Rag.NO_DATA if measure.good is not None or measure.awaiting else Rag.NOT_RATED
    good = measure.good
    if good is None or measure.polarity == Polarity.NEUTRAL:
        return Rag.NOT_RATED
    shown = _as_displayed(measure, value)
    if measure.polarity == Polarity.HIGHER:
        if shown >= good:
            return Rag.GREEN
        return Rag.AMBER if shown >= good - AMBER_TOLERANCE * abs(good) else Rag.RED
    if shown <= good:
        return Rag.GREEN
    return Rag.AMBER if shown <= good + AMBER_TOLERANCE * abs(good) else Rag.RED


def trend(measure: Measure, previous: float | None, current: float | None) -> Trend:
    if previous is None or current is None:
        return Trend.NONE
    before, now = _as_displayed(measure, previous), _as_displayed(measure, current)
    if before == now:
        return Trend.UNCHANGED
    if measure.polarity == Polarity.NEUTRAL:
        return Trend.UP if now > before else Trend.DOWN
    better = now > before if measure.polarity == Polarity.HIGHER else now < before
    return Trend.IMPROVING if better else Trend.WORSENING


def _as_displayed(measure: Measure, value: float) -> float:
    """The value rounded as the pages show it (``format_value``), so ratings and trends
    agree with the figures a reader sees."""
    text = format_value(measure.unit, value).rstrip("%").replace(",", "")
    return float(text)


# -- layouts ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    title: str
    measure_ids: tuple[str, ...]


@dataclass(frozen=True)
class Layout:
    key: str
    title: str
    groups: tuple[Group, ...]
    #: How many periods the sparkline (and the "12 months" columns of exports) cover.
    trend_periods: int = 12

    @property
    def measure_ids(self) -> list[str]:
        return [mid for group in self.groups for mid in group.measure_ids]


@dataclass
class Row:
    measure: Measure
    period: Period
    series: list[tuple[Period, Figure]]  # oldest first; the last is the current period

    @property
    def current(self) -> Figure:
        return self.series[-1][1]

    @property
    def previous(self) -> Figure | None:
        return self.series[-2][1] if len(self.series) > 1 else None

    @property
    def previous_value(self) -> float | None:
        return self.previous.value if self.previous is not None else None

    @property
    def awaiting(self) -> bool:
        return not self.measure.has_data

    @property
    def trend(self) -> Trend:
        return trend(self.measure, self.previous_value, self.current.value)

    @property
    def rag(self) -> Rag:
        return rag(self.measure, self.current.value)

    @property
    def current_text(self) -> str:
        return self.measure.format(self.current.value)

    @property
    def previous_text(self) -> str:
        return self.measure.format(self.previous_value)

    @property
    def good_text(self) -> str:
        return self.measure.format(self.measure.good)

    def points(self) -> list[Point]:
        return [Point(p.short_label, f.value, self.measure.format(f.value)) for p, f in self.series]

    def sparkline(self) -> Chart | None:
        """None when there is nothing to draw (no data yet, or no figure in any month)."""
        if self.awaiting or all(f.value is None for _, f in self.series):
            return None
        return sparkline(
            f"spark-{self.measure.id}",
            self.measure.name,
            self.points(),
            unit=self.measure.unit,
            good=self.measure.good,
        )


@dataclass
class Section:
    group: Group
    rows: list[Row]


@dataclass
class Snapshot:
    """A layout computed for one period."""

    layout: Layout
    period: Period
    sections: list[Section]
    periods: list[Period]
    computed_at: dt.datetime
    seconds: float = 0.0
    rows_by_id: dict[str, Row] = field(default_factory=dict)

    @property
    def rows(self) -> list[Row]:
        return [row for section in self.sections for row in section.rows]


def compute(
    layout: Layout,
    period: Period,
    *,
    data: Data | None = None,
    progress: Callable[[str], None] | None = None,
) -> Snapshot:
    """Every measure of the layout for ``period`` and the periods before it (the trend),
    frames read once for all of them."""
    from safeguard.core import clock

    started = time.perf_counter()
    periods = period.trailing(layout.trend_periods)
    data = data or Data.for_periods(periods, progress=progress)
    sections: list[Section] = []
    by_id: dict[str, Row] = {}
    for group in layout.groups:
        rows = []
        for measure_id in group.measure_ids:
            measure = registry.get(measure_id)
            if progress:
                progress(f"{measure.id} {measure.name}")
            series = [(p, data.figure(measure_id, p)) for p in periods]
            row = Row(measure, period, series)
            rows.append(row)
            by_id[measure_id] = row
        sections.append(Section(group, rows))
    return Snapshot(
        layout=layout,
        period=period,
        sections=sections,
        periods=periods,
        computed_at=clock.now(),
        seconds=time.perf_counter() - started,
        rows_by_id=by_id,
    )


# -- comparators ------------------------------------------------------------------------------


def financial_year(day: dt.date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def comparator_series(measure_id: str, periods: list[Period]) -> dict[str, list[float | None]]:
    """England, region and statistical neighbours' values for each period: the latest
    loaded year on or before the period's financial year (published figures lag)."""
    from safeguard.performance.models import ComparatorValue

    values = list(ComparatorValue.objects.filter(measure_id=measure_id).order_by("area", "year"))
    out: dict[str, list[float | None]] = {}
    for area in dict.fromkeys(v.area for v in values):
        mine = [v for v in values if v.area == area]
        name = next((v.area_name for v in reversed(mine) if v.area_name), "")
        series: list[float | None] = []
        for period in periods:
            year = financial_year(period.end)
            known = [v for v in mine if v.year <= year]
            series.append(known[-1].value if known else None)
        if any(v is not None for v in series):
            out[name or mine[0].get_area_display()] = series
    return out
