"""Early help: requests, assessments, Team Around the Family plans, step up and step down.

Episodes start three ways, as in the seeds: a MASH decision of "early help", a step down
when a CIN episode closes (after assessment, RC9, or when a CIN plan ends stepped down),
and requests straight to the early help service (schools, health, families). A referral
for a child with open early help closes it as stepped up, linked to the new CIN episode.

Episodes are kept in memory until :meth:`EarlyHelpDesk.finish` because a later referral
can still close one; only then are they, their TAF plans and reviews written.

Calibration: ~850 open at a time at scale 1.0 (seed 839-875), see
docs/synthetic-authority.md.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from safeguard.cin.models import CINEpisode
from safeguard.core.calendar import add_working_days, previous_working_day
from safeguard.earlyhelp.models import (
    SOCIAL_CARE_SOURCE,
    EarlyHelpClosureReason,
    EarlyHelpEpisode,
    LeadProfessionalAgency,
    TafReview,
    TeamAroundFamilyPlan,
)
from safeguard.frontdoor.models import MashDecision
from safeguard.people.models import Person
from safeguard.synth.context import SynthContext
from safeguard.synth.draws import weighted
from safeguard.synth.workforce import pick_worker
from safeguard.synth.writer import build
from safeguard.workforce.models import ServiceArea, WorkerRole

STREAM = "early_help"
#: Requests made straight to early help a month at scale 1.0 (children).
DIRECT_REQUESTS_PER_MONTH = 36.0
#: Share of episodes with a completed assessment that go on to a Team Around the Family
#: plan (the rest are single-agency support); seed 003: 17-81 TAF plans a month.
TAF_SHARE = 0.4
#: Median length of an episode in days (lognormal), before any step up.
MEDIAN_DAYS = 185
DIRECT_SOURCES = (
    ("2A", 0.42),
    ("3A", 0.08),
    ("3B", 0.06),
    ("3E", 0.06),
    ("1A", 0.10),
    ("1B", 0.06),
    ("6", 0.05),
    ("5B", 0.05),
    ("8", 0.08),
    ("4", 0.04),
)
CLOSURES = (
    (EarlyHelpClosureReason.NEEDS_MET, 0.74),
    (EarlyHelpClosureReason.DISENGAGED, 0.17),
    (EarlyHelpClosureReason.MOVED, 0.05),
    (EarlyHelpClosureReason.OTHER, 0.04),
)
AGENCIES = (
    (LeadProfessionalAgency.LA_EARLY_HELP, 0.55),
    (LeadProfessionalAgency.SCHOOL, 0.25),
    (LeadProfessionalAgency.HEALTH, 0.08),
    (LeadProfessionalAgency.EARLY_YEARS, 0.06),
    (LeadProfessionalAgency.VOLUNTARY, 0.06),
)
ROLE_FOR: dict[str, str] = {
    LeadProfessionalAgency.LA_EARLY_HELP: "Family support worker",
    LeadProfessionalAgency.SCHOOL: "Designated safeguarding lead",
    LeadProfessionalAgency.HEALTH: "Health visitor",
    LeadProfessionalAgency.EARLY_YEARS: "Early years practitioner",
    LeadProfessionalAgency.VOLUNTARY: "Family project worker",
}
NEEDS = (
    "Parenting support: routines and boundaries.",
    "School attendance and behaviour at home.",
    "Parental mental health; family needs practical and emotional support.",
    "Domestic abuse recovery support for parent and children.",
    "Young carer support and respite.",
    "Housing and money worries affecting the children.",
)


@dataclass
class _Open:
    episode: EarlyHelpEpisode
    planned_close: dt.date | None  # None: still open at the end of history
    closure_reason: str
    history: list[EarlyHelpEpisode] = field(default_factory=list)


class EarlyHelpDesk:
    """Every early help episode, kept per child until generation finishes."""

    def __init__(self, ctx: SynthContext) -> None:
        self.ctx = ctx
        self.rng = ctx.stream(STREAM)
        self.fake = ctx.faker(STREAM)
        self.end = ctx.settings.end
        self._by_child: dict[uuid.UUID, _Open] = {}
        self._order: list[uuid.UUID] = []

    @classmethod
    def of(cls, ctx: SynthContext) -> EarlyHelpDesk:
        desk = ctx.registry.get("early_help_desk")
        if desk is None:
            desk = ctx.registry["early_help_desk"] = cls(ctx)
        return desk

    # --- state -------------------------------------------------------------------
    def open_on(self, child: Person, day: dt.date) -> bool:
        current = self._by_child.get(child.id)
        if current is None:
            return False
        ep = current.episode
        return ep.requested_on <= day and (ep.closed_on is None or ep.closed_on > day)

    def can_start(self, child: Person, day: dt.date) -> bool:
        """Not already in early help, not open to social care or in care, under 17½."""
        if self.open_on(child, day):
            return False
        current = self._by_child.get(child.id)
        if current is not None and current.episode.requested_on > day:
            return False
        tl = self.ctx.timeline(child.id)
        if tl.cin_busy_until is not None and tl.cin_busy_until > day:
            return False
        if tl.looked_after_until is not None and tl.looked_after_until >= day:
            return False
        born = child.date_of_birth
        return born is None or (day - born).days < 17 * 365 + 180

    # --- starting ----------------------------------------------------------------
    def start(
        self,
        child: Person,
        day: dt.date,
        source: str,
        *,
        mash_decision: MashDecision | None = None,
        stepped_down_from: CINEpisode | None = None,
    ) -> EarlyHelpEpisode | None:
        if day > self.end or not self.can_start(child, day):
            return None
        rng = self.rng
        episode = build(
            EarlyHelpEpisode,
            child=child,
            requested_on=day,
            request_source=source,
            request_details=NEEDS[int(rng.integers(0, len(NEEDS)))],
            mash_decision=mash_decision,
            stepped_down_from=stepped_down_from,
        )
        episode.id = self.ctx.new_id(STREAM)
        length = max(21, int(rng.lognormal(np.log(MEDIAN_DAYS), 0.55)))
        close = day + dt.timedelta(days=length)
        reason = weighted(rng, CLOSURES)
        self._assess(episode, day, close)
        planned = close if close <= self.end else None
        if planned is not None:
            episode.closed_on = planned
            episode.closure_reason = reason
            episode.closure_notes = (
                "Closed: no longer engaging." if reason == EarlyHelpClosureReason.OTHER else ""
            )
        previous = self._by_child.get(child.id)
        history = [*previous.history, previous.episode] if previous is not None else []
        if previous is None:
            self._order.append(child.id)
        self._by_child[child.id] = _Open(episode, planned, reason, history)
        return episode

    def _assess(self, episode: EarlyHelpEpisode, day: dt.date, close: dt.date) -> None:
        rng = self.rng
        started = add_working_days(day, int(rng.integers(0, 8)))
        if started >= close or started > self.end:
            return
        episode.assessment_started_on = started
        agency = weighted(rng, AGENCIES)
        episode.assessment_agency = agency
        done = add_working_days(started, int(rng.integers(5, 35)))
        if done < close and done <= self.end:
            episode.assessment_completed_on = done
        episode.lead_professional_agency = agency
        episode.lead_professional_role = ROLE_FOR.get(agency, "Lead professional")
        if agency == LeadProfessionalAgency.LA_EARLY_HELP:
            lead = pick_worker(
                self.ctx,
                role=WorkerRole.EARLY_HELP_WORKER,
                on=started,
                stream=STREAM,
                team_area=ServiceArea.EARLY_HELP,
            )
            episode.lead_professional_worker = lead
            episode.lead_professional_name = f"{lead.first_name} {lead.last_name}"
        else:
            episode.lead_professional_name = self.fake.name()

    def step_down(self, child: Person, day: dt.date, cin_episode: CINEpisode) -> None:
        """Early help requested the day a CIN episode closes into it (source 5A)."""
        self.start(child, day, SOCIAL_CARE_SOURCE, stepped_down_from=cin_episode)

    def step_up(self, child: Person, day: dt.date, cin_episode: CINEpisode) -> None:
        """A referral on ``day`` closes open early help as stepped up."""
        current = self._by_child.get(child.id)
        if current is None or not self.open_on(child, day):
            return
        ep = current.episode
        ep.closed_on = day
        ep.closure_reason = EarlyHelpClosureReason.STEPPED_UP
        ep.closure_notes = "Stepped up: referral to children's social care opened."
        ep.stepped_up_to = cin_episode
        if ep.assessment_completed_on is not None and ep.assessment_completed_on > day:
            ep.assessment_completed_on = None
        if ep.assessment_started_on is not None and ep.assessment_started_on > day:
            ep.assessment_started_on = None
            ep.assessment_agency = ""

    # --- writing -----------------------------------------------------------------
    def finish(self) -> None:
        for child_id in self._order:
            current = self._by_child[child_id]
            for episode in [*current.history, current.episode]:
                self._write(episode)
        self._by_child.clear()
        self._order.clear()

    def _write(self, episode: EarlyHelpEpisode) -> None:
        ctx, rng = self.ctx, self.rng
        ctx.writer.add(episode, id=episode.id, at=ctx.at(episode.requested_on, 10))
        done = episode.assessment_completed_on
        if done is None or rng.random() >= TAF_SHARE:
            return
        last = min(episode.closed_on or self.end, self.end)
        plan_start = add_working_days(done, int(rng.integers(0, 10)))
        if plan_start > last:
            return
        plan = build(
            TeamAroundFamilyPlan,
            episode=episode,
            started_on=plan_start,
            outcomes="Outcomes agreed with the family; who does what by when.",
            members="Family; school; health visitor; family support worker",
        )
        plan.id = ctx.new_id(STREAM)
        ctx.writer.add(plan, id=plan.id, at=ctx.at(plan_start, 14))
        review = plan_start + dt.timedelta(days=int(rng.integers(35, 56)))
        while review <= last:
            held = previous_working_day(review)
            if held > plan_start:
                ctx.writer.add(
                    build(
                        TafReview,
                        plan=plan,
                        held_on=held,
                        progress="Progress reviewed with the family against the plan.",
                        attendees="Family; lead professional; school",
                    ),
                    id=ctx.new_id(STREAM),
                    at=ctx.at(held, 15),
                )
            review += dt.timedelta(days=int(rng.integers(35, 56)))


def direct_requests(
    desk: EarlyHelpDesk, day: dt.date, pick_children: Callable[[dt.date], list[Person]]
) -> None:
    """Requests made straight to early help on ``day`` (Poisson)."""
    rng = desk.rng
    scale = desk.ctx.settings.scale
    weekday = 1.3 if day.weekday() < 5 else 0.25
    n = int(rng.poisson(DIRECT_REQUESTS_PER_MONTH * 12 / 365.25 * weekday * scale))
    for _ in range(n):
        children = pick_children(day)
        source = weighted(rng, DIRECT_SOURCES)
        for child in children:
            desk.start(child, day, source)
