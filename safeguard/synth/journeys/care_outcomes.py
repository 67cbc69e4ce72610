"""The OC2 answers for each child looked after for 12 months at 31 March, and their SDQs.

For every collection year of the history (1 April to 31 March) each child in the year's
OC2 cohort gets an ``OutcomesRecord``: the cohort is ``ssda903.selectors.oc2_periods``
restated over the generated stays (a period begun on or before 1 April, still open after
31 March, not only short breaks). The answers follow ``care.services.record_outcomes``:
convictions asked at 10 or over only (542, 543), the health (development) check under 5
only (545, 546), interventions only when a substance misuse problem was identified (192,
193), "offered" only when one was not received (158, 159).

Rates, from DfE "Children looked after in England including adoptions" (the OC2
outcome tables, 2019 to 2024, rounded; later years a little lower on most measures):

- convicted during the year: 2-4% of children 10 or over, rising with age (1% at 10-12,
  3% at 13-15, 5% at 16-17 here: about 3% of the cohort's 10+, who are mostly teenagers);
- development checks up to date (under 5): 88-90% (89% here);
- immunisations up to date: 80-86% (85% here);
- substance misuse problem identified: 3-4%, nearly all teenagers (6% at 13+, 1% at
  10-12, none younger here: about 3.5% of the cohort); of them about 57% received an
  intervention and, of the rest, about 60% were offered one and refused it.

SDQ: rule 186 asks for a score for every OC2 child 4 or over on 1 April and under 17 on
31 March, and 197a forbids a reason beside a score, so every such child with no SDQ in
the year (``care_records`` draws one at 80% of review health assessments) gets one on a
day of the year. Nationally 75-80% have a score; here all do, since the validator treats
186 as an error. The reason for no score (SDQ1, "aged under 4 or over 16 at the latest
assessment") is given to the children on the band's edges with no score: those who turn
4, or 17, during the year.

Draws come from a stream of their own (``care_outcomes``), a fixed number per child and
year, so no other module's draws move.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from safeguard.care.models import (
    SHORT_BREAK_LEGAL_STATUSES,
    HealthAssessment,
    HealthAssessmentKind,
    OutcomesRecord,
)
from safeguard.care.selectors import ReturnYear
from safeguard.core.calendar import age_on, birthday
from safeguard.synth.context import SynthContext
from safeguard.synth.writer import build

if TYPE_CHECKING:
    from safeguard.synth.journeys.care import LookedAfter

STREAM = "care_outcomes"

#: Convicted in the year, by the lowest age of a band (only asked at 10 or over).
CONVICTED_BY_AGE = ((10, 0.01), (13, 0.03), (16, 0.05))
AGE_OF_CRIMINAL_RESPONSIBILITY = 10
#: Development checks up to date (only asked under 5).
HEALTH_CHECK_UP_TO_DATE = 0.89
HEALTH_CHECK_UNDER = 5
IMMUNISATIONS_UP_TO_DATE = 0.85
#: Substance misuse problem identified in the year, by the lowest age of a band.
SUBSTANCE_MISUSE_BY_AGE = ((0, 0.0), (10, 0.01), (13, 0.06))
INTERVENTION_RECEIVED = 0.57
#: Offered an intervention (and refused it) when none was received.
INTERVENTION_OFFERED = 0.6
#: SDQ ages: 4 or over at the start of the year, under 17 at its end (186, 197B).
SDQ_FROM, SDQ_UNDER = 4, 17
SDQ_MEAN, SDQ_SD, SDQ_MAX = 15, 7, 40
#: Uniform draws per child and year (with one normal for an SDQ score): a fixed number,
#: so one answer's rate never moves another's draws.
DRAWS = 7


def collection_years(start: dt.date, end: dt.date) -> list[ReturnYear]:
    """The years to 31 March that close inside the history."""
    first = start.year if start <= dt.date(start.year, 3, 31) else start.year + 1
    return [ReturnYear.ending(y) for y in range(first, end.year + 1) if dt.date(y, 3, 31) <= end]


def in_cohort(la: LookedAfter, year: ReturnYear) -> bool:
    """Looked after continuously for 12 months at 31 March (``oc2_periods``)."""
    period = la.period
    if period.started_on > year.start:
        return False
    if period.ended_on is not None and period.ended_on <= year.end:
        return False
    return any(ep.legal not in SHORT_BREAK_LEGAL_STATUSES for ep in la.stay.episodes)


def _rate(by_age: Iterable[tuple[int, float]], age: int) -> float:
    rate = 0.0
    for lowest, value in by_age:
        if age >= lowest:
            rate = value
    return rate


def generate(
    ctx: SynthContext,
    children: list[LookedAfter],
    sdq_days: Mapping[uuid.UUID, Iterable[dt.date]],
) -> None:
    """Write the OC2 answers (and any SDQ the score rule needs) for every year's cohort.

    ``sdq_days`` holds the days of the SDQs already written for each child.
    """
    rng = ctx.stream(STREAM)
    writer = ctx.writer
    held = {child: sorted(days) for child, days in sdq_days.items()}
    for year in collection_years(ctx.settings.start, ctx.settings.end):
        done: set[uuid.UUID] = set()
        for la in children:
            child = la.child
            dob = child.date_of_birth
            if dob is None or child.id in done or not in_cohort(la, year):
                continue
            done.add(child.id)
            u = rng.random(DRAWS)
            z = float(rng.standard_normal())
            age = age_on(dob, year.end)
            scored = any(day in year for day in held.get(child.id, ()))
            sdq_reason = ""
            if birthday(dob, SDQ_FROM) <= year.start and birthday(dob, SDQ_UNDER) > year.end:
                if not scored:
                    day = year.start + dt.timedelta(days=int(u[6] * 365))
                    score = int(min(SDQ_MAX, max(0, SDQ_MEAN + SDQ_SD * z)))
                    writer.add(
                        build(
                            HealthAssessment,
                            child=child,
                            period=la.period,
                            kind=HealthAssessmentKind.SDQ,
                            assessed_on=day,
                            sdq_score=score,
                        ),
                        id=ctx.new_id(STREAM),
                        at=ctx.at(day, 11),
                    )
            elif age >= SDQ_FROM and age_on(dob, year.start) < SDQ_UNDER and not scored:
                sdq_reason = "SDQ1"
            misuse = bool(u[3] < _rate(SUBSTANCE_MISUSE_BY_AGE, age))
            received = bool(u[4] < INTERVENTION_RECEIVED) if misuse else None
            offered = bool(u[5] < INTERVENTION_OFFERED) if received is False else None
            writer.add(
                build(
                    OutcomesRecord,
                    child=child,
                    year_ending=year.end,
                    convicted=bool(u[0] < _rate(CONVICTED_BY_AGE, age))
                    if age >= AGE_OF_CRIMINAL_RESPONSIBILITY
                    else None,
                    health_check_up_to_date=bool(u[1] < HEALTH_CHECK_UP_TO_DATE)
                    if age < HEALTH_CHECK_UNDER
                    else None,
                    immunisations_up_to_date=bool(u[2] < IMMUNISATIONS_UP_TO_DATE),
                    substance_misuse=misuse,
                    intervention_received=received,
                    intervention_offered=offered,
                    sdq_reason=sdq_reason,
                ),
                id=ctx.new_id(STREAM),
                at=ctx.at(year.end, 17),
            )
