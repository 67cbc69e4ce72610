"""The social worker's pages: strategy discussion, section 47 start and outcome, ICPC request."""

from __future__ import annotations

import pytest
from django.urls import reverse

from safeguard.protection.models import Section47Enquiry, Section47Outcome, StrategyDiscussion
from safeguard.protection.tests.pathway import days_ago, enquiry_for, episode_for
from safeguard.protection.tests.web import (
    assert_error_summary,
    assert_stale,
    bump,
    date_parts,
    url,
)

pytestmark = pytest.mark.django_db


def _record(world):
    return reverse("people:child_record", kwargs={"child_id": world.child_allocated.pk})


def _strategy_data(world, **extra):
    data = {
        **date_parts("held_on", days_ago(2)),
        "lead_worker": str(world.workers["social_worker"].pk),
        "s47_initiated": "yes",
        "criminal_investigation": "no",
        "attendee_1_agency": "social_care",
        "attendee_1_name": "Sam Worker",
        "attendee_2_agency": "police",
        "attendee_2_name": "DC Ali Khan",
        "attendee_3_agency": "health_visitor",
        "attendee_3_name": "Jo Patel",
        "information_shared": "Bruising seen at school.",
    }
    data.update(extra)
    return data


def test_strategy_discussion_is_recorded_and_starts_the_enquiry(world, client_for):
    episode_for(world.child_allocated)
    page = url("record_strategy_discussion", child_id=world.child_allocated.pk)
    client = client_for("social_worker")
    assert client.get(page).status_code == 200
    response = client.post(page, _strategy_data(world))
    assert response.status_code == 302 and response.url == _record(world)
    discussion = StrategyDiscussion.objects.get(episode__child=world.child_allocated)
    assert {a.agency for a in discussion.attendees.all()} == {
        "social_care",
        "police",
        "health_visitor",
    }
    assert Section47Enquiry.objects.filter(strategy_discussion=discussion).exists()


def test_strategy_discussion_errors_name_the_field(world, client_for):
    episode_for(world.child_allocated)
    page = url("record_strategy_discussion", child_id=world.child_allocated.pk)
    client = client_for("social_worker")
    response = client.post(page, {})
    assert_error_summary(response, "Enter the date of the strategy discussion", "id_held_on_0")
    assert "Select whether section 47 enquiries were started" in response.content.decode()
    # A row with an agency but no name is refused on that row's name.
    response = client.post(page, _strategy_data(world, attendee_4_agency="school"))
    assert_error_summary(response, "Enter attendee 4 name", "id_attendee_4_name")
    # The service's rule lands on its field: a discussion in the future.
    future = date_parts("held_on", days_ago(-3))
    response = client.post(page, _strategy_data(world, **future))
    assert_error_summary(response, "future", "id_held_on_0")
    assert not StrategyDiscussion.objects.exists()


@pytest.mark.parametrize("role", ["early_help_worker", "conference_support", "cp_chair_iro"])
def test_strategy_discussion_refused_roles(world, client_for, role):
    episode_for(world.child_allocated)
    page = url("record_strategy_discussion", child_id=world.child_allocated.pk)
    assert client_for(role).post(page, _strategy_data(world)).status_code == 403
    assert not StrategyDiscussion.objects.exists()


def _waiting_discussion(world):
    return StrategyDiscussion.objects.create(
        episode=episode_for(world.child_allocated),
        held_on=days_ago(3),
        s47_initiated=True,
        criminal_investigation=False,
    )


def test_start_section47(world, client_for):
    discussion = _waiting_discussion(world)
    page = url("start_section47", child_id=world.child_allocated.pk)
    client = client_for("social_worker")
    data = {
        "strategy_discussion": str(discussion.pk),
        **date_parts("start_date", days_ago(2)),
        "lead_worker": str(world.workers["social_worker"].pk),
    }
    response = client.post(page, data)
    assert response.status_code == 302 and response.url == _record(world)
    assert Section47Enquiry.objects.get(strategy_discussion=discussion).start_date == days_ago(2)


def test_start_section47_errors_and_refusal(world, client_for):
    _waiting_discussion(world)
    page = url("start_section47", child_id=world.child_allocated.pk)
    response = client_for("social_worker").post(page, {})
    assert_error_summary(
        response,
        "Select the strategy discussion that started the enquiry",
        "id_strategy_discussion_1",
    )
    assert client_for("conference_support").get(page).status_code == 403


def test_start_section47_with_nothing_waiting_says_so(world, client_for):
    page = url("start_section47", child_id=world.child_allocated.pk)
    response = client_for("social_worker").get(page)
    assert "No strategy discussion is waiting" in response.content.decode()


def _outcome_data(enquiry, **extra):
    data = {
        "version": str(enquiry.version),
        "outcome": Section47Outcome.SUBSTANTIATED,
        **date_parts("outcome_date", days_ago(1)),
        "icpc_not_required": "no",
        **date_parts("conference_requested_on", days_ago(1)),
    }
    data.update(extra)
    return data


def test_section47_outcome_requests_the_conference(world, client_for):
    enquiry = enquiry_for(world.child_allocated, world.workers["social_worker"])
    page = url("record_section47_outcome", child_id=world.child_allocated.pk, enquiry_id=enquiry.pk)
    response = client_for("social_worker").post(page, _outcome_data(enquiry))
    assert response.status_code == 302 and response.url == _record(world)
    enquiry.refresh_from_db()
    assert enquiry.outcome == Section47Outcome.SUBSTANTIATED
    assert enquiry.conference_requested_on == days_ago(1)


