"""Training queue items for the partnership business unit (``manage_training``).

Sessions are not children's cases and sit on no caseload: the unit shares one queue.
Two kinds of item, each due on the session's own date (no timescale applies: the date
is the deadline itself):

* a session held with places booked and no attendance recorded (owed from the day it
  was held; the quarterly table's occupancy and the evaluations wait for it);
* a session in the next four weeks with people on its waiting list (offer any
  cancelled place, or add another session, before the day).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from safeguard.partnership.selectors.training import attendance_due, waiting_soon
from safeguard.worklists.builders.common import dmy
from safeguard.worklists.items import Rules, state_of
from safeguard.worklists.queues.base import QueueItem


@dataclass(frozen=True)
class SessionItem(QueueItem):
    """A queue item due on the session's date: its account of the due date is that, not
    a timescale's (``QueueItem.explanation`` reads the registry)."""

    why: str = ""

    @property
    def explanation(self) -> str:
        return self.why


def _item(
    session: Any, today: dt.date, *, kind: str, what: str, detail: str, why: str
) -> QueueItem:
    return SessionItem(
        kind=kind,
        what=what,
        subject=f"{session.course.title}, {dmy(session.starts_on)}",
        due=session.starts_on,
        state=state_of(session.starts_on, today),
        days_overdue=max(0, (today - session.starts_on).days),
        start=session.starts_on,
        url=reverse("partnership:training_session", kwargs={"session_id": session.pk}),
        detail=detail,
        why=why,
    )


def sessions(user: Any, today: dt.date, rules: Rules) -> list[QueueItem]:
    """Attendance to record, then waiting lists before the session, oldest first."""
    items = [
        _item(
            s,
            today,
            kind="training_attendance",
            what="Record attendance",
            detail=f"{s.booked} places booked of {s.capacity}",
            why="Attendance is recorded after the session is held: due from the session's "
            "date, overdue from the day after.",
        )
        for s in attendance_due(today)
    ]
    items += [
        _item(
            s,
            today,
            kind="training_waiting_list",
            what="Offer places to the waiting list",
            detail=f"{s.waiting} waiting; {s.booked} of {s.capacity} places booked",
            why="People are waiting for a place on a session in the next four weeks: offer "
            "any cancelled place, or add a session, before the session's date.",
        )
        for s in waiting_soon(today)
    ]
    return items
