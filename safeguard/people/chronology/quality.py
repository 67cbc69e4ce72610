"""Chronology sources from quality assurance, for ``safeguard.people.chronology``.

A manager's direction on a child's case, recorded in the allocated worker's supervision,
is part of the child's record (Working Together: management oversight is recorded on the
child's file). Listed in ``SOURCES`` under the event type ``management_direction``; the
entry links to the supervision record for those who may record supervision.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from safeguard.people.chronology.base import ChronologyEvent, Source, link, name_of, rows_of

EVENT_TYPE = "management_direction"
EVENT_LABEL = "Management direction in supervision"
CAPABILITY = "access.record_supervision"


def _direction(row: Any) -> Iterator[ChronologyEvent]:
    supervision = row.supervision
    yield ChronologyEvent(
        supervision.held_on,
        EVENT_TYPE,
        EVENT_LABEL,
        f"{name_of(supervision.supervisor)}: {row.direction}",
        url=link("quality:supervision_detail", supervision_id=supervision.pk),
        capability=CAPABILITY,
    )


QUALITY: tuple[Source, ...] = (
    Source(
        EVENT_TYPE,
        lambda c: rows_of(
            "quality.SupervisionCase", child=c, supervision__held_on__isnull=False
        ).select_related("supervision__supervisor"),
        _direction,
    ),
)
