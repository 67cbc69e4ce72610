"""Complaints, compliments and family feedback about children's social care.

Calibration (seed 004 §5.5 and §5.6): about 10 formal and 28 informal complaints a quarter
at scale 1.0, 96% answered within 20 working days (timescale ``complaint_response``);
about a third justified or partly justified, a few withdrawn, and a few learning points a
quarter; a few formal complaints escalate to stage 2 (investigation), fewer to stage 3
and the Ombudsman, and an informal complaint now and then becomes formal. Compliments:
about 30 a quarter (31 in the seed's Q1). Family feedback: the survey sent at closure of
a child in need episode or period of care, and every six months while one is open, is
answered by about a quarter of families; the answers agree about as the seed's parent
survey did (clear information 88%, able to talk 88%, listened to 79%, involved 64%, made a
difference 58%).

Complaints are about children with social care involvement on the day (an open child in
need episode or period of care), and the team their case is allocated to; a few are about
a service with no child named. Anything after the end of the history is left open.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from safeguard.care.models import PeriodOfCare
from safeguard.cin.models import CINEpisode
from safeguard.core import calendar
from safeguard.quality.models import (
    NEXT_STAGE,
    Complaint,
    ComplaintKind,
    ComplaintOutcome,
    ComplaintStage,
    Compliment,
    FamilyFeedback,
    FeedbackOccasion,
)
from safeguard.quality.services.complaints import response_due
from safeguard.synth.context import SynthContext
from safeguard.synth.draws import weighted
from safeguard.synth.writer import build
from safeguard.workforce.models import Allocation, Team, Worker, WorkerRole

STREAM = "complaints"
FORMAL_PER_QUARTER = 10.0
INFORMAL_PER_QUARTER = 28.0
COMPLIMENTS_PER_QUARTER = 30.0
WORKING_DAYS_PER_QUARTER = 63.0
ON_TIME = 0.96
ABOUT_A_CHILD = 0.85
OUTCOMES = ((ComplaintOutcome.JUSTIFIED, 0.08), (ComplaintOutcome.PARTLY_JUSTIFIED, 0.25),
            (ComplaintOutcome.NOT_JUSTIFIED, 0.60), (ComplaintOutcome.WITHDRAWN, 0.07))  # fmt: skip
#: The chance an answered (not withdrawn) record escalates, by (kind, stage).
ESCALATES: dict[tuple[str, str], float] = {
    (ComplaintKind.INFORMAL, ComplaintStage.LOCAL_RESOLUTION): 0.04,
    (ComplaintKind.FORMAL, ComplaintStage.LOCAL_RESOLUTION): 0.12,
    (ComplaintKind.FORMAL, ComplaintStage.INVESTIGATION): 0.25,
    (ComplaintKind.FORMAL, ComplaintStage.REVIEW_PANEL): 0.3,
}
LEARNING_CHANCE = 0.4  # of justified or partly justified stages
RELATIONSHIPS = (("parent", 0.68), ("carer", 0.1), ("young_person", 0.14), ("other", 0.08))
CATEGORIES = (("communication", 0.3), ("delay", 0.15), ("decision", 0.2),
              ("staff_conduct", 0.12), ("quality_of_service", 0.18), ("other", 0.05))  # fmt: skip
SUMMARIES = {
    "communication": "Calls and emails to the social worker were not returned.",
    "delay": "The assessment and the plan took longer than we were told.",
    "decision": "Disagrees with the decision made about contact arrangements.",
    "staff_conduct": "Felt the worker was dismissive in a home visit.",
    "quality_of_service": "The support offered did not meet the family's needs.",
    "other": "Concerns about how personal information was shared.",
}
LEARNING = (
    "Workers return calls within two working days; team manager to monitor.",
    "Share the written plan with the family within five working days of the meeting.",
    "Explain decisions about contact in writing, with how to challenge them.",
    "Introduce the new worker to the family before a case transfers.",
)
COMPLIMENT_FROM = (("A parent", 0.45), ("A foster carer", 0.15), ("A young person", 0.12),
                   ("A grandparent", 0.08), ("A headteacher", 0.1), ("A health visitor", 0.05),
                   ("A police officer", 0.05))  # fmt: skip
COMPLIMENTS = (
    "Thank you for listening and for sticking with us.",
    "The worker went above and beyond to keep the children safe and at home.",
    "Excellent joint working; the plan was clear and everyone knew their part.",
    "My child finally feels heard.",
)
#: Response rate to the feedback survey (seed 004 §5.6; about a quarter answer).
RESPONSE_RATE = 0.25
#: Share agreeing with each question (seed 004 parent survey).
AGREE = {"clear_information": 0.88, "able_to_talk": 0.88, "listened_to": 0.79,
         "involved": 0.64, "made_difference": 0.58}  # fmt: skip
RESPONDENTS = (("parent", 0.75), ("carer", 0.1), ("young_person", 0.12), ("other", 0.03))
SIX_MONTHS = 6


@dataclass
class _Stage:
    kind: str
    stage: str
    received: dt.date
    about: dict[str, Any]
    previous: _Stage | None = None
    values: dict[str, Any] = field(default_factory=dict)
    written: Any = None


def _working_days(start: dt.date, end: dt.date) -> list[dt.date]:
    days, day = [], start
    while day <= end:
        if calendar.is_working_day(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


class _Cases:
    """Children's involvement (CIN episodes with involvement, periods of care), read once."""

    def __init__(self) -> None:
        self.episodes = list(
            CINEpisode.objects.filter(referral_nfa=False).values_list(
                "id", "child_id", "referral_date", "closure_date"
            )
        )
        self.periods = list(
            PeriodOfCare.objects.values_list("id", "child_id", "started_on", "ended_on")
        )
        self.spans = [(c, s, e) for _i, c, s, e in self.episodes + self.periods]

    def child_on(self, rng: np.random.Generator, day: dt.date) -> Any:
        if not self.spans:
            return None
        for _ in range(30):
            child, start, end = self.spans[int(rng.integers(0, len(self.spans)))]
            if start <= day and (end is None or end >= day):
                return child
        return None


