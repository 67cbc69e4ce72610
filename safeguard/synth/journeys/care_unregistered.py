"""How many unregistered placements are open at once, across every planned stay.

Seed 004 §4.9 has four young people in unregistered placements at a time. Drawn freely
(a share of teenagers' moves to children's homes), the few at a time swung from about 2
to 7 with the draws, so a change anywhere upstream moved the calibration in or out of
tolerance. The care planners (``care_plan.Planner``: the entries drawn by ``care`` and
the children coming into care from a CP plan) share one register of the spans already
planned; a placement that would make more than ``cap`` open at once is made a registered
children's home instead. Offered often enough, such a capped count stays close to
four-fifths of the cap, and varies far less than a free draw.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

#: Open at once at scale 1.0 (scaled, at least one).
CAP_AT_SCALE_1 = 5


class UnregisteredOccupancy:
    """The unregistered spans planned so far (start, planned end) and the cap."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.spans: list[tuple[dt.date, dt.date]] = []

    @classmethod
    def of(cls, ctx: Any) -> UnregisteredOccupancy:
        """The one register of a generation (kept in the context's registry)."""
        found = ctx.registry.get("unregistered_occupancy")
        if found is None:
            cap = max(1, round(CAP_AT_SCALE_1 * ctx.settings.scale))
            found = ctx.registry["unregistered_occupancy"] = cls(cap)
        return found

    def open_at(self, day: dt.date) -> int:
        return sum(1 for start, until in self.spans if start <= day < until)

    def take(self, start: dt.date, until: dt.date) -> bool:
        """Book ``start``..``until`` (exclusive) if the cap allows it all along."""
        overlapping = [(s, u) for s, u in self.spans if s < until and start < u]
        points = [start, *(s for s, _ in overlapping if s > start)]
        if any(sum(1 for s, u in overlapping if s <= p < u) >= self.cap for p in points):
            return False
        self.spans.append((start, until))
        return True
