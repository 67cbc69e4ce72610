"""Section-based reports (annual CP report, self-evaluation pack) ready to show or print.

``build_report`` computes each section of a layout for the report's period(s) and pairs
every table with its chart: a line per measure for monthly sections (with comparators
where loaded), bars for breakdowns, bars across measures for a section of percentages.
The same object feeds the page, the PDF and the spreadsheet.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from safeguard.performance import charts, registry
from safeguard.performance.charts import Chart, Point
from safeguard.performance.data import Data
from safeguard.performance.periods import Period
from safeguard.performance.products.layout import comparator_series
from safeguard.performance.products.sections import Section
from safeguard.performance.registry import Figure, Measure, Unit


@dataclass(frozen=True)
class Cell:
    text: str
    measure_id: str = ""
    period: Period | None = None  # with measure_id: the drill-down link
    value: float | None = None  # the unrounded figure, for spreadsheets
    unit: Unit | None = None

    @property
    def drill_code(self) -> str:
        return f"{self.period.kind}:{self.period.code}" if self.period else ""

    @property
    def link(self) -> bool:
        return bool(self.measure_id and self.period)


@dataclass
class Block:
    """One table and the charts drawn from it."""

    caption: str
    headers: list[str]
    rows: list[list[Cell]]
    charts: list[Chart] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class RenderedSection:
    section: Section
    blocks: list[Block]


@dataclass
class Report:
    key: str
    title: str
    subtitle: str
    periods: list[Period]
    sections: list[RenderedSection]
    seconds: float = 0.0

    @property
    def charts(self) -> list[Chart]:
        return [c for s in self.sections for b in s.blocks for c in b.charts]


def _value_cell(measure: Measure, period: Period, figure: Figure) -> Cell:
    if not measure.has_data:
        return Cell("No data yet")
    return Cell(measure.format(figure.value), measure.id, period, figure.value, measure.unit)


def _awaiting_notes(measures: list[Measure]) -> list[str]:
    return [f"{m.name}: no data yet. {m.awaiting}" for m in measures if not m.has_data]


def _monthly(section: Section, measures: list[Measure], period: Period, data: Data) -> Block:
    months = period.months()
    figures = {m.id: [data.figure(m.id, month) for month in months] for m in measures}
    rows = [
        [Cell(month.short_label), *(_value_cell(m, month, figures[m.id][i]) for m in measures)]
        for i, month in enumerate(months)
    ]
    block = Block(section.title, ["Month", *(m.name for m in measures)], rows)
    for m in measures:
        if not m.has_data:
            continue
        points = [
            Point(mo.short_label, f.value, m.format(f.value))
            for mo, f in zip(months, figures[m.id], strict=True)
        ]
        comparators = comparator_series(m.id, months) if m.unit == Unit.RATE else {}
        block.charts.append(
            charts.trend(f"{section.title}-{m.id}", m.name, points, unit=m.unit,
                         good=m.good, comparators=comparators)
        )  # fmt: skip
    block.notes = _awaiting_notes(measures)
    return block


def _figures(section: Section, measures: list[Measure], periods: list[Period], data: Data) -> Block:
    headers = ["Measure", *(p.label for p in periods)]
    rows = [
        [Cell(m.name), *(_value_cell(m, p, data.figure(m.id, p)) for p in periods)]
        for m in measures
    ]
    block = Block(section.title, headers, rows, notes=_awaiting_notes(measures))
    units = {m.unit for m in measures if m.has_data}
    if len(measures) > 1 and len(units) == 1 and units <= {Unit.PERCENT, Unit.RATE}:
        latest = periods[-1]
        items = [
            (m.name, v) for m in measures if m.has_data
            and (v := data.figure(m.id, latest).value) is not None
        ]  # fmt: skip
        if items:
            block.charts.append(
                charts.bars(f"{section.title}-figures", f"{section.title}, {latest.label}",
                            items, unit=units.pop())
            )  # fmt: skip
    return block


def _breakdowns(
    section: Section, measures: list[Measure], periods: list[Period], data: Data
) -> list[Block]:
    blocks = []
    for m in measures:
        if not m.has_data:
            blocks.append(Block(m.name, [], [], notes=_awaiting_notes([m])))
            continue
        figures = [data.figure(m.id, p) for p in periods]
        labels = list(dict.fromkeys(label for f in figures for label, _ in f.breakdown or []))
        rows = [
            [
                Cell(label),
                *(
                    Cell(m.format(v), value=v, unit=m.unit)
                    for f in figures
                    for v in [dict(f.breakdown or []).get(label)]
                ),
            ]
            for label in labels
        ]
        rows.append([Cell("Total"), *(_value_cell(m, p, f) for p, f in
                                      zip(periods, figures, strict=True))])  # fmt: skip
        block = Block(m.name, ["Group", *(p.label for p in periods)], rows)
        items = figures[-1].breakdown or []
        if items:
            block.charts.append(
                charts.bars(f"{m.id}-breakdown", f"{m.name}, {periods[-1].label}", items,
                            unit=m.unit)
            )  # fmt: skip
        if figures[-1].note:
            block.notes.append(figures[-1].note)
        blocks.append(block)
    return blocks


def build_report(
    *,
    key: str,
    title: str,
    sections: tuple[Section, ...],
    periods: list[Period],
    subtitle: str = "",
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Compute ``sections`` for ``periods`` (one, or several side by side).

    Monthly sections use the months of the first period; breakdowns and figures show a
    column per period.
    """
    started = time.perf_counter()
    data = Data.for_periods([*periods, *periods[0].months()], progress=progress)
    rendered = []
    for section in sections:
        if progress:
            progress(section.title)
        measures = [registry.get(i) for i in section.measure_ids]
        if section.shape == "monthly":
            blocks = [_monthly(section, measures, periods[0], data)]
        elif section.shape == "breakdown":
            blocks = _breakdowns(section, measures, periods, data)
        else:
            blocks = [_figures(section, measures, periods, data)]
        rendered.append(RenderedSection(section, blocks))
    return Report(key, title, subtitle or " and ".join(p.label for p in periods), periods,
                  rendered, time.perf_counter() - started)  # fmt: skip
