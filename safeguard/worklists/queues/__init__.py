"""Work queues: statutory work that belongs to a role, not to one child's allocated worker.

A police PPN waits for the front door, an allegation for the LADO, a carer household's
review for the fostering team, an unregistered placement's approval and visits for the
register's managers. Each queue is held by one capability (the one its records' pages
need), so a user sees only queues whose items they can open. Due dates come from the
timescale registry as on "My work" (``items.fast_due``), with the registry's own
explanation when a page shows them.
"""

from __future__ import annotations

from safeguard.worklists.queues.base import (
    LOOKAHEAD_DAYS,
    Queue,
    QueueItem,
    QueueSummary,
    make_queue_item,
    queue_by_slug,
    queues_for,
    summaries_for,
)

__all__ = [
    "LOOKAHEAD_DAYS",
    "Queue",
    "QueueItem",
    "QueueSummary",
    "make_queue_item",
    "queue_by_slug",
    "queues_for",
    "summaries_for",
]
