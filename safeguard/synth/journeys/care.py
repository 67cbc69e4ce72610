"""Children in care: periods, episodes, CIN episodes, allocations, adoption, care leavers.

A steady-state simulation: entries to care arrive at a constant rate from ``BURN_IN_YEARS``
before the history starts, so on the first day of history the stock of looked-after children
and care leavers is already at its long-run level (children in long-term foster care for
years, young people who left care at 18 and are now 19-25). Stays that cannot touch the
history (ended long before it and not care leavers in it) are simulated but not written.

Calibration (scale 1.0): ~180 entries a year with the DfE age mix and outcomes give ~483
looked after at a time; see docs/synthetic-authority.md. Some of them are children who came
into care during a CP plan (``CareFromPlans``), each in place of a drawn entry.
Placements carry their Ofsted service's URN (``care_providers``); after the stays come the
records (``care_records``, ``care_planning``, ``care_leavers``), previous permanence
(``care_permanence``) and young mothers (``care_mothers``), each with its own stream.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from safeguard.care.models import (
    PeriodOfCare,
)
from safeguard.care.rules import POSTCODE
from safeguard.people.models import Person
from safeguard.synth.context import SynthContext
from safeguard.synth.families import FamilyFactory
from safeguard.synth.journeys import (
    care_leavers,
    care_mothers,
    care_permanence,
    care_planning,
    care_records,
)
from safeguard.synth.journeys.care_plan import (
    ENTRY_AGE_BANDS,
    NEED_WEIGHTS,
    Planner,
    Stay,
    _age,
    entry_age,
    outcome_for,
    pick,
    provisional_exit,
)
from safeguard.synth.journeys.care_unregistered import UnregisteredOccupancy
from safeguard.synth.journeys.care_writes import (
    CLOSURE_FOR,
    STREAM,
    WORKERS_FROM_YEARS,
    allocate,
    eighteenth,
    worker,
    write_stay,
)

__all__ = [
    "CLOSURE_FOR",
    "STREAM",
    "WORKERS_FROM_YEARS",
    "CareFromPlans",
    "LookedAfter",
    "allocate",
    "eighteenth",
    "generate",
    "worker",
]

#: Entries to care a year at scale 1.0 (tuned so ~483 are looked after at a time); the
#: children who come into care from a CP plan take the place of drawn entries.
ENTRIES_PER_YEAR = 180.0
#: A drawn entry up to this many days before a child from a plan came into care (same
#: age band) is the one left out for it.
MATCH_DAYS = 120
FROM_PLANS_STREAM = "care_from_plans"
BURN_IN_YEARS = 18


@dataclass
class LookedAfter:
    """A looked-after child as published for later modules (missing episodes)."""

    child: Person
    stay: Stay
    period: PeriodOfCare


def _postcode(value: str) -> str:
    match = POSTCODE.match(" ".join(value.upper().split()))
    return f"{match.group(1)} {match.group(2)}" if match else ""


def generate(ctx: SynthContext) -> None:
    settings = ctx.settings
    rng = ctx.stream(STREAM)
    fake = ctx.faker(STREAM)
    start, end = settings.start, settings.end
    sim_start = start - dt.timedelta(days=round(365.25 * BURN_IN_YEARS))
    total_days = (end - sim_start).days + 1
    n = int(rng.poisson(ENTRIES_PER_YEAR * settings.scale * total_days / 365.25))
    offsets = np.sort(rng.integers(0, total_days, size=n))
    postcodes = [p for p in (_postcode(fake.postcode()) for _ in range(400)) if p]
    names = [fake.last_name() for _ in range(300)]
    planner = Planner(
        rng, settings.la_code, postcodes, names, occupancy=UnregisteredOccupancy.of(ctx)
    )
    families = FamilyFactory.of(ctx)
    from_plans = CareFromPlans.of(ctx).entries
    pending = _pending_by_band(from_plans)
    looked_after: list[LookedAfter] = []
    for offset in offsets:
        entry = sim_start + dt.timedelta(days=int(offset))
        age = entry_age(rng)
        outcome = outcome_for(rng, age)
        exit_guess = provisional_exit(rng, entry, age, outcome)
        need = pick(rng, NEED_WEIGHTS)
        queue = pending[_band(age)]
        if queue and queue[0] <= entry + dt.timedelta(days=MATCH_DAYS):
            queue.pop(0)  # a child from a CP plan came into care in its place
            continue
        age_out = age + (exit_guess - entry).days / 365.25
        dob_guess = entry - dt.timedelta(days=round(365.25 * (age + 0.5)))
        leaver_possible = (
            age_out >= 15.9 and dob_guess + dt.timedelta(days=round(26 * 365.25)) > start
        )
        if exit_guess < start - dt.timedelta(days=30) and not leaver_possible:
            continue
        family = families.new_family(on=entry, child_ages=[age])
        child = family.children[0]
        assert child.date_of_birth is not None
        stay = planner.plan(
            entry=entry,
            exit_=exit_guess,
            dob=child.date_of_birth,
            outcome=outcome,
            need=need,
            end=end,
        )
        home = _postcode(family.household.postcode)
        period = write_stay(ctx, child, stay, home)
        looked_after.append(LookedAfter(child, stay, period))
    looked_after = sorted([*looked_after, *from_plans], key=lambda la: la.stay.entry)
    ctx.registry["looked_after_children"] = looked_after
    care_records.generate(ctx, looked_after)
    care_planning.generate(ctx, looked_after)
    care_leavers.generate(ctx, looked_after)
    care_permanence.generate(ctx, looked_after)
    care_mothers.generate(ctx, looked_after)


def _band(age: int) -> int:
    return next(i for i, (low, high, _) in enumerate(ENTRY_AGE_BANDS) if low <= age <= high)


def _pending_by_band(entries: list[LookedAfter]) -> list[list[dt.date]]:
    """Entry dates of the children who came into care from a plan, by entry age band."""
    pending: list[list[dt.date]] = [[] for _ in ENTRY_AGE_BANDS]
    for la in sorted(entries, key=lambda la: la.stay.entry):
        pending[_band(_age(la.stay.dob, la.stay.entry))].append(la.stay.entry)
    return pending


class CareFromPlans:
    """Children who come into care during a child protection plan (CP-17, and a plan that
    ends "became looked after").

    The social care journeys ask for each as they draw the plan (:meth:`enter`), so the
    plan, the CIN episode (which runs on while the child is looked after) and the stay
    agree. ``generate`` then leaves out a drawn entry of the same age band at about the
    same time for each, so the number in care stays calibrated.
    """

    def __init__(self, ctx: SynthContext) -> None:
        self.ctx = ctx
        self.rng = ctx.stream(FROM_PLANS_STREAM)
        fake = ctx.faker(FROM_PLANS_STREAM)
        postcodes = [p for p in (_postcode(fake.postcode()) for _ in range(200)) if p]
        names = [fake.last_name() for _ in range(200)]
        self.planner = Planner(
            self.rng,
            ctx.settings.la_code,
            postcodes,
            names,
            occupancy=UnregisteredOccupancy.of(ctx),
        )
        self.entries: list[LookedAfter] = []

    @classmethod
    def of(cls, ctx: SynthContext) -> CareFromPlans:
        found = ctx.registry.get("care_from_plans")
        if found is None:
            found = ctx.registry["care_from_plans"] = cls(ctx)
        return found

    def enter(self, child: Person, entry: dt.date) -> Stay:
        """Plan and write the child's stay from ``entry`` (abuse or neglect, N1)."""
        dob = child.date_of_birth
        assert dob is not None
        age = _age(dob, entry)
        outcome = outcome_for(self.rng, age)
        exit_guess = provisional_exit(self.rng, entry, age, outcome)
        stay = self.planner.plan(
            entry=entry,
            exit_=exit_guess,
            dob=dob,
            outcome=outcome,
            need="N1",
            end=self.ctx.settings.end,
        )
        home = _postcode(FamilyFactory.of(self.ctx).home_postcode.get(child.id, ""))
        period = write_stay(self.ctx, child, stay, home, rng=self.rng, cin_episode=False)
        self.entries.append(LookedAfter(child, stay, period))
        return stay

    @staticmethod
    def closure_reason(stay: Stay) -> str:
        """The CIN closure reason for the end of the stay."""
        return CLOSURE_FOR.get(stay.reason, "RC7")
