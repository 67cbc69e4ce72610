"""The "My work" page, the start page and where each role lands from the home page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safeguard.access.models import Capability, Role
from safeguard.access.roles import apply_catalogue
from safeguard.access.testing.login import sign_in
from safeguard.access.testing.matrix import PRINCIPALS
from safeguard.access.testing.world import build_world, make_user
from safeguard.core import clock
from safeguard.worklists.tests import factories as f

pytestmark = pytest.mark.django_db


def busy_caseload(worker, n: int) -> list:
    """``n`` children, each with a different mix of casework, relative to today."""
    today = clock.today()
    children = []
    for i in range(n):
        child = f.child(worker, dob=today - dt.timedelta(days=365 * (3 + i % 14)))
        children.append(child)
        kind = i % 5
        if kind == 0:
            ep = f.episode(child, today - dt.timedelta(days=120))
            f.cin_plan(ep, today - dt.timedelta(days=100))
            f.visit(child, worker, today - dt.timedelta(days=40), "cin", ep=ep)
        elif kind == 1:
            ep = f.episode(child, today - dt.timedelta(days=90))
            f.strategy(ep, today - dt.timedelta(days=10))
        elif kind == 2:
            ep = f.episode(child, today - dt.timedelta(days=200))
            icpc = f.conference(ep, "initial", today - dt.timedelta(days=150))
            plan = f.cp_plan(ep, today - dt.timedelta(days=150), weeks=2, icpc=icpc)
            f.core_group(plan, today - dt.timedelta(days=140))
        elif kind == 3:
            care = f.in_care(child, today - dt.timedelta(days=400))
            f.lac_review(care, today - dt.timedelta(days=300))
            f.health(care, "initial", today - dt.timedelta(days=380))
        else:
            f.missing(child, dt.datetime.combine(today - dt.timedelta(days=1), dt.time(9)))
    return children


@pytest.fixture
def social_worker():
    apply_catalogue(Role, Capability)
    user = make_user("worklist.sw", "social_worker")
    worker = f.worker(f.team(), user=user)
    client = sign_in(Client(), user)
    return user, worker, client


def test_my_work_shows_items_grouped_with_explanations(social_worker):
    _user, worker, client = social_worker
    children = busy_caseload(worker, 10)
    response = client.get(reverse("worklists:my_work"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Children allocated" in page
    for heading in ("Overdue (", "Due this week (", "Later ("):
        assert heading in page
    assert "govuk-tag--red" in page and "govuk-details" in page
    assert "Why this date" in page and "working days after" in page
    assert reverse("people:child_record", kwargs={"child_id": children[0].pk}) in page
    assert "Child protection" in page and "Looked after" in page


def test_my_work_query_count_does_not_grow_with_the_caseload(social_worker):
    _user, worker, client = social_worker
    busy_caseload(worker, 10)
    url = reverse("worklists:my_work")
    client.get(url)  # warm the per-session caches
    with CaptureQueriesContext(connection) as ten:
        assert client.get(url).status_code == 200
    busy_caseload(worker, 15)
    with CaptureQueriesContext(connection) as twenty_five:
        assert client.get(url).status_code == 200
    assert len(twenty_five) == len(ten), [q["sql"][:120] for q in twenty_five]


def test_my_work_query_bound(social_worker, django_assert_max_num_queries):
    _user, worker, client = social_worker
    busy_caseload(worker, 12)
    with django_assert_max_num_queries(40):
        assert client.get(reverse("worklists:my_work")).status_code == 200


def test_my_work_is_paginated_by_50(social_worker):
    _user, worker, client = social_worker
    for _ in range(55):
        f.child(worker)
    page1 = client.get(reverse("worklists:my_work")).content.decode()
    assert "page 1 of 2" in page1 and 'rel="next"' in page1
    page2 = client.get(reverse("worklists:my_work") + "?page=2").content.decode()
    assert "page 2 of 2" in page2


def test_empty_caseload_and_no_worker_record(social_worker):
    _user, _worker, client = social_worker
    page = client.get(reverse("worklists:my_work")).content.decode()
    assert "You have no children allocated" in page
    unlinked = make_user("worklist.unlinked", "social_worker")
    response = sign_in(Client(), unlinked).get(reverse("worklists:my_work"))
    assert response.status_code == 200
    assert "not linked to a member of staff" in response.content.decode()


def test_start_page_lists_the_role_menu():
    world = build_world()
    client = sign_in(Client(), world.users["performance_analyst"])
    page = client.get(reverse("worklists:start")).content.decode()
    assert reverse("access:pseudonymised_children") in page


def _expected_home(principal: str) -> str:
    if principal == "anonymous":
        return reverse("access:sign_in")
    by_role = {
        "social_worker": "worklists:my_work",
        "consultant_social_worker": "worklists:my_work",
        "early_help_worker": "worklists:my_work",
        "team_manager": "workforce:team",
        "service_manager": "workforce:team",
        "mash_officer": "frontdoor:mash_queue",
        "conference_support": "protection:business_support",
        "cp_chair_iro": "protection:chair_home",
        "lado": "partnership:lado_cases",
    }
    from django.urls import NoReverseMatch

    name = by_role.get(principal, "worklists:start")
    try:
        return reverse(name)
    except NoReverseMatch:  # a page another part of the product has not added yet
        return reverse("worklists:my_work" if principal == "mash_officer" else "worklists:start")


def test_home_sends_each_role_to_its_own_work():
    world = build_world()
    wrong = []
    for principal in PRINCIPALS:
        client = Client()
        user = world.user(principal)
        if user is not None:
            sign_in(client, user)
        response = client.get(reverse("home"))
        expected = _expected_home(principal)
        if response.status_code != 302 or response["Location"] != expected:
            wrong.append((principal, response.status_code, response.get("Location"), expected))
    assert wrong == []


def test_the_lado_lands_on_the_lado_case_list():
    world = build_world()
    client = sign_in(Client(), world.users["lado"])
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("partnership:lado_cases")
    assert client.get(response["Location"]).status_code == 200


def test_a_visit_recorded_shows_as_done_and_leaves_the_due_list(social_worker):
    _user, worker, client = social_worker
    today = clock.today()
    child = f.child(worker, dob=today - dt.timedelta(days=365 * 6))
    episode = f.episode(child, today - dt.timedelta(days=200))
    icpc = f.conference(episode, "initial", today - dt.timedelta(days=60))
    f.cp_plan(episode, today - dt.timedelta(days=60), weeks=2, icpc=icpc)
    f.visit(child, worker, today - dt.timedelta(days=30), "cp", ep=episode)
    before = client.get(reverse("worklists:my_work")).content.decode()
    assert "You have not recorded any visits" in before
    assert "Overdue (" in before

    f.visit(child, worker, today, "cp", ep=episode)
    after = client.get(reverse("worklists:my_work")).content.decode()
    done = after.split('id="done"')[1].split('id="caseload"')[0]
    assert "Child protection visit (seen)" in done and child.last_name in done
    # The overdue visit is done: one item fewer is overdue.
    assert _overdue_count(after) == _overdue_count(before) - 1


def _overdue_count(page: str) -> int:
    import re

    found = re.search(r"Overdue \((\d+)\)", page)
    return int(found.group(1)) if found else 0


def test_someone_elses_visit_is_not_my_done_work(social_worker):
    _user, worker, client = social_worker
    today = clock.today()
    child = f.child(worker)
    colleague = f.worker(f.team())
    f.visit(child, colleague, today, "cin")
    page = client.get(reverse("worklists:my_work")).content.decode()
    assert "You have not recorded any visits" in page


def test_a_partner_agency_user_starts_from_the_children_shared_with_their_agency():
    from safeguard.access.roles import Agency
    from safeguard.access.testing.sharing import share_with_agency

    world = build_world()
    police = world.users["partner_police"]
    health = world.users["partner_health"]
    share_with_agency(
        child=world.child_other_team, agency=Agency.POLICE, by=world.users["service_manager"]
    )
    page = sign_in(Client(), police).get(reverse("worklists:start")).content.decode()
    record = reverse("people:child_record", kwargs={"child_id": world.child_other_team.pk})
    assert "Children whose information was shared with your agency" in page
    assert record in page
    assert reverse("people:child_record", kwargs={"child_id": world.child_allocated.pk}) not in page
    other = sign_in(Client(), health).get(reverse("worklists:start")).content.decode()
    assert record not in other
    assert "Nothing has been shared with your agency" in other
