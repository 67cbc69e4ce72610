"""Serious incidents and practice reviews across both local authorities of the partnership.

Calibration (seed 001, "Multi-agency Child Safeguarding Practice Reviews"; measures.md §5):
about 9 rapid reviews a year across the two areas at scale 1.0 (scaled by ``scale``),
completed within the Panel's timeframes, 3 of them progressing to a local CSPR. Every
serious incident notified has a rapid review. Most notifications reach the Panel and the
partners within 5 working days and most rapid reviews within 15 working days; a few are
late. A looked-after child's death is also notified to the Secretary of State and Ofsted.

A local CSPR has an independent reviewer (a conflict of interest check recorded, a few
declared), written information requests to 3-6 agencies, and is published about 5-6
months after the decision, its final report sent to the Panel 7 or more working days
before. Each review has 2-4 learning themes from the maintained list and an action plan
(5-12 actions for a CSPR, 2-5 otherwise), most completed on time with evidence, some late,
a few overdue; and learning products (7-minute briefings, webinars...). Nothing after the
end of the history is recorded (the checker's G-FUTURE), so a publication not yet due is
left unplanned. The children are known by initials only and linked to no record.
"""

from __future__ import annotations

import datetime as dt
import string
from typing import Any

import numpy as np

from safeguard.core import calendar
from safeguard.partnership.models import (
    ActionStatus,
    InformationRequest,
    LearningProduct,
    LearningTheme,
    ReviewAction,
    ReviewDecision,
    SeriousIncident,
)
from safeguard.partnership.services.reviews_checks import ensure_standard_themes
from safeguard.synth.context import SynthContext
from safeguard.synth.draws import weighted
from safeguard.synth.writer import build

STREAM = "practice_reviews"
RAPID_REVIEWS_PER_YEAR = 9.0  # seed 001: nine rapid reviews completed in 2020/21
#: Of the decisions not a local CSPR (seed 001: three of the nine were), the share that
#: recommend a national review; decisions are dealt in threes, one a local CSPR each.
NATIONAL_SHARE = 0.08
AREAS = (("ours", 0.5), ("neighbour", 0.5))
REASONS: dict[str, str] = {
    "local_cspr": "Significant multi-agency learning that a local review can bring out.",
    "national_review": "Issues of national importance: a national review is recommended "
    "to the Panel.",
    "no_further_review": "The learning is clear from the rapid review and is being taken "
    "forward through the action plan.",
}
NOTIFIED_ON_TIME = 0.9
REVIEW_ON_TIME = 0.9
#: (summary, incident type, themes it suggests): seed 001's rapid review referrals.
KINDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Intra-familial sexual abuse disclosed by the child.", "serious_harm",
     ("sexual_abuse", "voice_of_the_child", "professional_curiosity")),
    ("Child criminal exploitation and serious violence: the young person was stabbed.",
     "serious_harm", ("exploitation", "adolescent_risk", "information_sharing")),
    ("Sudden unexpected death in infancy; co-sleeping with additional risk factors.", "death",
     ("safe_sleep", "professional_curiosity", "mental_health")),
    ("Non-accidental injuries to a baby under one.", "serious_harm",
     ("non_accidental_injury", "information_sharing", "professional_curiosity")),
    ("Sexual violence, domestic abuse and neglect in the household.", "serious_harm",
     ("domestic_abuse", "neglect", "voice_of_the_child")),
    ("Suspected suicide of a care-experienced young person.", "death",
     ("mental_health", "transitions", "adolescent_risk")),
    ("Chronic neglect, including medical neglect.", "serious_harm",
     ("neglect", "professional_curiosity", "voice_of_the_child")),
)  # fmt: skip
AGENCIES = (
    "Police",
    "NHS community health services",
    "Hospital trust",
    "GP practices (ICB)",
    "Children's social care",
    "Education (school)",
    "Probation service",
    "Adult mental health services",
    "Housing",
    "Substance misuse service",
)
ACTIONS = (
    "Update the multi-agency guidance and share it with practitioners.",
    "Audit a sample of cases for the learning identified.",
    "Deliver briefings to front-line staff.",
    "Review the referral pathway between agencies.",
    "Add the learning to the multi-agency training programme.",
    "Strengthen recording of fathers and significant males.",
    "Review information sharing arrangements at the front door.",
    "Report progress to the partnership's learning and review group.",
)
PRODUCTS = (
    ("seven_minute_briefing", "7-minute briefing: {theme}", "All practitioners"),
    ("webinar", "Learning webinar: {theme}", "Multi-agency practitioners and managers"),
    ("practice_guidance", "Practice guidance: {theme}", "Front-line practitioners"),
    ("newsletter", "Partnership newsletter: learning from a review", "Partnership newsletter"),
    ("learning_event", "Lunchtime learning: {theme}", "Practitioners in the area"),
)


