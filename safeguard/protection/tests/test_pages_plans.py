"""CP plan pages (category change, plan end, core group) and the chair's midway review and
escalation pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from safeguard.protection.models import (
    CoreGroupMeeting,
    CPPlanCategoryChange,
    Escalation,
    MidwayReview,
)
from safeguard.protection.tests.pathway import days_ago, open_plan_for
from safeguard.protection.tests.web import (
    assert_error_summary,
    assert_stale,
    bump,
    date_parts,
    url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    return open_plan_for(world.child_allocated, world.workers["cp_chair_iro"])


@pytest.fixture
def chaired_plan(world):
    """A plan whose conference the world's chair chaired (so the chair may open the child)."""
    return open_plan_for(world.child_conference, world.workers["cp_chair_iro"])


def _record(child):
    return reverse("people:child_record", kwargs={"child_id": child.pk})


def test_change_category(world, client_for, plan):
    page = url("change_cp_category", child_id=world.child_allocated.pk)
    data = {
        "version": str(plan.version),
        "category": "PHY",
        **date_parts("changed_on", days_ago(1)),
    }
    response = client_for("social_worker").post(page, data)
    assert response.status_code == 302 and response.url == _record(world.child_allocated)
    plan.refresh_from_db()
    assert plan.latest_category == "PHY"
    assert CPPlanCategoryChange.objects.filter(plan=plan, to_category="PHY").exists()


def test_change_category_errors_refusal_and_stale_edit(world, client_for, plan):
    page = url("change_cp_category", child_id=world.child_allocated.pk)
    client = client_for("social_worker")
    response = client.post(page, {"version": str(plan.version)})
    assert_error_summary(response, "Choose the new category of abuse", "id_category")
    same = {
        "version": str(plan.version),
        "category": "NEG",
        **date_parts("changed_on", days_ago(1)),
    }
    assert_error_summary(client.post(page, same), "already NEG", "id_category")
    assert client_for("conference_support").post(page, same).status_code == 403
    data = {
        "version": str(plan.version),
        "category": "SAB",
        **date_parts("changed_on", days_ago(1)),
    }
    bump(plan)
    assert_stale(client.post(page, data), 'value="SAB" selected')
    plan.refresh_from_db()
    assert plan.latest_category == "NEG"


def test_end_plan(world, client_for, plan):
    page = url("end_cp_plan", child_id=world.child_allocated.pk)
    data = {
        "version": str(plan.version),
        **date_parts("end_date", days_ago(1)),
        "end_reason": "left_uk",
        "note": "Moved to Spain with mother.",
    }
    response = client_for("team_manager").post(page, data)
    assert response.status_code == 302 and response.url == _record(world.child_allocated)
    plan.refresh_from_db()
    assert (plan.end_date, plan.end_reason) == (days_ago(1), "left_uk")


def test_end_plan_errors_refusal_and_stale_edit(world, client_for, plan):
    page = url("end_cp_plan", child_id=world.child_allocated.pk)
    client = client_for("social_worker")
    response = client.post(page, {"version": str(plan.version)})
    assert_error_summary(response, "Select why the plan ended", "id_end_reason_1")
    moved = {
        "version": str(plan.version),
        **date_parts("end_date", days_ago(1)),
        "end_reason": "moved_la",
    }
    assert_error_summary(client.post(page, moved), "receiving authority", "id_note")
    assert client_for("cp_chair_iro").post(page, moved).status_code == 403
    moved["note"] = "Dorset: conference on Monday"
    bump(plan)
    assert_stale(client.post(page, moved), "Dorset: conference on Monday")
    plan.refresh_from_db()
    assert plan.end_date is None


def test_core_group(world, client_for, plan):
    page = url("record_core_group", child_id=world.child_allocated.pk)
    client = client_for("social_worker")
    assert "First core group due by" in client.get(page).content.decode()
    data = {**date_parts("held_on", days_ago(2)), "attendees": "Social care, school, GP"}
    response = client.post(page, data)
    assert response.status_code == 302
    assert CoreGroupMeeting.objects.get(plan=plan).held_on == days_ago(2)


