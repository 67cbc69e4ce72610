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
#: ``ctx.registry`` key: each child's social care allocations as (start, end or None), for
#: the later phases' chains (a care leaver's personal adviser) to keep clear of.
ALLOCATIONS = "social_care_allocations"


class Allocator:
    """One allocation at a time per child; handovers on team moves and when workers leave.

    The case's events (:meth:`start`, :meth:`close`, :meth:`finish`) come in date order, but
    :meth:`current` may look ahead of them: a CP plan that runs on alongside care has its
    visits drawn to the plan's end before the case closes on the day the child came into
    care. So the handovers drawn ahead are tentative (``chains``): an event on a day keeps
    those that began before it and drops the rest (a case closed or moved on a day is not
    handed over on it). Without this the closed case overlapped the child's allocations in
    care, and ended on the day a dropped handover began (SSDA903 SW09, SW10, SW11, SW108).

    Nothing is written until final (the writer may flush a buffer at any add); open
    allocations are written by :meth:`finish`.
    """

    def __init__(self, ctx: SynthContext, stream: str) -> None:
        self.ctx = ctx
        self.stream = stream
        #: Each open case: its area and allocations, the first current on the last event's
        #: day, the rest handovers drawn ahead of the events.
        self.chains: dict[uuid.UUID, tuple[str, list[Allocation]]] = {}
        #: The day each child's last allocation ended (a later case starts no earlier).
        self.ended: dict[uuid.UUID, dt.date] = {}

    def _pick(self, child: Person, area: str, day: dt.date, reason: str) -> Allocation:
        worker = pick_worker(
            self.ctx, role=WorkerRole.SOCIAL_WORKER, on=day, stream=self.stream, team_area=area
        )
        return build(Allocation, child=child, worker=worker, started_on=day, start_reason=reason)

    def _write(self, alloc: Allocation, ended: dt.date | None, reason: str) -> None:
        alloc.ended_on = None if ended is None else max(ended, alloc.started_on)
        alloc.end_reason = reason
        if alloc.ended_on is not None:
            self.ended[alloc.child_id] = alloc.ended_on
        spans = self.ctx.registry.setdefault(ALLOCATIONS, {})
        spans.setdefault(alloc.child_id, []).append((alloc.started_on, alloc.ended_on))
        self.ctx.writer.add(
            alloc, id=self.ctx.new_id(self.stream), at=self.ctx.at(alloc.started_on)
        )

    def _extend(self, child: Person, upto: dt.date) -> list[Allocation]:
        """Draw handovers from workers who left before ``upto``: a new worker the next day."""
        area, chain = self.chains[child.id]
        while True:
            last = chain[-1]
            left = last.worker.left_on
            if left is None or left >= upto:
                return chain
            handover = self._pick(
                child, area, max(left, last.started_on) + dt.timedelta(days=1), "LEFTRL"
            )
            if handover.worker.pk == last.worker.pk:  # nobody else in post: keep the leaver
                return chain
            chain.append(handover)

    def _settle(self, child: Person, day: dt.date) -> list[Allocation]:
        """Write the handovers that took effect by ``day``; the chain then starts with the
        allocation current on ``day``."""
        chain = self._extend(child, day)
        while len(chain) > 1 and chain[1].started_on <= day:
            done = chain.pop(0)
            self._write(done, done.worker.left_on, "LEFTRL")
        return chain

    def _cut(self, child: Person, day: dt.date, reason: str) -> Allocation | None:
        """End the case's allocation on ``day`` (closed, or moved to another team).

        Handovers drawn for ``day`` or later do not happen; the allocation then ends on its
        worker's last day if that came first. One that began on ``day`` itself is not written
        (allocated and ended the same day); it is returned for a move to take its place.
        """
        chain = self._extend(child, day)
        del self.chains[child.id]
        while len(chain) > 1 and chain[1].started_on < day:
            done = chain.pop(0)
            self._write(done, done.worker.left_on, "LEFTRL")
        current = chain[0]
        if current.started_on >= day:
            return current
        left = current.worker.left_on
        self._write(current, day if left is None else min(day, left), reason)
        return None

    def start(self, child: Person, area: str, day: dt.date, *, first: bool = False) -> None:
        day = max(min(day, self.ctx.settings.end), self.ended.get(child.id, dt.date.min))
        if child.id in self.chains:
            if self.chains[child.id][0] == area:
                self._settle(child, day)
                return
            replaced = self._cut(child, day, "MANAGE")
            reason = replaced.start_reason if replaced is not None else "MANAGE"
            self.chains[child.id] = (area, [self._pick(child, area, day, reason)])
            return
        reason = "FCONTA" if first else "MANAGE"
        self.chains[child.id] = (area, [self._pick(child, area, day, reason)])

    def current(self, child: Person, on: dt.date | None = None) -> Worker | None:
        """The worker holding the case on ``on`` (default: on the case's last event)."""
        if child.id not in self.chains:
            return None
        chain = self.chains[child.id][1]
        if on is None:
            return chain[0].worker
        chain = self._extend(child, on)
        holder = chain[0]
        for alloc in chain[1:]:
            if alloc.started_on > on:
                break
            holder = alloc
        return holder.worker

    def close(self, child: Person, day: dt.date) -> None:
        if child.id in self.chains:
            day = max(day, self.ended.get(child.id, dt.date.min))
            self._cut(child, day, "")

    def finish(self) -> None:
        end = self.ctx.settings.end
        for child_id in list(self.chains):
            chain = self._settle(self.chains[child_id][1][0].child, end)
            current = chain[0]
            del self.chains[child_id]
            left = current.worker.left_on
            # Left on the last day of the history: ended, with no successor yet.
            self._write(current, left, "LEFTRL" if left is not None else "")


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
