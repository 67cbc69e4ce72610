"""The shapes of a work queue and its items, and which queues a user holds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.utils import timezone

from safeguard.core.timescales import compute_due, get_rule
from safeguard.worklists.items import STATE_LABELS, STATE_TAGS, Rules, State, fast_due, state_of

#: A queue lists what is overdue and what falls due in the next six weeks (a carer
#: household's review, due yearly, is not work until it comes close).
LOOKAHEAD_DAYS = 42


@dataclass(frozen=True)
class QueueItem:
    """One thing a queue owes: what, about whom, due when, and the page to do it on."""

    kind: str
    what: str
    subject: str
    due: dt.date
    state: State
    days_overdue: int
    start: dt.date | dt.datetime
    url: str
    detail: str = ""
    #: Children named on the item that the viewer may open (others only counted).
    children: tuple[Any, ...] = ()
    hidden_children: int = 0
    context: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def tag_class(self) -> str:
        return STATE_TAGS[self.state]

    @cached_property
    def explanation(self) -> str:
        """The registry's own account of the due date (computed only when shown)."""
        due = compute_due(self.kind, self.start, **self.context)
        return f"{get_rule(self.kind).what}. {due.explanation[:1].upper()}{due.explanation[1:]}."

    def sort_key(self) -> tuple[Any, ...]:
        return (self.due, self.what, self.subject)


def make_queue_item(
    rules: Rules,
    today: dt.date,
    key: str,
    start: dt.date | dt.datetime,
    *,
    what: str,
    subject: str,
    url: str,
    detail: str = "",
    children: tuple[Any, ...] = (),
    hidden_children: int = 0,
) -> QueueItem:
    due = fast_due(rules[key], start)
    day = timezone.localtime(due).date() if isinstance(due, dt.datetime) else due
    return QueueItem(
        kind=key,
        what=what,
        subject=subject,
        due=day,
        state=state_of(day, today),
        days_overdue=max(0, (today - day).days),
        start=start,
        url=url,
        detail=detail,
        children=children,
        hidden_children=hidden_children,
    )


Reader = Callable[[Any, dt.date, Rules], list[QueueItem]]


@dataclass(frozen=True)
class Queue:
    """A role's queue: the capability that holds it and how its items are read."""

    slug: str
    title: str
    capability: str
    url_name: str
    intro: str
    read: Reader
    empty: str = "Nothing is overdue or due in the next six weeks."

    def items(self, user: Any, today: dt.date, rules: Rules | None = None) -> list[QueueItem]:
        """Overdue and due within ``LOOKAHEAD_DAYS``, most urgent first."""
        horizon = today + dt.timedelta(days=LOOKAHEAD_DAYS)
        found = [i for i in self.read(user, today, rules or Rules()) if i.due <= horizon]
        return sorted(found, key=QueueItem.sort_key)


@dataclass(frozen=True)
class QueueSummary:
    queue: Queue
    overdue: int
    due: int


def _queues() -> tuple[Queue, ...]:
    from safeguard.worklists.queues.catalogue import QUEUES

    return QUEUES


def queue_by_slug(slug: str) -> Queue:
    return next(q for q in _queues() if q.slug == slug)


def queues_for(capabilities: set[str] | frozenset[str]) -> list[Queue]:
    """The queues whose capability the user holds, in the catalogue's order."""
    return [q for q in _queues() if q.capability in capabilities]


def summaries_for(
    user: Any, capabilities: set[str] | frozenset[str], today: dt.date
) -> list[QueueSummary]:
    """Each of the user's queues with its counts, for "My work" and the start page."""
    rules = Rules()
    out = []
    for queue in queues_for(capabilities):
        items = queue.items(user, today, rules)
        overdue = sum(1 for i in items if i.state is State.OVERDUE)
        out.append(QueueSummary(queue, overdue, len(items)))
    return out
