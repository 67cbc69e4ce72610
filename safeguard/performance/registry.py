"""The measure registry: every measure the scorecards and reports show, declared once.

A measure is data (id, name, cohort, numerator, denominator, period type, unit, polarity,
"Good" target, source seed) plus, when the records exist, a function computing a
``Figure`` for a period. Products are layouts referring to measure ids; they never
compute a figure themselves. Measures whose records arrive with a later part of the
product are registered with ``awaiting`` and show as "no data yet".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

import polars as pl

from safeguard.performance.periods import Period

if TYPE_CHECKING:
    from safeguard.performance.data import Data


class Unit(StrEnum):
    COUNT = "count"
    PERCENT = "percent"
    RATE = "rate per 10,000 children"
    AVERAGE = "average"
    DAYS = "days"
    MONTHS = "months"
    SCORE = "score"


class Polarity(StrEnum):
    HIGHER = "higher is better"
    LOWER = "lower is better"
    NEUTRAL = "neither higher nor lower is better"


class PeriodType(StrEnum):
    IN_PERIOD = "in the period"
    ROLLING_12 = "in the 12 months to the end of the period"
    AT_END = "at the end of the period"
    LAST_WEEK = "in the last week of the period"


#: How every breakdown labels a missing value (never dropped silently).
NOT_RECORDED = "Not recorded"

#: The columns of every drill-down list: which child, which record, its date, a note.
ROW_SCHEMA: dict[str, pl.DataType] = {
    "child_id": pl.Utf8(),
    "record": pl.Utf8(),
    "on": pl.Date(),
    "detail": pl.Utf8(),
}


def rows(
    frame: pl.DataFrame,
    *,
    child: str = "child_id",
    on: str | pl.Expr | None = None,
    record: str | pl.Expr = "",
    detail: str | pl.Expr = "",
) -> pl.DataFrame:
    """Shape a frame into drill-down rows (``record``/``detail``: column name or text)."""

    def text(value: str | pl.Expr) -> pl.Expr:
        if isinstance(value, pl.Expr):
            return value
        return pl.col(value) if value in frame.columns else pl.lit(value)

    on_expr = (
        pl.lit(None, dtype=pl.Date) if on is None else (pl.col(on) if isinstance(on, str) else on)
    )
    return frame.select(
        pl.col(child).cast(pl.Utf8).alias("child_id"),
        text(record).cast(pl.Utf8).alias("record"),
        on_expr.cast(pl.Date).alias("on"),
        text(detail).cast(pl.Utf8).alias("detail"),
    )


def no_rows() -> pl.DataFrame:
    return pl.DataFrame(schema=ROW_SCHEMA)


@dataclass
class Figure:
    """A measure's value for one period, with the rows behind it for the drill-down."""

    value: float | None
    numerator: pl.DataFrame = field(default_factory=no_rows)
    denominator: pl.DataFrame | None = None
    denominator_value: float | None = None
    #: For breakdown measures (e.g. referrals by source): label -> count, in order.
    breakdown: list[tuple[str, float]] | None = None
    note: str = ""

    @property
    def numerator_count(self) -> int:
        return self.numerator.height

    @property
    def denominator_count(self) -> float | None:
        if self.denominator is not None:
            return self.denominator.height
        return self.denominator_value


def count(numerator: pl.DataFrame) -> Figure:
    return Figure(float(numerator.height), numerator)


def percent(numerator: pl.DataFrame, denominator: pl.DataFrame) -> Figure:
    """Numerator rows over denominator rows; no value (not 0%) when nobody is in the cohort."""
    value = 100.0 * numerator.height / denominator.height if denominator.height else None
    return Figure(value, numerator, denominator)


def rate(numerator: pl.DataFrame, population: int | None) -> Figure:
    if not population:
        return Figure(None, numerator, note="No child population is loaded for this year.")
    return Figure(10_000.0 * numerator.height / population, numerator, denominator_value=population)


def average(numerator: pl.DataFrame, values: pl.Series, denominator: pl.DataFrame) -> Figure:
    if values.len() == 0:
        return Figure(None, numerator, denominator)
    return Figure(float(values.mean()), numerator, denominator)  # type: ignore[arg-type]


Compute = Callable[["Data", Period], Figure]


@dataclass(frozen=True)
class Measure:
    id: str
    name: str
    cohort: str
    numerator: str
    denominator: str | None
    period_type: PeriodType
    unit: Unit
    polarity: Polarity
    source: str
    good: float | None = None
    frequency: str = "Monthly"
    area: str = ""
    lead: str = ""
    compute: Compute | None = None
    #: Why there is no data yet (the records this measure needs arrive later).
    awaiting: str = ""

    @property
    def has_data(self) -> bool:
        return self.compute is not None

    def format(self, value: float | None) -> str:
        return format_value(self.unit, value)


def format_value(unit: Unit, value: float | None) -> str:
    if value is None:
        return "\u2013"  # an en dash: no figure
    if unit == Unit.PERCENT:
        return f"{value:.1f}%"
    if unit in (Unit.RATE, Unit.AVERAGE, Unit.SCORE, Unit.MONTHS):
        return f"{value:,.1f}"
    return f"{value:,.0f}"


REGISTRY: dict[str, Measure] = {}


def register(measure: Measure) -> Measure:
    if measure.id in REGISTRY:
        raise ValueError(f"Measure {measure.id} is registered twice.")
    if (measure.compute is None) == (not measure.awaiting):
        raise ValueError(f"Measure {measure.id} needs either a compute function or `awaiting`.")
    REGISTRY[measure.id] = measure
    return measure


def measure(**spec: object) -> Callable[[Compute], Compute]:
    """Register the decorated function as the compute of a measure with this spec."""

    def decorate(compute: Compute) -> Compute:
        register(Measure(compute=compute, **spec))  # type: ignore[arg-type]
        return compute

    return decorate


def get(measure_id: str) -> Measure:
    try:
        return REGISTRY[measure_id]
    except KeyError:
        raise KeyError(f"There is no measure {measure_id!r} in the registry.") from None


def in_period(column: str, period: Period) -> pl.Expr:
    """The date (or local date of the time) in ``column`` falls within the period."""
    col = pl.col(column)
    return col.is_between(period.start, period.end)


def open_on(start: str, end: str, day: dt.date) -> pl.Expr:
    """Started on or before ``day`` and not ended before it (open at the end of that day)."""
    return (pl.col(start) <= day) & (pl.col(end).is_null() | (pl.col(end) > day))
