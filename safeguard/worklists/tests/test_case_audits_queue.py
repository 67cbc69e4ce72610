"""The QA service's case audit queue: audits due or overdue, awaiting moderation, and
audit actions overdue, each off the queue once done."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from safeguard.access.testing.world import allocate, make_child, make_user
from safeguard.core import clock
from safeguard.quality.models import AuditDomain
from safeguard.quality.services import audits as services
from safeguard.worklists.builders.case_audits import case_audits
from safeguard.worklists.items import Rules, State

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def _items(user, kind=None):
    found = case_audits(user, clock.today(), Rules())
    return [i for i in found if kind is None or i.kind == kind]


def test_due_moderation_and_actions(make_worker):
    today = clock.today()
    qa = make_user("qa.queue", "quality_assurance")
    auditor = make_worker(role="qa_officer", user=qa)
    social_worker = make_worker()
    child = make_child()
    allocate(child, social_worker)
    month = today.replace(day=1)
    overdue = services.plan_audit(
        child=child, kind="case_audit", auditor=auditor, programme_month=month,
        due_on=max(month, today - DAY),
    )  # fmt: skip
    later = services.plan_audit(
        child=child, kind="case_audit", auditor=auditor, programme_month=month,
        due_on=today + 100 * DAY,
    )  # fmt: skip
    [item] = _items(qa, "case_audit_due")
    assert item.subject.startswith(overdue.reference) and later.reference not in item.subject
    assert item.state in (State.OVERDUE, State.DUE_TODAY)
    assert item.url == reverse("quality:audit_detail", kwargs={"audit_id": overdue.pk})
    assert "set by QA" in item.explanation
    assert child.last_name not in item.subject  # the queue names the audit, not the child

    services.complete_audit(
        audit=overdue, scores={d: (5, "") for d in AuditDomain.values},
        grade="requires_improvement", strengths="s", areas_for_development="a",
    )  # fmt: skip
    assert not _items(qa, "case_audit_due")
    [waiting] = _items(qa, "case_audit_moderation")
    assert waiting.due == today and "moderate" in waiting.url

    action = services.add_action(
        audit=overdue, action="Update the plan", worker=social_worker, due_on=today
    )
    assert not _items(qa, "case_audit_action")  # due today: not overdue yet
    type(action).objects.filter(pk=action.pk).update(due_on=today - 3 * DAY)
    [late] = _items(qa, "case_audit_action")
    assert late.state is State.OVERDUE and late.days_overdue == 3
    services.complete_action(action=action, note="Done.")
    services.moderate_audit(audit=overdue, by=qa, agreed=True)
    assert _items(qa) == []
