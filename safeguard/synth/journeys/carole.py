"""Children at risk of or linked to exploitation (CAROLE): screening to MACE reviews.

About 75 children a year (at scale 1.0) are screened with concerns, spread evenly over
the history, aged 11-17 (new families). Each has a risk assessment a few days later:
significant (40%), moderate (50%) or emerging (10%). Significant and moderate risks are
moderated with police and health within 5 days, and the first MACE is held 4-20 days
later (most within the 15 days). Reviews follow every 6 weeks (significant) or 12 weeks
(moderate), sometimes late; at each review the risk may rise (8%) or fall (30%); a fall
from moderate is to emerging, which ends the MACE reviews. In steady state that gives
roughly seed 004's 31 August 2020 picture (20 significant, 53 moderate, some emerging;
most with a MACE in the last 3 months; more decreases than increases).
"""

from __future__ import annotations

import datetime as dt

import numpy as np

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
from safeguard.synth.context import SynthContext
from safeguard.synth.families import FamilyFactory
from safeguard.synth.writer import build

STREAM = "carole"
CHILDREN_A_YEAR = 75.0
LEVELS = ("significant", "moderate", "emerging")
LEVEL_SHARES = (0.4, 0.5, 0.1)
REVIEW_WEEKS = {"significant": 6, "moderate": 12}
RISE, FALL = 0.08, 0.30
ATTENDEES = "Social worker\nDorset Police\nSchool nurse (health)\nSchool safeguarding lead"
ACTIONS = {
    PlanStrand.PREPARE: ("Share the child's description and associates with police", "Police"),
    PlanStrand.PREVENT: ("Weekly sessions with the youth worker", "Youth service"),
    PlanStrand.PROTECT: ("Safety plan agreed with the child and carers", "Social worker"),
    PlanStrand.PURSUE: ("Disruption activity at known locations", "Police"),
}


def generate(ctx: SynthContext) -> None:
    rng = ctx.stream(STREAM)
    start, end = ctx.settings.start, ctx.settings.end
    span = (end - start).days + 1
    n = round(CHILDREN_A_YEAR * ctx.settings.scale * span / 365.25)
    families = FamilyFactory.of(ctx)
    for i in range(n):
        day = start + dt.timedelta(days=int((i + float(rng.random())) * span / n))
        age = int(
            rng.choice([11, 12, 13, 14, 15, 16, 17], p=[0.03, 0.07, 0.14, 0.22, 0.24, 0.2, 0.1])
        )
        family = families.new_family(
            on=day - dt.timedelta(days=int(rng.integers(30, 600))), child_ages=[age]
        )
        _journey(ctx, rng, family.children[0], day, end)


def _add(ctx: SynthContext, obj: object, day: dt.date) -> object:
    return ctx.writer.add(obj, id=ctx.new_id(STREAM), at=ctx.at(day, 11))


def _journey(
    ctx: SynthContext, rng: np.random.Generator, child: Person, day: dt.date, end: dt.date
) -> None:
    questions = ScreeningQuestion.values
    yes = set(rng.choice(len(questions), size=int(rng.integers(1, 5)), replace=False).tolist())
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
    assessed = day + dt.timedelta(days=int(rng.integers(1, 10)))
    if assessed > end:
        return
    level = str(rng.choice(LEVELS, p=LEVEL_SHARES))
    indicators = sorted(
        set(rng.choice(RiskIndicator.values, size=int(rng.integers(1, 4)), replace=False).tolist())
    )
    moderated = assessed + dt.timedelta(days=int(rng.integers(0, 6)))
    is_moderated = level != "emerging" and moderated <= end
    assessment = _add(
        ctx,
        build(
            ExploitationRiskAssessment,
            child=child,
            screening=screening,
            assessed_on=assessed,
            risk_level=level,
            indicators=indicators,
            moderated_on=moderated if is_moderated else None,
            police_present=is_moderated,
            health_present=is_moderated,
            agreed_level=level if is_moderated else "",
        ),
        assessed,
    )
    if not is_moderated:
        return
    held = moderated + dt.timedelta(days=int(rng.integers(4, 21)))
    kind = MaceKind.FIRST
    while held <= end:
        if kind == MaceKind.REVIEW:
            draw = float(rng.random())
            if draw < RISE and level == "moderate":
                level = "significant"
            elif draw > 1 - FALL:
                level = "moderate" if level == "significant" else "emerging"
        meeting = _add(
            ctx,
            build(
                MaceMeeting,
                child=child,
                risk_assessment=assessment,
                kind=kind,
                held_on=held,
                attendees=ATTENDEES,
                risk_level=level,
                escalate_to_impact_meeting=bool(rng.random() < 0.2),
            ),
            held,
        )
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
        if level == "emerging":
            return
        kind = MaceKind.REVIEW
        late = int(rng.integers(0, 15)) if rng.random() < 0.2 else -int(rng.integers(0, 4))
        held = held + dt.timedelta(weeks=REVIEW_WEEKS[level], days=late)
