"""Outcomes-focused monitoring (measures.md §3): indicator pages for scrutiny committee.

An indicator is a headline measure with lead officers, linked measures (each with its own
trend) and linked corporate risks; the three commentary fields are entered per quarter
by the lead (``IndicatorCommentary``). Figures are quarterly, at the quarter end for
snapshot measures (in the quarter for counts of events).

**RAG** (shown on the pages, ``RAG_RULES``): a measure with a "Good" target is rated
against it as on the scorecard (``layout.rag``). The indicators have no Good: the seeds
rate them against their benchmark (England's or the region's published figure), so
without Good a measure is rated against the benchmark comparator — the latest loaded
year on or before the quarter's financial year, as the benchmark sentence quotes it:

* where one direction is better: G (on track) when no worse than the benchmark;
  A (some concern) when worse by no more than 10% of the benchmark; R (not on track)
  when worse by more;
* where neither direction is better (a CP plan rate: too low may mean risk is missed):
  G within 10% of the benchmark either way, A within 20%, R further away;
* ND (no data) when there is no figure; not rated when there is no benchmark either.

Figures and the benchmark are compared as displayed (to 0.1 for rates), like the
scorecard, so a rating agrees with what a reader sees.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import models

from safeguard.performance import charts, registry
from safeguard.performance.charts import Chart, Point
from safeguard.performance.data import Data
from safeguard.performance.periods import Period
from safeguard.performance.products.layout import (
    Rag,
    Row,
    Trend,
    comparator_series,
    financial_year,
    rag,
)
from safeguard.performance.registry import Measure, Polarity, Unit, format_value

if TYPE_CHECKING:
    from safeguard.performance.models import CorporateRisk, IndicatorCommentary

TITLE = "Outcomes-focused monitoring"
#: Quarters of history on each trend chart.
TREND_QUARTERS = 8
#: Without Good: amber up to this fraction of the benchmark worse (neutral: green within it).
BENCHMARK_TOLERANCE = 0.10


@dataclass(frozen=True)
class Indicator:
    code: str
    measure_id: str
    title: str
    leads: tuple[str, ...]
    linked: tuple[str, ...]
    #: The comparator the benchmark sentence and RAG use when the measure has no "Good".
    benchmark_area: str = "england"


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "S01",
        "OUT-S01",
        "Children subject to a child protection plan, rate per 10,000 children",
        ("Director of Children's Services", "Head of Safeguarding and Quality Assurance"),
        ("OUT-L1", "OBA2-11", "OBA2-12"),
        "england",
    ),
    Indicator(
        "S02",
        "OUT-S02",
        "Children in care, rate per 10,000 children",
        ("Director of Children's Services", "Head of Children in Care"),
        ("OUT-L4", "OUT-L5", "OBA3-05"),
        "region",
    ),
)
INDICATORS_BY_CODE = {i.code: i for i in INDICATORS}
INDICATORS_BY_MEASURE = {i.measure_id: i for i in INDICATORS}

#: The seeds' RAG legend, in their order: (rating, letter, meaning).
RAG_LEGEND: tuple[tuple[Rag, str, str], ...] = (
    (Rag.RED, "R", "Not on track"),
    (Rag.AMBER, "A", "Some concern"),
    (Rag.GREEN, "G", "On track"),
    (Rag.NO_DATA, "ND", "No data"),
)
RAG_LETTERS = {r: letter for r, letter, _ in RAG_LEGEND}
RAG_MEANINGS = {r: meaning for r, _, meaning in RAG_LEGEND}
RAG_RULES: tuple[str, ...] = (
    "A measure with a \u201cGood\u201d target is rated against it: G when it meets Good, "
    "A when it misses Good by no more than 10% of Good, R when it misses it by more.",
    "A measure without Good (the indicators) is rated against its benchmark, the latest "
    "published figure for the comparator named: G when no worse than the benchmark, A when "
    "worse by no more than 10% of the benchmark, R when worse by more.",
    "Where neither higher nor lower is better (the child protection plan rate), G means "
    "within 10% of the benchmark either way, A within 20%, R further away.",
    "ND means there is no figure for the quarter. A measure with neither Good nor a "
    "benchmark is not rated.",
)


def quarter_of(day: dt.date) -> Period:
    """The financial quarter ``day`` is in."""
    fy = financial_year(day)
    return Period.quarter(fy, (day.month - 4) % 12 // 3 + 1)


def last_complete_quarter(today: dt.date) -> Period:
    """The quarter before the one ``today`` is in (the newest with all its records)."""
    return quarter_of(today).previous()


# -- benchmark and RAG ------------------------------------------------------------------------


@dataclass(frozen=True)
class Benchmark:
    area: str  # as shown: "England", "South West"
    year: int  # the financial year, by the year it starts
    value: float
    unit: Unit

    @property
    def text(self) -> str:
        """For example "England 43.1 (2017-18)"."""
        return f"{self.area} {format_value(self.unit, self.value)} ({self.year_label})"

    @property
    def year_label(self) -> str:
        return f"{self.year}-{str(self.year + 1)[2:]}"


def benchmark(measure: Measure, area: str, quarter: Period) -> Benchmark | None:
    """The ``area`` comparator for the latest year on or before the quarter's financial
    year (published figures lag a year or more)."""
    from safeguard.performance.models import ComparatorValue

    found = (
        ComparatorValue.objects.filter(
            measure_id=measure.id, area=area, year__lte=financial_year(quarter.end)
        )
        .order_by("-year")
        .first()
    )
    if found is None:
        return None
    return Benchmark(
        found.area_name or found.get_area_display(), found.year, found.value, measure.unit
    )


def _displayed(unit: Unit, value: float) -> float:
    return float(format_value(unit, value).rstrip("%").replace(",", ""))


def outcome_rag(measure: Measure, value: float | None, bench: Benchmark | None) -> tuple[Rag, str]:
    """The rating and what it was measured against (see the module's docstring)."""
    if measure.good is not None:
        return rag(measure, value), f"against Good ({measure.format(measure.good)})"
    if value is None:
        return Rag.NO_DATA, "no figure for the quarter"
    if bench is None:
        return Rag.NOT_RATED, "no Good target and no benchmark loaded"
    basis = f"against the benchmark, {bench.text}"
    shown, target = _displayed(measure.unit, value), _displayed(measure.unit, bench.value)
    band = BENCHMARK_TOLERANCE * abs(target) + 1e-9  # float noise never flips a rating
    if measure.polarity == Polarity.NEUTRAL:
        gap = abs(shown - target)
        if gap <= band:
            return Rag.GREEN, basis
        return (Rag.AMBER if gap <= 2 * band else Rag.RED), basis
    worse_by = target - shown if measure.polarity == Polarity.HIGHER else shown - target
    if worse_by <= 0:
        return Rag.GREEN, basis
    return (Rag.AMBER if worse_by <= band else Rag.RED), basis


# -- an indicator for a quarter ---------------------------------------------------------------


@dataclass
class Rated:
    """A measure's 8 quarters (``layout.Row``) with its outcome rating."""

    row: Row
    rag: Rag
    rag_basis: str
    benchmark: Benchmark | None = None

    @property
    def measure(self) -> Measure:
        return self.row.measure

    @property
    def rag_letter(self) -> str:
        return RAG_LETTERS.get(self.rag, "")

    @property
    def rag_meaning(self) -> str:
        return RAG_MEANINGS.get(self.rag, "Not rated")

    @property
    def trend(self) -> Trend:
        return self.row.trend


@dataclass
class IndicatorReport:
    indicator: Indicator
    quarter: Period
    headline: Rated
    comparators: dict[str, list[float | None]]
    linked: list[Rated]
    risks: list[CorporateRisk]
    commentary: IndicatorCommentary | None

    @property
    def measure(self) -> Measure:
        return self.headline.measure

    @property
    def periods(self) -> list[Period]:
        return [p for p, _ in self.headline.row.series]

    @property
    def commentary_fields(self) -> list[tuple[str, str, str]]:
        """(field name, question, what was written, or "" when nothing yet)."""
        return [
            (name, question, getattr(self.commentary, name, "") if self.commentary else "")
            for name, question in commentary_questions()
        ]

    @property
    def has_commentary(self) -> bool:
        return any(text for _, _, text in self.commentary_fields)

    def chart(self) -> Chart:
        """The indicator's quarters with its comparators (and Good, if it has one)."""
        row, periods = self.headline.row, self.periods
        points = [Point(p.short_label, f.value, row.measure.format(f.value)) for p, f in row.series]
        return charts.trend(
            f"{self.indicator.code}-trend",
            f"{self.indicator.code} {row.measure.name}, {periods[0].label} to {periods[-1].label}",
            points,
            unit=row.measure.unit,
            good=row.measure.good,
            comparators=self.comparators,
        )


def commentary_questions() -> list[tuple[str, str]]:
    """The three commentary fields and their questions, as the model names them."""
    from safeguard.performance.models import IndicatorCommentary

    out = []
    for name in ("telling_us", "what_changed", "issues"):
        model_field = IndicatorCommentary._meta.get_field(name)
        assert isinstance(model_field, models.Field)
        out.append((name, str(model_field.verbose_name)))
    return out


def _rated(measure_id: str, periods: list[Period], data: Data, area: str) -> Rated:
    measure = registry.get(measure_id)
    row = Row(measure, periods[-1], [(p, data.figure(measure_id, p)) for p in periods])
    bench = benchmark(measure, area, periods[-1])
    rating, basis = outcome_rag(measure, row.current.value, bench)
    if not measure.has_data:
        rating, basis = Rag.NO_DATA, f"no data yet: {measure.awaiting}"
    return Rated(row, rating, basis, bench)


def risks_for(measure_id: str) -> list[CorporateRisk]:
    """Corporate risks linked to the measure (a JSON list: filtered here, as SQLite
    cannot ask whether a JSON list contains a value)."""
    from safeguard.performance.models import CorporateRisk

    return [r for r in CorporateRisk.objects.order_by("ref") if measure_id in (r.measure_ids or [])]


def compute_indicator(
    indicator: Indicator, quarter: Period, *, data: Data | None = None, linked: bool = True
) -> IndicatorReport:
    """The indicator for ``quarter``: headline, 8-quarter trend with comparators, RAG,
    linked measures (with ``linked``), linked risks and the quarter's commentary."""
    from safeguard.performance.models import IndicatorCommentary

    if quarter.kind != "quarter":
        raise ValueError("Outcome indicators are reported for a financial quarter.")
    periods = quarter.trailing(TREND_QUARTERS)
    data = data or Data.for_periods(periods)
    area = indicator.benchmark_area
    return IndicatorReport(
        indicator=indicator,
        quarter=quarter,
        headline=_rated(indicator.measure_id, periods, data, area),
        comparators=comparator_series(indicator.measure_id, periods),
        linked=[_rated(mid, periods, data, area) for mid in indicator.linked] if linked else [],
        risks=risks_for(indicator.measure_id),
        commentary=IndicatorCommentary.objects.filter(
            measure_id=indicator.measure_id, period_code=quarter.code
        ).first(),
    )


@dataclass
class Outcomes:
    """Every indicator for one quarter (the overview, the PDF and the CSV)."""

    quarter: Period
    indicators: list[IndicatorReport]
    computed_at: dt.datetime
    seconds: float = 0.0
    periods: list[Period] = field(default_factory=list)


def compute_all(quarter: Period, *, linked: bool = True) -> Outcomes:
    from safeguard.core import clock

    started = time.perf_counter()
    periods = quarter.trailing(TREND_QUARTERS)
    data = Data.for_periods(periods)
    reports = [compute_indicator(i, quarter, data=data, linked=linked) for i in INDICATORS]
    return Outcomes(quarter, reports, clock.now(), time.perf_counter() - started, periods)
