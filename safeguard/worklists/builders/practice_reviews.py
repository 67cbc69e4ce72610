"""Practice review queue items (the partnership business unit, ``manage_practice_reviews``):
notifications due (``serious_incident_notification``), rapid reviews due
(``rapid_review``), local CSPR final reports due to the Panel (``cspr_copy_to_panel``)
and publications due (``cspr_publication``), and action plan actions due or overdue.

Serious incidents are allocated to no caseload, and the child is known here only by
initials or an agreed name: each item names the incident's reference and the child so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from safeguard.partnership.models import ActionStatus, ReviewAction, ReviewDecision, SeriousIncident
from safeguard.worklists.builders.common import dmy
from safeguard.worklists.items import Rules, state_of
from safeguard.worklists.queues.base import QueueItem, make_queue_item

ACTION_KIND = "practice_review_action"


@dataclass(frozen=True)
class ActionItem(QueueItem):
    """An action plan action: due on the date the plan set, not by a timescale."""

    @property
    def explanation(self) -> str:
        return f"The action plan set this action for completion by {dmy(self.due)}."


def _subject(incident: SeriousIncident) -> str:
    return f"{incident.reference}: {incident.child_identifier} ({incident.get_la_area_display()})"


def _url(incident: SeriousIncident) -> str:
    return reverse("partnership:review_case", kwargs={"incident_id": incident.pk})


def _incident_items(incident: SeriousIncident, today: dt.date, rules: Rules) -> list[QueueItem]:
    i, subject, url = incident, _subject(incident), _url(incident)
    if i.panel_notified_on is None or i.partners_notified_on is None:
        return [
            make_queue_item(
                rules,
                today,
                "serious_incident_notification",
                i.aware_on,
                what="Notify the national Panel and the safeguarding partners",
                subject=subject,
                url=url,
                detail=f"{i.get_incident_type_display()}; LA aware {dmy(i.aware_on)}",
            )
        ]
    if i.rapid_review_sent_on is None:
        held = i.rapid_review_held_on
        return [
            make_queue_item(
                rules,
                today,
                "rapid_review",
                i.panel_notified_on,
                what="Send the rapid review to the Panel" if held else "Hold the rapid review",
                subject=subject,
                url=url,
                detail=f"notified {dmy(i.panel_notified_on)}"
                + (f"; held {dmy(held)}" if held else ""),
            )
        ]
    if i.decision != ReviewDecision.LOCAL_CSPR or i.cspr_decided_on is None:
        return []
    if i.published_on is not None:
        return []
    items = []
    if i.planned_publication_on is not None and i.copy_sent_on is None:
        items.append(
            make_queue_item(
                rules,
                today,
                "cspr_copy_to_panel",
                i.planned_publication_on,
                what="Send the final report to the Panel and the Secretary of State",
                subject=subject,
                url=url,
                detail=f"publication planned {dmy(i.planned_publication_on)}",
            )
        )
    items.append(
        make_queue_item(
            rules,
            today,
            "cspr_publication",
            i.cspr_decided_on,
            what="Publish the local child safeguarding practice review",
            subject=subject,
            url=url,
            detail=f"decided {dmy(i.cspr_decided_on)}; reviewer {i.reviewer_name}",
        )
    )
    return items


def practice_reviews(user: Any, today: dt.date, rules: Rules) -> list[QueueItem]:
    """Every incident's next due step, and every action plan action not complete."""
    items: list[QueueItem] = []
    for incident in SeriousIncident.objects.order_by("aware_on", "reference"):
        items += _incident_items(incident, today, rules)
    for action in (
        ReviewAction.objects.exclude(status=ActionStatus.COMPLETE)
        .select_related("incident")
        .order_by("due_on", "created_at")
    ):
        items.append(
            ActionItem(
                kind=ACTION_KIND,
                what="Action plan: "
                + (action.action[:80] + ("…" if len(action.action) > 80 else "")),
                subject=_subject(action.incident),
                due=action.due_on,
                state=state_of(action.due_on, today),
                days_overdue=max(0, (today - action.due_on).days),
                start=action.due_on,
                url=_url(action.incident),
                detail=f"owner: {action.owner_agency}; {action.get_status_display().lower()}",
            )
        )
    return items
