"""Complaints and family feedback queue items for the complaints and QA officers
(``manage_complaints``): complaint stages due a response (timescale
``complaint_response``, 20 working days from receipt), and family feedback due (six-monthly
while a case is open, and closures with no feedback yet).

Complaints and feedback are not allocated to a caseload: the officers share one queue.
A complaint item names the complaint, not the complainant or the child; a feedback item
names the child by their record identifier, since the officer contacts that family. The
feedback intervals are local practice (seed 004 §5.6), not a timescale registry rule, so
those items carry their own explanation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.urls import reverse
from django.utils.http import urlencode

from safeguard.quality.models import FeedbackOccasion
from safeguard.quality.selectors import complaints as complaint_selectors
from safeguard.quality.selectors import feedback as feedback_selectors
from safeguard.worklists.builders.common import dmy
from safeguard.worklists.items import Rules, state_of
from safeguard.worklists.queues.base import QueueItem, make_queue_item


@dataclass(frozen=True)
class FeedbackQueueItem(QueueItem):
    """A queue item whose due date is the local feedback interval, not a timescale."""

    reason: str = ""

    @cached_property
    def explanation(self) -> str:
        return self.reason


def complaints_due(user: Any, today: dt.date, rules: Rules) -> list[QueueItem]:
    """Complaint stages awaiting a response, counted from the day each was received."""
    items: list[QueueItem] = []
    for complaint in complaint_selectors.awaiting_response().order_by("received_on", "reference"):
        where = complaint.team.name if complaint.team else complaint.get_service_area_display()
        items.append(
            make_queue_item(
                rules,
                today,
                "complaint_response",
                complaint.received_on,
                what=f"Answer the complaint ({complaint.get_stage_display().lower()})",
                subject=f"{complaint.reference}: {complaint.get_category_display().lower()}"
                + (f", {where}" if where else ""),
                url=reverse("quality:complaint_answer", kwargs={"complaint_id": complaint.pk}),
                detail=f"{complaint.get_kind_display()}; received {dmy(complaint.received_on)}",
            )
        )
    return items


def feedback_due(user: Any, today: dt.date, rules: Rules) -> list[QueueItem]:
    """Six-monthly feedback from open cases, and closures in the last four weeks without
    closure feedback (due the day the case closed)."""
    due = [
        *feedback_selectors.closures_without_feedback(today),
        *feedback_selectors.six_monthly_due(today),
    ]
    items: list[QueueItem] = []
    for d in due:
        closure = d.occasion == FeedbackOccasion.CLOSURE
        reason = (
            "Closure feedback is sought when the case closes (seed 004), for "
            f"{feedback_selectors.CLOSURE_WINDOW_DAYS} days after it."
            if closure
            else "Six-monthly feedback is due every six months after the case opened or the "
            "family's last feedback (seed 004)."
        )
        detail = (
            f"Closed {dmy(d.due)}"
            if closure
            else (f"Last feedback {dmy(d.last_feedback)}" if d.last_feedback else
                  f"No feedback since the case opened on {dmy(d.since)}")
        )  # fmt: skip
        url = reverse("quality:feedback_new") + "?" + urlencode(
            {"child": d.child.la_child_id, "occasion": d.occasion}
        )  # fmt: skip
        items.append(
            FeedbackQueueItem(
                kind=f"family_feedback_{d.occasion}",
                what="Collect closure feedback" if closure else "Collect six-monthly feedback",
                subject=f"Child {d.child.la_child_id}",
                due=d.due,
                state=state_of(d.due, today),
                days_overdue=max(0, (today - d.due).days),
                start=d.since,
                url=url,
                detail=detail,
                reason=reason,
            )
        )
    return items


def complaints_and_feedback(user: Any, today: dt.date, rules: Rules) -> list[QueueItem]:
    """The queue's reader: both kinds of work."""
    return [*complaints_due(user, today, rules), *feedback_due(user, today, rules)]
