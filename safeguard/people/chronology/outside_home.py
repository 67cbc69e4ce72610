"""Chronology sources of risks outside the home: missing episodes and return home
interviews, and the CAROLE model (screening, risk assessment, moderation, MACE).

The CAROLE entries link to the child's CAROLE page, for the roles that may open it.
Intelligence records of the CAROLE tactical group (known perpetrators and locations) are
not about one child and are restricted, so they are never in a child's chronology.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Count

from safeguard.core.timescales import compute_due
from safeguard.people.chronology.base import (
    ChronologyEvent,
    Source,
    code_label,
    day_of,
    link,
    rows_of,
)

#: Who may follow a CAROLE entry to the child's CAROLE page (its views' rule).
CAROLE_CAPABILITY = "access.record_casework"

#: Risk levels that are reviewed at MACE (an emerging risk is not).
REVIEWED_LEVELS = ("significant", "moderate")


def _missing(row: Any) -> Iterator[ChronologyEvent]:
    kind = code_label("missing_type", row.missing_type) or "Missing"
    yield ChronologyEvent(day_of(row.started_at), "missing", f"{kind}: went missing")  # type: ignore[arg-type]
    if row.ended_at:
        yield ChronologyEvent(day_of(row.ended_at), "missing", "Returned from missing")  # type: ignore[arg-type]


def _rhi(row: Any) -> Iterator[ChronologyEvent]:
    if row.held_at:
        yield ChronologyEvent(day_of(row.held_at), "missing", "Return home interview held")  # type: ignore[arg-type]
    else:
        detail = "Accepted" if row.accepted else "Declined" if row.accepted is False else ""
        yield ChronologyEvent(
            day_of(row.offered_at),  # type: ignore[arg-type]
            "missing",
            "Return home interview offered",
            detail,
        )


def _carole(title: str, on: Any, row: Any, detail: str) -> ChronologyEvent:
    return ChronologyEvent(
        on,
        "exploitation",
        title,
        detail,
        url=link("exploitation:carole", child_id=row.child_id),
        capability=CAROLE_CAPABILITY,
    )


def _screening(row: Any) -> Iterator[ChronologyEvent]:
    concerns = row.yes_count
    if concerns:
        outcome = f"{concerns} concern{'s' if concerns != 1 else ''}: risk assessment needed"
    else:
        outcome = "No concerns"
    yield _carole("CAROLE screening", row.screened_on, row, outcome)


def _indicators(codes: list[str]) -> str:
    from safeguard.exploitation.models_carole import RiskIndicator

    labels = dict(RiskIndicator.choices)
    return ", ".join(labels.get(code, code) for code in codes)


def _present(row: Any) -> str:
    present = [
        who
        for who, there in (("police", row.police_present), ("health", row.health_present))
        if there
    ]
    return f"{' and '.join(present)} present" if present else "police and health not present"


def _risk_assessment(row: Any) -> Iterator[ChronologyEvent]:
    detail = _indicators(row.indicators)
    if row.needs_moderation:
        detail = f"{detail}; awaiting moderation" if detail else "Awaiting moderation"
    yield _carole(
        f"Exploitation risk assessment: {row.get_risk_level_display()} risk",
        row.assessed_on,
        row,
        detail,
    )
    if row.moderated_on:
        yield _carole(
            "Exploitation risk assessment moderated",
            row.moderated_on,
            row,
            f"Agreed level: {row.get_agreed_level_display() or row.get_risk_level_display()}; "
            f"{_present(row)}",
        )


def next_review_text(level: str, held_on: Any) -> str:
    """When the MACE after this one is due (``mace_review``), or why there is none."""
    if level not in REVIEWED_LEVELS:
        return "no further MACE review (emerging risk)"
    due = compute_due("mace_review", held_on, risk=level).due
    return f"next review due by {due:%-d %b %Y}"


def mace(row: Any) -> Iterator[ChronologyEvent]:
    parts = [
        f"{row.get_risk_level_display()} risk",
        next_review_text(row.risk_level, row.held_on),
        f"{row.action_count} plan action{'s' if row.action_count != 1 else ''}",
    ]
    if row.escalate_to_impact_meeting:
        parts.append("escalated to the operational impact meeting")
    yield _carole(row.get_kind_display(), row.held_on, row, "; ".join(parts))


MISSING: tuple[Source, ...] = (
    Source("missing", lambda c: rows_of("exploitation.MissingEpisode", child=c), _missing),
    Source(
        "missing",
        lambda c: rows_of("exploitation.ReturnHomeInterview", missing_episode__child=c),
        _rhi,
    ),
)

EXPLOITATION: tuple[Source, ...] = (
    Source(
        "exploitation",
        lambda c: rows_of("exploitation.ExploitationScreening", child=c),
        _screening,
    ),
    Source(
        "exploitation",
        lambda c: rows_of("exploitation.ExploitationRiskAssessment", child=c),
        _risk_assessment,
    ),
    Source(
        "exploitation",
        lambda c: rows_of("exploitation.MaceMeeting", child=c).annotate(
            action_count=Count("actions")
        ),
        mace,
    ),
)
