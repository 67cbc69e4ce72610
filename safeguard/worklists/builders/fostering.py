"""Fostering queue items: each approved household's yearly review (``foster_carer_review``).

A household has no supervising social worker recorded, so the fostering team
(``manage_fostering``) holds the reviews as one queue.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Max
from django.urls import reverse

from safeguard.fostering.models import FosterHousehold
from safeguard.worklists.builders.common import dmy, since
from safeguard.worklists.items import Rules
from safeguard.worklists.queues.base import QueueItem, make_queue_item


def carer_reviews(user: Any, today: dt.date, rules: Rules) -> list[QueueItem]:
    """Active households, due a year after approval or their last review."""
    items = []
    for household in (
        FosterHousehold.objects.filter(deregistered_on__isnull=True)
        .annotate(last_review=Max("reviews__held_on"))
        .order_by("name", "pk")
    ):
        last = household.last_review
        start = since(last, household.approved_on)
        detail = (
            f"Last reviewed {dmy(start)}"
            if start == last
            else f"Approved {dmy(start)}; not reviewed since"
        )
        items.append(
            make_queue_item(
                rules,
                today,
                "foster_carer_review",
                start,
                what="Foster carer annual review",
                subject=f"{household.name} ({household.get_approval_type_display()})",
                url=reverse("fostering:household", kwargs={"household_id": household.pk}),
                detail=detail,
            )
        )
    return items
