"""Chronology sources before a referral: contacts, MASH decisions and early help.

Police PPNs are contacts too, but they have their own entries (domestic_abuse.py), so
they are left out here rather than shown twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from safeguard.people.chronology.base import (
    ChronologyEvent,
    Source,
    code_label,
    day_of,
    rows_of,
)

#: The contact channel of a police Public Protection Notice (frontdoor.ContactChannel).
POLICE_PPN = "police_ppn"


def _contact(row: Any) -> Iterator[ChronologyEvent]:
    contact = row.contact
    source = code_label("referral_source", contact.source)
    yield ChronologyEvent(
        day_of(contact.received_at),  # type: ignore[arg-type]
        "front_door",
        "Contact received",
        ", ".join(x for x in (source, contact.get_channel_display()) if x),
    )


def _mash_decision(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(
        day_of(row.decided_at),  # type: ignore[arg-type]
        "front_door",
        "MASH decision",
        row.get_outcome_display(),
    )


def _early_help(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(row.requested_on, "early_help", "Early help requested")
    if row.closed_on:
        yield ChronologyEvent(
            row.closed_on, "early_help", "Early help closed", row.get_closure_reason_display()
        )


def _taf_plan(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(row.started_on, "early_help", "Team around the family plan started")


def taf_review(row: Any) -> Iterator[ChronologyEvent]:
    yield ChronologyEvent(row.held_on, "early_help", "Team around the family review")


CONTACTS: tuple[Source, ...] = (
    Source(
        "front_door",
        lambda c: (
            rows_of("frontdoor.ContactChild", child=c)
            .exclude(contact__channel=POLICE_PPN)
            .select_related("contact")
        ),
        _contact,
    ),
    Source("front_door", lambda c: rows_of("frontdoor.MashDecision", child=c), _mash_decision),
)

EARLY_HELP: tuple[Source, ...] = (
    Source("early_help", lambda c: rows_of("earlyhelp.EarlyHelpEpisode", child=c), _early_help),
    Source(
        "early_help",
        lambda c: rows_of("earlyhelp.TeamAroundFamilyPlan", episode__child=c),
        _taf_plan,
    ),
    Source(
        "early_help",
        lambda c: rows_of("earlyhelp.TafReview", plan__episode__child=c),
        taf_review,
    ),
)
