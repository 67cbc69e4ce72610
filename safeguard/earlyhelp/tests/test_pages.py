"""The early help pages: each form writes through its service, shows refusals on the named
field, refuses roles that do not record casework and keeps the input on a stale edit."""

from __future__ import annotations

import pytest
from django.test import Client

from safeguard.cin.models import CINEpisode
from safeguard.cin.services import open_referral
from safeguard.cin.tests.pages import (
    assert_error_summary,
    assert_redirects_to_record,
    assert_stale,
    chosen,
    days_ago,
    desk,
    form_data,
    refused_client,
    staff,
)
from safeguard.earlyhelp import services
from safeguard.earlyhelp.models import EarlyHelpEpisode, TafReview, TeamAroundFamilyPlan

pytestmark = pytest.mark.django_db

URLS = [
    "earlyhelp:start_early_help",
    "earlyhelp:record_early_help_assessment",
    "earlyhelp:appoint_lead_professional",
    "earlyhelp:record_taf_plan",
    "earlyhelp:record_taf_review",
    "earlyhelp:step_up",
    "earlyhelp:step_down",
    "earlyhelp:close_early_help",
]


@pytest.fixture
def d():
    return desk()


@pytest.fixture
def episode(d):
    return services.request_early_help(
        child=d.child, requested_on=days_ago(60), request_source="2A"
    )


@pytest.fixture
def assessed(episode):
    services.start_early_help_assessment(
        episode=episode, started_on=days_ago(58), agency="la_early_help"
    )
    services.complete_early_help_assessment(episode=episode, completed_on=days_ago(50))
    services.appoint_lead_professional(episode=episode, name="Jo Head", agency="school")
    episode.refresh_from_db()
    return episode


@pytest.fixture
def plan(assessed):
    return services.start_taf_plan(
        episode=assessed, started_on=days_ago(45), outcomes="Attendance above 90%."
    )


@pytest.mark.parametrize("name", URLS)
def test_a_role_without_casework_is_refused(d, name):
    client = refused_client()
    assert client.get(d.url(name)).status_code == 403
    assert client.post(d.url(name), {}).status_code == 403


def test_start_early_help(d):
    assert d.get("earlyhelp:start_early_help").status_code == 200
    response = d.post(
        "earlyhelp:start_early_help",
        form_data(requested_on=days_ago(3), request_source="2A", request_details="School asks."),
    )
    assert_redirects_to_record(response, d.child)
    episode = EarlyHelpEpisode.objects.get(child=d.child)
    assert episode.requested_on == days_ago(3) and episode.request_details == "School asks."


def test_start_early_help_errors_name_the_field(d, episode):
    response = d.post("earlyhelp:start_early_help", form_data(request_source="2A"))
    assert_error_summary(response, "Enter the date early help was requested", "id_requested_on_0")
    response = d.post(
        "earlyhelp:start_early_help", form_data(requested_on=days_ago(1), request_source="2A")
    )
    assert_error_summary(response, "already has an open early help episode", "main-content")
    assert chosen(response, "request_source") == {"2A"}


def test_the_assessment_page_starts_then_completes(d, episode):
    page = d.get("earlyhelp:record_early_help_assessment")
    assert "Start the early help assessment" in page.content.decode()
    response = d.post(
        "earlyhelp:record_early_help_assessment",
        form_data(
            assessment_started_on=days_ago(58), assessment_agency="school", version=episode.version
        ),
    )
    assert_redirects_to_record(response, d.child)
    episode.refresh_from_db()
    assert episode.assessment_started_on == days_ago(58) and episode.assessment_agency == "school"
    assert (
        "Complete the early help assessment"
        in d.get("earlyhelp:record_early_help_assessment").content.decode()
    )
    response = d.post(
        "earlyhelp:record_early_help_assessment",
        form_data(assessment_completed_on=days_ago(59), version=episode.version),
    )
    assert_error_summary(
        response, "cannot be before the assessment&#x27;s start", "id_assessment_completed_on_0"
    )
    response = d.post(
        "earlyhelp:record_early_help_assessment",
        form_data(assessment_completed_on=days_ago(50), version=episode.version),
    )
    assert_redirects_to_record(response, d.child)
    episode.refresh_from_db()
    assert episode.assessment_completed_on == days_ago(50)


