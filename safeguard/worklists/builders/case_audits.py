"""Case audit queue items for the QA service (``manage_case_audits``): audits due or
overdue, audits awaiting moderation and audit actions overdue.

Audits are not allocated to a caseload: QA runs the whole programme, so one queue holds
every auditor's audits. The due dates are the ones QA set when planning the audit and the
auditor set on each action (there is no statutory timescale), so the items carry their own
explanation instead of a timescale registry key's. An audit awaiting moderation is due
from the day the auditor completed it. Subjects name the audit, never the child.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.urls import reverse

from safeguard.quality.selectors import audits as selectors
from safeguard.worklists.builders.common import dmy
from safeguard.worklists.items import Rules, state_of
from safeguard.worklists.queues.base import LOOKAHEAD_DAYS, QueueItem


@dataclass(frozen=True)
class AuditQueueItem(QueueItem):
    """A queue item whose due date was set by a person, not a timescale."""

    reason: str = ""

    @cached_property
    def explanation(self) -> str:
        return self.reason


def _item(
    today: dt.date, kind: str, due: dt.date, *, what: str, subject: str, url: str, detail: str,
    reason: str,
) -> AuditQueueItem:  # fmt: skip
    return AuditQueueItem(
        kind=kind,
        what=what,
        subject=subject,
        due=due,
        state=state_of(due, today),
        days_overdue=max(0, (today - due).days),
        start=due,
        url=url,
        detail=detail,
        reason=reason,
    )


def _url(audit: Any) -> str:
    return reverse("quality:audit_detail", kwargs={"audit_id": audit.pk})


def case_audits(user: Any, today: dt.date, rules: Rules) -> list[QueueItem]:
    items: list[QueueItem] = []
    for audit in selectors.due_or_overdue(today, within_days=LOOKAHEAD_DAYS).order_by(
        "due_on", "reference"
    ):
        items.append(
            _item(
                today,
                "case_audit_due",
                audit.due_on,
                what=f"Complete the {audit.get_kind_display().lower()}",
                subject=f"{audit.reference}: auditor {audit.auditor}",
                url=_url(audit),
                detail=f"Programme month {audit.programme_month:%B %Y}",
                reason="Due date set by QA when the audit was planned.",
            )
        )
    for audit in selectors.awaiting_moderation().order_by("completed_on", "reference"):
        assert audit.completed_on is not None
        items.append(
            _item(
                today,
                "case_audit_moderation",
                audit.completed_on,
                what="Moderate the audit",
                subject=f"{audit.reference}: graded {audit.get_grade_display().lower()} by "
                f"{audit.auditor}",
                url=reverse("quality:audit_moderate", kwargs={"audit_id": audit.pk}),
                detail=f"Completed {dmy(audit.completed_on)}",
                reason="Waiting for moderation since the auditor completed the audit.",
            )
        )
    for action in selectors.overdue_actions(today):
        items.append(
            _item(
                today,
                "case_audit_action",
                action.due_on,
                what="Audit action overdue",
                subject=f"{action.audit.reference}: {action.worker}",
                url=_url(action.audit),
                detail=action.action[:120],
                reason="Due date set by the auditor when the action was agreed.",
            )
        )
    return items
