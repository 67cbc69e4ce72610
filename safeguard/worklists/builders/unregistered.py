"""Unregistered placement queue items: the Corporate Director's approval still outstanding
(``unregistered_approval``) and the monthly independent visit (``unregistered_visit``).

These are the register's duties (``view_unregistered_placements``: its managers and the
IROs who visit), read with the register's own selectors. A child whose record is
restricted is not named on the queue, and their entry is left off it for a user whose
access to them the entry page would refuse.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from safeguard.access.selectors import child_access
from safeguard.care import selectors_unregistered as register
from safeguard.care.reports_unregistered import restricted_children
from safeguard.worklists.builders.common import dmy
from safeguard.worklists.items import Rules
from safeguard.worklists.queues.base import QueueItem, make_queue_item


def placements(user: Any, today: dt.date, rules: Rules) -> list[QueueItem]:
    """Each open entry: its approval while outstanding, and its next independent visit
    (none once the care record shows the child has left: the register is put right first)."""
    entries = list(register.register())
    restricted = restricted_children(entries)
    items = []
    for placement in entries:
        child = placement.child
        named = child.pk not in restricted
        if not named and not child_access(user, child).allowed:
            continue  # a restricted child's entry opens only to those with access to them
        who = f"{child.first_name} {child.last_name}" if named else "A child (restricted record)"
        subject = f"{who}, placed {dmy(placement.started_on)} ({placement.provider})"
        url = reverse("care:unregistered_entry", kwargs={"placement_id": placement.pk})
        if not placement.is_approved:
            items.append(
                make_queue_item(
                    rules,
                    today,
                    "unregistered_approval",
                    placement.started_on,
                    what="Corporate Director's approval outstanding",
                    subject=subject,
                    url=url,
                    detail="No approval recorded for this unregistered placement",
                )
            )
        if register.placement_left_on(placement) is not None:
            continue
        visit = register.last_visit(placement)
        start = visit.visited_on if visit is not None else placement.started_on
        items.append(
            make_queue_item(
                rules,
                today,
                "unregistered_visit",
                start,
                what="Independent visit",
                subject=subject,
                url=url,
                detail=(
                    f"Last independent visit {dmy(start)}"
                    if visit is not None
                    else f"No independent visit since the child moved in on {dmy(start)}"
                ),
            )
        )
    return items