def test_the_assessment_start_refuses_a_stale_edit(d, episode):
    stale = form_data(
        assessment_started_on=days_ago(58), assessment_agency="health", version=episode.version
    )
    services.appoint_lead_professional(episode=episode, name="Ann Other", agency="school")
    response = d.post("earlyhelp:record_early_help_assessment", stale)
    assert_stale(response, "changed by someone else")
    assert chosen(response, "assessment_agency") == {"health"}
    episode.refresh_from_db()
    assert episode.assessment_started_on is None


def test_appoint_lead_professional(d, episode):
    data = form_data(
        lead_professional_name="Jo Head",
        lead_professional_agency="school",
        lead_professional_role="Designated safeguarding lead",
        lead_professional_worker=d.worker,
        version=episode.version,
    )
    assert_redirects_to_record(d.post("earlyhelp:appoint_lead_professional", data), d.child)
    episode.refresh_from_db()
    assert (episode.lead_professional_name, episode.lead_professional_agency) == (
        "Jo Head",
        "school",
    )
    assert episode.lead_professional_worker == d.worker
    page = d.get("earlyhelp:appoint_lead_professional")
    assert chosen(page, "lead_professional_worker") == {str(d.worker.pk)}  # kept on re-edit
    response = d.post(
        "earlyhelp:appoint_lead_professional",
        form_data(lead_professional_agency="school", version=episode.version),
    )
    assert_error_summary(
        response, "Enter the lead professional&#x27;s name", "id_lead_professional_name"
    )


def test_record_taf_plan(d, assessed):
    response = d.post(
        "earlyhelp:record_taf_plan",
        form_data(started_on=days_ago(45), outcomes="Attendance above 90%.", members="School"),
    )
    assert_redirects_to_record(response, d.child)
    plan = TeamAroundFamilyPlan.objects.get(episode=assessed)
    assert plan.started_on == days_ago(45) and plan.members == "School"


def test_record_taf_plan_errors_name_the_field(d, episode):
    response = d.post("earlyhelp:record_taf_plan", form_data(started_on=days_ago(45)))
    assert_error_summary(response, "Enter the outcomes of the plan", "id_outcomes")
    response = d.post(
        "earlyhelp:record_taf_plan", form_data(started_on=days_ago(45), outcomes="Better.")
    )
    assert_error_summary(
        response, "record the assessment&#x27;s completion first", "id_started_on_0"
    )
    assert not TeamAroundFamilyPlan.objects.exists()


def test_record_taf_review(d, plan):
    response = d.post(
        "earlyhelp:record_taf_review",
        form_data(held_on=days_ago(5), progress="Attendance now 93%.", attendees="School"),
    )
    assert_redirects_to_record(response, d.child)
    assert TafReview.objects.get(plan=plan).progress == "Attendance now 93%."
    response = d.post("earlyhelp:record_taf_review", form_data(held_on=days_ago(5)))
    assert_error_summary(response, "Enter the progress against the plan", "id_progress")


def test_taf_review_without_a_plan_says_so(d, episode):
    assert "no Team Around the Family plan" in d.get("earlyhelp:record_taf_review").content.decode()


def test_step_up_opens_a_referral(d, episode):
    response = d.post(
        "earlyhelp:step_up",
        form_data(
            stepped_up_on=days_ago(1), reasons="Disclosure of harm.", version=episode.version
        ),
    )
    assert_redirects_to_record(response, d.child)
    episode.refresh_from_db()
    assert episode.closure_reason == "stepped_up" and episode.stepped_up_to is not None
    assert episode.stepped_up_to.referral_source == "5D"
    response = d.post("earlyhelp:step_up", form_data(stepped_up_on=days_ago(1)))
    assert "is not receiving early help" in response.content.decode()


