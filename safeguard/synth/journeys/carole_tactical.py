"""CAROLE's tactical level, from the children's CAROLE histories (``carole.py``).

* About a third of the MACE meetings that flag the operational impact meeting escalate
  the child (at most once per child), 0-3 days after the MACE.
* The operational impact meeting sits monthly (second Tuesday) when escalations wait:
  a significant-risk child is escalated to the tactical group (70%), others mostly stay
  with their MACE plan.
* The tactical group meets monthly (third Wednesday) and reviews every child of the
  high-risk cohort that day — significant risk in force, or escalated and not stepped
  down — keeping the risk in force; an escalated child no longer at significant risk
  steps down (40%).
* About 14 intelligence records a year at scale 1.0 (a third persons of concern with
  synthetic aliases, the rest locations in the generator's localities), each linked to
  one to three children of the cohort then, mostly from the police; most are reviewed
  three months on and some disrupted.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

from safeguard.exploitation.models_carole import MaceMeeting
from safeguard.exploitation.models_tactical import (
    IntelligenceChild,
    IntelligenceRecord,
    OperationalImpactDiscussion,
    OperationalImpactMeeting,
    OperationalImpactReferral,
    TacticalCohortReview,
    TacticalGroupMeeting,
)
from safeguard.people.models import Person
from safeguard.synth.context import SynthContext
from safeguard.synth.families import LOCALITIES
from safeguard.synth.journeys.care import worker
from safeguard.synth.writer import build

STREAM = "carole_tactical"
ESCALATE = 0.35
INTELLIGENCE_A_YEAR = 14.0
AGENCIES = ["childrens_services", "police", "health", "education", "youth_justice"]
ALIASES = ("'Jay'", "'K'", "'Smokey'", "'Tiny'", "'Blue'", "'Dee'", "'Ratch'", "'Milo'", "'Zed'")
PLACES = (
    ("Railway station forecourt", "transport_hub"),
    ("Bus station", "transport_hub"),
    ("Skate park", "leisure"),
    ("Recreation ground", "park"),
    ("Chicken shop on the high street", "shop"),
    ("Seafront amusement arcade", "leisure"),
    ("Budget hotel by the ring road", "hotel"),
    ("Flat above the parade of shops", "house"),
    ("Lane behind the college", "school_area"),
)


@dataclass
class History:
    """A child's CAROLE history as generated: (day, risk level) events and MACE meetings."""

    child: Person
    levels: list[tuple[dt.date, str]] = field(default_factory=list)
    maces: list[MaceMeeting] = field(default_factory=list)

    def level_on(self, day: dt.date) -> str:
        """The risk in force (the latest assessment or MACE level by ``day``)."""
        level = ""
        for when, value in self.levels:
            if when <= day:
                level = value
        return level


def _add(ctx: SynthContext, obj: object, day: dt.date) -> object:
    return ctx.writer.add(obj, id=ctx.new_id(STREAM), at=ctx.at(day, 15))


def _monthly(start: dt.date, end: dt.date, weekday: int, week: int) -> Iterator[dt.date]:
    """The ``week``-th ``weekday`` (Monday 0) of each month between start and end."""
    month = dt.date(start.year, start.month, 1)
    while month <= end:
        first = month + dt.timedelta(days=(weekday - month.weekday()) % 7)
        day = first + dt.timedelta(weeks=week - 1)
        if start <= day <= end:
            yield day
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _agencies(rng: np.random.Generator) -> list[str]:
    extra = [a for a in AGENCIES[2:] if rng.random() < 0.6]
    return [a for a in AGENCIES if a in {"childrens_services", "police", *extra}]


def generate(ctx: SynthContext, histories: list[History]) -> None:
    rng = ctx.stream(STREAM)
    start, end = ctx.settings.start, ctx.settings.end
    by_child = {h.child.pk: h for h in histories}
    referrals = _escalations(ctx, rng, histories, end)
    escalated = _impact_meetings(ctx, rng, referrals, by_child, start, end)
    cohort_days = _tactical_meetings(ctx, rng, by_child, escalated, start, end)
    _intelligence(ctx, rng, cohort_days, start, end)


def _escalations(
    ctx: SynthContext, rng: np.random.Generator, histories: list[History], end: dt.date
) -> list[OperationalImpactReferral]:
    out: list[OperationalImpactReferral] = []
    for history in histories:
        for mace in history.maces:
            if not mace.escalate_to_impact_meeting or rng.random() >= ESCALATE:
                continue
            day = mace.held_on + dt.timedelta(days=int(rng.integers(0, 4)))
            if day > end:
                break
            referral = build(
                OperationalImpactReferral,
                child=history.child,
                mace_meeting=mace,
                referred_on=day,
                reason="Links to a county line and older associates: more than the MACE "
                "plan can disrupt.",
            )
            out.append(_add(ctx, referral, day))  # type: ignore[arg-type]
            break  # one escalation per child
    return sorted(out, key=lambda r: r.referred_on)


