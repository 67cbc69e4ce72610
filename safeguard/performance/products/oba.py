"""The OBA (outcomes-based accountability) snapshot: measures.md §1, for any month.

The seed's layout: three questions, each a list of measure ids in the seed's order; the
columns Ref, Area, Measure, Frequency, Good, Previous, Current, Trend, Lead, then RAG and
a 12-month sparkline. The seed headed its trend column "Trend (since April)"; the
convention in measures.md ("trend = change since the previous period") decides: Trend
compares the current month with the previous month shown beside it, and the sparkline
shows the months since April (and before) for the longer view. See ``layout`` for the
trend and RAG rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from safeguard.core.calendar import add_months
from safeguard.performance.data import Data
from safeguard.performance.periods import Period
from safeguard.performance.products.layout import Group, Layout, Snapshot, compute

HOW_MUCH = Group(
    "How much did we do?",
    (
        "OBA1-01",
        "OBA1-02",
        "OBA1-04",
        "OBA1-05",
        "OBA1-06",
        "OBA1-07",
        "OBA1-08",
        "OBA1-09",
        "OBA1-10",
        "OBA1-11",
        "OBA1-12",
        "OBA1-13",
        "OBA1-14",
        "OBA1-15",
    ),
)
HOW_WELL = Group(
    "How well did we do it?",
    tuple(f"OBA2-{n:02d}" for n in range(1, 32)),
)
BETTER_OFF = Group(
    "Is anyone better off?",
    ("OBA3-02", "OBA3-03", "OBA3-04", "OBA3-05", "OBA3-06"),
)

OBA_SNAPSHOT = Layout(
    key="oba",
    title="OBA snapshot",
    groups=(HOW_MUCH, HOW_WELL, BETTER_OFF),
    trend_periods=12,
)


def last_complete_month(today: dt.date) -> Period:
    """The month before the one ``today`` is in (the newest month with all its records)."""
    start = add_months(today.replace(day=1), -1)
    return Period.month(start.year, start.month)


def snapshot(
    month: Period,
    *,
    data: Data | None = None,
    progress: Callable[[str], None] | None = None,
) -> Snapshot:
    """The OBA snapshot for ``month`` with each measure's previous 11 months."""
    if month.kind != "month":
        raise ValueError("The OBA snapshot is for a calendar month.")
    return compute(OBA_SNAPSHOT, month, data=data, progress=progress)
