"""Children at risk of or linked to exploitation (CAROLE): screening to MACE reviews.

About 54 children a year (at scale 1.0) are screened with concerns, spread evenly over
the history, aged 11-17. Each has a risk assessment a few days later: significant (76%),
moderate (18%) or emerging (6%); a child is screened when the concern is already serious.
Significant and moderate risks are moderated with police and health within 5 days, and the
first MACE is held 4-20 days later (most within the 15 days). Reviews are due every 6
weeks (significant) or 12 weeks (moderate) but slip: 10% of significant and 72% of
moderate reviews are held 1-6 or 1-16 weeks late (seed 004: 64 of the 86 children had a
MACE in the last 3 months, though every significant and moderate child should). At each
review a significant risk falls to moderate (38%); a moderate one rises (12%), or counts
down the 1-4 moderate reviews drawn for the child and then falls to emerging, which ends
the MACE reviews. In steady state that gives seed 004's 31 August 2020 picture: about 20
significant, 53 moderate and 13 emerging at a time, some three in four of them with a MACE
in the last 3 months, about 25 decreases a quarter against a handful of increases.

Who the children are: most children at significant or moderate risk are already open to
children's social care, many of them in care and going missing (seed 004 §4.11 maps
exploitation through missing episodes; the MACE is the allocated social worker's meeting,
so its work reaches their My work). So 80% of significant and moderate risks are drawn from
the children aged 11-17 open to children's social care on the screening day (a CIN
episode, CP plan or period of care from the earlier phases; the seed gives no share,
so a fifth are left as children newly known through the concern), weighted four times
for children with missing episodes and twice for those staying open another 6 months or
more. Emerging risks are more often held by schools and early help, so 40% of them. The
rest, and any draw with nobody eligible, are new families.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from safeguard.care.models import PeriodOfCare
from safeguard.cin.models import CINEpisode
from safeguard.exploitation.models import MissingEpisode
from safeguard.exploitation.models_carole import (
    ExploitationRiskAssessment,
    ExploitationScreening,
    MaceKind,
    MaceMeeting,
    MacePlanAction,
    PlanStrand,
    RiskIndicator,
    ScreeningQuestion,
)
from safeguard.people.models import Person
from safeguard.protection.models import CPPlan
from safeguard.synth.context import SynthContext
from safeguard.synth.families import FamilyFactory
from safeguard.synth.journeys import carole_tactical as tactical
from safeguard.synth.journeys.care_plan import _age
from safeguard.synth.writer import build

STREAM = "carole"
CHILDREN_A_YEAR = 54.0
LEVELS = ("significant", "moderate", "emerging")
LEVEL_SHARES = (0.76, 0.18, 0.06)
#: Share of each level drawn from children open to children's social care.
KNOWN_SHARE = {"significant": 0.8, "moderate": 0.8, "emerging": 0.4}
MISSING_WEIGHT = 4.0
STAYING_OPEN_WEIGHT = 2.0
REVIEW_WEEKS = {"significant": 6, "moderate": 12}
#: Share of reviews held late, and how many weeks late at most.
LATE = {"significant": 0.1, "moderate": 0.72}
LATE_WEEKS = {"significant": 6, "moderate": 16}
RISE = 0.12
GOLDEN = 0.6180339887498949
FALL_SIGNIFICANT = 0.38
MODERATE_REVIEWS = 4
AGES = (11, 12, 13, 14, 15, 16, 17)
AGE_SHARES = (0.03, 0.07, 0.14, 0.22, 0.24, 0.2, 0.1)
ATTENDEES = "Social worker\nDorset Police\nSchool nurse (health)\nSchool safeguarding lead"
ACTIONS = {
    PlanStrand.PREPARE: ("Share the child's description and associates with police", "Police"),
    PlanStrand.PREVENT: ("Weekly sessions with the youth worker", "Youth service"),
    PlanStrand.PROTECT: ("Safety plan agreed with the child and carers", "Social worker"),
    PlanStrand.PURSUE: ("Disruption activity at known locations", "Police"),
}


@dataclass
class Course:
    """A child's risk decisions as drawn, before anything is written (no database)."""

    screened_on: dt.date
    level: str
    assessed_on: dt.date | None = None
    moderated_on: dt.date | None = None
    #: (held on, level agreed) of each MACE; the first is the first MACE.
    maces: list[tuple[dt.date, str]] = field(default_factory=list)


