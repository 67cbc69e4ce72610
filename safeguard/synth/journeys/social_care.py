"""Children's social care journeys: contacts, MASH, referrals, assessments, CIN and CP.

Event by event: contacts arrive day by day (Poisson, gentle trend); each contact is
screened and, for a share, triaged by MASH with a decision per child. A referral opens a
CIN episode per child and the child's whole journey is then drawn forward in time
(assessment → NFA / early help / CIN plan / strategy discussion → s47 → ICPC → CP plan
with core groups, visits and review conferences → step-down CIN plan → closure). Anything
that would happen after ``settings.end`` is left open, so the end date has open
referrals, assessments under way, current plans and conferences booked.

Burn-in: journeys start ``BURN_IN_MONTHS`` before ``settings.start`` (those rows are
written too) so the first months of the history already carry open CP plans and CIN
caseloads. See docs/synthetic-authority.md ("Children's social care journeys").
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from dateutil.relativedelta import relativedelta

from safeguard.cin.models import CINEpisode
from safeguard.frontdoor.models import (
    Contact,
    ContactChannel,
    ContactChild,
    ContactOutcome,
    MashDecision,
    MashOutcome,
    MashPriority,
    MashTriage,
)
from safeguard.people.models import Person
from safeguard.synth.context import SynthContext
from safeguard.synth.draws import weighted
from safeguard.synth.families import FamilyFactory
from safeguard.synth.journeys.early_help import EarlyHelpDesk, direct_requests
from safeguard.synth.journeys.sc_journey import Journey, JourneyPlanner
from safeguard.synth.workforce import pick_worker
from safeguard.synth.writer import build
from safeguard.workforce.models import ServiceArea, Worker, WorkerRole

STREAM = "social_care"
BURN_IN_MONTHS = 24
#: Contacts a month at scale 1.0 by year (2018 seed 925-1,230 falling to ~700 by 2020,
#: then a plateau a little lower); years outside the table use the nearest. The plateau
#: sits near the seeds' low end so that, with referrals at the seeds' 180-255 a month,
#: conversion per child named (OBA2-09) comes as close to the seeds' 41-49% as it can.
CONTACTS_PER_MONTH = {2016: 1000, 2017: 1040, 2018: 1050, 2019: 880, 2020: 700, 2021: 640}
PLATEAU = 600
#: Weekday profile (Mon..Sun) of contacts, mean 1.0.
WEEKDAY_FACTOR = (1.25, 1.2, 1.2, 1.15, 1.2, 0.5, 0.5)

#: Referral sources (CIN census codes). The police share is above July 2020's 224 of 695
#: (32%) because the contact plateau sits below the seeds' 695 a month: 0.355 of it puts
#: police contacts at seed 004 §4.1e's 223 a month (Oct 2019-Mar 2020) and 224 (Jul 2020).
SOURCES: dict[str, float] = {
    "6": 0.355,
    "2A": 0.135,
    "3A": 0.03,
    "3B": 0.04,
    "3D": 0.03,
    "3E": 0.04,
    "3F": 0.03,
    "1A": 0.05,
    "1B": 0.02,
    "1C": 0.02,
    "1D": 0.01,
    "2B": 0.02,
    "4": 0.03,
    "5A": 0.03,
    "5B": 0.03,
    "5C": 0.03,
    "5D": 0.03,
    "7": 0.03,
    "8": 0.02,
    "9": 0.01,
    "10": 0.01,
}
PROFESSIONAL_SOURCES = frozenset(s for s in SOURCES if s[0] in "234578")
#: Police contacts: share that are PPNs and the PPN colour mix.
PPN_SHARE = 0.85
PPN_COLOURS = (("blue", 0.40), ("green", 0.25), ("amber", 0.25), ("red", 0.10))
#: Contact screening: closed at contact (I&A 60%, NFA 40%) or sent to MASH triage.
CLOSED_AT_CONTACT = 0.61
#: MASH per-contact decision among triaged (Jul 2020 seed per child: 14 / 11 / 223 / 39;
#: strategy discussions are about larger families, so fewer contacts than children).
ASSESSMENT_SHARE = 0.65
STRATEGY_SHARE = 0.135
MASH_OUTCOMES = (
    (MashOutcome.INFORMATION_AND_ADVICE, 0.09),
    (MashOutcome.EARLY_HELP, 0.12),
    (MashOutcome.ASSESSMENT, ASSESSMENT_SHARE),
    (MashOutcome.STRATEGY_DISCUSSION, STRATEGY_SHARE),
)
#: Share of converting contacts that are about a family referred in the last 12 months.
RE_REFERRAL_SHARE = 0.26
#: Children named on a contact, by what the contact leads to: most contacts closed at
#: the front door are about one child; families in child protection are larger (seed 000:
#: 569 children at 276 initial conferences, about two a meeting).
CHILDREN_PER_CONTACT = {
    "closed": ((1, 0.95), (2, 0.04), (3, 0.01)),
    "assessment": ((1, 0.80), (2, 0.14), (3, 0.06)),
    "strategy": ((1, 0.25), (2, 0.33), (3, 0.22), (4, 0.12), (5, 0.08)),
}
#: Families whose ethnicity was not obtained or was refused (seed 000: 22% of children on
#: plans "not recorded/not stated").
UNSTATED = {"closed": 0.03, "assessment": 0.08, "strategy": 0.22}
#: Share of strategy-discussion contacts about a family whose child had a CP plan before
#: (repeat plans, seed 17.8-27.6% of plans).
REPEAT_CP_SHARE = 0.26
#: Protection activity over the history: rising to a peak ~40% of the way through, then
#: falling back (the seeds show CP numbers peaking then falling).
PROTECTION_PEAK = 0.2


def _contacts_per_month(year: int) -> float:
    if year in CONTACTS_PER_MONTH:
        return CONTACTS_PER_MONTH[year]
    if year < min(CONTACTS_PER_MONTH):
        return CONTACTS_PER_MONTH[min(CONTACTS_PER_MONTH)]
    return PLATEAU


class FrontDoor:
    def __init__(self, ctx: SynthContext) -> None:
        self.ctx = ctx
        self.rng = ctx.stream(STREAM)
        self.fake = ctx.faker(STREAM)
        self.families = FamilyFactory.of(ctx)
        self.planner = JourneyPlanner(ctx)
        self.early_help = EarlyHelpDesk.of(ctx)
        self.end = ctx.settings.end
        self._sources = list(SOURCES)
        p = np.array(list(SOURCES.values()))
        self._source_p = p / p.sum()
        #: Families whose children were referred, newest last: (referral date, children).
        self.recent: list[tuple[dt.date, list[Person]]] = []
        self.known: list[list[Person]] = []
        #: Families referred whose children had a CP plan, for repeat plans.
        self.past_plans: list[list[Person]] = []
        self.first = ctx.settings.start - relativedelta(months=BURN_IN_MONTHS)

    def _extra_sd(self, day: dt.date) -> float:
        """Chance an assessment decision becomes a strategy discussion on ``day`` (trend)."""
        x = (day - self.first).days / max(1, (self.end - self.first).days)
        peak = PROTECTION_PEAK * float(np.exp(-(((x - 0.4) / 0.25) ** 2)))
        return peak * STRATEGY_SHARE / ASSESSMENT_SHARE

    def _past_plan_family(self, on: dt.date) -> list[Person]:
        """A family whose child's CP plan ended at least three months ago (repeat plans)."""
        rng = self.rng
        if not self.past_plans or rng.random() >= REPEAT_CP_SHARE:
            return []
        for _ in range(6):
            children = self.past_plans[int(rng.integers(0, len(self.past_plans)))]
            ended = [self.ctx.timeline(c.id).last_cp_plan_end for c in children]
            if (
                any(e is not None and (on - e).days >= 90 for e in ended)
                and self._free(children, on)
                and not any(self.early_help.open_on(c, on) for c in children)
            ):
                return children
        return []

    # --- choosing children -------------------------------------------------------
    def _free(self, children: list[Person], on: dt.date) -> bool:
        for child in children:
            tl = self.ctx.timeline(child.id)
            if tl.cin_busy_until is not None and tl.cin_busy_until >= on:
                return False
            if tl.looked_after_until is not None and tl.looked_after_until >= on:
                return False
            if child.date_of_birth is not None and (on - child.date_of_birth).days > 17 * 365:
                return False
        return True

    def _family_children(self, on: dt.date, kind: str) -> list[Person]:
        """Children for a contact of ``kind`` (closed, assessment, strategy): a family
        referred in the last year again, a family known before, or a new family."""
        rng = self.rng
        converting = kind != "closed"
        if converting and self.recent and rng.random() < RE_REFERRAL_SHARE * 1.25:
            cutoff = on - dt.timedelta(days=360)
            while self.recent and self.recent[0][0] < cutoff - dt.timedelta(days=400):
                self.recent.pop(0)
            for _ in range(6):
                i = int(rng.integers(0, len(self.recent)))
                referred, children = self.recent[i]
                if referred >= cutoff and self._free(children, on):
                    return children
        elif not converting and self.known and rng.random() < 0.25:
            children = self.known[int(rng.integers(0, len(self.known)))]
            if self._free(children, on):
                return children
        n = int(weighted(rng, CHILDREN_PER_CONTACT[kind]))
        age_p = _PROTECTION_AGE_P if kind == "strategy" else _AGE_P
        ages = sorted(int(a) for a in rng.choice(18, size=n, p=age_p))
        unborn = bool(converting and rng.random() < 0.03)
        family = self.families.new_family(
            on=on, child_ages=ages, unborn=unborn, unstated=UNSTATED[kind]
        )
        children = [c for c in family.children if c.date_of_birth is not None or unborn]
        if len(self.known) < 40_000:
            self.known.append(children)
        return children

    def early_help_children(self, on: dt.date) -> list[Person]:
        """Children of a family asking early help directly: mostly new to the service."""
        rng = self.rng
        if self.known and rng.random() < 0.3:
            children = self.known[int(rng.integers(0, len(self.known)))]
            if self._free(children, on):
                return children
        n = int(weighted(rng, CHILDREN_PER_CONTACT["assessment"]))
        ages = sorted(int(a) for a in rng.choice(18, size=n, p=_AGE_P))
        family = self.families.new_family(on=on, child_ages=ages)
        return [c for c in family.children if c.date_of_birth is not None]

    # --- one contact ---------------------------------------------------------------
    def contact(self, day: dt.date) -> None:
        ctx, rng = self.ctx, self.rng
        hour = int(rng.integers(8, 18))
        received = ctx.at(day, hour, int(rng.integers(0, 60)))
        source = str(rng.choice(self._sources, p=self._source_p))
        channel, ppn = self._channel(source)
        closed = rng.random() < CLOSED_AT_CONTACT * (1.3 if ppn == "blue" else 1.0)
        outcome_value = MashOutcome.ASSESSMENT
        if not closed:
            outcome_value = weighted(rng, MASH_OUTCOMES)
            if ppn == "red" and outcome_value == MashOutcome.INFORMATION_AND_ADVICE:
                outcome_value = MashOutcome.STRATEGY_DISCUSSION
            if outcome_value == MashOutcome.ASSESSMENT and rng.random() < self._extra_sd(day):
                outcome_value = MashOutcome.STRATEGY_DISCUSSION
        converting = not closed and outcome_value in (
            MashOutcome.ASSESSMENT,
            MashOutcome.STRATEGY_DISCUSSION,
        )
        strategy = outcome_value == MashOutcome.STRATEGY_DISCUSSION and not closed
        kind = "strategy" if strategy else ("assessment" if converting else "closed")
        children = (strategy and self._past_plan_family(day)) or self._family_children(day, kind)
        if not children:
            return
        if converting and not self._free(children, day):
            converting = False
            outcome_value = MashOutcome.INFORMATION_AND_ADVICE
        recorder = pick_worker(
            ctx, role=WorkerRole.MASH_OFFICER, on=day, stream=STREAM, team_area=ServiceArea.MASH
        )
        consent_asked = source != "9" and rng.random() < 0.9
        consent_given = consent_asked and rng.random() < 0.8
        is_ia = rng.random() < 0.6
        contact = build(
            Contact,
            received_at=received,
            source=source,
            channel=channel,
            referrer_name="" if source == "9" else self.fake.name(),
            referrer_agency=_AGENCY_NAME.get(source[0], ""),
            concerns=_CONCERNS[int(rng.integers(0, len(_CONCERNS)))],
            consent_asked=consent_asked,
            consent_given=consent_given,
            consent_override_reason=""
            if consent_given
            else "Sharing without consent to safeguard the child.",
            ppn_rating=ppn,
            advice_given="Advice given to the referrer." if closed and is_ia else "",
            outcome=(
                (
                    ContactOutcome.INFORMATION_AND_ADVICE
                    if is_ia
                    else ContactOutcome.NO_FURTHER_ACTION
                )
                if closed
                else ContactOutcome.MASH_TRIAGE
            ),
            outcome_at=received + dt.timedelta(hours=int(rng.integers(1, 6))),
            recorded_by=recorder,
        )
        if contact.outcome_at.date() > self.end:  # type: ignore[union-attr]
            contact.outcome, contact.outcome_at, contact.advice_given = "", None, ""
        ctx.writer.add(contact, id=ctx.new_id(STREAM), at=received)
        for child in children:
            ctx.writer.add(
                build(ContactChild, contact=contact, child=child),
                id=ctx.new_id(STREAM),
                at=received,
            )
        if closed or contact.outcome_at is None:
            return
        self._triage(contact, children, str(outcome_value), ppn, day, source, recorder)

    def _channel(self, source: str) -> tuple[str, str]:
        rng = self.rng
        if source == "6" and rng.random() < PPN_SHARE:
            return ContactChannel.POLICE_PPN, str(weighted(rng, PPN_COLOURS))
        if source in PROFESSIONAL_SOURCES:
            x = rng.random()
            if x < 0.45:
                return ContactChannel.ONLINE_PORTAL, ""
            if x < 0.8:
                return ContactChannel.PROFESSIONAL_LINE, ""
            return ContactChannel.EMAIL, ""
        x = rng.random()
        if x < 0.7:
            return ContactChannel.PUBLIC_LINE, ""
        return (ContactChannel.PHONE if x < 0.9 else ContactChannel.OTHER), ""

    def _triage(
        self,
        contact: Contact,
        children: list[Person],
        outcome: str,
        ppn: str,
        day: dt.date,
        source: str,
        recorder: Worker,
    ) -> None:
        ctx, rng = self.ctx, self.rng
        started = contact.outcome_at
        assert started is not None
        priority = (
            MashPriority.RED
            if outcome == MashOutcome.STRATEGY_DISCUSSION or ppn == "red"
            else (MashPriority.AMBER if outcome == MashOutcome.ASSESSMENT else MashPriority.GREEN)
        )
        # Decision within 1 working day mostly (red the same day); some late.
        lag = 0 if priority == MashPriority.RED else int(rng.choice(4, p=(0.35, 0.5, 0.1, 0.05)))
        decided_day = _add_wd(day, lag)
        decided_at = ctx.at(decided_day, int(rng.integers(10, 18)), int(rng.integers(0, 60)))
        if decided_at <= started:
            decided_at = started + dt.timedelta(minutes=int(rng.integers(30, 180)))
        open_triage = decided_at.date() > self.end
        manager = pick_worker(
            ctx, role=WorkerRole.TEAM_MANAGER, on=day, stream=STREAM, team_area=ServiceArea.MASH
        )
        triage = build(
            MashTriage,
            contact=contact,
            priority=priority,
            started_at=started,
            started_by=recorder,
            decided_at=None if open_triage else decided_at,
            decided_by=None if open_triage else manager,
        )
        ctx.writer.add(triage, id=ctx.new_id(STREAM), at=started)
        if open_triage:
            return
        refers = outcome in (MashOutcome.ASSESSMENT, MashOutcome.STRATEGY_DISCUSSION)
        journey = self.planner.draw(outcome, decided_day, children) if refers else None
        for child in children:
            decision = build(
                MashDecision,
                triage=triage,
                child=child,
                outcome=outcome,
                reasons="Threshold applied using the local threshold document.",
                decided_at=decided_at,
                decided_by=manager,
                feedback_given=source != "9",
                feedback_given_on=decided_day if source != "9" else None,
                feedback_reasons="" if refers else "Needs can be met below statutory threshold.",
            )
            if journey is not None:
                episode = self.planner.run(journey, child, source, decided_day)
                decision.cin_episode = episode
            ctx.writer.add(decision, id=ctx.new_id(STREAM), at=decided_at)
            if outcome == MashOutcome.EARLY_HELP:
                self.early_help.start(child, decided_day, source, mash_decision=decision)
        if refers:
            self.recent.append((decided_day, children))
            if any(self.ctx.timeline(c.id).cp_plan_count for c in children):
                self.past_plans.append(children)