def _impact_meetings(
    ctx: SynthContext,
    rng: np.random.Generator,
    referrals: list[OperationalImpactReferral],
    by_child: dict[uuid.UUID, History],
    start: dt.date,
    end: dt.date,
) -> list[tuple[dt.date, Person]]:
    """Hold the meetings; returns (meeting day, child) of each escalation to the group."""
    waiting = list(referrals)
    escalated: list[tuple[dt.date, Person]] = []
    for day in _monthly(start, end, weekday=1, week=2):
        due = [r for r in waiting if r.referred_on <= day]
        if not due:
            continue
        waiting = [r for r in waiting if r.referred_on > day]
        meeting = _add(
            ctx,
            build(
                OperationalImpactMeeting,
                held_on=day,
                chaired_by=worker(ctx, "service_manager", day, STREAM),
                agencies=_agencies(rng),
            ),
            day,
        )
        for referral in due:
            child = referral.child
            significant = by_child[child.pk].level_on(day) == "significant"
            draw = float(rng.random())
            if draw < (0.7 if significant else 0.2):
                decision = "tactical"
                escalated.append((day, child))
            else:
                decision = "mace" if draw < 0.85 else "close"
            _add(
                ctx,
                build(
                    OperationalImpactDiscussion,
                    meeting=meeting,
                    referral=referral,
                    child=child,
                    decision=decision,
                ),
                day,
            )
    return escalated


def _tactical_meetings(
    ctx: SynthContext,
    rng: np.random.Generator,
    by_child: dict[uuid.UUID, History],
    escalated: list[tuple[dt.date, Person]],
    start: dt.date,
    end: dt.date,
) -> list[tuple[dt.date, list[Person]]]:
    """Monthly meetings reviewing the cohort; returns (day, cohort) for intelligence."""
    open_escalations: dict[uuid.UUID, Person] = {}
    pending = sorted(escalated, key=lambda e: e[0])
    out: list[tuple[dt.date, list[Person]]] = []
    for day in _monthly(start, end, weekday=2, week=3):
        while pending and pending[0][0] <= day:
            _, child = pending.pop(0)
            open_escalations[child.pk] = child
        cohort = {
            h.child.pk: h.child for h in by_child.values() if h.level_on(day) == "significant"
        }
        cohort.update(open_escalations)
        if not cohort:
            continue
        meeting = _add(
            ctx,
            build(
                TacticalGroupMeeting,
                held_on=day,
                chaired_by=worker(ctx, "service_manager", day, STREAM),
                agencies=_agencies(rng),
            ),
            day,
        )
        for child_id, child in sorted(cohort.items(), key=lambda item: str(item[0])):
            level = by_child[child_id].level_on(day)
            decision, note = "remain", ""
            if level != "significant" and child_id in open_escalations and rng.random() < 0.4:
                decision, note = "step_down", "Risk reduced: back to MACE reviews."
                del open_escalations[child_id]
            _add(
                ctx,
                build(
                    TacticalCohortReview,
                    meeting=meeting,
                    child=child,
                    risk_level=level or "significant",
                    decision=decision,
                    note=note,
                ),
                day,
            )
        out.append((day, list(cohort.values())))
    return out


def _intelligence(
    ctx: SynthContext,
    rng: np.random.Generator,
    cohort_days: list[tuple[dt.date, list[Person]]],
    start: dt.date,
    end: dt.date,
) -> None:
    if not cohort_days:
        return
    span = (end - start).days + 1
    n = round(INTELLIGENCE_A_YEAR * ctx.settings.scale * span / 365.25)
    for _ in range(n):
        day, cohort = cohort_days[int(rng.integers(0, len(cohort_days)))]
        person = rng.random() < 1 / 3
        values: dict[str, object] = {"kind": "perpetrator" if person else "location"}
        if person:
            values["alias"] = str(rng.choice(ALIASES))
            values["description"] = (
                "Older male seen collecting children from the area in a dark car; thought to "
                "run a county line."
            )
        else:
            place, kind = PLACES[int(rng.integers(0, len(PLACES)))]
            values.update(
                place_name=place,
                locality=str(rng.choice(LOCALITIES)),
                location_type=kind,
                description="Children from the cohort seen here in the evenings with older "
                "associates.",
            )
        reviewed = day + dt.timedelta(days=int(rng.integers(80, 100)))
        is_reviewed = reviewed <= end and rng.random() < 0.8
        status = "active"
        if is_reviewed:
            status = str(rng.choice(["active", "disrupted", "inactive"], p=[0.5, 0.35, 0.15]))
        record = _add(
            ctx,
            build(
                IntelligenceRecord,
                source_agency=str(
                    rng.choice(
                        ["police", "childrens_services", "education", "community_safety"],
                        p=[0.6, 0.2, 0.1, 0.1],
                    )
                ),
                source_grade=str(rng.choice(["1", "2", "3"], p=[0.3, 0.6, 0.1])),
                information_grade=str(rng.choice(["A", "B", "C", "D"], p=[0.2, 0.4, 0.3, 0.1])),
                handling_code=str(rng.choice(["P", "C"], p=[0.7, 0.3])),
                recorded_on=day,
                recorded_by=worker(ctx, "service_manager", day, STREAM),
                reviewed_on=reviewed if is_reviewed else None,
                review_note="Reviewed at the tactical group." if is_reviewed else "",
                status=status,
                **values,
            ),
            day,
        )
        size = min(len(cohort), int(rng.integers(1, 4)))
        for index in rng.choice(len(cohort), size=size, replace=False).tolist():
            _add(ctx, build(IntelligenceChild, record=record, child=cohort[index]), day)