def test_step_up_errors_name_the_field(d, episode):
    response = d.post(
        "earlyhelp:step_up", form_data(stepped_up_on=days_ago(1), version=episode.version)
    )
    assert_error_summary(
        response, "Enter the reasons for stepping up to children&#x27;s social care", "id_reasons"
    )
    assert not CINEpisode.objects.exists()


def test_step_down_closes_the_case_into_early_help(d):
    cin = open_referral(child=d.child, referral_date=days_ago(40), referral_source="2A")
    data = form_data(
        closure_date=days_ago(1),
        closure_summary="Home conditions improved; school attendance 96%.",
        closure_signed_off_by=d.manager,
        version=cin.version,
    )
    assert_redirects_to_record(d.post("earlyhelp:step_down", data), d.child)
    cin.refresh_from_db()
    assert cin.closure_date == days_ago(1) and cin.reason_for_closure == "RC9"
    assert EarlyHelpEpisode.objects.get(child=d.child).stepped_down_from == cin


def test_step_down_needs_a_manager_and_refuses_a_stale_edit(d):
    cin = open_referral(child=d.child, referral_date=days_ago(40), referral_source="2A")
    data = form_data(
        closure_date=days_ago(1), closure_summary="My summary of the evidence.", version=cin.version
    )
    response = d.post("earlyhelp:step_down", data)
    assert_error_summary(
        response, "Select the manager signing off the step down", "id_closure_signed_off_by"
    )
    cin.primary_need = "N1"  # a colleague saves the episode first
    cin.save()
    response = d.post("earlyhelp:step_down", {**data, "closure_signed_off_by": d.manager.pk})
    assert_stale(response, "My summary of the evidence.")
    cin.refresh_from_db()
    assert cin.closure_date is None


def test_close_early_help(d, episode):
    data = form_data(closed_on=days_ago(1), closure_reason="needs_met", version=episode.version)
    assert_redirects_to_record(d.post("earlyhelp:close_early_help", data), d.child)
    episode.refresh_from_db()
    assert episode.closed_on == days_ago(1) and episode.closure_reason == "needs_met"


def test_close_early_help_errors_name_the_field(d, episode):
    data = form_data(closed_on=days_ago(1), closure_reason="other", version=episode.version)
    response = d.post("earlyhelp:close_early_help", data)
    assert_error_summary(
        response, "for an &#x27;other&#x27; reason needs notes", "id_closure_notes"
    )


def test_close_early_help_refuses_a_stale_edit(d, episode):
    data = form_data(
        closed_on=days_ago(1),
        closure_reason="disengaged",
        closure_notes="Mother withdrew consent on the phone.",
        version=episode.version,
    )
    services.appoint_lead_professional(episode=episode, name="Ann Other", agency="health")
    response = d.post("earlyhelp:close_early_help", data)
    assert_stale(response, "Mother withdrew consent on the phone.")
    episode.refresh_from_db()
    assert episode.closed_on is None


def test_the_early_help_worker_leading_the_episode_may_record(d):
    from safeguard.workforce.models import Team

    team = Team.objects.create(name="Early help hub", service_area="early_help")
    lead = staff("early_help_worker", team)
    episode = services.request_early_help(
        child=d.child, requested_on=days_ago(20), request_source="2A"
    )
    episode.lead_professional_worker = lead
    episode.save()
    client = Client()
    client.force_login(lead.user)
    response = client.post(
        d.url("earlyhelp:close_early_help"),
        form_data(closed_on=days_ago(1), closure_reason="needs_met", version=episode.version),
    )
    assert_redirects_to_record(response, d.child)
