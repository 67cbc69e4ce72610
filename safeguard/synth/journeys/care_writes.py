"""Writing a planned stay: the period of care and its episodes, the CIN episode, the
adoption records and the social workers' allocations, and the worker in post. Used by
``care`` (which re-exports ``worker``, ``allocate`` and ``WORKERS_FROM_YEARS``) and the
later care journeys.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from safeguard.care.models import (
    AdoptionDecision,
    AdoptionMatch,
    LookedAfterEpisode,
    PeriodOfCare,
)
from safeguard.cin.models import CINEpisode
from safeguard.core.calendar import birthday
from safeguard.people.models import Person
from safeguard.synth.context import SynthContext
from safeguard.synth.journeys.care_plan import (
    Episode,
    Stay,
    pick,
)
from safeguard.synth.journeys.care_providers import Providers
from safeguard.synth.writer import build
from safeguard.workforce.models import Allocation, Worker

STREAM = "care"
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


def worker(
    ctx: SynthContext, role: str, on: dt.date, stream: str, area: str | None = None
) -> Worker | None:
    """A worker in post on ``on`` (None before the workforce's history)."""
    from safeguard.synth.workforce import pick_worker

    earliest = ctx.settings.start - dt.timedelta(days=365 * WORKERS_FROM_YEARS)
    if on < earliest or "worker_index" not in ctx.registry:
        return None
    return pick_worker(ctx, role=role, on=on, stream=stream, team_area=area)


def write_stay(
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
