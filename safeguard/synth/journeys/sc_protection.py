"""Strategy discussions, s47 enquiries, conferences and CP plans for the journeys.

The conferences are written by ``sc_conferences``, the plans by ``sc_cp_plans``, on the
shared state of ``sc_protection_base``; ``ProtectionWriter`` draws a family's journey
and runs it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from safeguard.cin.models import CINEpisode
from safeguard.core.calendar import add_working_days
from safeguard.people.models import Person
from safeguard.protection.models import (
    Agency,
    ConferenceOutcome,
    ConferenceType,
    Section47Enquiry,
    Section47Outcome,
    StrategyAttendee,
    StrategyDiscussion,
)
from safeguard.synth.journeys.sc_cp_plans import CPPlanWriter
from safeguard.synth.journeys.sc_protection_base import STREAM
from safeguard.synth.writer import build

__all__ = ["STREAM", "ProtectionResult", "ProtectionWriter"]

S47_INITIATED = 0.96
SUBSTANTIATED = 0.64
ICPC_NOT_REQUIRED = 0.06
#: The reason the service records when concerns are not substantiated.
NOT_SUBSTANTIATED = "Concerns not substantiated."
#: ICPC within 15 working days of the strategy discussion (seed 81% in 2020).
ICPC_ON_TIME = 0.81
ICPC_PLAN = 0.80
CATEGORIES = (("NEG", 0.55), ("EMO", 0.27), ("PHY", 0.09), ("SAB", 0.05), ("MUL", 0.04))
#: The plan ends at review conference k (1 = 3 months, then every 6 months); seed 000:
#: 2.1% of open plans had lasted 2 years or more.
ENDS_AT_REVIEW = (
    (1, 0.38),
    (2, 0.469),
    (3, 0.10),
    (4, 0.02),
    (5, 0.018),
    (6, 0.009),
    (7, 0.004),
)
#: First review conferences held a few weeks after the 3-month mark (seed 004: 23% of
#: plans end under 3 months, 17% at 3-6 months).
FIRST_REVIEW_LATE = 0.35
FREQUENCY = ((1, 0.10), (2, 0.55), (4, 0.35))
STEP_DOWN = 0.70
#: Families on a plan whose children come into care during it, and of those the share
#: whose plan runs on alongside care until the next review conference (the rest end the
#: day the child becomes looked after).
INTO_CARE = 0.14
PLAN_ALONGSIDE_CARE = 0.75


@dataclass
class ProtectionResult:
    #: When the assessment alongside the enquiry is completed (strategy route): the
    #: enquiry's outcome, or the initial conference when one is held.
    assessment_done: dt.date
    ended_on: dt.date | None
    step_down: bool
    #: Set when the child came into care during the plan (``ended_on`` is then the later
    #: of the stay's end and the plan's, None while either is open) with the CIN closure
    #: reason the stay's ending gives.
    into_care: bool = False
    care_closure: str = ""
    #: Set when the assessment is completed at the initial conference: the enquiry's
    #: outcome, the day its authoriser was drawn for before, so the stream's draws (and
    #: every later journey) stay as they were.
    drawn_on: dt.date | None = None


class ProtectionWriter(CPPlanWriter):
    def draw(self, day: dt.date, children: list[Person]) -> dict[str, Any]:
        rng, w = self.rng, self.weighted
        repeat = any(self.ctx.timeline(c.id).cp_plan_count for c in children)
        icpc_wd = (
            int(rng.integers(8, 16)) if rng.random() < ICPC_ON_TIME else int(rng.integers(16, 31))
        )
        return {
            "sd_lag": int(rng.choice(3, p=(0.6, 0.3, 0.1))),
            "s47": bool(rng.random() < S47_INITIATED),
            # The enquiry concludes before the conference it asks for.
            "s47_wd": int(rng.integers(4, icpc_wd - 1)),
            "substantiated": bool(rng.random() < (SUBSTANTIATED + (0.1 if repeat else 0.0))),
            "icpc_wd": icpc_wd,
            "icpc_not_required": bool(rng.random() < ICPC_NOT_REQUIRED),
            "plan": bool(rng.random() < ICPC_PLAN),
            "category": str(w(rng, CATEGORIES)),
            "reviews": int(w(rng, ENDS_AT_REVIEW)),
            "frequency": int(w(rng, FREQUENCY)),
            "step_down": bool(rng.random() < STEP_DOWN),
            "cin_if_no_plan": bool(rng.random() < 0.5),
            "group": self.group_reference(self.ctx),
            # Siblings share their review conferences (the same days) and meetings.
            # Days before the due date (negative: after it), the first sometimes late.
            "review_days": [
                -int(rng.integers(1, 22))
                if k == 0 and rng.random() < FIRST_REVIEW_LATE
                else int(rng.integers(0, 8))
                for k in range(len(ENDS_AT_REVIEW))
            ],
            "meetings": {},
            "into_care": bool(rng.random() < INTO_CARE),
            "care_at": float(rng.random()),
            "alongside": bool(rng.random() < PLAN_ALONGSIDE_CARE),
        }

    def run(
        self, p: dict[str, Any], episode: CINEpisode, child: Person, day: dt.date
    ) -> ProtectionResult:
        _ctx, rng, end = self.ctx, self.rng, self.end
        held = add_working_days(day, p["sd_lag"]) if p["sd_lag"] else day
        if held > end:
            held = end
        social_worker = self.planner.alloc.current(child, held)
        sd = self._add(
            build(
                StrategyDiscussion,
                episode=episode,
                held_on=held,
                lead_worker=social_worker,
                information_shared="Police, health and school information shared.",
                s47_initiated=p["s47"],
                criminal_investigation=bool(rng.random() < 0.3),
                minutes_circulated_on=held if held < end else None,
            ),
            held,
        )
        for agency, name in (
            (Agency.SOCIAL_CARE, "Social worker"),
            (Agency.POLICE, "DS, public protection"),
            (Agency.HEALTH_VISITOR if rng.random() < 0.5 else Agency.GP, "Health safeguarding"),
        ):
            self._add(
                build(
                    StrategyAttendee,
                    discussion=sd,
                    agency=agency,
                    name=name,
                    worker=social_worker if agency == Agency.SOCIAL_CARE else None,
                ),
                held,
            )
        outcome_day = add_working_days(held, p["s47_wd"])
        if not p["s47"]:
            return ProtectionResult(min(outcome_day, end), outcome_day, p["cin_if_no_plan"])
        s47_done = outcome_day <= end
        substantiated = p["substantiated"]
        needs_icpc = substantiated and not p["icpc_not_required"]
        # As the service records an outcome: concerns not substantiated need no conference,
        # so the enquiry is complete (ICPCnotRequired) without one.
        not_required = s47_done and not needs_icpc
        s47 = self._add(
            build(
                Section47Enquiry,
                episode=episode,
                strategy_discussion=sd,
                start_date=held,
                lead_worker=social_worker,
                outcome=(
                    Section47Outcome.SUBSTANTIATED
                    if substantiated
                    else Section47Outcome.NOT_SUBSTANTIATED
                )
                if s47_done
                else "",
                outcome_date=outcome_day if s47_done else None,
                conference_requested_on=outcome_day if s47_done and needs_icpc else None,
                icpc_not_required=not_required,
                icpc_not_required_reason=(
                    ("Risks managed under a CIN plan." if substantiated else NOT_SUBSTANTIATED)
                    if not_required
                    else ""
                ),
            ),
            held,
        )
        if not s47_done:
            return ProtectionResult(end + dt.timedelta(days=1), None, False)
        if not needs_icpc:
            return ProtectionResult(outcome_day, outcome_day, p["cin_if_no_plan"])
        icpc_day = max(add_working_days(held, p["icpc_wd"]), add_working_days(outcome_day, 1))
        icpc = self._conference(
            episode,
            child,
            ConferenceType.INITIAL,
            icpc_day,
            p,
            s47=s47,
            outcome=ConferenceOutcome.PLAN if p["plan"] else ConferenceOutcome.NO_PLAN,
        )
        if icpc_day > end:
            return ProtectionResult(outcome_day, None, False)
        # The assessment alongside the enquiry is completed at the initial conference it
        # informs, so the census has both in the conference's year (2991Q).
        if not p["plan"]:
            return ProtectionResult(icpc_day, icpc_day, p["cin_if_no_plan"], drawn_on=outcome_day)
        ended, entry = self._cp_plan(p, episode, child, icpc, icpc_day)
        if entry is None:
            return ProtectionResult(icpc_day, ended, p["step_down"], drawn_on=outcome_day)
        # Looked after from ``entry``: the CIN episode runs on until the child leaves care.
        from safeguard.synth.journeys.care import CareFromPlans

        self.planner.alloc.close(child, entry)
        stay = CareFromPlans.of(self.ctx).enter(child, entry)
        # A short stay can end before a plan running alongside it does.
        closes = None if stay.exit is None or ended is None else max(stay.exit, ended)
        return ProtectionResult(
            icpc_day,
            closes,
            False,
            into_care=True,
            care_closure=CareFromPlans.closure_reason(stay),
            drawn_on=outcome_day,
        )