def _wd(day: dt.date, n: int) -> dt.date:
    return calendar.add_working_days(day, n)


def _between(rng: np.random.Generator, low: int, high: int) -> int:
    return int(rng.integers(low, high + 1))


def _days(settings: Any) -> list[dt.date]:
    span = (settings.end - settings.start).days + 1
    n = round(RAPID_REVIEWS_PER_YEAR * settings.scale * span / 365.25)
    return [
        calendar.next_working_day(settings.start + dt.timedelta(days=int((i + 0.5) * span / n)))
        for i in range(n)
    ]


def _initials(rng: np.random.Generator) -> str:
    letters = rng.choice(list(string.ascii_uppercase.replace("Q", "").replace("X", "")), 2)
    return "Child " + str(letters[0]) if rng.random() < 0.5 else f"{letters[0]}.{letters[1]}."


class _Decisions:
    """Rapid review decisions dealt in shuffled threes, one a local CSPR in each, so a
    year's nine give about three CSPRs however few years are generated."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.deck: list[str] = []

    def draw(self) -> str:
        if not self.deck:
            others = [
                ReviewDecision.NATIONAL
                if self.rng.random() < NATIONAL_SHARE
                else ReviewDecision.NO_FURTHER
                for _ in range(2)
            ]
            self.deck = [str(d) for d in self.rng.permutation([ReviewDecision.LOCAL_CSPR, *others])]
        return self.deck.pop()


def generate(ctx: SynthContext) -> None:
    settings, end = ctx.settings, ctx.settings.end
    rng = ctx.stream(STREAM)
    fake = ctx.faker(STREAM)
    ensure_standard_themes()
    themes = {t.code: t for t in LearningTheme.objects.filter(active=True)}
    decisions = _Decisions(rng)
    numbers: dict[int, int] = {}
    plans: list[tuple[SeriousIncident, str, tuple[str, ...]]] = []
    for aware in _days(settings):
        if aware > end:
            continue
        summary, kind, suggested = KINDS[int(rng.integers(len(KINDS)))]
        looked_after = bool(rng.random() < 0.12)
        numbers[aware.year] = numbers.get(aware.year, 0) + 1
        values: dict[str, Any] = {
            "reference": f"SI-{aware.year}-{numbers[aware.year]:03d}",
            "child_identifier": _initials(rng),
            "la_area": weighted(rng, AREAS),
            "incident_type": kind,
            "looked_after": looked_after,
            "incident_on": aware - dt.timedelta(days=_between(rng, 0, 3)),
            "aware_on": aware,
            "summary": summary,
        }
        values |= _journey(rng, fake, end, aware, looked_after and kind == "death", decisions)
        incident = ctx.writer.add(
            build(SeriousIncident, **values), id=ctx.new_id(STREAM), at=ctx.at(aware, 10)
        )
        if incident.rapid_review_held_on is not None:
            plans.append((incident, incident.decision, suggested))
    ctx.writer.flush()
    through = SeriousIncident.themes.through
    links = []
    for incident, decision, suggested in plans:
        chosen = [c for c in suggested[: _between(rng, 2, 3)] if c in themes]
        if (
            rng.random() < 0.3
            and "information_sharing" not in chosen
            and "information_sharing" in themes
        ):
            chosen.append("information_sharing")
        links += [
            through(seriousincident_id=incident.pk, learningtheme_id=themes[c].pk) for c in chosen
        ]
        _plan(ctx, rng, end, incident, decision, chosen)
    through.objects.bulk_create(links)
    ctx.writer.flush()


def _journey(
    rng: np.random.Generator,
    fake: Any,
    end: dt.date,
    aware: dt.date,
    lac_death: bool,
    decisions: _Decisions,
) -> dict[str, Any]:
    """The notification, rapid review and any local CSPR, each only when it falls by end."""
    out: dict[str, Any] = {}
    notified = _wd(
        aware, _between(rng, 1, 5) if rng.random() < NOTIFIED_ON_TIME else _between(rng, 6, 8)
    )
    if notified > end:
        return out
    partners = max(aware, notified - dt.timedelta(days=_between(rng, 0, 1)))
    out |= {"panel_notified_on": notified, "partners_notified_on": partners}
    if lac_death:
        out |= {"secretary_of_state_notified_on": notified, "ofsted_notified_on": notified}
    on_time = rng.random() < REVIEW_ON_TIME
    held_after = _between(rng, 8, 13) if on_time else _between(rng, 14, 18)
    held = _wd(notified, held_after)
    if held > end:
        return out
    decision = decisions.draw()
    # On time: sent by the 15th working day after the notification; late: after it.
    sent_after = held_after + _between(rng, 0, 15 - held_after if on_time else 3)
    sent = _wd(notified, max(sent_after, 16) if not on_time else sent_after)
    out |= {
        "rapid_review_held_on": held,
        "rapid_review_sent_on": sent if sent <= end else None,
        "rapid_review_facts": "Chronology of agency involvement reviewed; the facts agreed.",
        "immediate_actions": "Safety of siblings confirmed; single-agency reviews commissioned.",
        "decision": decision,
        "decision_reasons": REASONS[decision],
    }
    if decision != ReviewDecision.LOCAL_CSPR:
        return out
    decided = held + dt.timedelta(days=_between(rng, 0, 10))
    if decided > end:
        return out
    declared = bool(rng.random() < 0.15)
    out |= {
        "cspr_decided_on": decided,
        "reviewer_name": fake.name(),
        "reviewer_organisation": weighted(
            rng,
            (("Independent safeguarding consultant", 0.6), ("Independent Reviews Ltd", 0.4)),
        ),
        "coi_declared": declared,
        "coi_checked_on": decided,
        "coi_outcome": "Declared earlier work with one agency; agreed not material."
        if declared
        else "No conflict of interest: no links with the agencies involved.",
    }
    planned = calendar.add_months(decided, 5) + dt.timedelta(days=_between(rng, 0, 28))
    if planned > end:
        return out  # not planned yet (a planned date ahead would be a date after today)
    copy = _wd(planned, -_between(rng, 8, 15) if rng.random() < 0.85 else -_between(rng, 3, 6))
    published = planned + dt.timedelta(days=_between(rng, 0, 21) if rng.random() < 0.3 else 0)
    out["planned_publication_on"] = planned
    if copy <= end:
        out["copy_sent_on"] = max(copy, decided)
        if published <= end:
            out["published_on"] = published
    return out


def _plan(
    ctx: SynthContext,
    rng: np.random.Generator,
    end: dt.date,
    incident: SeriousIncident,
    decision: str,
    chosen: list[str],
) -> None:
    """The action plan, information requests and learning products of one review."""
    held = incident.rapid_review_held_on
    assert held is not None
    cspr = decision == ReviewDecision.LOCAL_CSPR
    for _ in range(_between(rng, 5, 12) if cspr else _between(rng, 2, 5)):
        due = held + dt.timedelta(days=_between(rng, 30, 240))
        values: dict[str, Any] = {
            "incident": incident,
            "action": str(rng.choice(ACTIONS)),
            "owner_agency": str(rng.choice(AGENCIES)),
            "due_on": due,
        }
        draw = rng.random()
        done = (
            due - dt.timedelta(days=_between(rng, 0, 45))
            if draw < 0.82
            else (due + dt.timedelta(days=_between(rng, 5, 60)) if draw < 0.93 else None)
        )
        if done is not None and held <= done <= end:
            values |= {
                "status": ActionStatus.COMPLETE,
                "completed_on": done,
                "evidence": "Evidence of completion reported to the learning and review group.",
            }
        elif due - dt.timedelta(days=60) <= end:
            values["status"] = ActionStatus.IN_PROGRESS
        ctx.writer.add(build(ReviewAction, **values), id=ctx.new_id(STREAM), at=ctx.at(held, 15))
    if cspr and incident.cspr_decided_on is not None:
        decided = incident.cspr_decided_on
        for agency in rng.choice(AGENCIES, size=_between(rng, 3, 6), replace=False):
            sent = decided + dt.timedelta(days=_between(rng, 0, 10))
            if sent > end:
                continue
            due = _wd(sent, 20)
            received = due - dt.timedelta(days=_between(rng, -10, 10))
            ctx.writer.add(
                build(
                    InformationRequest,
                    incident=incident,
                    agency=str(agency),
                    sent_on=sent,
                    due_on=due,
                    received_on=received if sent <= received <= end else None,
                ),
                id=ctx.new_id(STREAM),
                at=ctx.at(sent, 11),
            )
    base = incident.published_on if cspr else held + dt.timedelta(days=_between(rng, 20, 60))
    count = _between(rng, 2, 3) if cspr else int(rng.random() < 0.6)
    if base is None or base > end:
        return
    labels = {t.code: t.label for t in LearningTheme.objects.filter(code__in=chosen)}
    for n in range(count):
        kind, title, audience = PRODUCTS[int(rng.integers(len(PRODUCTS)))]
        issued = base + dt.timedelta(days=14 * n + _between(rng, 0, 10))
        if issued > end:
            break
        theme = (
            labels.get(chosen[n % len(chosen)], "learning from a review")
            if chosen
            else ("learning from a review")
        )
        ctx.writer.add(
            build(
                LearningProduct,
                incident=incident,
                kind=kind,
                title=title.format(theme=theme.lower() if title.startswith("7") else theme),
                issued_on=issued,
                audience=audience,
            ),
            id=ctx.new_id(STREAM),
            at=ctx.at(issued, 12),
        )
