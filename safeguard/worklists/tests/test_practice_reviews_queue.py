"""The practice review queue (partnership business unit): notifications and rapid reviews
due, a local CSPR's final report and publication due, and action plan actions."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.core import calendar, clock
from safeguard.core.timescales import compute_due
from safeguard.partnership.services import reviews as services
from safeguard.partnership.services import reviews_cspr as cspr
from safeguard.partnership.services import reviews_plan as plan
from safeguard.worklists.builders.practice_reviews import ACTION_KIND, practice_reviews
from safeguard.worklists.items import Rules, State
from safeguard.worklists.queues.base import Queue

pytestmark = pytest.mark.django_db
QUEUE = Queue(
    slug="practice-reviews",
    title="Practice reviews: notifications, rapid reviews and actions",
    capability="manage_practice_reviews",
    url_name="worklists:queue_practice_reviews",
    intro="Serious incidents to notify, rapid reviews to send to the Panel, local CSPRs "
    "to send and publish, and action plan actions due or overdue.",
    read=practice_reviews,
)
TODAY = clock.today()


def _items(kind=None):
    return [i for i in QUEUE.items(None, TODAY, Rules()) if kind is None or i.kind == kind]


def _incident(aware: dt.date):
    return services.record_incident(
        child_identifier="Child R", la_area="ours", incident_type="death", aware_on=aware
    )


def test_a_notification_is_due_5_working_days_after_the_la_became_aware():
    aware = calendar.add_working_days(TODAY, -7)
    incident = _incident(aware)
    (item,) = _items("serious_incident_notification")
    assert item.due == compute_due("serious_incident_notification", aware).due_date
    assert item.state == State.OVERDUE
    assert "Child R" in item.subject and incident.reference in item.subject
    assert "Notify" in item.what


def test_then_the_rapid_review_then_the_cspr_and_its_actions():
    aware = calendar.add_working_days(TODAY, -10)
    incident = _incident(aware)
    services.record_notification(
        incident=incident, panel_notified_on=aware, partners_notified_on=aware
    )
    (item,) = _items()
    assert item.kind == "rapid_review" and item.what == "Hold the rapid review"
    assert item.due == compute_due("rapid_review", aware).due_date
    assert item.state != State.OVERDUE
    held = calendar.add_working_days(aware, 5)
    services.record_rapid_review(
        incident=incident,
        held_on=held,
        sent_on=held,
        facts="F",
        immediate_actions="",
        decision="local_cspr",
        reasons="R",
    )
    assert _items() == []
    incident = cspr.start_cspr(
        incident=incident,
        decided_on=held,
        reviewer_name="Rev",
        reviewer_organisation="Org",
        coi_declared=False,
        coi_checked_on=held,
        coi_outcome="None",
        planned_publication_on=TODAY + dt.timedelta(days=20),
    )
    kinds = {i.kind for i in _items()}
    assert kinds == {"cspr_copy_to_panel"} or kinds == {"cspr_copy_to_panel", "cspr_publication"}
    copy = _items("cspr_copy_to_panel")[0]
    assert copy.due == compute_due("cspr_copy_to_panel", TODAY + dt.timedelta(days=20)).due_date
    late = plan.add_action(
        incident=incident,
        action="Train GPs",
        owner_agency="ICB",
        due_on=TODAY - dt.timedelta(days=2),
    )
    (action,) = _items(ACTION_KIND)
    assert action.state == State.OVERDUE and action.days_overdue == 2
    assert "owner: ICB" in action.detail and "Train GPs" in action.what
    plan.complete_action(action=late, completed_on=TODAY, evidence="Attendance list")
    assert _items(ACTION_KIND) == []


def test_the_queue_page_shows_the_items_to_the_business_unit(client):
    from django.urls import reverse

    from safeguard.access.testing.login import sign_in
    from safeguard.access.testing.world import make_user

    aware = calendar.add_working_days(TODAY, -20)
    incident = _incident(aware)
    services.record_notification(
        incident=incident, panel_notified_on=aware, partners_notified_on=aware
    )
    held = calendar.add_working_days(aware, 3)
    services.record_rapid_review(
        incident=incident,
        held_on=held,
        sent_on=None,
        facts="F",
        immediate_actions="",
        decision="no_further_review",
        reasons="R",
    )
    plan.add_action(
        incident=incident, action="Brief schools", owner_agency="Education", due_on=TODAY
    )
    unit = sign_in(client, make_user("pbu.queue", "partnership_business_unit"))
    html = unit.get(reverse("worklists:queue_practice_reviews")).content.decode()
    assert "Send the rapid review to the Panel" in html
    assert "Brief schools" in html and "Child R" in html
