"""The CIN pages: each form writes through its service, shows refusals on the named field,
refuses roles that do not record casework, and keeps the user's input on a stale edit."""

from __future__ import annotations

import pytest

from safeguard.cin import services
from safeguard.cin.models import CINPlan, CINPlanReview, Visit
from safeguard.cin.tests.pages import (
    assert_error_summary,
    assert_redirects_to_record,
    assert_stale,
    chosen,
    days_ago,
    desk,
    form_data,
    refused_client,
)

pytestmark = pytest.mark.django_db

URLS = [
    "cin:start_cin_plan",
    "cin:review_cin_plan",
    "cin:end_cin_plan",
    "cin:record_visit",
    "cin:close_episode",
]


@pytest.fixture
def d():
    return desk()


@pytest.fixture
def episode(d):
    return services.open_referral(child=d.child, referral_date=days_ago(40), referral_source="2A")


@pytest.fixture
def plan(episode):
    return services.start_cin_plan(episode=episode, start_date=days_ago(30))


@pytest.mark.parametrize("name", URLS)
def test_a_role_without_casework_is_refused(d, name):
    client = refused_client()
    assert client.get(d.url(name)).status_code == 403
    assert client.post(d.url(name), {}).status_code == 403


def test_without_an_open_episode_the_pages_say_so(d):
    response = d.get("cin:start_cin_plan")
    assert response.status_code == 200
    assert "has no open referral" in response.content.decode()
    assert "has no open child in need plan" in d.get("cin:end_cin_plan").content.decode()


def test_start_cin_plan(d, episode):
    page = d.get("cin:start_cin_plan")
    assert page.status_code == 200 and "Start a child in need plan" in page.content.decode()
    response = d.post("cin:start_cin_plan", form_data(start_date=days_ago(5), lead_worker=d.worker))
    assert_redirects_to_record(response, d.child)
    plan = CINPlan.objects.get(episode=episode)
    assert plan.start_date == days_ago(5) and plan.lead_worker == d.worker


def test_start_cin_plan_errors_name_the_field(d, episode):
    response = d.post("cin:start_cin_plan", form_data(start_date=None))
    assert_error_summary(response, "Enter the start date of the CIN plan", "id_start_date_0")
    response = d.post("cin:start_cin_plan", form_data(start_date=days_ago(60)))
    assert_error_summary(response, "cannot be before the referral date", "id_start_date_0")
    assert not CINPlan.objects.exists()


def test_review_cin_plan(d, plan):
    page = d.get("cin:review_cin_plan")
    assert "The next review is due by" in page.content.decode()
    response = d.post(
        "cin:review_cin_plan",
        form_data(held_on=days_ago(2), chaired_by=d.manager, progress="Attendance up to 95%."),
    )
    assert_redirects_to_record(response, d.child)
    review = CINPlanReview.objects.get(plan=plan)
    assert review.chaired_by == d.manager and review.progress == "Attendance up to 95%."


def test_review_cin_plan_errors_name_the_field(d, plan):
    response = d.post("cin:review_cin_plan", form_data(held_on=days_ago(2)))
    assert_error_summary(response, "Enter the progress against the plan", "id_progress")
    response = d.post("cin:review_cin_plan", form_data(held_on=days_ago(35), progress="x"))
    assert_error_summary(response, "cannot be before the CIN plan start date", "id_held_on_0")


def test_end_cin_plan(d, plan):
    data = form_data(end_date=days_ago(1), end_reason="needs_met", version=plan.version)
    assert_redirects_to_record(d.post("cin:end_cin_plan", data), d.child)
    plan.refresh_from_db()
    assert plan.end_date == days_ago(1) and plan.end_reason == "needs_met"


def test_end_cin_plan_errors_name_the_field(d, plan):
    response = d.post("cin:end_cin_plan", form_data(end_date=days_ago(1), version=plan.version))
    assert_error_summary(response, "Select why the plan is ending", "id_end_reason_1")


def test_end_cin_plan_stale_edit_keeps_the_input(d, plan):
    stale_version = plan.version
    plan.lead_worker = d.manager  # a colleague saves first
    plan.save()
    data = form_data(end_date=days_ago(3), end_reason="moved", version=stale_version)
    response = d.post("cin:end_cin_plan", data)
    assert_stale(response, "changed by someone else")
    assert chosen(response, "end_reason") == {"moved"}
    plan.refresh_from_db()
    assert plan.end_date is None


def test_record_visit_seen_alone(d, episode):
    page = d.get("cin:record_visit")
    assert page.status_code == 200
    response = d.post(
        "cin:record_visit",
        form_data(
            visit_date=days_ago(1),
            visit_type="cin",
            worker=d.worker,
            child_seen=True,
            seen_alone=True,
            location="home",
            notes="Saw Robin in their bedroom.",
        ),
    )
    assert_redirects_to_record(response, d.child)
    visit = Visit.objects.get(child=d.child)
    assert (visit.child_seen, visit.seen_alone, visit.episode) == (True, True, episode)
    assert visit.worker == d.worker and visit.location == "home"


def test_record_visit_errors_name_the_field(d, episode):
    response = d.post("cin:record_visit", form_data(visit_date=days_ago(1)))
    assert_error_summary(response, "Select the type of visit", "id_visit_type_1")
    assert_error_summary(response, "Select whether the child was seen alone", "id_seen_alone_1")
    response = d.post(
        "cin:record_visit",
        form_data(
            visit_date=days_ago(1),
            visit_type="cin",
            worker=d.worker,
            child_seen=False,
            seen_alone=True,
            location="home",
        ),
    )
    assert_error_summary(
        response, "A child cannot be seen alone without being seen", "id_seen_alone_1"
    )
    assert chosen(response, "location") == {"home"}  # the input is kept
    assert not Visit.objects.exists()


def _closure(d, episode, **overrides):
    values = {
        "closure_date": days_ago(1),
        "reason_for_closure": "RC7",
        "closure_summary": "Needs met: school attendance and home conditions improved.",
        "closure_signed_off_by": d.manager,
        "version": episode.version,
    }
    values.update(overrides)
    return form_data(**{k: v for k, v in values.items() if v is not None})


def test_close_episode_with_manager_sign_off(d, episode, plan):
    assert_redirects_to_record(d.post("cin:close_episode", _closure(d, episode)), d.child)
    episode.refresh_from_db()
    plan.refresh_from_db()
    assert episode.closure_date == days_ago(1) and episode.reason_for_closure == "RC7"
    assert episode.closure_signed_off_by == d.manager
    assert plan.end_date == days_ago(1)  # the open plan ends with the case


def test_close_episode_needs_the_manager_sign_off(d, episode):
    response = d.post("cin:close_episode", _closure(d, episode, closure_signed_off_by=None))
    assert_error_summary(response, "needs a manager&#x27;s sign-off", "id_closure_signed_off_by")
    response = d.post("cin:close_episode", _closure(d, episode, closed_hard_to_engage="on"))
    assert_error_summary(
        response,
        "must be signed off by a service (operational) manager",
        "id_closure_signed_off_by",
    )
    episode.refresh_from_db()
    assert episode.closure_date is None


def test_close_episode_stale_edit_keeps_the_input(d, episode):
    stale = _closure(d, episode, closure_summary="My careful summary of the evidence.")
    services.start_cin_plan(episode=episode, start_date=days_ago(20))
    episode.primary_need = "N1"  # a colleague saves the episode first
    episode.save()
    response = d.post("cin:close_episode", stale)
    assert_stale(response, "My careful summary of the evidence.")
    episode.refresh_from_db()
    assert episode.closure_date is None
