"""Chronology sources of social work: referrals, assessments, child protection, CIN plans,
visits and allocations."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from safeguard.people.chronology.base import (
    ChronologyEvent,
    Source,
    code_label,
    name_of,
    rows_of,
)


def _cin_episode(row: Any) -> Iterator[ChronologyEvent]:
    title = "Referral (re-referral)" if row.is_re_referral else "Referral"
    yield ChronologyEvent(
        row.referral_date, "referral", title, code_label("referral_source", row.referral_source)
    )
    if row.closure_date:
        yield ChronologyEvent(
            row.closure_date,
            "referral",
            "Case closed",
            code_label("reason_for_closure", row.reason_for_closure),
        )


def _assessment(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(row.start_date, "assessment", "Assessment started", name_of(row.worker))
    if row.authorised_on:
        yield ChronologyEvent(
            row.authorised_on, "assessment", "Assessment authorised", row.get_outcome_display()
        )


def strategy(row: Any) -> Iterator[ChronologyEvent]:
    detail = "Section 47 enquiry to start" if row.s47_initiated else "No section 47 enquiry"
    yield ChronologyEvent(row.held_on, "protection", "Strategy discussion", detail)


def _section47(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(row.start_date, "protection", "Section 47 enquiry started")
    if row.outcome_date:
        yield ChronologyEvent(
            row.outcome_date, "protection", "Section 47 outcome", row.get_outcome_display()
        )


def conference(row: Any) -> Iterator[ChronologyEvent]:
    kind = row.get_conference_type_display()
    if row.cancelled_on:
        yield ChronologyEvent(row.cancelled_on, "conference", f"{kind} conference cancelled")
    elif row.held_on:
        yield ChronologyEvent(
            row.held_on, "conference", f"{kind} conference held", row.get_outcome_display()
        )
    else:
        yield ChronologyEvent(row.scheduled_for, "conference", f"{kind} conference booked")


def _cp_plan(row: Any) -> Iterator[ChronologyEvent]:
    category = code_label("category_of_abuse", row.initial_category)
    yield ChronologyEvent(row.start_date, "conference", "Child protection plan started", category)
    if row.end_date:
        yield ChronologyEvent(
            row.end_date, "conference", "Child protection plan ended", row.get_end_reason_display()
        )


def _category_change(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(
        row.changed_on,
        "conference",
        "Category of abuse changed",
        f"{code_label('category_of_abuse', row.from_category)} to "
        f"{code_label('category_of_abuse', row.to_category)}",
    )


def core_group(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(row.held_on, "conference", "Core group meeting")


def _cin_plan(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(row.start_date, "cin_plan", "CIN plan started", name_of(row.lead_worker))
    if row.end_date:
        yield ChronologyEvent(row.end_date, "cin_plan", "CIN plan ended")


def cin_review(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(row.held_on, "cin_plan", "CIN plan review")


def _visit(row: Any) -> Iterator[ChronologyEvent]:
    seen = "seen alone" if row.seen_alone else "seen" if row.child_seen else "not seen"
    yield ChronologyEvent(
        row.visit_date,
        "visit",
        row.get_visit_type_display(),
        f"{name_of(row.worker)}: child {seen}",
    )


def _allocation(row: Any) -> Iterator[ChronologyEvent]:
    team = f", {row.worker.team.name}" if row.worker.team_id else ""
    yield ChronologyEvent(row.started_on, "allocation", "Allocated", f"{name_of(row.worker)}{team}")


CASEWORK: tuple[Source, ...] = (
    Source("referral", lambda c: rows_of("cin.CINEpisode", child=c), _cin_episode),
    Source(
        "assessment",
        lambda c: rows_of("assessment.Assessment", episode__child=c).select_related("worker"),
        _assessment,
    ),
    Source(
        "protection",
        lambda c: rows_of("protection.StrategyDiscussion", episode__child=c),
        strategy,
    ),
    Source(
        "protection",
        lambda c: rows_of("protection.Section47Enquiry", episode__child=c),
        _section47,
    ),
    Source("conference", lambda c: rows_of("protection.Conference", child=c), conference),
    Source("conference", lambda c: rows_of("protection.CPPlan", child=c), _cp_plan),
    Source(
        "conference",
        lambda c: rows_of("protection.CPPlanCategoryChange", plan__child=c),
        _category_change,
    ),
    Source(
        "conference",
        lambda c: rows_of("protection.CoreGroupMeeting", plan__child=c),
        core_group,
    ),
    Source(
        "cin_plan",
        lambda c: rows_of("cin.CINPlan", episode__child=c).select_related("lead_worker"),
        _cin_plan,
    ),
    Source(
        "cin_plan",
        lambda c: rows_of("cin.CINPlanReview", plan__episode__child=c),
        cin_review,
    ),
    Source("visit", lambda c: rows_of("cin.Visit", child=c).select_related("worker"), _visit),
)

ALLOCATIONS: tuple[Source, ...] = (
    Source(
        "allocation",
        lambda c: rows_of("workforce.Allocation", child=c).select_related("worker__team"),
        _allocation,
    ),
)
