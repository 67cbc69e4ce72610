"""The statutory rhythm of a looked-after child's care: reviews, health, PEPs, visits.

Written for the history (and a short run-in before it) only; timeliness is a realistic mix:
most reviews and visits on time, a share of initial health assessments late.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from typing import TYPE_CHECKING

import numpy as np

from safeguard.care.models import (
    HealthAssessment,
    HealthAssessmentKind,
    LookedAfterReview,
    PathwayPlanReview,
    PeriodOfCare,
    PersonalEducationPlan,
)
from safeguard.cin.models import Visit, VisitLocation, VisitType
from safeguard.core.calendar import add_months, add_working_days, birthday
from safeguard.people.models import Person
from safeguard.synth.context import SynthContext
from safeguard.synth.journeys import care_outcomes
from safeguard.synth.journeys.care_plan import _age, pick
from safeguard.synth.writer import build

if TYPE_CHECKING:
    from safeguard.synth.journeys.care import LookedAfter

STREAM = "care_records"
#: Records are written from this many days before the history starts.
RUN_IN_DAYS = 400
PARTICIPATION = {
    "PN1": 0.45,
    "PN2": 0.12,
    "PN3": 0.12,
    "PN4": 0.1,
    "PN5": 0.06,
    "PN6": 0.1,
    "PN7": 0.05,
}
#: Share of reviews, IHAs, review health assessments and visits on time (seed 004: IHA
#: 50-82%, RHA 71-91%; seed 003: visits on time 73-80%).
REVIEW_ON_TIME = 0.9
IHA_ON_TIME = 0.55
RHA_ON_TIME = 0.82
VISIT_ON_TIME = 0.65
#: Looked-after visits at which the child was seen, and seen alone (4 and over mostly).
VISIT_SEEN = 0.83
SEEN_ALONE_OLDER = 0.98
SEEN_ALONE_TODDLER = 0.5
#: Share of terms with a PEP held (seed 004: PEP returns 99%); the first within 20 school
#: days of becoming looked after for most.
PEP_HELD = 0.96
FIRST_PEP_ON_TIME = 0.9


def generate(ctx: SynthContext, children: list[LookedAfter]) -> None:
    """The records of every looked-after child, then each year's OC2 answers (which need
    to know the SDQs written here)."""
    from safeguard.synth.journeys.care import worker

    rng = ctx.stream(STREAM)
    fake = ctx.faker(STREAM)
    schools = [
        f"{fake.last_name()} {kind}"
        for kind in (
            "Primary School",
            "Academy",
            "Church of England Primary School",
            "High School",
            "College",
        )
        for _ in range(20)
    ]
    end = ctx.settings.end
    earliest = ctx.settings.start - dt.timedelta(days=RUN_IN_DAYS)
    terms = school_terms(earliest - dt.timedelta(days=400), end + dt.timedelta(days=400))
    writer = ctx.writer
    allocations = ctx.registry.get("care_allocations", {})
    sdq_days: dict[uuid.UUID, list[dt.date]] = defaultdict(list)
    for la in children:
        stay, child, period = la.stay, la.child, la.period
        dob = stay.dob
        last = min(stay.exit or end, end)
        if last < earliest:
            continue

        def ok(day: dt.date, last: dt.date = last, entry: dt.date = stay.entry) -> bool:
            return earliest <= day <= last and day >= entry

        # Reviews: 20 working days, then 3 months, then 6-monthly.
        due = add_working_days(stay.entry, 20)
        number = 0
        held_days: set[dt.date] = set()
        while due <= last:
            if rng.random() < REVIEW_ON_TIME:
                held = due - dt.timedelta(days=int(rng.integers(0, 10)))
            else:
                held = due + dt.timedelta(days=int(rng.integers(1, 35)))
            held = max(held, stay.entry)
            if held > last:
                break
            if ok(held) and held not in held_days:
                held_days.add(held)
                participation = "PN0" if _age(dob, held) < 4 else pick(rng, PARTICIPATION)
                writer.add(
                    build(
                        LookedAfterReview,
                        child=child,
                        period=period,
                        held_on=held,
                        participation=participation,
                        chaired_by=worker(ctx, "cp_chair", held, STREAM, "qa"),
                    ),
                    id=ctx.new_id(STREAM),
                    at=ctx.at(held, 14),
                )
            number += 1
            due = add_months(held, 3 if number == 1 else 6)
        # Health: IHA within 20 working days; RHAs 6-monthly under 5, else yearly.
        iha_due = add_working_days(stay.entry, 20)
        if rng.random() < IHA_ON_TIME:
            iha = iha_due - dt.timedelta(days=int(rng.integers(0, 12)))
        else:
            iha = iha_due + dt.timedelta(days=int(rng.integers(1, 70)))
        iha = max(iha, stay.entry)
        seen: set[tuple[str, dt.date]] = set()

        def health(
            kind: str,
            day: dt.date,
            sdq: int | None = None,
            seen: set[tuple[str, dt.date]] = seen,
            child: Person = child,
            period: PeriodOfCare = period,
        ) -> None:
            if not ok(day) or (kind, day) in seen:
                return
            seen.add((kind, day))
            if sdq is not None:
                sdq_days[child.id].append(day)
            writer.add(
                build(
                    HealthAssessment,
                    child=child,
                    period=period,
                    kind=kind,
                    assessed_on=day,
                    sdq_score=sdq,
                ),
                id=ctx.new_id(STREAM),
                at=ctx.at(day, 11),
            )

        if iha <= last:
            if iha >= earliest:
                health(HealthAssessmentKind.INITIAL, iha)
            day = iha
            while True:
                gap = 6 if _age(dob, day) < 5 else 12
                if rng.random() < RHA_ON_TIME:
                    slack = -int(rng.integers(0, 45))
                else:
                    slack = int(rng.integers(1, 60))
                day = add_months(day, gap) + dt.timedelta(days=slack)
                if day > last:
                    break
                health(HealthAssessmentKind.REVIEW, day)
                dental = day + dt.timedelta(days=int(rng.integers(10, 90)))
                if dental <= last and _age(dob, dental) >= 1 and rng.random() < 0.85:
                    health(HealthAssessmentKind.DENTAL, dental)
                sdq_day = day + dt.timedelta(days=int(rng.integers(0, 60)))
                if sdq_day <= last and 4 <= _age(dob, sdq_day) <= 17 and rng.random() < 0.8:
                    score = int(min(40, max(0, rng.normal(15, 7))))
                    health(HealthAssessmentKind.SDQ, sdq_day, score)
        # PEPs: school age (3-17), the first within 20 school days, then one a term.
        school = schools[int(rng.integers(len(schools)))]
        pep_days: set[dt.date] = set()
        for pep in _pep_days(rng, terms, stay.entry, last):
            if 3 <= _age(dob, pep) <= 17 and ok(pep) and pep not in pep_days:
                pep_days.add(pep)
                writer.add(
                    build(
                        PersonalEducationPlan,
                        child=child,
                        period=period,
                        held_on=pep,
                        school_name=school,
                    ),
                    id=ctx.new_id(STREAM),
                    at=ctx.at(pep, 13),
                )
        # Pathway plans from 16 while in care (6-monthly).
        sixteenth = birthday(dob, 16)
        plan = max(sixteenth + dt.timedelta(days=int(rng.integers(0, 60))), stay.entry)
        plan_days: set[dt.date] = set()
        while plan <= last:
            if ok(plan) and plan not in plan_days:
                plan_days.add(plan)
                writer.add(
                    build(PathwayPlanReview, child=child, reviewed_on=plan),
                    id=ctx.new_id(STREAM),
                    at=ctx.at(plan, 15),
                )
            plan = add_months(plan, 6) + dt.timedelta(days=int(rng.integers(-10, 25)))
        # Visits by the allocated social worker: within a week, then 6-weekly.
        spans = allocations.get(child.id, [])
        if not spans:
            continue
        visit = stay.entry + dt.timedelta(days=int(rng.integers(1, 7)))
        while visit <= last:
            sw = None
            for started, ended, candidate in spans:
                if (
                    candidate.role == "social_worker"
                    and started <= visit
                    and (ended is None or visit <= ended)
                ):
                    sw = candidate
            if sw is not None and ok(visit):
                was_seen = bool(rng.random() < VISIT_SEEN)
                age = _age(dob, visit)
                alone_p = SEEN_ALONE_OLDER if age >= 4 else SEEN_ALONE_TODDLER if age >= 2 else 0
                seen_alone = was_seen and bool(rng.random() < alone_p)
                writer.add(
                    build(
                        Visit,
                        child=child,
                        visit_date=visit,
                        visit_type=VisitType.LOOKED_AFTER,
                        worker=sw,
                        child_seen=was_seen,
                        seen_alone=seen_alone,
                        location=VisitLocation.PLACEMENT,
                    ),
                    id=ctx.new_id(STREAM),
                    at=ctx.at(visit, 16),
                )
            if rng.random() < VISIT_ON_TIME:
                visit = visit + dt.timedelta(days=int(rng.integers(21, 43)))
            else:
                visit = visit + dt.timedelta(days=int(rng.integers(43, 75)))
    care_outcomes.generate(ctx, children, sdq_days)


def school_terms(first: dt.date, last: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Term (start, end) days from ``first`` to ``last``: the authority's term dates held
    (seeded by a migration) and, for years not held, the usual English pattern."""
    from safeguard.core.timescales import load_school_calendar

    held = [(t.starts_on, t.ends_on) for t in load_school_calendar().terms]
    covered = {start.year if start.month >= 9 else start.year - 1 for start, _ in held}
    terms = list(held)
    for year in range(first.year - 1, last.year + 1):
        if year not in covered:
            terms += [
                (dt.date(year, 9, 3), dt.date(year, 12, 19)),
                (dt.date(year + 1, 1, 5), dt.date(year + 1, 3, 28)),
                (dt.date(year + 1, 4, 14), dt.date(year + 1, 7, 21)),
            ]
    return sorted(t for t in terms if t[1] >= first and t[0] <= last)


def _pep_days(
    rng: np.random.Generator, terms: list[tuple[dt.date, dt.date]], entry: dt.date, last: dt.date
) -> list[dt.date]:
    """The first PEP after becoming looked after (within 20 school days for most, counted
    as working days), then one in each later term, a few terms missed."""
    first = add_working_days(
        entry, int(rng.integers(5, 20)) if rng.random() < FIRST_PEP_ON_TIME else 20 + 10
    )
    days = [first] if first <= last else []
    for start, finish in terms:
        if start <= first or start > last:
            continue
        if rng.random() < PEP_HELD:
            day = start + dt.timedelta(days=int(rng.integers(7, 50)))
            day = min(day, finish)
            while day.weekday() >= 5:
                day -= dt.timedelta(days=1)
            if day <= last:
                days.append(day)
    return days
