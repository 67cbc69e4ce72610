"""Chronology sources of care: periods, placements (and the unregistered placements
register), reviews, plans, health and education, and leaving care."""

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


def _period(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(row.started_on, "care", "Became looked after")
    if row.ended_on:
        yield ChronologyEvent(row.ended_on, "care", "Ceased to be looked after")


def _episode(row: Any) -> Iterator[ChronologyEvent]:
    legal = code_label("legal_status", row.legal_status)
    placement = code_label("placement_type", row.placement_type)
    reason = row.reason_new_episode
    title = "First placement" if reason == "S" else code_label("reason_new_episode", reason)
    yield ChronologyEvent(row.started_on, "care", title, f"{legal}; {placement}")


def lac_review(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(
        row.held_on,
        "care",
        "Looked-after review",
        code_label("review_participation", row.participation),
    )


def _care_plan(row: Any) -> Iterator[ChronologyEvent]:
    title = "Care plan agreed" if row.occasion == "initial" else "Care plan reviewed"
    if row.occasion == "revised":
        title = "Care plan revised"
    yield ChronologyEvent(row.agreed_on, "care", title, name_of(row.agreed_by))


def _permanence_plan(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(row.decided_on, "care", "Permanence plan", row.get_option_display())


def _unregistered(row: Any) -> Iterator[ChronologyEvent]:
    """The register entry: placed, agreed by the Corporate Director, ended."""
    yield ChronologyEvent(
        row.started_on,
        "care",
        "Placed in an unregistered placement",
        f"{row.get_setting_display()}; {row.provider}",
    )
    if row.approved_on:
        late = " (after the child moved in)" if row.approved_on > row.started_on else ""
        yield ChronologyEvent(
            row.approved_on,
            "care",
            "Unregistered placement approved by the Corporate Director",
            f"{row.approved_by}{late}",
        )
    if row.ended_on:
        yield ChronologyEvent(
            row.ended_on, "care", "Unregistered placement ended", row.get_end_reason_display()
        )


def _independent_visit(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(
        row.visited_on,
        "care",
        "Independent visit to the unregistered placement",
        name_of(row.visitor),
    )


def _health(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(row.assessed_on, "health_education", row.get_kind_display())


def _pep(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(row.held_on, "health_education", "Personal education plan")


def _care_leaver_contact(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(
        row.contact_on,
        "care_leaver",
        "Care leaver contact",
        code_label("care_leaver_in_touch", row.in_touch),
    )


def _pathway(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(row.reviewed_on, "care_leaver", "Pathway plan review")


CARE: tuple[Source, ...] = (
    Source("care", lambda c: rows_of("care.PeriodOfCare", child=c), _period),
    Source("care", lambda c: rows_of("care.LookedAfterEpisode", child=c), _episode),
    Source("care", lambda c: rows_of("care.LookedAfterReview", child=c), lac_review),
    Source(
        "care",
        lambda c: rows_of("care.CarePlan", child=c).select_related("agreed_by"),
        _care_plan,
    ),
    Source("care", lambda c: rows_of("care.PermanencePlan", child=c), _permanence_plan),
    Source("care", lambda c: rows_of("care.UnregisteredPlacement", child=c), _unregistered),
    Source(
        "care",
        lambda c: rows_of("care.IndependentVisit", placement__child=c).select_related("visitor"),
        _independent_visit,
    ),
    Source("health_education", lambda c: rows_of("care.HealthAssessment", child=c), _health),
    Source("health_education", lambda c: rows_of("care.PersonalEducationPlan", child=c), _pep),
    Source(
        "care_leaver",
        lambda c: rows_of("care.CareLeaverContact", child=c),
        _care_leaver_contact,
    ),
    Source("care_leaver", lambda c: rows_of("care.PathwayPlanReview", child=c), _pathway),
)
