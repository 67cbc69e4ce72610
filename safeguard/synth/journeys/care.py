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
    AdoptionDecision,
    AdoptionMatch,
    LookedAfterEpisode,
    PeriodOfCare,
)
from safeguard.care.rules import POSTCODE
from safeguard.cin.models import CINEpisode
from safeguard.core.calendar import birthday
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
    Episode,
    Planner,
    Stay,
    _age,
    entry_age,
    outcome_for,
    pick,
    provisional_exit,
)
from safeguard.synth.journeys.care_providers import Providers
from safeguard.synth.writer import build
from safeguard.workforce.models import Allocation, Worker

STREAM = "care"
#: Entries to care a year at scale 1.0 (tuned so ~483 are looked after at a time); the
#: children who come into care from a CP plan take the place of drawn entries.
ENTRIES_PER_YEAR = 180.0
#: A drawn entry up to this many days before a child from a plan came into care (same
#: age band) is the one left out for it.
MATCH_DAYS = 120
FROM_PLANS_STREAM = "care_from_plans"
BURN_IN_YEARS = 18
#: Workers are named on records from this long before the history (the workforce's burn-in).
WORKERS_FROM_YEARS = 3
#: Agencies a PR4/PR5 placement's provider is drawn from (``care_providers`` names them).
PROVIDER_CHOICES = 6
REFERRAL_SOURCES = {
    "5A": 0.25,
    "1A": 0.05,
    "1B": 0.1,
    "2A": 0.12,
    "2B": 0.08,
    "3A": 0.1,
    "3F": 0.05,
    "5D": 0.1,
    "1C": 0.05,
    "5C": 0.1,
}
CLOSURE_FOR = {
    "E11": "RC1",
    "E12": "RC1",
    "E45": "RC4",
    "E46": "RC4",
    "E47": "RC4",
    "E48": "RC4",
    "E3": "RC5",
    "E7": "RC6",
    "E41": "RC3",
}


@dataclass
class LookedAfter:
    """A looked-after child as published for later modules (missing episodes)."""

    child: Person
    stay: Stay
    period: PeriodOfCare


def worker(
    ctx: SynthContext, role: str, on: dt.date, stream: str, area: str | None = None
) -> Worker | None:
    """A worker in post on ``on`` (None before the workforce's history)."""
    from safeguard.synth.workforce import pick_worker

    earliest = ctx.settings.start - dt.timedelta(days=365 * WORKERS_FROM_YEARS)
    if on < earliest or "worker_index" not in ctx.registry:
        return None
    return pick_worker(ctx, role=role, on=on, stream=stream, team_area=area)


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
    planner = Planner(rng, settings.la_code, postcodes, names)
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
        period = _write_stay(ctx, child, stay, home)
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
        self.planner = Planner(self.rng, ctx.settings.la_code, postcodes, names)
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
        period = _write_stay(self.ctx, child, stay, home, rng=self.rng, cin_episode=False)
        self.entries.append(LookedAfter(child, stay, period))
        return stay

    @staticmethod
    def closure_reason(stay: Stay) -> str:
        """The CIN closure reason for the end of the stay."""
        return CLOSURE_FOR.get(stay.reason, "RC7")


def _write_stay(
    ctx: SynthContext,
    child: Person,
    stay: Stay,
    home: str,
    *,
    rng: np.random.Generator | None = None,
    cin_episode: bool = True,
) -> PeriodOfCare:
    rng = rng or ctx.stream(STREAM)
    at = ctx.at(stay.entry, 10)
    period = ctx.writer.add(
        build(PeriodOfCare, child=child, started_on=stay.entry, ended_on=stay.exit),
        id=ctx.new_id(STREAM),
        at=at,
    )
    providers = Providers.of(ctx)
    previous: Episode | None = None
    provider_name = ""
    for ep in stay.episodes:
        place = ep.place
        index = int(rng.integers(PROVIDER_CHOICES)) if place.provider in {"PR4", "PR5"} else 0
        # The same placement (L) or the same carers (T, U) stay with the same agency.
        kept = (
            previous is not None
            and ep.rne in {"L", "T", "U"}
            and previous.place.provider == place.provider
        )
        if not kept:
            provider_name = providers.provider_name(place.kind, place.provider, index)
        providers.register(ep, previous, provider_name)
        previous = ep
        postcode = home if place.kind == "P1" else place.postcode
        if postcode and postcode == home and place.kind != "P1":
            postcode = ""
        ep.obj = ctx.writer.add(
            build(
                LookedAfterEpisode,
                child=child,
                period=period,
                started_on=ep.start,
                reason_new_episode=ep.rne,
                legal_status=ep.legal,
                category_of_need=stay.need,
                placement_type=place.kind,
                placement_provider=place.provider,
                ended_on=ep.end,
                reason_ceased=ep.rec,
                reason_placement_change=ep.rpc,
                home_postcode=home,
                placement_postcode=postcode,
                urn=place.urn,
                carer_name=place.carer if place.kind != "P1" else "",
                provider_name=provider_name,
                placement_la_code=place.la_code,
                is_registered=place.registered,
                distance_miles=place.distance,
            ),
            id=ctx.new_id(STREAM),
            at=ctx.at(ep.start, 11),
        )
    if cin_episode:
        _write_cin_episode(ctx, child, stay)
    _write_adoption(ctx, child, stay, period)
    _write_allocations(ctx, child, stay)
    timeline = ctx.timeline(child.id)
    timeline.cin_busy_until = stay.exit or ctx.settings.end
    timeline.looked_after_until = stay.exit or ctx.settings.end
    return period


