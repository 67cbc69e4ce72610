"""The business support and chair pages: what they list, for whom, in bounded queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safeguard.access.services import grant_access
from safeguard.access.testing.world import make_child
from safeguard.care.models import LookedAfterReview, PeriodOfCare
from safeguard.core import clock
from safeguard.protection.conferencing import raise_escalation
from safeguard.protection.tests.pathway import (
    booked_conference,
    days_ago,
    enquiry_for,
    held_conference,
    invitation_to,
    open_plan_for,
)

pytestmark = pytest.mark.django_db

BUSINESS_SUPPORT = reverse("protection:business_support")
CHAIR_HOME = reverse("protection:chair_home")


def _grant(world, child):
    grant_access(
        user=world.users["conference_support"],
        child=child,
        granted_by=world.users["service_manager"],
        reason="Booking the initial conference.",
        until=clock.now() + dt.timedelta(days=2),
    )


def _business_rows(world, n: int) -> None:
    chair = world.workers["cp_chair_iro"]
    for i in range(n):
        child = make_child(first_name=f"Booked{i}")
        conference = booked_conference(child, chair, in_days=2 + i)
        invitation_to(conference, invitee=f"Dr Amis {i}", invited_on=clock.today())
        invitation_to(
            conference,
            agency="school",
            invitee=f"Ms Green {i}",
            invited_on=days_ago(20),
            report_requested=True,
            report_received_on=days_ago(2),
        )
        held_conference(make_child(first_name=f"Held{i}"), chair, days=5 + i)
        requested = make_child(first_name=f"Requested{i}")
        enquiry_for(requested, outcome="substantiated")
        _grant(world, requested)


def _count(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_business_support_lists_requests_bookings_reports_and_minutes(world, client_for):
    _business_rows(world, 2)
    hidden = make_child(first_name="Hidden")  # requested long ago: off the user's queue
    enquiry = enquiry_for(hidden, outcome="substantiated")
    enquiry.conference_requested_on = days_ago(200)
    enquiry.save()
    html = client_for("conference_support").get(BUSINESS_SUPPORT).content.decode()
    for i in range(2):
        assert f"Requested{i}" in html and f"Booked{i}" in html and f"Held{i}" in html
        assert f"Dr Amis {i} (Health: GP)" in html  # report requested, not received
    assert "Hidden" not in html
    assert "short notice" in html
    assert html.count("Record minutes sent") == 2
    # the world's own booked conference (child_conference) is listed too
    assert world.child_conference.first_name in html


def test_business_support_queries_do_not_grow_with_rows(
    world, client_for, django_assert_max_num_queries
):
    client = client_for("conference_support")
    _business_rows(world, 2)
    few = _count(client, BUSINESS_SUPPORT)
    _business_rows(world, 5)
    many = _count(client, BUSINESS_SUPPORT)
    assert many == few
    with django_assert_max_num_queries(25):
        client.get(BUSINESS_SUPPORT)


def test_business_support_paginates(world, client_for):
    from safeguard.protection.views.queues import PER_PAGE

    chair = world.workers["cp_chair_iro"]
    for i in range(PER_PAGE):
        booked_conference(make_child(first_name=f"Many{i}"), chair, in_days=3)
    client = client_for("conference_support")
    html = client.get(BUSINESS_SUPPORT).content.decode()
    assert "Page 1 of 2" in html
    assert "Page 2 of 2" in client.get(BUSINESS_SUPPORT, {"page": 2}).content.decode()


def _chair_rows(world, n: int) -> None:
    chair = world.workers["cp_chair_iro"]
    for i in range(n):
        booked_conference(make_child(first_name=f"Upcoming{i}"), chair, in_days=-3 - i)
        planned = make_child(first_name=f"Planned{i}")
        open_plan_for(planned, chair)
        raise_escalation(
            child=planned, raised_on=days_ago(1), raised_by=chair, about="No core group yet."
        )
        looked_after = make_child(first_name=f"InCare{i}")
        period = PeriodOfCare.objects.create(child=looked_after, started_on=days_ago(200))
        LookedAfterReview.objects.create(
            child=looked_after,
            period=period,
            held_on=days_ago(100 + i),
            participation="PN1",
            chaired_by=chair,
        )


def test_chair_home_lists_conferences_midway_reviews_reviews_and_escalations(world, client_for):
    _chair_rows(world, 2)
    other = world.workers["team_b"]
    booked_conference(make_child(first_name="NotMine"), other, in_days=3)
    html = client_for("cp_chair_iro").get(CHAIR_HOME).content.decode()
    for i in range(2):
        for name in (f"Upcoming{i}", f"Planned{i}", f"InCare{i}"):
            assert name in html
    assert "NotMine" not in html
    assert html.count("Record outcome") == 2
    assert "Due " in html  # midway reviews
    assert html.count("Stage 1: informal") == 2


def test_chair_home_queries_do_not_grow_with_rows(world, client_for, django_assert_max_num_queries):
    client = client_for("cp_chair_iro")
    _chair_rows(world, 2)
    few = _count(client, CHAIR_HOME)
    _chair_rows(world, 5)
    many = _count(client, CHAIR_HOME)
    assert many == few
    with django_assert_max_num_queries(25):
        client.get(CHAIR_HOME)


def test_queue_pages_are_refused_to_other_roles(world, client_for):
    assert client_for("social_worker").get(BUSINESS_SUPPORT).status_code == 403
    assert client_for("conference_support").get(CHAIR_HOME).status_code == 403


def test_business_support_lists_plans_with_no_review_conference_booked(world, client_for):
    from safeguard.protection.selectors import next_review_due

    needs_review = make_child(first_name="Needsreview")
    booked = make_child(first_name="Reviewbooked")
    plan = open_plan_for(needs_review)
    other = open_plan_for(booked)
    booked_conference(booked, None, conference_type="review", plan=other)
    html = client_for("conference_support").get(BUSINESS_SUPPORT).content.decode()
    reviews = html.split('id="reviews"')[1].split('id="upcoming"')[0]
    assert "Needsreview" in reviews and "Reviewbooked" not in reviews
    plan.last_held_on = plan.start_date  # the initial conference made the plan
    due = next_review_due(plan)
    assert due is not None and f"{due.day} {due:%B %Y}" in reviews
    # Three months after the initial conference (timescale rcpc_first).
    assert (due - plan.start_date).days in range(85, 96)