def level_for(u: float) -> str:
    """The initial risk level at ``u`` (0-1) on the cumulative shares."""
    for level, upto in zip(LEVELS, np.cumsum(LEVEL_SHARES), strict=True):
        if u < upto:
            return level
    return LEVELS[-1]


def plan_course(
    rng: np.random.Generator, day: dt.date, end: dt.date, level: str | None = None
) -> Course:
    """Assessment, moderation and MACE reviews to ``end`` for a child screened on ``day``
    (at ``level``, or one drawn on the shares)."""
    course = Course(day, level or str(rng.choice(LEVELS, p=LEVEL_SHARES)))
    assessed = day + dt.timedelta(days=int(rng.integers(1, 10)))
    if assessed > end:
        return course
    course.assessed_on = assessed
    moderated = assessed + dt.timedelta(days=int(rng.integers(0, 6)))
    if course.level == "emerging" or moderated > end:
        return course
    course.moderated_on = moderated
    level = course.level
    held = moderated + dt.timedelta(days=int(rng.integers(4, 21)))
    # Moderate reviews before the risk falls to emerging: evenly 1 to MODERATE_REVIEWS
    # rather than a fall at each review by chance, so falls (and the emerging cohort,
    # 3 months each) do not swing with a few long-running moderate risks.
    moderate_reviews = int(rng.integers(1, MODERATE_REVIEWS + 1))
    while held <= end:
        if course.maces:
            if level == "significant":
                if rng.random() < FALL_SIGNIFICANT:
                    level = "moderate"
            elif rng.random() < RISE:
                level = "significant"
            else:
                moderate_reviews -= 1
                if moderate_reviews <= 0:
                    level = "emerging"
        course.maces.append((held, level))
        if level == "emerging":
            break
        if rng.random() < LATE[level]:
            late = int(rng.integers(7, 7 * LATE_WEEKS[level] + 1))
        else:
            late = -int(rng.integers(0, 4))
        held = held + dt.timedelta(weeks=REVIEW_WEEKS[level], days=late)
    return course


def generate(ctx: SynthContext) -> None:
    rng = ctx.stream(STREAM)
    start, end = ctx.settings.start, ctx.settings.end
    span = (end - start).days + 1
    n = round(CHILDREN_A_YEAR * ctx.settings.scale * span / 365.25)
    families = FamilyFactory.of(ctx)
    known = _KnownChildren(start, end)
    histories: list[tactical.History] = []
    phase = float(rng.random())
    for i in range(n):
        day = start + dt.timedelta(days=int((i + float(rng.random())) * span / n))
        # Levels on a golden-ratio sequence: the shares hold in every stretch of the
        # history, so the cohort at a quarter end swings less than with independent draws.
        course = plan_course(rng, day, end, level_for((phase + i * GOLDEN) % 1.0))
        child = None
        if rng.random() < KNOWN_SHARE[course.level]:
            child = known.draw(rng, day)
        if child is None:
            age = int(rng.choice(AGES, p=AGE_SHARES))
            family = families.new_family(
                on=day - dt.timedelta(days=int(rng.integers(30, 600))), child_ages=[age]
            )
            child = family.children[0]
        histories.append(_write(ctx, rng, child, course))
    tactical.generate(ctx, histories)


