"""Case allocation histories and statutory visits for the social care journeys."""

from __future__ import annotations

import datetime as dt
import uuid

import numpy as np

from safeguard.cin.models import CINEpisode, Visit, VisitLocation
from safeguard.people.models import Person
from safeguard.synth.context import SynthContext
from safeguard.synth.workforce import pick_worker
from safeguard.synth.writer import build
from safeguard.workforce.models import Allocation, Worker, WorkerRole

#: CIN visits at which the child was seen (seed 003: 80-82% of all statutory visits; CP
#: visits, seen more often, pass their own share).
CHILD_SEEN = 0.77
#: Visits a few days late.
LATE = 0.1


class Allocator:
    """One open allocation per child; handovers on team moves and when workers leave.

    Allocations are written only once final (the writer may flush a buffer at any add),
    open ones by :meth:`finish`.
    """

    def __init__(self, ctx: SynthContext, stream: str) -> None:
        self.ctx = ctx
        self.stream = stream
        self.open: dict[uuid.UUID, tuple[Allocation, str]] = {}

    def _new(self, child: Person, area: str, day: dt.date, reason: str) -> None:
        worker = pick_worker(
            self.ctx, role=WorkerRole.SOCIAL_WORKER, on=day, stream=self.stream, team_area=area
        )
        alloc = build(Allocation, child=child, worker=worker, started_on=day, start_reason=reason)
        self.open[child.id] = (alloc, area)

    def _end(self, child: Person, day: dt.date, reason: str) -> None:
        alloc, _ = self.open.pop(child.id)
        alloc.ended_on = max(day, alloc.started_on)
        alloc.end_reason = reason
        self.ctx.writer.add(
            alloc, id=self.ctx.new_id(self.stream), at=self.ctx.at(alloc.started_on)
        )

    def _advance(self, child: Person, upto: dt.date) -> None:
        """Hand over from workers who left before ``upto``: a new worker the next day."""
        while child.id in self.open:
            alloc, area = self.open[child.id]
            left = alloc.worker.left_on
            if left is None or left >= upto:
                return
            self._end(child, left, "LEFTRL")
            self._new(child, area, max(left, alloc.started_on) + dt.timedelta(days=1), "LEFTRL")
            if self.open[child.id][0].worker.pk == alloc.worker.pk:
                return

    def start(self, child: Person, area: str, day: dt.date, *, first: bool = False) -> None:
        day = min(day, self.ctx.settings.end)
        if child.id in self.open:
            self._advance(child, day)
            if self.open[child.id][1] == area:
                return
            self._end(child, day, "MANAGE")
            self._new(child, area, day, "MANAGE")
            return
        self._new(child, area, day, "FCONTA" if first else "MANAGE")

    def current(self, child: Person, on: dt.date | None = None) -> Worker | None:
        if child.id not in self.open:
            return None
        if on is not None:
            self._advance(child, on)
        return self.open[child.id][0].worker

    def close(self, child: Person, day: dt.date) -> None:
        if child.id in self.open:
            self._advance(child, day)
            self._end(child, day, "")

    def finish(self) -> None:
        end = self.ctx.settings.end
        for alloc, _ in list(self.open.values()):
            self._advance(alloc.child, end)
        for alloc, _ in list(self.open.values()):
            if alloc.worker.left_on is not None:  # left on the last day of history
                self._end(alloc.child, end, "LEFTRL")
        for alloc, _ in list(self.open.values()):
            self.ctx.writer.add(
                alloc, id=self.ctx.new_id(self.stream), at=self.ctx.at(alloc.started_on)
            )
        self.open.clear()


def visits(
    ctx: SynthContext,
    rng: np.random.Generator,
    child: Person,
    episode: CINEpisode,
    visit_type: str,
    start: dt.date,
    last: dt.date,
    weeks: int,
    _lead: Worker | None,
    alloc: Allocator,
    *,
    not_alone_young: float = 0.15,
    not_alone_older: float = 0.01,
    seen: float = CHILD_SEEN,
    late: float = LATE,
) -> None:
    """Visits every ``weeks`` weeks from ``start`` to ``last``; some late, some where the
    child was not seen (out, refused, no access) and, of those seen, some not alone
    (under-5s mostly, babies always). A visit due before a baby's birth is not written (it
    was to the expectant mother), though drawn, so later visits stay as they were."""
    end = ctx.settings.end
    last = min(last, end)
    step = weeks * 7
    day = start + dt.timedelta(days=int(rng.integers(1, min(step, 10) + 1)))
    while day <= last:
        worker = alloc.current(child, day)
        if worker is None:
            worker = pick_worker(
                ctx, role=WorkerRole.SOCIAL_WORKER, on=day, stream="social_care_visits"
            )
        was_seen = bool(rng.random() < seen)
        age_days = 0 if child.date_of_birth is None else (day - child.date_of_birth).days
        young = age_days < 5 * 365
        alone = was_seen and bool(rng.random() >= (not_alone_young if young else not_alone_older))
        if age_days < 365:
            alone = False
        visit = build(
            Visit,
            child=child,
            episode=episode,
            visit_date=day,
            visit_type=visit_type,
            worker=worker,
            child_seen=was_seen,
            seen_alone=alone,
            location=VisitLocation.HOME if rng.random() < 0.8 else VisitLocation.SCHOOL,
        )
        visit_id = ctx.new_id("social_care_visits")
        if age_days >= 0:
            ctx.writer.add(visit, id=visit_id, at=ctx.at(day, 15))
        # Mostly within the window; some a few days late.
        gap = step - int(rng.integers(0, 4))
        if rng.random() < late:
            gap += int(rng.integers(3, 12))
        day += dt.timedelta(days=gap)
