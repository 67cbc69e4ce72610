"""One child's social care journey after a MASH referral, drawn forward in time.

A :class:`Journey` holds the family-level draws (siblings referred together share the
route, the dates and the conference); :meth:`JourneyPlanner.run` writes one child's CIN
episode and everything in it, leaving open whatever would happen after the end date.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import numpy as np

from safeguard.assessment.models import Assessment, AssessmentFactor, AssessmentOutcome
from safeguard.cin.models import CINEpisode, CINPlan, CINPlanEndReason, CINPlanReview
from safeguard.core.calendar import add_months, add_working_days, previous_working_day
from safeguard.people.models import Person
from safeguard.synth.context import SynthContext
from safeguard.synth.draws import weighted
from safeguard.synth.journeys.early_help import EarlyHelpDesk
from safeguard.synth.journeys.sc_protection import ProtectionResult, ProtectionWriter
from safeguard.synth.journeys.sc_util import Allocator, visits
from safeguard.synth.workforce import pick_worker
from safeguard.synth.writer import build
from safeguard.workforce.models import ServiceArea, WorkerRole

STREAM = "social_care_journeys"
#: Authorisers of assessments completed at an initial conference (see ``assessment``).
AUTHORISER_STREAM = "social_care_journeys_authorisers"
#: Assessment outcomes for the assessment route (then strategy → s47 from assessment).
ASSESSMENT_OUTCOMES = (
    (AssessmentOutcome.NFA, 0.44),
    (AssessmentOutcome.EARLY_HELP, 0.17),
    (AssessmentOutcome.CIN_PLAN, 0.29),
    (AssessmentOutcome.STRATEGY_DISCUSSION, 0.10),
)
#: Assessments authorised within 45 working days (seed 85.6%-90%; the s47 assessments
#: alongside an enquiry are all on time, so the assessment route's share is lower).
ON_TIME_ASSESSMENT = 0.84
#: CIN plan reviews: due 12 weeks after the start or the last review (the timescale
#: registry's cin_review); most held on time, some a few weeks late.
CIN_REVIEW_WEEKS = 12
CIN_REVIEW_ON_TIME = 0.86
#: Chance a previous CP plan turns an assessment into a strategy discussion.
REPEAT_STRATEGY = 0.2
#: Factors at assessment: (code, probability of being identified). Domestic abuse dominant.
FACTORS = (
    ("3B", 0.48),
    ("3A", 0.18),
    ("4B", 0.30),
    ("2B", 0.16),
    ("1B", 0.12),
    ("16A", 0.20),
    ("17A", 0.14),
    ("18C", 0.06),
    ("19C", 0.02),
    ("4A", 0.08),
    ("14A", 0.05),
    ("15A", 0.04),
    ("10A", 0.03),
    ("24A", 0.02),
    ("11A", 0.02),
    ("6B", 0.03),
    ("5A", 0.03),
    ("20", 0.04),
)
#: Assessment factor 21: no factors identified; and the outcomes after which it can be.
NO_FACTORS = "21"
CLOSING_OUTCOMES = frozenset({AssessmentOutcome.NFA, AssessmentOutcome.EARLY_HELP})
PRIMARY_NEEDS = (
    ("N1", 0.55),
    ("N4", 0.14),
    ("N5", 0.15),
    ("N2", 0.05),
    ("N3", 0.04),
    ("N6", 0.03),
    ("N7", 0.01),
    ("N8", 0.03),
)
LATE_REASONS = (
    "Family did not engage with visits; further attempts made.",
    "Awaiting information from health partners.",
    "Social worker absence; case reallocated.",
    "Complex needs required specialist assessment.",
)


@dataclass
class Journey:
    route: str  # "assessment" or "strategy"
    referral: dt.date
    assessment_wd: int
    assessment_outcome: str
    cin_plan_days: int
    protection: dict[str, object]
    #: Working days from the referral to the assessment's start (siblings start together).
    start_lag: int = 0


class JourneyPlanner:
    def __init__(self, ctx: SynthContext) -> None:
        self.ctx = ctx
        self.rng = ctx.stream(STREAM)
        self.end = ctx.settings.end
        self.alloc = Allocator(ctx, STREAM)
        self.protection = ProtectionWriter(ctx, self)
        #: Whether the last CIN plan written ended stepped down to early help.
        self._stepped_down = False

    def finish(self) -> None:
        self.alloc.finish()

    # --- family-level draws ------------------------------------------------------
    def draw(self, mash_outcome: str, day: dt.date, children: list[Person]) -> Journey:
        rng = self.rng
        route = "strategy" if mash_outcome == "strategy_discussion" else "assessment"
        on_time = rng.random() < ON_TIME_ASSESSMENT
        wd = int(rng.triangular(8, 30, 45)) if on_time else int(rng.integers(46, 85))
        outcome = str(weighted(rng, ASSESSMENT_OUTCOMES))
        # Strategy discussions after assessment are likelier for larger families.
        if len(children) == 1 and outcome == AssessmentOutcome.STRATEGY_DISCUSSION:
            if rng.random() < 0.5:
                outcome = str(weighted(rng, ASSESSMENT_OUTCOMES[:-1]))
        elif len(children) > 1 and rng.random() < 0.06:
            outcome = AssessmentOutcome.STRATEGY_DISCUSSION
        # Previous CP plans make a strategy discussion likelier (repeat plans).
        if (
            route == "assessment"
            and any(self.ctx.timeline(c.id).cp_plan_count for c in children)
            and rng.random() < REPEAT_STRATEGY
        ):
            outcome = AssessmentOutcome.STRATEGY_DISCUSSION
        cin_days = int(rng.lognormal(np.log(240), 0.5))
        protection = (
            self.protection.draw(day, children)
            if (route == "strategy" or outcome == AssessmentOutcome.STRATEGY_DISCUSSION)
            else {}
        )
        start_lag = 0 if rng.random() < 0.6 else int(rng.integers(1, 4))
        return Journey(route, day, wd, outcome, cin_days, protection, start_lag)

    # --- one child -----------------------------------------------------------------
    def run(self, journey: Journey, child: Person, source: str, day: dt.date) -> CINEpisode:
        ctx, rng = self.ctx, self.rng
        tl = ctx.timeline(child.id)
        re_referral = any((day - d).days <= 365 for d in tl.referral_dates)
        tl.referral_dates.append(day)
        need = "N1" if journey.protection else str(weighted(rng, PRIMARY_NEEDS))
        episode = build(
            CINEpisode,
            child=child,
            referral_date=day,
            referral_source=source,
            primary_need=need,
            is_re_referral=re_referral,
        )
        episode_id = ctx.new_id(STREAM)
        episode.id = episode_id
        early_help = EarlyHelpDesk.of(ctx)
        early_help.step_up(child, day, episode)
        self._stepped_down = False
        self.alloc.start(child, ServiceArea.ASSESSMENT, day, first=True)
        closed_on, reason = self._after_referral(journey, episode, child, day)
        if closed_on is not None and closed_on <= self.end:
            episode.closure_date = closed_on
            episode.reason_for_closure = reason
            episode.closure_summary = (
                "No further action after assessment."
                if reason == "RC8"
                else "Ceased to be looked after; no longer a child in need."
                if tl.looked_after_until is not None and tl.looked_after_until >= day
                else "Needs met; outcomes of the plan achieved."
            )
            signer = pick_worker(
                ctx,
                role=WorkerRole.TEAM_MANAGER,
                on=closed_on,
                stream=STREAM,
                team_area=ServiceArea.CHILDREN_IN_NEED,
            )
            episode.closure_signed_off_by = signer
            episode.closure_signed_off_on = closed_on
            tl.cin_busy_until = closed_on
            self.alloc.close(child, closed_on)
            if reason == "RC9" or self._stepped_down:
                early_help.step_down(child, closed_on, episode)
        else:
            tl.cin_busy_until = dt.date.max
        ctx.writer.add(episode, id=episode_id, at=ctx.at(day, 10))
        return episode

    def _after_referral(
        self, journey: Journey, episode: CINEpisode, child: Person, day: dt.date
    ) -> tuple[dt.date | None, str]:
        """Write the journey; return the closure date (None if open) and reason."""
        start = add_working_days(day, journey.start_lag) if journey.start_lag else day
        if journey.route == "strategy":
            result = self.protection.run(journey.protection, episode, child, day)
            # The s47 assessment runs alongside and completes by the s47 outcome.
            done = result.assessment_done
            self.assessment(
                episode,
                child,
                day,
                done,
                AssessmentOutcome.STRATEGY_DISCUSSION,
                drawn_on=result.drawn_on,
            )
            return self._after_protection(journey, episode, child, result)
        authorised = add_working_days(start, journey.assessment_wd)
        outcome = journey.assessment_outcome
        self.assessment(episode, child, start, authorised, outcome)
        if authorised > self.end:
            return None, ""
        if outcome == AssessmentOutcome.NFA:
            return authorised, "RC8"
        if outcome == AssessmentOutcome.EARLY_HELP:
            return authorised, "RC9"
        if outcome == AssessmentOutcome.CIN_PLAN:
            return self.cin_plan(episode, child, authorised, journey.cin_plan_days), "RC7"
        result = self.protection.run(journey.protection, episode, child, authorised)
        return self._after_protection(journey, episode, child, result)

    def _after_protection(
        self, journey: Journey, episode: CINEpisode, child: Person, result: ProtectionResult
    ) -> tuple[dt.date | None, str]:
        rng = self.rng
        ended: dt.date | None = result.ended_on
        if ended is None or ended > self.end:
            return None, ""
        if result.into_care:
            return ended, result.care_closure
        if result.step_down:
            days = int(rng.lognormal(np.log(150), 0.4))
            return self.cin_plan(episode, child, ended, days), "RC7"
        return ended, "RC7"

    # --- assessment -----------------------------------------------------------------
    def assessment(
        self,
        episode: CINEpisode,
        child: Person,
        start: dt.date,
        authorised: dt.date,
        outcome: str,
        *,
        drawn_on: dt.date | None = None,
    ) -> None:
        """``drawn_on``: the day the authoriser was drawn for before the completion moved
        to ``authorised`` (the initial conference); drawn for it still, then the authoriser
        is chosen from a stream of its own, so no later draw moves."""
        ctx, rng = self.ctx, self.rng
        start = min(start, self.end)
        worker = self.alloc.current(child) or pick_worker(
            ctx,
            role=WorkerRole.SOCIAL_WORKER,
            on=start,
            stream=STREAM,
            team_area=ServiceArea.ASSESSMENT,
        )
        done = authorised <= self.end
        seen = rng.random() < 0.97
        a = build(
            Assessment,
            episode=episode,
            start_date=start,
            worker=worker,
            child_seen=seen if done else None,
            seen_alone=(seen and rng.random() < 0.7) if done else None,
            contributors="School; health visitor; police" if done else "",
        )
        if done:
            a.authorised_on = authorised
            a.authorised_by = pick_worker(
                ctx,
                role=WorkerRole.TEAM_MANAGER,
                on=authorised if drawn_on is None else drawn_on,
                stream=STREAM,
                team_area=ServiceArea.ASSESSMENT,
            )
            if drawn_on is not None:
                a.authorised_by = pick_worker(
                    ctx,
                    role=WorkerRole.TEAM_MANAGER,
                    on=authorised,
                    stream=AUTHORISER_STREAM,
                    team_area=ServiceArea.ASSESSMENT,
                )
            a.outcome = outcome
            if (authorised - start).days > 60 and _wd(start, authorised) > 45:
                a.late_reason = LATE_REASONS[int(rng.integers(0, len(LATE_REASONS)))]
        ctx.writer.add(a, id=ctx.new_id(STREAM), at=ctx.at(start, 11))
        if not done:
            return
        codes = [code for code, p in FACTORS if rng.random() < p]
        if not codes:
            # "No factors identified" only where the assessment closes the case (8873Q).
            none_found = rng.random() < 0.5 and outcome in CLOSING_OUTCOMES
            codes = [NO_FACTORS] if none_found else ["3B"]
        for code in codes:
            ctx.writer.add(
                build(AssessmentFactor, assessment=a, code=code),
                id=ctx.new_id(STREAM),
                at=ctx.at(authorised, 16),
            )

    # --- CIN plan -------------------------------------------------------------------
    def cin_plan(
        self, episode: CINEpisode, child: Person, start: dt.date, days: int
    ) -> dt.date | None:
        """A CIN plan from ``start``; returns its end (None if still open)."""
        ctx, rng = self.ctx, self.rng
        end = start + dt.timedelta(days=days)
        if child.date_of_birth is not None:
            # Ends by the 18th birthday, and not the day it starts (4012Q).
            eighteen = add_months(child.date_of_birth, 216) - dt.timedelta(days=1)
            end = min(end, max(start + dt.timedelta(days=1), eighteen))
        is_open = end > self.end
        self.alloc.start(child, ServiceArea.CHILDREN_IN_NEED, start)
        lead = self.alloc.current(child)
        plan = build(
            CINPlan,
            episode=episode,
            start_date=start,
            end_date=None if is_open else end,
            end_reason=""
            if is_open
            else (
                CINPlanEndReason.NEEDS_MET if rng.random() < 0.75 else CINPlanEndReason.STEPPED_DOWN
            ),
            lead_worker=lead,
        )
        plan.id = ctx.new_id(STREAM)
        self._stepped_down = plan.end_reason == CINPlanEndReason.STEPPED_DOWN
        ctx.writer.add(plan, id=plan.id, at=ctx.at(start, 12))
        last = min(end, self.end)
        # Reviews 12-weekly from the start or the last review held, mostly on time.
        previous = start
        while True:
            due = previous + dt.timedelta(weeks=CIN_REVIEW_WEEKS)
            if rng.random() < CIN_REVIEW_ON_TIME:
                held = previous_working_day(due - dt.timedelta(days=int(rng.integers(0, 15))))
            else:
                held = add_working_days(due, int(rng.integers(1, 16)))
            if held > last:
                break
            if held > previous:
                ctx.writer.add(
                    build(
                        CINPlanReview,
                        plan=plan,
                        held_on=held,
                        chaired_by=pick_worker(
                            ctx,
                            role=WorkerRole.TEAM_MANAGER,
                            on=held,
                            stream=STREAM,
                            team_area=ServiceArea.CHILDREN_IN_NEED,
                        ),
                        attendees="Family; school; health",
                        progress="Progress reviewed against the plan.",
                    ),
                    id=ctx.new_id(STREAM),
                    at=ctx.at(held, 14),
                )
            previous = max(held, previous + dt.timedelta(days=1))
        visits(ctx, rng, child, episode, "cin", start, last, 6, lead, self.alloc)
        return None if is_open else end


def _wd(start: dt.date, end: dt.date) -> int:
    from safeguard.core.calendar import working_days_between

    return working_days_between(start, end)


def new_group_reference(ctx: SynthContext) -> str:
    return "GRP-" + uuid.UUID(int=ctx.new_id("conference_groups").int).hex[:10].upper()
