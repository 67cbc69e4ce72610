"""The complaints officers' queue: complaints due a response and family feedback due,
each off the queue once done."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.access.testing.world import make_user
from safeguard.cin.models import CINEpisode
from safeguard.core import clock
from safeguard.core.calendar import add_months
from safeguard.quality.services.complaints import answer_complaint, record_complaint
from safeguard.quality.services.feedback import record_feedback
from safeguard.worklists.builders.complaints import complaints_and_feedback
from safeguard.worklists.items import Rules, State
from safeguard.worklists.queues.base import Queue

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)
QUEUE = Queue(
    slug="complaints",
    title="Complaints and family feedback",
    capability="manage_complaints",
    url_name="worklists:queue_complaints",
    intro="",
    read=complaints_and_feedback,
)


def _items(user, kind=None):
    found = QUEUE.items(user, clock.today(), Rules())
    return [i for i in found if kind is None or i.kind == kind]


def test_complaints_due_and_answered(make_child):
    today = clock.today()
    qa = make_user("qa.complaints", "quality_assurance")
    child = make_child(last_name="Hiddenname")
    complaint = record_complaint(
        kind="formal", received_on=today - 40 * DAY, complainant_name="Pat Parent",
        complainant_relationship="parent", category="delay", summary="Slow.", child=child,
    )  # fmt: skip
    [item] = _items(qa, "complaint_response")
    assert item.state is State.OVERDUE and item.due == complaint.response_due_on
    assert item.subject.startswith(complaint.reference)
    assert "Hiddenname" not in item.subject and "Pat" not in item.subject
    assert "20 working days" in item.explanation
    answer_complaint(complaint=complaint, responded_on=today, outcome="justified",
                     response_summary="Sorry.")  # fmt: skip
    assert _items(qa, "complaint_response") == []


def test_feedback_due_six_monthly_and_at_closure(make_child):
    today = clock.today()
    qa = make_user("qa.feedback", "quality_assurance")
    open_child, new_child, closed_child = make_child(), make_child(), make_child()
    CINEpisode.objects.create(child=open_child, referral_date=today - 200 * DAY,
                              referral_source="2A")  # fmt: skip
    CINEpisode.objects.create(child=new_child, referral_date=today - 10 * DAY, referral_source="2A")
    CINEpisode.objects.create(child=closed_child, referral_date=today - 90 * DAY,
                              referral_source="2A", closure_date=today - 2 * DAY)  # fmt: skip
    [six] = _items(qa, "family_feedback_six_monthly")
    assert six.subject == f"Child {open_child.la_child_id}"
    assert six.due == add_months(today - 200 * DAY, 6) and six.state is State.OVERDUE
    assert "six months" in six.explanation and "occasion=six_monthly" in six.url
    [closure] = _items(qa, "family_feedback_closure")
    assert closure.subject == f"Child {closed_child.la_child_id}" and closure.days_overdue == 2
    record_feedback(child=open_child, occasion="six_monthly", received_on=today,
                    respondent="parent", answers={"made_difference": "agree"})  # fmt: skip
    record_feedback(child=closed_child, occasion="closure", received_on=today,
                    respondent="parent", answers={"listened_to": "agree"})  # fmt: skip
    assert _items(qa) == []  # the new case's first feedback is months away
