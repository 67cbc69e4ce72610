"""Fostering sufficiency: foster carer enquiries, assessments, approvals and households.

Calibration (seed 003 SIP, OBA2-28/29; calibration.md gives no fostering volumes, so
these are stated here): about 25 enquiries a month at scale 1.0; 35% progress to
assessment and about a third of assessments end in approval, so roughly 12% of
enquiries become carers (seed 003: 11.8% against a 10% target; OBA2-28, approvals in a
month over the enquiries six months before, reads 0-21% by month at scale 1.0 and about
12% over a year, which the calibration checks). Stage 1 takes about two months, stage 2
three to five, then panel and the Agency Decision Maker: about 6-7 months from
assessment to approval (target 6). About 200 households (scale 1.0) were approved
before the history starts (seed 004: 70% of children in care with foster carers, 63% in
our own provision). Each household is reviewed about yearly (a few late, some overdue at
the end) and about 8% a year de-register. Anything after the end is left undone.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from safeguard.fostering.models import (
    ApprovalType,
    EnquiryOutcome,
    FosterCarerReview,
    FosterHousehold,
    FosteringAssessment,
    FosteringEnquiry,
    PanelRecommendation,
)
from safeguard.synth.context import SynthContext
from safeguard.synth.draws import weighted
from safeguard.synth.writer import build

STREAM = "fostering"
ENQUIRIES_PER_MONTH = 25.0
HOUSEHOLDS_AT_START = 200.0
TO_ASSESSMENT = 0.35
APPROVED = 0.34
DEREGISTER_PER_YEAR = 0.08
SOURCES = (
    ("website", 0.35),
    ("phone", 0.15),
    ("event", 0.1),
    ("word_of_mouth", 0.15),
    ("campaign", 0.15),
    ("social_worker", 0.1),
)
TYPES = (
    (ApprovalType.SHORT_TERM.value, 0.4),
    (ApprovalType.LONG_TERM.value, 0.25),
    (ApprovalType.RESPITE.value, 0.1),
    (ApprovalType.CONNECTED_PERSON.value, 0.2),
    (ApprovalType.EMERGENCY.value, 0.05),
)
AGE_BANDS = ((0, 17), (0, 10), (5, 17), (11, 17), (0, 4))


def _later(day: dt.date, rng: np.random.Generator, low: int, high: int) -> dt.date:
    return day + dt.timedelta(days=int(rng.integers(low, high + 1)))


def generate(ctx: SynthContext) -> None:
    from safeguard.synth.journeys.care import worker

    settings = ctx.settings
    rng = ctx.stream(STREAM)
    fake = ctx.faker(STREAM)
    start, end = settings.start, settings.end
    for _ in range(round(HOUSEHOLDS_AT_START * settings.scale)):
        approved = start - dt.timedelta(days=int(rng.integers(30, 3650)))
        _household(ctx, rng, fake.last_name(), fake.name(), approved, end, assessment=None)
    days = (end - start).days + 1
    n = round(ENQUIRIES_PER_MONTH * settings.scale * days / 30.44)
    for i in range(n):
        received = start + dt.timedelta(days=int((i + float(rng.random())) * days / n))
        name = fake.name()
        enquiry = build(
            FosteringEnquiry,
            received_on=received,
            enquirer_name=name,
            source=weighted(rng, SOURCES),
            outcome=EnquiryOutcome.OPEN,
        )
        progressed = rng.random() < TO_ASSESSMENT
        decided = _later(received, rng, 7, 45)
        assessor = worker(ctx, "social_worker", decided, STREAM) if progressed else None
        if decided <= end:
            if assessor is not None:
                enquiry.outcome, enquiry.outcome_on = EnquiryOutcome.ASSESSMENT, decided
            else:
                enquiry.outcome_on = decided
                enquiry.outcome = weighted(
                    rng, ((EnquiryOutcome.WITHDRAWN, 0.6), (EnquiryOutcome.NOT_PROGRESSED, 0.4))
                )
        ctx.writer.add(enquiry, id=ctx.new_id(STREAM), at=ctx.at(received, 10))
        if enquiry.outcome == EnquiryOutcome.ASSESSMENT and assessor is not None:
            _assessment(ctx, rng, enquiry, assessor, decided, end, surname=name.split()[-1])


def _assessment(
    ctx: SynthContext,
    rng: np.random.Generator,
    enquiry: FosteringEnquiry,
    assessor: object,
    started: dt.date,
    end: dt.date,
    *,
    surname: str,
) -> None:
    """Stage 1, stage 2, panel and decision, each after the last, stopping at ``end``."""
    approve = rng.random() < APPROVED
    values: dict[str, object] = {
        "enquiry": enquiry,
        "assessing_worker": assessor,
        "stage_one_started_on": started,
    }
    stage_one_done = _later(started, rng, 45, 75)
    stop_at = None if approve else int(rng.integers(1, 4))  # 1: in stage 1, 2: stage 2, 3: panel
    if stop_at == 1:
        values["ended_on"] = _later(started, rng, 14, 60)
    elif stage_one_done <= end:
        values["stage_one_completed_on"] = stage_one_done
        values["stage_two_started_on"] = stage_one_done + dt.timedelta(days=1)
        stage_two_done = _later(stage_one_done, rng, 90, 150)
        if stop_at == 2:
            values["ended_on"] = _later(stage_one_done, rng, 20, 80)
        elif stage_two_done <= end:
            values["stage_two_completed_on"] = stage_two_done
            panel = _later(stage_two_done, rng, 14, 30)
            if panel <= end:
                values["panel_on"] = panel
                values["panel_recommendation"] = (
                    PanelRecommendation.APPROVE if approve else PanelRecommendation.NOT_APPROVE
                )
                decided = _later(panel, rng, 5, 14)
                if decided <= end:
                    values["decided_on"], values["approved"] = decided, approve
    ended = values.get("ended_on")
    if isinstance(ended, dt.date) and ended > end:
        del values["ended_on"]
    assessment = ctx.writer.add(
        build(FosteringAssessment, **values), id=ctx.new_id(STREAM), at=ctx.at(started, 11)
    )
    decided_on = values.get("decided_on")
    if approve and isinstance(decided_on, dt.date):
        carers = f"{enquiry.enquirer_name}"
        _household(ctx, rng, surname, carers, decided_on, end, assessment=assessment)


def _household(
    ctx: SynthContext,
    rng: np.random.Generator,
    surname: str,
    carers: str,
    approved: dt.date,
    end: dt.date,
    *,
    assessment: FosteringAssessment | None,
) -> None:
    approval_type = weighted(rng, TYPES)
    children = 1 if approval_type == ApprovalType.CONNECTED_PERSON else int(rng.integers(1, 4))
    age_from, age_to = AGE_BANDS[int(rng.integers(0, len(AGE_BANDS)))]
    reviews: list[dt.date] = []
    last, deregistered = approved, None
    while True:
        due = (
            last.replace(year=last.year + 1)
            if (last.month, last.day) != (2, 29)
            else (dt.date(last.year + 1, 2, 28))
        )
        held = due + dt.timedelta(days=int(rng.integers(-30, 20 if rng.random() < 0.85 else 90)))
        if held > end or held <= last:
            break
        if rng.random() < DEREGISTER_PER_YEAR:
            deregistered = held
            break
        reviews.append(held)
        last = held
    values: dict[str, object] = {
        "assessment": assessment,
        "name": f"The {surname} household",
        "carer_names": carers,
        "approved_on": approved,
        "approval_type": approval_type,
        "age_from": age_from,
        "age_to": age_to,
        "children_approved": children,
        "vacancies": 0
        if deregistered
        else int(rng.integers(0, children + 1) * (rng.random() < 0.4)),
    }
    if deregistered is not None:
        values["deregistered_on"] = deregistered
        values["deregistration_reason"] = "Resigned: retired from fostering."
    household = ctx.writer.add(
        build(FosterHousehold, **values), id=ctx.new_id(STREAM), at=ctx.at(approved, 14)
    )
    for held in reviews:
        ctx.writer.add(
            build(FosterCarerReview, household=household, held_on=held, approval_continues=True),
            id=ctx.new_id(STREAM),
            at=ctx.at(held, 15),
        )
