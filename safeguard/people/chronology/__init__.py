"""The child's chronology: significant events from every part of the journey, newest first.

A chronology is how a reviewer sees a pattern (repeat contacts, missing episodes before a
placement move), so it draws from every module. Each source is one query for the child
(with the few related rows it names joined in), so the cost does not grow with the number
of events; the merge and sort happen in Python. Unselected event types are not queried.

One module per journey area lists its sources (front_door, casework, care, outside_home,
domestic_abuse); ``base`` holds the event types and the event. LADO cases are not here:
they are about an adult who works with children and are restricted to the LADO roles, so
no child's chronology shows them, even when a case names the child.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from safeguard.people.chronology.base import (
    EVENT_TYPE_LABELS,
    EVENT_TYPES,
    ChronologyEvent,
    Events,
    EventType,
    Source,
)
from safeguard.people.chronology.care import CARE, lac_review
from safeguard.people.chronology.casework import (
    ALLOCATIONS,
    CASEWORK,
    cin_review,
    conference,
    core_group,
    strategy,
)
from safeguard.people.chronology.domestic_abuse import DOMESTIC_ABUSE, hrda_discussion
from safeguard.people.chronology.education import EDUCATION
from safeguard.people.chronology.front_door import CONTACTS, EARLY_HELP, taf_review
from safeguard.people.chronology.outside_home import EXPLOITATION, MISSING, mace
from safeguard.people.chronology.quality import QUALITY
from safeguard.people.models import Person

__all__ = [
    "EVENT_TYPES",
    "EVENT_TYPE_LABELS",
    "MEETING_EVENTS",
    "SOURCES",
    "ChronologyEvent",
    "EventType",
    "Source",
    "chronology",
    "meetings",
]

#: Every source; on the same day, events keep this order (the sort is stable).
SOURCES: tuple[Source, ...] = (
    *CONTACTS,
    *CASEWORK,
    *CARE,
    *MISSING,
    *EARLY_HELP,
    *ALLOCATIONS,
    *DOMESTIC_ABUSE,
    *EXPLOITATION,
    *EDUCATION,
    *QUALITY,
)


def chronology(
    child: Person,
    *,
    types: Sequence[str] = (),
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[ChronologyEvent]:
    """The child's significant events, newest first; ``types`` empty means every type.

    One query per source whose type is wanted; ``start`` and ``end`` are inclusive.
    """
    wanted = set(types) or set(EVENT_TYPE_LABELS)
    events: list[ChronologyEvent] = []
    for source in SOURCES:
        if source.type not in wanted:
            continue
        for row in source.rows(child):
            for event in source.events(row):
                if event.on is None:
                    continue
                if start is not None and event.on < start:
                    continue
                if end is not None and event.on > end:
                    continue
                events.append(event)
    events.sort(key=lambda event: event.on, reverse=True)
    return events


#: The builders whose events are meetings about the child (the record's Meetings page).
MEETING_EVENTS: frozenset[Events] = frozenset(
    {strategy, conference, core_group, cin_review, lac_review, taf_review, mace, hrda_discussion}
)


def meetings(child: Person) -> list[ChronologyEvent]:
    """Strategy discussions, conferences, core groups, reviews, MACE and HRDA, newest first."""
    events = [
        event
        for source in SOURCES
        if source.events in MEETING_EVENTS
        for row in source.rows(child)
        for event in source.events(row)
        if event.on is not None
    ]
    events.sort(key=lambda event: event.on, reverse=True)
    return events
