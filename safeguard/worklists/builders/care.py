"""Items for children in care and care leavers: visits, reviews, health, PEPs, RHIs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.utils import timezone

from safeguard.care.models import LONG_TERM_FOSTER_PLACEMENTS
from safeguard.core import calendar
from safeguard.core.calendar import TermDatesMissingError
from safeguard.worklists.builders.common import (
    PATHWAY_PLAN_MAX_AGE,
    PEP_AGES,
    TermsGetter,
    dmy,
    is_care_leaver,
    make_item,
    since,
)
from safeguard.worklists.facts import CaseloadFacts
from safeguard.worklists.items import (
    Rules,
    WorkItem,
    lac_visit_variant,
    rha_variant,
)


def _placement(facts: CaseloadFacts, period: dict[str, Any]) -> tuple[dt.date, bool]:
    """When the current placement started (a legal-status-only change keeps it) and
    whether it is a long-term foster placement."""
    episodes = facts.episodes.get(period["pk"], [])
    if not episodes:
        return period["started_on"], False
    index = len(episodes) - 1
    current = episodes[index]
    while index > 0 and episodes[index]["reason_new_episode"] == "L":
        index -= 1
    return episodes[index]["started_on"], current["placement_type"] in LONG_TERM_FOSTER_PLACEMENTS


def lac_visit(
    child: Any,
    worker: Any,
    facts: CaseloadFacts,
    rules: Rules,
    today: dt.date,
    terms: TermsGetter,
) -> Iterator[WorkItem]:
    period = facts.open_period(child.pk)
    if period is None:
        return
    placement_start, long_term = _placement(facts, period)
    last = facts.last_seen.get((child.pk, "looked_after"))
    start = since(last, placement_start)
    detail = (
        f"Last statutory visit with the child seen on {dmy(start)}"
        if start == last
        else f"No visit with the child seen since the placement started on {dmy(start)}"
    )
    yield make_item(
        child,
        worker,
        rules,
        today,
        "lac_visit",
        start,
        detail=detail,
        variant=lac_visit_variant(start, placement_start, long_term),
        context={"placement_start": placement_start, "long_term": long_term},
    )


def lac_review(
    child: Any,
    worker: Any,
    facts: CaseloadFacts,
    rules: Rules,
    today: dt.date,
    terms: TermsGetter,
) -> Iterator[WorkItem]:
    period = facts.open_period(child.pk)
    if period is None:
        return
    reviews = facts.lac_reviews.get(period["pk"])
    if reviews is None:
        start = period["started_on"]
        key, detail = "lac_review_first", f"Became looked after on {dmy(start)}"
    elif reviews["n"] == 1:
        start = reviews["first"]
        key, detail = "lac_review_second", f"First review held on {dmy(start)}"
    else:
        start = reviews["last"]
        key, detail = "lac_review_next", f"Last review held on {dmy(start)}"
    yield make_item(child, worker, rules, today, key, start, detail=detail)


def health(
    child: Any,
    worker: Any,
    facts: CaseloadFacts,
    rules: Rules,
    today: dt.date,
    terms: TermsGetter,
) -> Iterator[WorkItem]:
    period = facts.open_period(child.pk)
    if period is None:
        return
    pk = period["pk"]
    initial = facts.health.get((pk, "initial"))
    if initial is None:
        start = period["started_on"]
        yield make_item(
            child,
            worker,
            rules,
            today,
            "iha",
            start,
            detail=f"No initial health assessment since becoming looked after on {dmy(start)}",
        )
        return
    dob = child.date_of_birth
    if dob is None:
        return
    review = facts.health.get((pk, "review"))
    previous = max(initial, review) if review else initial
    yield make_item(
        child,
        worker,
        rules,
        today,
        "rha",
        previous,
        detail=f"Last health assessment on {dmy(previous)}",
        variant=rha_variant(previous, dob),
        context={"dob": dob},
    )


def dental(
    child: Any,
    worker: Any,
    facts: CaseloadFacts,
    rules: Rules,
    today: dt.date,
    terms: TermsGetter,
) -> Iterator[WorkItem]:
    period = facts.open_period(child.pk)
    if period is None or period["started_on"] > calendar.add_months(today, -12):
        return
    last = facts.health.get((period["pk"], "dental"))
    start = since(last, period["started_on"])
    detail = (
        f"Last dental check on {dmy(start)}"
        if start == last
        else f"No dental check recorded since becoming looked after on {dmy(start)}"
    )
    yield make_item(child, worker, rules, today, "dental", start, detail=detail)


def pep(
    child: Any,
    worker: Any,
    facts: CaseloadFacts,
    rules: Rules,
    today: dt.date,
    terms: TermsGetter,
) -> Iterator[WorkItem]:
    period = facts.open_period(child.pk)
    dob = child.date_of_birth
    if period is None or dob is None or calendar.age_on(dob, today) not in PEP_AGES:
        return
    school = terms()
    if school is None:
        raise TermDatesMissingError("No school term dates are held.")
    last = facts.peps.get(period["pk"])
    if last is None:
        start, stage = period["started_on"], "first"
        detail = f"No PEP since becoming looked after on {dmy(start)}"
    else:
        start, stage, detail = last, "termly", f"Last PEP on {dmy(last)}"
    yield make_item(
        child,
        worker,
        rules,
        today,
        "pep",
        start,
        detail=detail,
        variant=stage,
        school=school,
        context={"stage": stage, "terms": school},
    )


def rhi(
    child: Any,
    worker: Any,
    facts: CaseloadFacts,
    rules: Rules,
    today: dt.date,
    terms: TermsGetter,
) -> Iterator[WorkItem]:
    for row in facts.missing.get(child.pk, ()):
        returned = row["ended_at"]
        shown = timezone.localtime(returned).strftime("%d/%m/%Y %H:%M")
        yield make_item(
            child,
            worker,
            rules,
            today,
            "rhi",
            returned,
            detail=f"Returned from a missing episode at {shown}; no interview held or declined",
            variant="hours",
            context={"basis": "hours"},
        )


def care_leaver_contact(
    child: Any,
    worker: Any,
    facts: CaseloadFacts,
    rules: Rules,
    today: dt.date,
    terms: TermsGetter,
) -> Iterator[WorkItem]:
    periods = facts.periods.get(child.pk, [])
    if not is_care_leaver(child, periods, today):
        return
    last = facts.leaver_contacts.get(child.pk)
    left = periods[-1]["ended_on"]
    start = since(last, left)
    detail = (
        f"Last keeping-in-touch contact on {dmy(start)}"
        if start == last
        else f"No contact recorded since leaving care on {dmy(start)}"
    )
    yield make_item(
        child,
        worker,
        rules,
        today,
        "care_leaver_contact",
        start,
        detail=detail,
        context={"dob": child.date_of_birth},
    )


def pathway_plan(
    child: Any,
    worker: Any,
    facts: CaseloadFacts,
    rules: Rules,
    today: dt.date,
    terms: TermsGetter,
) -> Iterator[WorkItem]:
    dob = child.date_of_birth
    if dob is None:
        return
    age = calendar.age_on(dob, today)
    in_care = facts.open_period(child.pk) is not None and age >= 16
    leaver = is_care_leaver(child, facts.periods.get(child.pk, []), today)
    if not (in_care or (leaver and age < PATHWAY_PLAN_MAX_AGE)):
        return
    sixteenth = calendar.birthday(dob, 16)
    last = facts.pathway_reviews.get(child.pk)
    start = since(last, sixteenth)
    detail = (
        f"Last pathway plan review on {dmy(start)}"
        if start == last
        else f"No pathway plan review since the 16th birthday on {dmy(start)}"
    )
    yield make_item(child, worker, rules, today, "pathway_plan", start, detail=detail)
