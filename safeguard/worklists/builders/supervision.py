"""Supervision queue items: the caseworkers a manager supervises whose next supervision is
due within a week or overdue (``supervision``: a cycle after the previous one, or after
the worker started). Held by the manager (``record_supervision``), not by a child's
worker; the item names the worker, never a child, and opens the record-supervision form.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from safeguard.quality.models import Supervision
from safeguard.quality.selectors.supervision import DUE_SOON_DAYS, managed_workers
from safeguard.workforce.models import Worker
from safeguard.worklists.builders.common import dmy
from safeguard.worklists.items import Rules
from safeguard.worklists.queues.base import QueueItem, make_queue_item


def supervisions(user: Any, today: dt.date, rules: Rules) -> list[QueueItem]:
    manager = Worker.objects.select_related("team").filter(user=user).first()
    workers = list(managed_workers(manager, on=today).select_related("team"))
    last: dict[object, Supervision] = {}
    for record in Supervision.objects.filter(supervisee__in=workers).order_by("due_on"):
        last[record.supervisee_id] = record
    horizon = today + dt.timedelta(days=DUE_SOON_DAYS)
    items = []
    for worker in workers:
        previous = last.get(worker.pk)
        if previous is None:
            start, note = worker.started_on, f"first supervision: started {dmy(worker.started_on)}"
        elif previous.held_on is not None:
            start, note = previous.held_on, f"last held {dmy(previous.held_on)}"
        else:
            start = previous.due_on
            note = f"last not held ({previous.get_not_held_reason_display().lower()})"
        item = make_queue_item(
            rules,
            today,
            "supervision",
            start,
            what="Supervision due",
            subject=f"{worker} ({worker.get_role_display()}"
            + (f", {worker.team.name})" if worker.team else ")"),
            url=reverse("quality:supervision_record", kwargs={"worker_id": worker.pk}),
            detail=note,
        )
        if item.due <= horizon:
            items.append(item)
    return sorted(items, key=lambda i: (i.due, i.subject))