def test_core_group_errors_and_refusal(world, client_for, plan):
    page = url("record_core_group", child_id=world.child_allocated.pk)
    client = client_for("social_worker")
    response = client.post(page, {})
    assert_error_summary(response, "Enter the date of the core group meeting", "id_held_on_0")
    early = {**date_parts("held_on", days_ago(40)), "attendees": "Social care"}
    assert_error_summary(client.post(page, early), "CP plan start date", "id_held_on_0")
    assert client_for("conference_support").get(page).status_code == 403


def test_a_child_without_an_open_plan_has_no_plan_pages(world, client_for):
    page = url("record_core_group", child_id=world.child_allocated.pk)
    assert client_for("social_worker").get(page).status_code == 404


def test_midway_review(world, client_for, chaired_plan):
    page = url("record_midway_review", child_id=world.child_conference.pk)
    client = client_for("cp_chair_iro")
    assert "Midway review due" in client.get(page).content.decode()
    data = {**date_parts("held_on", days_ago(1)), "notes": "Progress on the home conditions."}
    response = client.post(page, data)
    assert response.status_code == 302 and response.url == reverse("protection:chair_home")
    review = MidwayReview.objects.get(plan=chaired_plan)
    assert review.held_on == days_ago(1) and review.chair == world.workers["cp_chair_iro"]


def test_midway_review_errors_and_refusal(world, client_for, chaired_plan):
    page = url("record_midway_review", child_id=world.child_conference.pk)
    response = client_for("cp_chair_iro").post(page, {})
    assert_error_summary(response, "Enter the date of the midway review", "id_held_on_0")
    assert client_for("conference_support").get(page).status_code == 403


def test_escalation(world, client_for):
    page = url("raise_escalation", child_id=world.child_conference.pk)
    data = {
        **date_parts("raised_on", days_ago(1)),
        "stage": "informal",
        "about": "No core group held since the conference.",
    }
    response = client_for("cp_chair_iro").post(page, data)
    assert response.status_code == 302
    escalation = Escalation.objects.get(child=world.child_conference)
    assert (escalation.status, escalation.raised_by) == ("open", world.workers["cp_chair_iro"])


def test_escalation_errors_and_refusal(world, client_for):
    page = url("raise_escalation", child_id=world.child_conference.pk)
    response = client_for("cp_chair_iro").post(page, {})
    assert_error_summary(response, "Enter the date raised", "id_raised_on_0")
    assert "Enter what the escalation is about" in response.content.decode()
    assert client_for("social_worker").get(page).status_code == 403


def _escalation(world):
    return Escalation.objects.create(
        child=world.child_conference,
        raised_on=days_ago(5),
        raised_by=world.workers["cp_chair_iro"],
        about="No core group held.",
    )


def test_resolve_escalation(world, client_for):
    escalation = _escalation(world)
    page = url(
        "resolve_escalation", child_id=world.child_conference.pk, escalation_id=escalation.pk
    )
    data = {
        "version": str(escalation.version),
        **date_parts("resolved_on", days_ago(1)),
        "resolution": "Core group booked for Monday.",
    }
    response = client_for("cp_chair_iro").post(page, data)
    assert response.status_code == 302 and response.url == reverse("protection:chair_home")
    escalation.refresh_from_db()
    assert (escalation.status, escalation.resolved_on) == ("resolved", days_ago(1))


def test_resolve_escalation_errors_refusal_and_stale_edit(world, client_for):
    escalation = _escalation(world)
    page = url(
        "resolve_escalation", child_id=world.child_conference.pk, escalation_id=escalation.pk
    )
    client = client_for("cp_chair_iro")
    response = client.post(page, {"version": str(escalation.version)})
    assert_error_summary(response, "Enter the date resolved", "id_resolved_on_0")
    data = {
        "version": str(escalation.version),
        **date_parts("resolved_on", days_ago(9)),
        "resolution": "Core group booked for Monday.",
    }
    assert_error_summary(client.post(page, data), "date it was raised", "id_resolved_on_0")
    assert client_for("conference_support").post(page, data).status_code == 403
    data.update(date_parts("resolved_on", days_ago(1)))
    bump(escalation)
    assert_stale(client.post(page, data), "Core group booked for Monday.")