def _team_of(child_id: Any, day: dt.date, teams: list[Any], rng: np.random.Generator) -> Any:
    allocation = (
        Allocation.objects.filter(child_id=child_id, started_on__lte=day)
        .exclude(ended_on__lt=day)
        .select_related("worker")
        .order_by("-started_on")
        .first()
    )
    if allocation is not None and allocation.worker.team_id:
        return allocation.worker.team_id
    return teams[int(rng.integers(0, len(teams)))] if teams else None


def generate(ctx: SynthContext) -> None:
    settings = ctx.settings
    rng = ctx.stream(STREAM)
    fake = ctx.faker(STREAM)
    days = _working_days(settings.start, settings.end)
    if not days:
        return
    quarters = len(days) / WORKING_DAYS_PER_QUARTER
    cases = _Cases()
    teams = list(
        Team.objects.filter(service_area__in=("assessment", "cin", "cic", "disability"))
        .order_by("name")
        .values_list("id", flat=True)
    )
    _complaints(ctx, rng, fake, days, quarters, cases, teams)
    _compliments(ctx, rng, fake, days, quarters, teams)
    _feedback(ctx, rng, cases)


def _spread(rng: np.random.Generator, days: list[dt.date], n: int) -> list[dt.date]:
    return [
        days[min(len(days) - 1, int((i + float(rng.random())) * len(days) / n))] for i in range(n)
    ]


def _complaints(ctx: SynthContext, rng: Any, fake: Any, days: list[dt.date], quarters: float,
                cases: _Cases, teams: list[Any]) -> None:  # fmt: skip
    scale = ctx.settings.scale
    end = ctx.settings.end
    n_formal = round(FORMAL_PER_QUARTER * scale * quarters)
    n_informal = round(INFORMAL_PER_QUARTER * scale * quarters)
    kinds = [ComplaintKind.FORMAL] * n_formal + [ComplaintKind.INFORMAL] * n_informal
    order = rng.permutation(len(kinds))
    received_days = _spread(rng, days, len(kinds))
    stages: list[_Stage] = []
    for position, index in enumerate(order):
        day = received_days[position]
        child = cases.child_on(rng, day) if rng.random() < ABOUT_A_CHILD else None
        category = weighted(rng, CATEGORIES)
        about = {
            "complainant_name": fake.name(),
            "complainant_relationship": weighted(rng, RELATIONSHIPS),
            "child_id": child,
            "team_id": _team_of(child, day, teams, rng) if child else None,
            "service_area": "" if child else "cin",
            "category": category,
            "summary": SUMMARIES[category],
        }
        current: _Stage | None = _Stage(
            kinds[int(index)], ComplaintStage.LOCAL_RESOLUTION, day, about
        )
        while current is not None:
            stages.append(current)
            current = _answer(rng, current, end)
    numbers: dict[int, int] = {}
    for stage in sorted(stages, key=lambda s: s.received):
        year = stage.received.year
        numbers[year] = numbers.get(year, 0) + 1
        stage.written = ctx.writer.add(
            build(
                Complaint,
                reference=f"CMP-{year}-{numbers[year]:04d}",
                kind=stage.kind,
                stage=stage.stage,
                previous=stage.previous.written if stage.previous else None,
                received_on=stage.received,
                response_due_on=response_due(stage.stage, stage.received),
                **stage.about,
                **stage.values,
            ),
            id=ctx.new_id(STREAM),
            at=ctx.at(stage.received, 11),
        )