_AGE_P = np.array(
    [1.6, 1.2, 1.1, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.05, 1.1, 1.15, 1.15, 1.0, 0.8]
)
_AGE_P = _AGE_P / _AGE_P.sum()
#: Children in child protection are younger (DfE: over a third of children on plans are
#: under 5).
_PROTECTION_AGE_P = np.array(
    [2.0, 1.4, 1.4, 1.4, 1.4, 1.0, 1.0, 1.0, 1.0, 1.0, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.4, 0.3]
)
_PROTECTION_AGE_P = _PROTECTION_AGE_P / _PROTECTION_AGE_P.sum()
_AGENCY_NAME = {
    "2": "School",
    "3": "NHS",
    "4": "Housing",
    "5": "Local authority",
    "6": "Police",
    "7": "Probation / courts",
    "8": "Voluntary sector",
}
_CONCERNS = (
    "Domestic abuse incident at the home; children present.",
    "Concerns about neglect: home conditions and supervision.",
    "Child disclosed being hit by a parent.",
    "Parental alcohol and drug misuse affecting care.",
    "Parental mental health crisis; children's care at risk.",
    "Child missing from home overnight.",
    "Concerns about exploitation and older associates.",
    "School attendance poor; child presents as hungry and unkempt.",
)


def _add_wd(day: dt.date, n: int) -> dt.date:
    from safeguard.core.calendar import add_working_days, next_working_day

    return add_working_days(day, n) if n > 0 else next_working_day(day)


def generate(ctx: SynthContext) -> None:
    settings = ctx.settings
    door = FrontDoor(ctx)
    rng = door.rng
    first = settings.start - relativedelta(months=BURN_IN_MONTHS)
    day = first
    one = dt.timedelta(days=1)
    while day <= settings.end:
        per_day = _contacts_per_month(day.year) * 12 / 365.25 * WEEKDAY_FACTOR[day.weekday()]
        per_day *= 0.965 if day.month in (8, 12) else 1.0
        for _ in range(int(rng.poisson(per_day * settings.scale))):
            door.contact(day)
        direct_requests(door.early_help, day, door.early_help_children)
        day += one
    door.planner.finish()
    door.early_help.finish()


__all__ = ["CINEpisode", "Journey", "generate"]