def test_section47_outcome_errors_refusal_and_stale_edit(world, client_for):
    enquiry = enquiry_for(world.child_allocated, world.workers["social_worker"])
    page = url("record_section47_outcome", child_id=world.child_allocated.pk, enquiry_id=enquiry.pk)
    client = client_for("social_worker")
    response = client.post(page, {"version": str(enquiry.version)})
    assert_error_summary(response, "Select the outcome of the section 47 enquiry", "id_outcome_1")
    response = client.post(page, _outcome_data(enquiry, icpc_not_required=""))
    assert_error_summary(
        response,
        "Select whether an initial conference is requested or not required",
        "id_icpc_not_required_1",
    )
    assert client_for("conference_support").post(page, _outcome_data(enquiry)).status_code == 403
    data = _outcome_data(enquiry, icpc_not_required="yes", icpc_not_required_reason="Moved away")
    for part in ("0", "1", "2"):
        data.pop(f"conference_requested_on_{part}")
    bump(enquiry)
    assert_stale(client.post(page, data), "Moved away")
    enquiry.refresh_from_db()
    assert enquiry.outcome == ""


def test_request_conference(world, client_for):
    enquiry = enquiry_for(world.child_allocated, world.workers["social_worker"])
    page = url("request_conference", child_id=world.child_allocated.pk, enquiry_id=enquiry.pk)
    client = client_for("team_manager")
    data = {
        "version": str(enquiry.version),
        **date_parts("outcome_date", days_ago(2)),
        **date_parts("conference_requested_on", days_ago(1)),
    }
    response = client.post(page, data)
    assert response.status_code == 302 and response.url == _record(world)
    enquiry.refresh_from_db()
    assert enquiry.conference_requested_on == days_ago(1)


def test_request_conference_errors_refusal_and_stale_edit(world, client_for):
    enquiry = enquiry_for(world.child_allocated, world.workers["social_worker"])
    page = url("request_conference", child_id=world.child_allocated.pk, enquiry_id=enquiry.pk)
    client = client_for("social_worker")
    response = client.post(page, {"version": str(enquiry.version)})
    assert_error_summary(
        response, "Enter the date the conference service was asked", "id_conference_requested_on_0"
    )
    data = {
        "version": str(enquiry.version),
        **date_parts("outcome_date", days_ago(40)),
        **date_parts("conference_requested_on", days_ago(1)),
    }
    # Before the enquiry started: the service's error lands on the outcome date.
    assert_error_summary(client.post(page, data), "section 47 start date", "id_outcome_date_0")
    assert client_for("cp_chair_iro").post(page, data).status_code == 403
    data.update(date_parts("outcome_date", days_ago(3)))
    bump(enquiry)
    assert_stale(client.post(page, data), f'value="{days_ago(3).day}"')


def test_strategy_discussion_records_actions(world, client_for):
    episode_for(world.child_allocated)
    page = url("record_strategy_discussion", child_id=world.child_allocated.pk)
    client = client_for("social_worker")
    action = {
        "action_1_agency": "police",
        "action_1_owner": "DC Ali Khan",
        "action_1_action": "Joint visit with social care",
        **date_parts("action_1_due_by", days_ago(-2)),
    }
    incomplete = {k: v for k, v in action.items() if not k.startswith("action_1_due_by")}
    response = client.post(page, _strategy_data(world, **incomplete))
    assert_error_summary(response, "Enter action 1 due date", "id_action_1_due_by_0")
    response = client.post(page, _strategy_data(world, **action))
    assert response.status_code == 302
    discussion = StrategyDiscussion.objects.get(episode__child=world.child_allocated)
    assert [(a.owner, a.due_by) for a in discussion.actions.all()] == [
        ("DC Ali Khan", days_ago(-2))
    ]


def test_conference_not_required(world, client_for):
    enquiry = enquiry_for(world.child_allocated, outcome="substantiated")
    page = url("mark_icpc_not_required", child_id=world.child_allocated.pk, enquiry_id=enquiry.pk)
    client = client_for("social_worker")
    data = {
        "version": str(enquiry.version),
        **date_parts("decided_on", days_ago(1)),
        "icpc_not_required_reason": "The family moved to Scotland.",
    }
    response = client.post(page, data)
    assert response.status_code == 302 and response.url == _record(world)
    enquiry.refresh_from_db()
    assert enquiry.icpc_not_required


def test_conference_not_required_errors_refusal_and_stale_edit(world, client_for):
    enquiry = enquiry_for(world.child_allocated, outcome="substantiated")
    page = url("mark_icpc_not_required", child_id=world.child_allocated.pk, enquiry_id=enquiry.pk)
    client = client_for("social_worker")
    response = client.post(page, {"version": str(enquiry.version)})
    assert_error_summary(
        response,
        "Enter why an initial conference is no longer required",
        "id_icpc_not_required_reason",
    )
    data = {
        "version": str(enquiry.version),
        **date_parts("decided_on", days_ago(40)),
        "icpc_not_required_reason": "Moved to Scotland.",
    }
    assert_error_summary(client.post(page, data), "section 47 outcome date", "id_decided_on_0")
    assert client_for("conference_support").post(page, data).status_code == 403
    data.update(date_parts("decided_on", days_ago(1)))
    bump(enquiry)
    assert_stale(client.post(page, data), "Moved to Scotland.")
