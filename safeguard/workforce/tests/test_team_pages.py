"""The team page and the allocation form."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safeguard.access.testing.login import sign_in
from safeguard.access.testing.world import build_world
from safeguard.core import clock
from safeguard.earlyhelp.models import EarlyHelpEpisode
from safeguard.workforce.models import Allocation
from safeguard.worklists.tests import factories as f
from safeguard.worklists.tests.test_pages import busy_caseload

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def manager(world, role: str = "team_manager") -> Client:
    return sign_in(Client(), world.users[role])


def test_team_page_per_worker_counts(world):
    sw = world.workers["social_worker"]
    busy_caseload(sw, 10)
    response = manager(world).get(reverse("workforce:team"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Team A" in page and str(sw) in page
    assert '<h2 class="govuk-heading-m">Caseloads</h2>' in page
    assert "govuk-tag--red" in page  # overdue items counted
    assert "Supervision records arrive with the quality assurance module" in page


def test_team_page_query_count_does_not_grow(world, django_assert_max_num_queries):
    sw = world.workers["social_worker"]
    consultant = world.workers["consultant_social_worker"]
    busy_caseload(sw, 10)
    client = manager(world)
    url = reverse("workforce:team")
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    busy_caseload(consultant, 10)
    with django_assert_max_num_queries(45), CaptureQueriesContext(connection) as after:
        assert client.get(url).status_code == 200
    assert len(after) == len(before)


def test_service_manager_sees_teams_in_their_area_only(world):
    client = manager(world, "service_manager")
    page = client.get(reverse("workforce:team")).content.decode()
    team_a = reverse("workforce:team", kwargs={"team_id": world.teams["team_a"].pk})
    assert team_a in page
    assert client.get(team_a).status_code == 200
    team_b = reverse("workforce:team", kwargs={"team_id": world.teams["team_b"].pk})
    assert client.get(team_b).status_code == 403
    assert manager(world).get(team_b).status_code == 403


def test_unallocated_early_help_led_by_the_team_is_listed(world):
    child = f.child()
    EarlyHelpEpisode.objects.create(
        child=child,
        requested_on=clock.today() - dt.timedelta(days=3),
        request_source="2A",
        lead_professional_worker=world.workers["social_worker"],
    )
    page = manager(world).get(reverse("workforce:team")).content.decode()
    assert f"{child.first_name} {child.last_name}" in page
    assert reverse("workforce:allocate_case", kwargs={"child_id": child.pk}) in page


def test_cases_ready_to_close_link_to_the_closure_sign_off(world):
    child = world.child_allocated
    f.episode(child, clock.today() - dt.timedelta(days=30))
    page = manager(world).get(reverse("workforce:team")).content.decode()
    assert "Close and sign off" in page
    assert reverse("cin:close_episode", kwargs={"child_id": child.pk}) in page


def test_allocate_an_unallocated_child(world):
    child = f.child()
    EarlyHelpEpisode.objects.create(
        child=child,
        requested_on=clock.today() - dt.timedelta(days=3),
        request_source="2A",
        lead_professional_worker=world.workers["social_worker"],
    )
    url = reverse("workforce:allocate_case", kwargs={"child_id": child.pk})
    client = manager(world)
    assert client.get(url).status_code == 200
    today = clock.today()
    response = client.post(
        url,
        {
            "worker": str(world.workers["consultant_social_worker"].pk),
            "started_on_0": today.day,
            "started_on_1": today.month,
            "started_on_2": today.year,
            "reason_for_previous_end": "",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("workforce:team")
    allocation = Allocation.objects.get(child=child, ended_on=None)
    assert allocation.worker == world.workers["consultant_social_worker"]
    assert allocation.start_reason == "FCONTA"


def test_reallocation_needs_a_reason_and_hands_over(world):
    child = world.child_allocated
    url = reverse("workforce:allocate_case", kwargs={"child_id": child.pk})
    client = manager(world)
    today = clock.today()
    data = {
        "worker": str(world.workers["consultant_social_worker"].pk),
        "started_on_0": today.day,
        "started_on_1": today.month,
        "started_on_2": today.year,
    }
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page and "#id_reason_for_previous_end" in page
    assert "Give the reason" in page
    response = client.post(url, {**data, "reason_for_previous_end": "MANAGE"})
    assert response.status_code == 302
    old = Allocation.objects.get(child=child, worker=world.workers["social_worker"])
    assert old.ended_on == today and old.end_reason == "MANAGE"


def test_empty_allocation_form_names_each_field(world):
    url = reverse("workforce:allocate_case", kwargs={"child_id": world.child_allocated.pk})
    page = manager(world).post(url, {}).content.decode()
    assert "Select the worker to allocate the case to" in page
    assert "Enter the allocation start date" in page
    assert "<title>Error:" in page


def test_allocation_refused_without_manage_team(world):
    url = reverse("workforce:allocate_case", kwargs={"child_id": world.child_allocated.pk})
    assert sign_in(Client(), world.users["social_worker"]).get(url).status_code == 403
