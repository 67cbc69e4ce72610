"""Chronology sources for children out of school, for ``safeguard.people.chronology``.

Listed in ``SOURCES`` under the event type ``education``; each entry links to the child's
education page for those who may open it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from safeguard.people.chronology.base import ChronologyEvent, Source, link, rows_of

EVENT_TYPE = "education"
EVENT_LABEL = "Education: missing education, exclusions and part-time timetables"
#: The overview's rule: whoever may open the child's record may follow the link.
CAPABILITY = "access.open_child_record"


def _event(on: Any, row: Any, title: str, detail: str = "") -> ChronologyEvent:
    return ChronologyEvent(
        on,
        EVENT_TYPE,
        title,
        detail,
        url=link("education:overview", child_id=row.child_id),
        capability=CAPABILITY,
    )


def _missing_education(row: Any) -> Iterator[ChronologyEvent]:
    yield _event(row.reported_on, row, "Missing education reported", row.get_reason_display())
    if row.ended_on:
        yield _event(row.ended_on, row, "Missing education ended", row.get_outcome_display())


def _exclusion(row: Any) -> Iterator[ChronologyEvent]:
    what = "Permanent exclusion" if row.kind == "permanent" else f"Suspension, {row.days} days"
    yield _event(row.excluded_on, row, f"{what} from {row.school_name}", row.get_reason_display())
    if row.lifted_on:
        yield _event(row.lifted_on, row, "Exclusion lifted or overturned", row.school_name)
    if row.reintegrated_on:
        yield _event(row.reintegrated_on, row, "Started at a new school after exclusion")


def _timetable(row: Any) -> Iterator[ChronologyEvent]:
    yield _event(row.started_on, row, "Part-time timetable started", row.school_name)
    if row.ended_on:
        yield _event(row.ended_on, row, "Back on a full timetable", row.school_name)


EDUCATION: tuple[Source, ...] = (
    Source(
        EVENT_TYPE,
        lambda c: rows_of("education.MissingEducationEpisode", child=c),
        _missing_education,
    ),
    Source(EVENT_TYPE, lambda c: rows_of("education.Exclusion", child=c), _exclusion),
    Source(EVENT_TYPE, lambda c: rows_of("education.PartTimeTimetable", child=c), _timetable),
)
