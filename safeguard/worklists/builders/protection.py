"""Items for children in need and child protection: visits, assessments, conferences."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from safeguard.core import calendar
from safeguard.worklists.builders.common import (
    CP_18_LOOKAHEAD_DAYS,
    TermsGetter,
    dmy,
    make_item,
    since,
)
from safeguard.worklists.facts import CaseloadFacts
from safeguard.worklists.items import (
    Rules,
    WorkItem,
    frequency_context,
)


def cin_visit(
    child: Any,
    worker: Any,
    facts: CaseloadFacts,
    rules: Rules,
    today: dt.date,
    terms: TermsGetter,
) -> Iterator[WorkItem]:
    plan = facts.cin_plans.get(child.pk)
    if plan is None or child.pk in facts.cp_plans or facts.open_period(child.pk):
        return
    last = facts.last_seen.get((child.pk, "cin"))
    start = since(last, plan["start_date"])
    detail = (
        f"Last CIN visit with the child seen on {dmy(start)}"
        if start == last
        else f"No CIN visit with the child seen since the plan started on {dmy(start)}"
    )
    yield make_item(child, worker, rules, today, "cin_visit", start, detail=detail)


def cp_visit(
    child: Any,
    worker: Any,
    facts: CaseloadFacts,
    rules: Rules,
    today: dt.date,
    terms: TermsGetter,
) -> Iterator[WorkItem]:
    plan = facts.cp_plans.get(child.pk)
    if plan is None:
        return
    last = facts.last_seen.get((child.pk, "cp"))
    start = since(last, plan["start_date"])
    weeks = plan["visit_frequency_weeks"]
    detail = (
        f"Last CP visit with the child seen on {dmy(start)}"
        if start == last
        else f"No CP visit with the child seen since the plan started on {dmy(start)}"
    )
    yield make_item(
        child,
        worker,
        rules,
        today,
        "cp_visit",
        start,
        detail=detail,
        frequency=weeks,
        context=frequency_context(weeks),
    )


def assessment(
    child: Any,
    worker: Any,
    facts: CaseloadFacts,
    rules: Rules,
    today: dt.date,
    terms: TermsGetter,
) -> Iterator[WorkItem]:
    for row in facts.assessments.get(child.pk, ()):
        start = row["start_date"]
        yield make_item(
            child,
            worker,
            rules,
            today,
            "assessment",
            start,
            detail=f"Assessment started on {dmy(start)} and not yet authorised",
        )


def icpc(
    child: Any,
    worker: Any,
    facts: CaseloadFacts,
    rules: Rules,
    today: dt.date,
    terms: TermsGetter,
) -> Iterator[WorkItem]:
    for row in facts.icpc_pending.get(child.pk, ()):
        start = row["held_on"]
        yield make_item(
            child,
            worker,
            rules,
            today,
            "icpc",
            start,
            detail=f"Strategy discussion on {dmy(start)} started section 47 enquiries",
        )


def conference_request(
    child: Any,
    worker: Any,
    facts: CaseloadFacts,
    rules: Rules,
    today: dt.date,
    terms: TermsGetter,
) -> Iterator[WorkItem]:
    for row in facts.conference_requests.get(child.pk, ()):
        start = row["outcome_date"]
        yield make_item(
            child,
            worker,
            rules,
            today,
            "section47_to_conference_request",
            start,
            detail=f"Section 47 enquiry substantiated on {dmy(start)}; no conference requested",
        )


def _icpc_date(plan: dict[str, Any]) -> dt.date:
    return plan["initial_conference__held_on"] or plan["start_date"]


def core_group(
    child: Any,
    worker: Any,
    facts: CaseloadFacts,
    rules: Rules,
    today: dt.date,
    terms: TermsGetter,
) -> Iterator[WorkItem]:
    plan = facts.cp_plans.get(child.pk)
    if plan is None or plan["has_core_group"]:
        return
    start = _icpc_date(plan)
    yield make_item(
        child,
        worker,
        rules,
        today,
        "core_group",
        start,
        detail=f"No core group meeting recorded since the ICPC on {dmy(start)}",
    )


def review_conference(
    child: Any,
    worker: Any,
    facts: CaseloadFacts,
    rules: Rules,
    today: dt.date,
    terms: TermsGetter,
) -> Iterator[WorkItem]:
    plan = facts.cp_plans.get(child.pk)
    if plan is None:
        return
    last = plan["last_review"]
    if last is None:
        start = _icpc_date(plan)
        key, detail = "rcpc_first", f"No review conference since the ICPC on {dmy(start)}"
    else:
        start, key, detail = last, "rcpc_next", f"Last review conference on {dmy(last)}"
    yield make_item(child, worker, rules, today, key, start, detail=detail)


def cp_plan_18(
    child: Any,
    worker: Any,
    facts: CaseloadFacts,
    rules: Rules,
    today: dt.date,
    terms: TermsGetter,
) -> Iterator[WorkItem]:
    plan = facts.cp_plans.get(child.pk)
    if plan is None or child.date_of_birth is None:
        return
    birthday = calendar.birthday(child.date_of_birth, 18)
    if birthday > today + dt.timedelta(days=CP_18_LOOKAHEAD_DAYS):
        return
    yield make_item(
        child,
        worker,
        rules,
        today,
        "cp_plan_18",
        birthday,
        detail=f"Turns 18 on {dmy(birthday)} while on a child protection plan",
    )


def cin_review(
    child: Any,
    worker: Any,
    facts: CaseloadFacts,
    rules: Rules,
    today: dt.date,
    terms: TermsGetter,
) -> Iterator[WorkItem]:
    plan = facts.cin_plans.get(child.pk)
    if plan is None:
        return
    last = plan["last_review"]
    start = since(last, plan["start_date"])
    detail = (
        f"Last CIN plan review on {dmy(start)}"
        if start == last
        else f"No review since the CIN plan started on {dmy(start)}"
    )
    yield make_item(child, worker, rules, today, "cin_review", start, detail=detail)
