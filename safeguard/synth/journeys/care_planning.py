"""Care planning for looked-after journeys: versions of the care plan and permanence plans.

Runs after ``care_records`` and reads the looked-after reviews it queued back from the
database, so a care plan is re-agreed on (or a few days after) a review that really took
place and the permanence plan is decided at the second review or a later one. Every draw
comes from the ``care_planning`` stream, so the other modules' data does not change.

- **Care plans**: the first within 10 working days of becoming looked after (most) or up
  to six weeks late; re-agreed after most reviews; sometimes revised after a placement
  move. A child in care before the run-in gets the first plan and the version in force
  when the run-in starts (agreed in the 6 months before). Calibration (scale 1.0): about
  87% of children looked after have a plan in date (seed 003: 78-83%, Good 97%).
- **Permanence plans**: decided at the second review for most, at the third or fourth for
  some, never recorded for a few; the option follows the stay's outcome (adoption, SGO,
  return home, long-term foster or residential care, independence at 16+). An adoption
  twin-tracked with a family option changes to adoption when the adoption plan is agreed.
  Calibration: about 87% of children past their second review have one (seed 004: 85%).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

import numpy as np

from safeguard.care.models import (
    CarePlan,
    CarePlanOccasion,
    LookedAfterReview,
    PermanenceOption,
    PermanencePlan,
)
from safeguard.core.calendar import add_months, add_working_days
from safeguard.synth.context import SynthContext
from safeguard.synth.journeys.care_plan import Stay, _age, pick
from safeguard.synth.journeys.care_records import RUN_IN_DAYS
from safeguard.synth.writer import build

if TYPE_CHECKING:
    from safeguard.synth.journeys.care import LookedAfter

STREAM = "care_planning"
#: Share of first care plans agreed within 10 working days of becoming looked after.
FIRST_PLAN_ON_TIME = 0.9
#: Share of looked-after reviews after which the plan is re-agreed and recorded.
REVIEW_REAGREES = 0.85
#: Share of placement moves followed by a revised plan between reviews.
REVISED_AFTER_MOVE = 0.3
#: When the permanence plan is first recorded: at the second review (0), third (1),
#: fourth (2), or never ("none").
PERMANENCE_AT = {"0": 0.74, "1": 0.1, "2": 0.05, "none": 0.11}
#: A twin-tracked adoption's first plan while the family is assessed.
TWIN_TRACK = {PermanenceOption.RETURN_HOME.value: 0.6, PermanenceOption.SGO_CAO.value: 0.4}


def generate(ctx: SynthContext, children: list[LookedAfter]) -> None:
    ctx.writer.flush()  # the reviews ``care_records`` queued, to read them back
    held: dict[object, list[dt.date]] = defaultdict(list)
    reviews = LookedAfterReview.objects.order_by("period_id", "held_on")
    for period_id, day in reviews.values_list("period_id", "held_on").iterator(chunk_size=20_000):
        held[period_id].append(day)
    rng = ctx.stream(STREAM)
    earliest = ctx.settings.start - dt.timedelta(days=RUN_IN_DAYS)
    for la in children:
        stay = la.stay
        # The last day looked after (a period ending on a day ends that morning).
        last = stay.exit - dt.timedelta(days=1) if stay.exit else ctx.settings.end
        if last < earliest or last < stay.entry:
            continue
        reviewed = held.get(la.period.id, [])
        _care_plans(ctx, rng, la, reviewed, earliest, last)
        _permanence_plans(ctx, rng, la, reviewed, earliest, last)


def _care_plans(
    ctx: SynthContext,
    rng: np.random.Generator,
    la: LookedAfter,
    reviewed: list[dt.date],
    earliest: dt.date,
    last: dt.date,
) -> None:
    from safeguard.synth.journeys.care import worker

    stay = la.stay
    late = rng.random() >= FIRST_PLAN_ON_TIME
    first = add_working_days(stay.entry, int(rng.integers(11, 30) if late else rng.integers(0, 11)))
    versions: dict[dt.date, str] = {first: CarePlanOccasion.INITIAL}
    if stay.entry < earliest:
        carried = earliest - dt.timedelta(days=int(rng.integers(0, 180)))
        if carried > first:
            versions[carried] = CarePlanOccasion.REVIEW
    for review in reviewed:
        if rng.random() < REVIEW_REAGREES:
            versions.setdefault(
                review + dt.timedelta(days=int(rng.integers(0, 6))), CarePlanOccasion.REVIEW
            )
    for episode in stay.episodes[1:]:
        if episode.rne != "L" and episode.start >= earliest and rng.random() < REVISED_AFTER_MOVE:
            revised = episode.start + dt.timedelta(days=int(rng.integers(3, 21)))
            versions.setdefault(revised, CarePlanOccasion.REVISED)
    for day in sorted(versions):
        if day > last or day < first:
            continue
        ctx.writer.add(
            build(
                CarePlan,
                child=la.child,
                period=la.period,
                agreed_on=day,
                occasion=versions[day],
                agreed_by=worker(ctx, "team_manager", day, STREAM, "cic"),
            ),
            id=ctx.new_id(STREAM),
            at=ctx.at(day, 16),
        )


def _permanence_plans(
    ctx: SynthContext,
    rng: np.random.Generator,
    la: LookedAfter,
    reviewed: list[dt.date],
    earliest: dt.date,
    last: dt.date,
) -> None:
    stay = la.stay
    when = pick(rng, PERMANENCE_AT)
    if when == "none":
        return
    expected = add_months(add_working_days(stay.entry, 20), 3)
    if stay.entry >= earliest:
        points = reviewed[1:]  # every review of the period is recorded: from the second on
    elif expected < earliest:
        points = [expected, *(d for d in reviewed if d > expected)]
    else:
        points = [d for d in reviewed if d >= expected - dt.timedelta(days=30)]
    if int(when) >= len(points):
        return
    decided = points[int(when)] + dt.timedelta(days=int(rng.integers(0, 6)))
    if decided > last:
        return
    plans = {decided: _option(stay, decided)}
    adoption_agreed = (stay.adoption or {}).get("plan_agreed")
    if (
        plans[decided] == PermanenceOption.ADOPTION
        and isinstance(adoption_agreed, dt.date)
        and adoption_agreed > decided + dt.timedelta(days=14)
    ):
        plans[decided] = pick(rng, TWIN_TRACK)
        if adoption_agreed <= last:
            plans[adoption_agreed] = PermanenceOption.ADOPTION
    for day in sorted(plans):
        ctx.writer.add(
            build(
                PermanencePlan,
                child=la.child,
                period=la.period,
                decided_on=day,
                option=plans[day],
            ),
            id=ctx.new_id(STREAM),
            at=ctx.at(day, 17),
        )


def _option(stay: Stay, day: dt.date) -> str:
    """The permanence option the stay's outcome implies on ``day``."""
    age = _age(stay.dob, day)
    if stay.outcome == "adoption":
        return PermanenceOption.ADOPTION
    if stay.outcome == "sgo":
        return PermanenceOption.SGO_CAO
    if stay.outcome == "home" or (stay.outcome == "other" and age < 16):
        return PermanenceOption.RETURN_HOME
    if age >= 16:
        return PermanenceOption.INDEPENDENCE
    placement = next(
        (e.place.kind for e in stay.episodes if e.start <= day and (e.end is None or day < e.end)),
        "",
    )
    if placement == "K2":
        return PermanenceOption.RESIDENTIAL
    return PermanenceOption.LONG_TERM_FOSTER
