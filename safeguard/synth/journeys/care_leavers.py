"""Care leavers: contacts (OC3), pathway plan reviews and personal advisers.

A young person who left care at 16 or over, having been looked after for 13 weeks since
their 14th birthday (and not by death or transfer), is a care leaver until 25. Up to 21
every care leaver gets a personal adviser and contact every 6-10 weeks, always including one
in each OC3 birthday window (3 months before to 1 month after the 17th-21st birthdays); from
21 about 40% ask for continued support and keep contact until 25.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from safeguard.care.models import CareLeaverContact, PathwayPlanReview
from safeguard.core.calendar import add_months, birthday
from safeguard.synth.context import SynthContext
from safeguard.synth.journeys.care_plan import _age, pick
from safeguard.synth.journeys.sc_util import ALLOCATIONS
from safeguard.synth.writer import build
from safeguard.workforce.models import Worker

if TYPE_CHECKING:
    from safeguard.synth.journeys.care import LookedAfter

STREAM = "care_leavers"
QUALIFYING_DAYS = 91
IN_TOUCH = 0.93
CONTINUED_SUPPORT_AFTER_21 = 0.24
#: Among those in touch: education, employment or training.
EET = {
    "F1": 0.07,
    "P1": 0.01,
    "F2": 0.16,
    "P2": 0.03,
    "F4": 0.08,
    "P4": 0.01,
    "F5": 0.15,
    "P5": 0.06,
    "G4": 0.12,
    "G5": 0.25,
    "G6": 0.06,
}
SUITABLE = {
    "B1": 0.18,
    "D1": 0.2,
    "E1": 0.08,
    "K1": 0.05,
    "U1": 0.3,
    "C1": 0.04,
    "T1": 0.05,
    "Y1": 0.03,
}
UNSUITABLE = {"B2": 0.2, "S2": 0.2, "V2": 0.2, "W2": 0.1, "X2": 0.2, "Y2": 0.1}
UNDER_18_OUT = {"T1", "T2", "Z1", "Z2"}
NOT_LEAVER_ENDINGS = {"E2", "E3"}


def is_care_leaver(la: LookedAfter) -> bool:
    stay = la.stay
    if stay.exit is None or stay.reason in NOT_LEAVER_ENDINGS:
        return False
    fourteenth, sixteenth = birthday(stay.dob, 14), birthday(stay.dob, 16)
    days = max(0, (stay.exit - max(stay.entry, fourteenth)).days)
    return days >= QUALIFYING_DAYS and stay.exit >= sixteenth


def free_spans(
    first: dt.date, last: dt.date | None, busy: list[tuple[dt.date, dt.date | None]]
) -> list[tuple[dt.date, dt.date | None]]:
    """The parts of ``first``..``last`` (open when None) that no ``busy`` span covers.

    A child has one allocation at a time: a care leaver re-referred, or back in care, is
    allocated a social worker, and the personal adviser hands over to them and back (on the
    day, as handovers go) rather than running alongside (WF-ALLOCATION-OVERLAP).
    """
    free: list[tuple[dt.date, dt.date | None]] = []
    day: dt.date | None = first
    for start, stop in sorted(busy, key=lambda span: span[0]):
        if day is None or (last is not None and start > last):
            break
        if stop is not None and stop <= day:
            continue
        if start > day:
            free.append((day, start))
        day = None if stop is None else max(day, stop)
    if day is not None and (last is None or day < last):
        free.append((day, last))
    return free


def generate(ctx: SynthContext, children: list[LookedAfter]) -> None:
    from safeguard.synth.journeys.care import WORKERS_FROM_YEARS, allocate

    rng = ctx.stream(STREAM)
    end = ctx.settings.end
    earliest = ctx.settings.start - dt.timedelta(days=365)
    leavers: list[LookedAfter] = []
    # A child who left care twice has one keeping-in-touch record per day, whichever
    # stay it follows (the draws are made either way, so the other records stay the same).
    contact_days: set[tuple[object, dt.date]] = set()
    for la in children:
        if not is_care_leaver(la):
            continue
        leavers.append(la)
        stay, child = la.stay, la.child
        assert stay.exit is not None
        dob = stay.dob
        twenty_first = birthday(dob, 21)
        last = min(end, birthday(dob, 26) - dt.timedelta(days=1))
        if rng.random() >= CONTINUED_SUPPORT_AFTER_21:
            last = min(last, twenty_first + dt.timedelta(days=int(rng.integers(30, 120))))
        if last < earliest:
            continue
        staying_put = stay.reason == "E17"
        days: set[dt.date] = set()
        for age in range(17, 22):
            bday = birthday(dob, age)
            day = bday - dt.timedelta(days=int(rng.integers(0, 80)))
            days.add(day)
        day = stay.exit + dt.timedelta(days=int(rng.integers(7, 40)))
        while day <= last:
            days.add(day)
            day += dt.timedelta(
                days=int(rng.integers(42, 75) if day < twenty_first else rng.integers(80, 130))
            )
        # A personal adviser from leaving care (or from the workforce's history).
        pa_from = max(
            stay.exit, ctx.settings.start - dt.timedelta(days=365 * WORKERS_FROM_YEARS - 1)
        )
        busy = [
            *ctx.registry.get(ALLOCATIONS, {}).get(child.id, []),
            *((s, e) for s, e, _ in ctx.registry.get("care_allocations", {}).get(child.id, [])),
        ]
        for first, until in free_spans(pa_from, last if last < end else None, busy):
            allocate(
                ctx,
                child,
                first=first,
                last=until,
                role="personal_adviser",
                area="care_leavers",
                reason="TSPROC",
                stream=STREAM,
            )
        spans = ctx.registry.get("care_allocations", {}).get(child.id, [])

        def adviser_on(day: dt.date, spans: list = spans) -> Worker | None:
            for started, ended, holder in spans:
                if (
                    holder.role == "personal_adviser"
                    and started <= day
                    and (ended is None or day <= ended)
                ):
                    return holder
            return None

        in_touch_state = rng.random() < IN_TOUCH
        for day in sorted(days):
            if not (earliest <= day <= last) or day <= stay.exit:
                continue
            age = _age(dob, day)
            if not 16 <= age <= 25:
                continue
            if rng.random() < 0.25:  # people drift in and out of touch
                in_touch_state = rng.random() < IN_TOUCH
            pa = adviser_on(day)
            if in_touch_state:
                activity = pick(rng, EET)
                if staying_put and age < 21 and age >= 18 and rng.random() < 0.8:
                    accommodation = "Z1"
                elif rng.random() < 0.93:
                    accommodation = pick(rng, SUITABLE)
                else:
                    accommodation = pick(rng, UNSUITABLE)
                if age < 18 and accommodation in UNDER_18_OUT:
                    accommodation = "D1"
                code = "YES"
            else:
                code = "NO" if rng.random() < 0.7 else "REFU"
                activity = accommodation = "0"
            if (child.id, day) in contact_days:
                continue
            contact_days.add((child.id, day))
            ctx.writer.add(
                build(
                    CareLeaverContact,
                    child=child,
                    contact_on=day,
                    in_touch=code,
                    activity=activity,
                    accommodation=accommodation,
                    personal_adviser=pa,
                ),
                id=ctx.new_id(STREAM),
                at=ctx.at(day, 12),
            )
        # Pathway plan reviews, 6-monthly.
        plan = stay.exit + dt.timedelta(days=int(rng.integers(20, 90)))
        while plan <= last:
            if plan >= earliest and 16 <= _age(dob, plan) <= 25:
                pa = adviser_on(plan)
                ctx.writer.add(
                    build(PathwayPlanReview, child=child, reviewed_on=plan, personal_adviser=pa),
                    id=ctx.new_id(STREAM),
                    at=ctx.at(plan, 15, 30),
                )
            plan = add_months(plan, 6)
    ctx.registry["care_leavers"] = leavers
