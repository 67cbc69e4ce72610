"""The partnership dataset's ten basic metrics for a quarter (seed 001: "ten basic metrics
such as Children in Need, with Child Protection Plans or 'In Care' rates, together with
data that would inform understanding of the Partnership's thematic priorities": neglect,
children missing, children at risk of exploitation).

The metrics are measures of the measure registry, computed for the quarter and the
quarter before by the same layout machinery as the scorecards
(``performance.products.layout``), so a figure here is the figure everywhere. The page
shows each with the previous quarter and the direction of change: UP / DOWN / UNCHANGED
as displayed, and whether that is better or worse by the measure's polarity.

Counts and rates only: no drill-down to a child is offered here (partnership users see
pseudonymised data only).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from safeguard.core import clock
from safeguard.partnership.quarters import Quarter
from safeguard.performance.periods import Period
from safeguard.performance.products.layout import Group, Layout, Row, Snapshot, Trend, compute
from safeguard.performance.registry import Figure, Measure, Polarity, format_value

#: The ten basic metrics, in the order the dataset shows them (registry ids).
TEN_METRICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Front door", ("OBA1-04", "SE-FD-03", "OBA2-11")),
    ("Children in need and assessment", ("OBA2-01", "OUT-L1", "SE-S47-01")),
    ("Child protection", ("OUT-S01", "OBA2-12")),
    ("Children in care", ("OUT-S02",)),
    ("Children missing", ("OBA2-14",)),
)
#: The thematic priorities' data (breakdowns): exploitation by risk level, and neglect
#: (children on a plan by category of abuse).
THEMATIC: tuple[str, ...] = ("SE-EXP-01", "CP-18")
LAYOUT = Layout(
    key="partnership-dataset",
    title="Partnership dataset",
    groups=(
        *(Group(title, ids) for title, ids in TEN_METRICS),
        Group("Thematic priorities", THEMATIC),
    ),
    trend_periods=2,
)
METRIC_IDS: tuple[str, ...] = tuple(mid for _, ids in TEN_METRICS for mid in ids)


@dataclass(frozen=True)
class Change:
    """Which way a figure moved (as displayed) and whether that is better or worse."""

    direction: str  # "Up", "Down", "Unchanged", "" (no comparison)
    judgement: str  # "Improving", "Worsening", "" (neither direction is better)

    @property
    def text(self) -> str:
        if not self.direction:
            return "No comparison"
        if self.judgement and self.direction != "Unchanged":
            return f"{self.direction} ({self.judgement.lower()})"
        return self.direction

    @property
    def tag_class(self) -> str:
        return {"Improving": "govuk-tag--green", "Worsening": "govuk-tag--red"}.get(
            self.judgement, "govuk-tag--grey"
        )


def change_of(row: Row) -> Change:
    trend = row.trend
    if trend == Trend.NONE:
        return Change("", "")
    if trend == Trend.UNCHANGED:
        return Change("Unchanged", "")
    if trend in (Trend.UP, Trend.DOWN):
        return Change(trend.value.title(), "")
    before, now = row.previous_value or 0.0, row.current.value or 0.0
    up = _shown(row.measure, now) > _shown(row.measure, before)
    return Change("Up" if up else "Down", trend.value.title())


def _shown(measure: Measure, value: float) -> float:
    return float(format_value(measure.unit, value).rstrip("%").replace(",", ""))


@dataclass(frozen=True)
class Metric:
    measure: Measure
    number: int
    group: str
    previous: str
    current: str
    previous_value: float | None
    current_value: float | None
    change: Change
    note: str

    @property
    def better(self) -> str:
        return {
            Polarity.HIGHER: "Higher is better",
            Polarity.LOWER: "Lower is better",
        }.get(self.measure.polarity, "Neither")


@dataclass(frozen=True)
class Breakdown:
    """A thematic measure: each label's count last quarter and this quarter."""

    measure: Measure
    lines: list[tuple[str, float | None, float | None]]
    previous_total: str
    current_total: str


@dataclass
class Metrics:
    quarter: Quarter
    metrics: list[Metric]
    thematic: list[Breakdown]
    computed_at: dt.datetime
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def previous_quarter(self) -> Quarter:
        return self.quarter.previous()

    @property
    def this_label(self) -> str:
        """ "Q2 2025-26": a column heading (the caption names the months)."""
        return _short(self.quarter)

    @property
    def previous_label(self) -> str:
        return _short(self.previous_quarter)


def _short(quarter: Quarter) -> str:
    return f"Q{quarter.number} {quarter.year}-{str(quarter.year + 1)[2:]}"


def _note(figure: Figure) -> str:
    return figure.note


def _breakdown(row: Row) -> Breakdown:
    now = dict(row.current.breakdown or [])
    before = dict(row.previous.breakdown or []) if row.previous else {}
    labels = list(dict.fromkeys([*now, *before]))
    return Breakdown(
        row.measure,
        [(label, before.get(label), now.get(label)) for label in labels],
        row.previous_text,
        row.current_text,
    )


def ten_metrics(quarter: Quarter) -> Metrics:
    """The ten basic metrics and the thematic data for ``quarter`` and the one before."""
    snapshot: Snapshot = compute(LAYOUT, Period.of_quarter(quarter))
    metrics: list[Metric] = []
    for number, measure_id in enumerate(METRIC_IDS, start=1):
        row = snapshot.rows_by_id[measure_id]
        group = next(title for title, ids in TEN_METRICS if measure_id in ids)
        metrics.append(
            Metric(
                measure=row.measure,
                number=number,
                group=group,
                previous=row.previous_text,
                current=row.current_text,
                previous_value=row.previous_value,
                current_value=row.current.value,
                change=change_of(row),
                note=_note(row.current),
            )
        )
    notes = sorted({m.note for m in metrics if m.note})
    return Metrics(
        quarter=quarter,
        metrics=metrics,
        thematic=[_breakdown(snapshot.rows_by_id[mid]) for mid in THEMATIC],
        computed_at=snapshot.computed_at or clock.now(),
        seconds=snapshot.seconds,
        notes=notes,
    )
