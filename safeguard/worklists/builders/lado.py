"""LADO queue items: open allegations until they are resolved (``lado_resolution``).

Allegations are not children's social care cases and are allocated to no caseload: the
designated officers (``manage_lado_cases``) share one queue, each item naming the officer
managing it. The step shown is the LADO case list's own (``partnership`` selectors); a
contact whose employer told the LADO late (``lado_informed``) says so.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count
from django.urls import reverse

from safeguard.partnership.models.lado import Allegation, Stage
from safeguard.partnership.selectors.lado import informed_on_time, next_step
from safeguard.worklists.builders.common import dmy
from safeguard.worklists.items import Rules
from safeguard.worklists.queues.base import QueueItem, make_queue_item


def allegations(user: Any, today: dt.date, rules: Rules) -> list[QueueItem]:
    """Open contacts, and open referrals with no outcome yet, counted from the day the
    LADO was informed."""
    items = []
    for allegation in (
        Allegation.objects.filter(closed_on__isnull=True, outcome="")
        .select_related("officer")
        .annotate(meeting_count=Count("meetings"))
        .order_by("lado_informed_on", "reference")
    ):
        step = next_step(allegation, has_meeting=allegation.meeting_count > 0)
        if step is None:
            continue
        notes = [
            "Contact" if allegation.stage == Stage.CONTACT else "Referral",
            f"officer: {allegation.officer}" if allegation.officer else "no officer assigned",
            f"LADO informed {dmy(allegation.lado_informed_on)}",
        ]
        if informed_on_time(allegation) is False:
            assert allegation.reported_to_employer_on is not None
            notes.append(
                f"late: the employer knew on {dmy(allegation.reported_to_employer_on)} "
                "(due within 1 working day)"
            )
        items.append(
            make_queue_item(
                rules,
                today,
                "lado_resolution",
                allegation.lado_informed_on,
                what=step.label,
                subject=(
                    f"{allegation.reference}: {allegation.subject_name} "
                    f"({allegation.get_subject_role_display()})"
                ),
                url=reverse("partnership:lado_case", kwargs={"allegation_id": allegation.pk}),
                detail="; ".join(notes),
            )
        )
    return items