class _KnownChildren:
    """Children open to social care (CIN, CP or care) from the earlier phases, to draw from.

    Each child is drawn at most once (one CAROLE course a child).
    """

    def __init__(self, start: dt.date, end: dt.date) -> None:
        self.end = end
        spans: dict[uuid.UUID, list[tuple[dt.date, dt.date]]] = defaultdict(list)
        sources = (
            CINEpisode.objects.values_list("child", "referral_date", "closure_date"),
            CPPlan.objects.values_list("child", "start_date", "end_date"),
            PeriodOfCare.objects.values_list("child", "started_on", "ended_on"),
        )
        for rows in sources:
            for child, first, last in rows:
                if (last or end) >= start:
                    spans[child].append((first, last or end))
        people = Person.objects.filter(pk__in=list(spans), date_of_death__isnull=True).exclude(
            date_of_birth__isnull=True
        )
        self.people = {p.pk: p for p in people}
        self.spans = {pk: spans[pk] for pk in self.people}
        self.missing = set(MissingEpisode.objects.values_list("child", flat=True))
        self.taken: set[uuid.UUID] = set()

    def draw(self, rng: np.random.Generator, day: dt.date) -> Person | None:
        """A child aged 11-17 open on ``day``, not yet drawn; None if there is none."""
        pool: list[uuid.UUID] = []
        weights: list[float] = []
        for pk, spans in self.spans.items():
            if pk in self.taken:
                continue
            person = self.people[pk]
            if not 11 <= _age(person.date_of_birth, day) <= 17:  # type: ignore[arg-type]
                continue
            until = max((last for first, last in spans if first <= day <= last), default=None)
            if until is None:
                continue
            weight = MISSING_WEIGHT if pk in self.missing else 1.0
            if (until - day).days >= 183:
                weight *= STAYING_OPEN_WEIGHT
            pool.append(pk)
            weights.append(weight)
        if not pool:
            return None
        p = np.array(weights) / sum(weights)
        chosen = pool[int(rng.choice(len(pool), p=p))]
        self.taken.add(chosen)
        return self.people[chosen]


def _add(ctx: SynthContext, obj: object, day: dt.date) -> object:
    return ctx.writer.add(obj, id=ctx.new_id(STREAM), at=ctx.at(day, 11))


def _write(
    ctx: SynthContext, rng: np.random.Generator, child: Person, course: Course
) -> tactical.History:
    """The child's CAROLE records; returns what the tactical level needs of them."""
    questions = ScreeningQuestion.values
    yes = set(rng.choice(len(questions), size=int(rng.integers(1, 5)), replace=False).tolist())
    day = course.screened_on
    screening = _add(
        ctx,
        build(
            ExploitationScreening,
            child=child,
            screened_on=day,
            answers={q: i in yes for i, q in enumerate(questions)},
            concerns="Concerns raised by school and police about the child's associates.",
        ),
        day,
    )
    history = tactical.History(child)
    if course.assessed_on is None:
        return history
    indicators = sorted(
        set(rng.choice(RiskIndicator.values, size=int(rng.integers(1, 4)), replace=False).tolist())
    )
    moderated = course.moderated_on is not None
    assessment = _add(
        ctx,
        build(
            ExploitationRiskAssessment,
            child=child,
            screening=screening,
            assessed_on=course.assessed_on,
            risk_level=course.level,
            indicators=indicators,
            moderated_on=course.moderated_on,
            police_present=moderated,
            health_present=moderated,
            agreed_level=course.level if moderated else "",
        ),
        course.assessed_on,
    )
    history.levels.append((course.assessed_on, course.level))
    for number, (held, level) in enumerate(course.maces):
        meeting = _add(
            ctx,
            build(
                MaceMeeting,
                child=child,
                risk_assessment=assessment,
                kind=MaceKind.FIRST if number == 0 else MaceKind.REVIEW,
                held_on=held,
                attendees=ATTENDEES,
                risk_level=level,
                escalate_to_impact_meeting=bool(rng.random() < 0.2),
            ),
            held,
        )
        history.levels.append((held, level))
        history.maces.append(meeting)  # type: ignore[arg-type]
        for strand, (action, owner) in ACTIONS.items():
            _add(
                ctx,
                build(
                    MacePlanAction,
                    meeting=meeting,
                    strand=strand,
                    action=action,
                    owner=owner,
                    due_on=held + dt.timedelta(days=int(rng.integers(7, 42))),
                ),
                held,
            )
    return history
