"""Report sections: a title, a sentence, measure ids and a shape; computed for a period.

The annual CP report, the outcomes pages and the self-evaluation pack are lists of these.
A section never computes a figure itself: it asks ``Data.figure`` for each measure and
period, so the table, the chart and the drill-down always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from safeguard.performance import registry
from safeguard.performance.data import Data
from safeguard.performance.periods import Period
from safeguard.performance.registry import Figure, Measure

#: monthly: one value per month of the period per measure (a table of months, a line chart);
#: period: one value per measure for the whole period; breakdown: each measure's parts.
Shape = Literal["monthly", "period", "breakdown"]


@dataclass(frozen=True)
class Section:
    title: str
    intro: str
    measure_ids: tuple[str, ...]
    shape: Shape = "period"


@dataclass(frozen=True)
class Cell:
    measure: Measure
    period: Period
    figure: Figure

    @property
    def text(self) -> str:
        if not self.measure.has_data:
            return "No data yet"
        return self.measure.format(self.figure.value)


@dataclass
class ComputedSection:
    section: Section
    measures: list[Measure]
    #: (row label, the period it is for, one cell per measure)
    rows: list[tuple[str, Period, list[Cell]]] = field(default_factory=list)
    #: breakdown sections: per measure, [(label, value)]
    breakdowns: list[tuple[Measure, Figure]] = field(default_factory=list)

    @property
    def has_data(self) -> bool:
        return any(m.has_data for m in self.measures)


def compute_section(section: Section, period: Period, data: Data) -> ComputedSection:
    measures = [registry.get(i) for i in section.measure_ids]
    out = ComputedSection(section, measures)
    if section.shape == "monthly":
        for month in period.months():
            cells = [Cell(m, month, data.figure(m.id, month)) for m in measures]
            out.rows.append((month.short_label, month, cells))
    elif section.shape == "period":
        for m in measures:
            out.rows.append((m.name, period, [Cell(m, period, data.figure(m.id, period))]))
    else:
        out.breakdowns = [(m, data.figure(m.id, period)) for m in measures]
    return out


def compute_sections(
    sections: tuple[Section, ...], period: Period, data: Data | None = None
) -> list[ComputedSection]:
    data = data or Data.for_periods(period.months() or [period])
    return [compute_section(s, period, data) for s in sections]