def _answer(rng: Any, stage: _Stage, end: dt.date) -> _Stage | None:
    """Fill in the stage's answer (if before the end) and return its escalation, if any."""
    if stage.stage == ComplaintStage.OMBUDSMAN:
        weeks = int(rng.integers(8, 30))
        answered = stage.received + dt.timedelta(weeks=weeks)
    elif rng.random() < ON_TIME:
        answered = calendar.add_working_days(stage.received, int(rng.integers(3, 21)))
    else:
        answered = calendar.add_working_days(stage.received, int(rng.integers(21, 36)))
    if answered > end:
        return None
    outcome = weighted(rng, OUTCOMES)
    values: dict[str, Any] = {"responded_on": answered, "outcome": outcome}
    if outcome != ComplaintOutcome.WITHDRAWN:
        values["response_summary"] = "Response letter sent with the findings and an apology " \
            "where the service fell short." if outcome != ComplaintOutcome.NOT_JUSTIFIED \
            else "Response letter sent explaining the findings."  # fmt: skip
    justified = outcome in (ComplaintOutcome.JUSTIFIED, ComplaintOutcome.PARTLY_JUSTIFIED)
    if justified and rng.random() < LEARNING_CHANCE:
        values["learning_points"] = str(LEARNING[int(rng.integers(0, len(LEARNING)))])
    stage.values = values
    chance = ESCALATES.get((stage.kind, stage.stage), 0.0)
    if outcome == ComplaintOutcome.WITHDRAWN or rng.random() >= chance:
        return None
    asked = answered + dt.timedelta(days=int(rng.integers(3, 20)))
    if asked > end:
        return None
    next_stage: str = ComplaintStage.LOCAL_RESOLUTION
    if stage.kind != ComplaintKind.INFORMAL:
        next_stage = NEXT_STAGE[stage.stage]
    return _Stage(ComplaintKind.FORMAL, next_stage, asked, stage.about, previous=stage)


def _compliments(ctx: SynthContext, rng: Any, fake: Any, days: list[dt.date], quarters: float,
                 teams: list[Any]) -> None:  # fmt: skip
    n = round(COMPLIMENTS_PER_QUARTER * ctx.settings.scale * quarters)
    workers = list(
        Worker.objects.filter(
            role__in=(WorkerRole.SOCIAL_WORKER, WorkerRole.TEAM_MANAGER)
        ).values_list("id", "team_id", "started_on", "left_on")
    )
    for day in _spread(rng, days, n):
        worker_id = team_id = None
        if workers and rng.random() < 0.6:
            for _ in range(10):
                wid, tid, started, left = workers[int(rng.integers(0, len(workers)))]
                if started <= day and (left is None or left > day):
                    worker_id, team_id = wid, tid
                    break
        if team_id is None and teams and rng.random() < 0.8:
            team_id = teams[int(rng.integers(0, len(teams)))]
        ctx.writer.add(
            build(
                Compliment,
                received_on=day,
                received_from=weighted(rng, COMPLIMENT_FROM),
                team_id=team_id,
                worker_id=worker_id,
                summary=str(COMPLIMENTS[int(rng.integers(0, len(COMPLIMENTS)))]),
            ),
            id=ctx.new_id(STREAM),
            at=ctx.at(day, 14),
        )


def _feedback(ctx: SynthContext, rng: Any, cases: _Cases) -> None:
    start, end = ctx.settings.start, ctx.settings.end
    in_cin: dict[Any, list[tuple[dt.date, dt.date | None]]] = {}
    for _i, child, s, e in cases.episodes:
        in_cin.setdefault(child, []).append((s, e))

    def covered(child: Any, day: dt.date) -> bool:
        return any(s <= day and (e is None or e >= day) for s, e in in_cin.get(child, ()))

    spans = [("episode_id", *row) for row in cases.episodes]
    spans += [("period_of_care_id", *row) for row in cases.periods if not covered(row[1], row[2])]
    for link, pk, child, opened, closed in spans:
        ask = calendar.add_months(opened, SIX_MONTHS)
        while ask <= end and (closed is None or ask < closed):
            received = ask + dt.timedelta(days=int(rng.integers(0, 15)))
            if (
                start <= received <= end
                and (closed is None or received < closed)
                and (rng.random() < RESPONSE_RATE)
            ):
                _response(ctx, rng, child, link, pk, FeedbackOccasion.SIX_MONTHLY, received)
            ask = calendar.add_months(ask, SIX_MONTHS)
        if closed is not None and start <= closed <= end and rng.random() < RESPONSE_RATE:
            received = closed + dt.timedelta(days=int(rng.integers(0, 15)))
            if received <= end:
                _response(ctx, rng, child, link, pk, FeedbackOccasion.CLOSURE, received)


def _answer_question(rng: Any, agree: float) -> str:
    if rng.random() < 0.04:
        return ""
    if rng.random() < agree:
        return "agree"
    return "neither" if rng.random() < 0.55 else "disagree"


def _response(ctx: SynthContext, rng: Any, child: Any, link: str, pk: Any, occasion: str,
              received: dt.date) -> None:  # fmt: skip
    answers = {q: _answer_question(rng, p) for q, p in AGREE.items()}
    comments = ""
    if rng.random() < 0.3:
        comments = "The worker was kind and honest." if answers["made_difference"] == "agree" \
            else "We would have liked more contact."  # fmt: skip
    ctx.writer.add(
        build(
            FamilyFeedback,
            child_id=child,
            occasion=occasion,
            received_on=received,
            respondent=weighted(rng, RESPONDENTS),
            comments=comments,
            **{link: pk},
            **answers,
        ),
        id=ctx.new_id(STREAM),
        at=ctx.at(received, 16),
    )
