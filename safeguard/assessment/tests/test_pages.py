"""The assessment pages: start, then complete with DfE factors and outcome, the due date
from the timescale registry, refusals on the named field, and stale completions."""

from __future__ import annotations

import pytest

from safeguard.assessment import services
from safeguard.assessment.models import Assessment
from safeguard.assessment.selectors import assessment_due, factor_codes
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
)
from safeguard.core.timescales import compute_due

pytestmark = pytest.mark.django_db


@pytest.fixture
def d():
    return desk()


@pytest.fixture
def episode(d):
    return open_referral(child=d.child, referral_date=days_ago(40), referral_source="2A")


@pytest.fixture
def assessment(d, episode):
    return services.start_assessment(episode=episode, start_date=days_ago(38), worker=d.worker)


def _completion(assessment, **overrides):
    values = {
        "authorised_on": days_ago(1),
        "factors": ["3B", "4B"],
        "outcome": "cin_plan",
        "child_seen": True,
        "seen_alone": True,
        "contributors": "School, GP, health visitor",
        "version": assessment.version,
    }
    values.update(overrides)
    return form_data(**values)


@pytest.mark.parametrize("name", ["assessment:start_assessment", "assessment:complete_assessment"])
def test_a_role_without_casework_is_refused(d, name):
    client = refused_client()
    assert client.get(d.url(name)).status_code == 403
    assert client.post(d.url(name), {}).status_code == 403


def test_start_assessment_shows_the_due_date_and_writes_through_the_service(d, episode):
    page = d.get("assessment:start_assessment")
    due = compute_due("assessment", episode.referral_date).due_date
    assert f"The assessment is due by {due:%-d %B %Y}" in page.content.decode()
    assert chosen(page, "worker") == {str(d.worker.pk)}  # defaults to the signed-in worker
    response = d.post(
        "assessment:start_assessment",
        form_data(start_date=days_ago(38), worker=d.worker, contributors="School"),
    )
    assert_redirects_to_record(response, d.child)
    started = Assessment.objects.get(episode=episode)
    assert (started.start_date, started.worker, started.contributors) == (
        days_ago(38),
        d.worker,
        "School",
    )


def test_start_assessment_errors_name_the_field(d, episode):
    response = d.post("assessment:start_assessment", form_data(worker=d.worker))
    assert_error_summary(response, "Enter the assessment start date", "id_start_date_0")
    response = d.post(
        "assessment:start_assessment", form_data(start_date=days_ago(50), worker=d.worker)
    )
    assert_error_summary(response, "cannot be before the referral date", "id_start_date_0")
    assert not Assessment.objects.exists()


def test_without_a_referral_or_an_open_assessment_the_pages_say_so(d):
    assert "has no open referral" in d.get("assessment:start_assessment").content.decode()
    open_referral(child=d.child, referral_date=days_ago(40), referral_source="2A")
    assert (
        "has no assessment in progress" in d.get("assessment:complete_assessment").content.decode()
    )


def test_complete_assessment_with_factors(d, assessment):
    page = d.get("assessment:complete_assessment")
    html = page.content.decode()
    assert f"The assessment is due by {assessment_due(assessment).due_date:%-d %B %Y}" in html
    assert 'class="govuk-checkboxes' in html and 'value="21"' in html
    response = d.post(
        "assessment:complete_assessment", _completion(assessment, authorised_by=d.manager)
    )
    assert_redirects_to_record(response, d.child)
    assessment.refresh_from_db()
    assert assessment.authorised_on == days_ago(1) and assessment.outcome == "cin_plan"
    assert (assessment.child_seen, assessment.seen_alone) == (True, True)
    assert assessment.authorised_by == d.manager
    assert factor_codes(assessment) == ["3B", "4B"]


def test_complete_assessment_errors_name_the_field(d, assessment):
    response = d.post("assessment:complete_assessment", _completion(assessment, factors=[]))
    assert_error_summary(response, "Select the factors identified, or", "id_factors_1")
    response = d.post(
        "assessment:complete_assessment", _completion(assessment, factors=["21", "3B"])
    )
    assert_error_summary(response, "cannot be combined with other factors", "id_factors_1")
    assert chosen(response, "factors") == {"21", "3B"}  # the ticks are kept
    response = d.post("assessment:complete_assessment", _completion(assessment, child_seen=False))
    assert_error_summary(
        response, "A child cannot be seen alone without being seen", "id_seen_alone_1"
    )
    assessment.refresh_from_db()
    assert assessment.authorised_on is None and not assessment.factors.exists()


def test_a_stale_completion_is_refused_and_keeps_the_input(d, assessment):
    data = _completion(assessment, late_reason="Waiting for the police checks.")
    assessment.contributors = "School, GP, police"  # a colleague saves first
    assessment.save()
    response = d.post("assessment:complete_assessment", data)
    assert_stale(response, "Waiting for the police checks.")
    assert chosen(response, "factors") == {"3B", "4B"}
    assessment.refresh_from_db()
    assert assessment.authorised_on is None


def test_the_service_refuses_a_stale_version(d, assessment):
    from safeguard.core.exceptions import StaleRecordError

    with pytest.raises(StaleRecordError):
        services.complete_assessment(
            assessment=assessment,
            authorised_on=days_ago(1),
            factors=["21"],
            outcome="nfa",
            child_seen=True,
            seen_alone=False,
            expected_version=assessment.version + 1,
        )
    assessment.refresh_from_db()
    assert assessment.authorised_on is None


def test_a_re_assessment_is_due_from_its_own_start(d, episode, assessment):
    services.complete_assessment(
        assessment=assessment,
        authorised_on=days_ago(20),
        factors=["21"],
        outcome="nfa",
        child_seen=True,
        seen_alone=False,
    )
    again = services.start_assessment(episode=episode, start_date=days_ago(10), worker=d.worker)
    assert assessment_due(assessment).start == episode.referral_date
    assert assessment_due(again).start == days_ago(10)