def _write_cin_episode(ctx: SynthContext, child: Person, stay: Stay) -> None:
    rng = ctx.stream(STREAM)
    assert child.date_of_birth is not None
    workforce_from = ctx.settings.start - dt.timedelta(days=365 * WORKERS_FROM_YEARS)
    if stay.exit is not None and stay.exit < workforce_from:
        return  # closed before the workforce's history: not kept
    referral = max(child.date_of_birth, stay.entry - dt.timedelta(days=int(rng.integers(0, 75))))
    closure_reason = ""
    summary = ""
    manager = None
    signed = None
    if stay.exit is not None:
        closure_reason = CLOSURE_FOR.get(stay.reason, "RC7")
        summary = f"Ceased to be looked after ({stay.reason}); no longer a child in need."
        manager = worker(ctx, "team_manager", stay.exit, STREAM, "cic")
        signed = stay.exit if manager is not None else None
    ctx.writer.add(
        build(
            CINEpisode,
            child=child,
            referral_date=referral,
            referral_source=pick(rng, REFERRAL_SOURCES),
            primary_need=stay.need,
            closure_date=stay.exit,
            reason_for_closure=closure_reason,
            closure_summary=summary,
            closure_signed_off_by=manager,
            closure_signed_off_on=signed,
        ),
        id=ctx.new_id(STREAM),
        at=ctx.at(referral, 9, 30),
    )
    ctx.timeline(child.id).referral_dates.append(referral)


def _write_adoption(ctx: SynthContext, child: Person, stay: Stay, period: PeriodOfCare) -> None:
    info = stay.adoption
    end = ctx.settings.end
    if not info or "decided" not in info:
        return
    decided = info["decided"]
    assert isinstance(decided, dt.date)
    if decided > end:
        return
    plan_agreed = info["plan_agreed"]
    assert isinstance(plan_agreed, dt.date)
    decision = ctx.writer.add(
        build(
            AdoptionDecision,
            child=child,
            period=period,
            plan_agreed_on=plan_agreed,
            decided_on=decided,
            decision_maker=worker(ctx, "service_manager", decided, STREAM),
        ),
        id=ctx.new_id(STREAM),
        at=ctx.at(decided, 15),
    )
    matched = info["matched"]
    assert isinstance(matched, dt.date)
    if matched > end:
        return
    single = bool(info["single"])
    rng = ctx.stream(STREAM)
    if single:
        sex, legal, number = ("F1" if rng.random() < 0.85 else "M1"), "L0", 1
    else:
        same_sex = rng.random() < 0.1
        sex = ("FF" if rng.random() < 0.5 else "MM") if same_sex else "MF"
        legal = (
            ("L12" if rng.random() < 0.7 else "L4")
            if same_sex
            else ("L11" if rng.random() < 0.8 else "L3")
        )
        number = 2
    ctx.writer.add(
        build(
            AdoptionMatch,
            decision=decision,
            matched_on=matched,
            number_of_adopters=number,
            adopter_sex=sex,
            adopter_legal_status=legal,
        ),
        id=ctx.new_id(STREAM),
        at=ctx.at(matched, 15),
    )


def _write_allocations(ctx: SynthContext, child: Person, stay: Stay) -> None:
    """Social workers while looked after; hand-overs every year or so."""
    first = max(stay.entry, ctx.settings.start - dt.timedelta(days=365 * WORKERS_FROM_YEARS - 1))
    allocate(
        ctx,
        child,
        first=first,
        last=stay.exit,
        role="social_worker",
        area="cic",
        reason="FCONTA",
        stream=STREAM,
    )


def allocate(
    ctx: SynthContext,
    child: Person,
    *,
    first: dt.date,
    last: dt.date | None,
    role: str,
    area: str,
    reason: str,
    stream: str,
) -> None:
    """A chain of allocations from ``first`` to ``last`` (open when None), hand-overs ~yearly.

    Each holder is in post for their whole span (a leaver hands over on their last day).
    """
    rng = ctx.stream(stream)
    end = ctx.settings.end
    stop = last or end
    if first > stop:
        return
    day = first
    while day <= stop:
        holder = worker(ctx, role, day, stream, area)
        if holder is None:
            return
        if holder.started_on > day or (holder.left_on is not None and holder.left_on < day):
            day += dt.timedelta(days=14)  # a vacancy: unallocated until someone is in post
            continue
        length = int(rng.lognormal(np.log(330), 0.6))
        until = day + dt.timedelta(days=max(30, length))
        next_reason = pick(
            rng,
            {
                "LEFTRL": 0.05,
                "MANAGE": 0.5,
                "TSPROC": 0.2,
                "ORGRST": 0.1,
                "ABSENC": 0.1,
                "CHCHAN": 0.05,
            },
        )
        if holder.left_on is not None and holder.left_on < until:
            until, next_reason = max(holder.left_on, day), "LEFTRL"
        ended: dt.date | None
        if until >= stop:
            ended, end_reason = last, ""
        else:
            ended, end_reason = until, next_reason
        ctx.writer.add(
            build(
                Allocation,
                child=child,
                worker=holder,
                started_on=day,
                ended_on=ended,
                start_reason=reason,
                end_reason=end_reason,
            ),
            id=ctx.new_id(stream),
            at=ctx.at(day, 9, 15),
        )
        ctx.registry.setdefault("care_allocations", {}).setdefault(child.id, []).append(
            (day, ended, holder)
        )
        if ended is None or until >= stop:
            return
        if until == day:
            until = day + dt.timedelta(days=1)
        day, reason = until, next_reason


def eighteenth(child: Person) -> dt.date:
    assert child.date_of_birth is not None
    return birthday(child.date_of_birth, 18)
