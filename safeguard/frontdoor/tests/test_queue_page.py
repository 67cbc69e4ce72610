"""The MASH queue page: who sees it, what each row shows, order, filters, paging, queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from safeguard.access.services import restrict_record
from safeguard.access.testing.world import build_world, make_child
from safeguard.core import calendar, clock
from safeguard.core.timescales import compute_due
from safeguard.frontdoor import selectors, services
from safeguard.frontdoor.tests.pages import client_for, new_contact, triaged
from safeguard.frontdoor.views import queue as queue_view

pytestmark = pytest.mark.django_db

URL = reverse("frontdoor:mash_queue")


@pytest.fixture
def world():
    return build_world()


def _order(response) -> list:
    return [row.contact.pk for row in response.context["rows"]]


def test_a_row_shows_received_children_source_priority_deadline_checks_and_worker(world):
    triage = triaged(world, priority="red", hours_ago=2)
    services.request_partner_check(
        triage=triage, agency="police", requested_at=clock.now() - dt.timedelta(minutes=30)
    )
    services.request_partner_check(
        triage=triage, agency="health", requested_at=clock.now() - dt.timedelta(minutes=20)
    )
    child = triage.contact.contact_children.get().child
    response = client_for(world, "mash_officer").get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("people:child_record", kwargs={"child_id": child.pk}) in html
    assert reverse("frontdoor:contact", kwargs={"contact_id": triage.contact.pk}) in html
    assert "SCHOOLS (2A)" in html and "Professional line" in html
    assert '<strong class="govuk-tag govuk-tag--red">Red</strong>' in html
    due = compute_due("referral_decision", triage.contact.received_at).due_date
    assert f"Due by {due:%-d %B %Y}" in html
    assert "2: Health, Police" in html
    worker = world.workers["mash_officer"]
    assert f"{worker.first_name} {worker.last_name}" in html


def test_an_old_contact_is_overdue_by_working_days(world):
    contact = new_contact(hours_ago=24 * 10)
    response = client_for(world, "mash_officer").get(URL)
    row = next(r for r in response.context["rows"] if r.contact.pk == contact.pk)
    due = compute_due("referral_decision", contact.received_at).due_date
    days = calendar.working_days_between(due, clock.today())
    assert row.deadline.overdue
    assert f"Overdue by {days} working day" in response.content.decode()


def test_police_ppn_shows_its_colour(world):
    new_contact(channel="police_ppn", source="6", ppn_rating="blue")
    html = client_for(world, "mash_officer").get(URL).content.decode()
    assert '<strong class="govuk-tag govuk-tag--blue">PPN Blue</strong>' in html


def test_most_urgent_first_then_oldest(world):
    world_contact = selectors.mash_queue().get().pk  # the world's amber triage
    green = triaged(world, priority="green", hours_ago=50).contact.pk
    unrated = new_contact(hours_ago=40).pk
    old_red = triaged(world, priority="red", hours_ago=30).contact.pk
    new_red = triaged(world, priority="red", hours_ago=1).contact.pk
    ppn_red = new_contact(hours_ago=2, channel="police_ppn", source="6", ppn_rating="red").pk
    ppn_blue = new_contact(hours_ago=60, channel="police_ppn", source="6", ppn_rating="blue").pk
    response = client_for(world, "mash_officer").get(URL)
    assert _order(response) == [old_red, ppn_red, new_red, world_contact, unrated, green, ppn_blue]


def test_filters_by_priority_and_overdue(world):
    red = triaged(world, priority="red").contact.pk
    untriaged_old = new_contact(hours_ago=24 * 10).pk
    untriaged_new = new_contact(hours_ago=1).pk
    client = client_for(world, "mash_officer")
    assert _order(client.get(URL, {"priority": "red"})) == [red]
    assert _order(client.get(URL, {"priority": "none"})) == [untriaged_old, untriaged_new]
    overdue = client.get(URL, {"overdue": "on"})
    assert untriaged_old in _order(overdue) and untriaged_new not in _order(overdue)
    assert all(row.deadline.overdue for row in overdue.context["rows"])
    assert "Clear filters" in overdue.content.decode()


def test_decided_and_closed_contacts_leave_the_queue(world):
    triage = triaged(world)
    services.record_mash_decision(
        triage=triage,
        child=triage.contact.contact_children.get().child,
        outcome="nfa",
        reasons="No concerns after checks.",
        decided_at=clock.now(),
        decided_by=world.workers["mash_officer"],
    )
    closed = new_contact(outcome="nfa")
    order = _order(client_for(world, "mash_officer").get(URL))
    assert triage.contact.pk not in order and closed.pk not in order


def test_children_the_user_cannot_open_are_not_named(world):
    hidden = make_child(first_name="Quinn")
    restrict_record(
        child=hidden,
        reason_category="adoption",
        note="Placed for adoption.",
        restricted_by=world.users["service_manager"],
    )
    only_hidden = new_contact(children=[hidden])
    new_contact(children=[make_child(first_name="Robin"), hidden])
    response = client_for(world, "mash_officer").get(URL)
    html = response.content.decode()
    assert "Robin" in html and "Quinn" not in html
    assert "and 1 other child you cannot open" in html
    assert only_hidden.pk not in _order(response)


def test_a_team_manager_sees_the_empty_state_without_queue_children(world):
    response = client_for(world, "team_manager").get(URL)
    assert response.status_code == 200
    assert "There are no contacts waiting for the MASH." in response.content.decode()


def test_filters_that_match_nothing_say_so(world):
    response = client_for(world, "mash_officer").get(URL, {"priority": "green"})
    assert "No contacts match these filters." in response.content.decode()


def test_roles_without_mash_decisions_are_refused(world):
    assert client_for(world, "social_worker").get(URL).status_code == 403


def test_pages_keep_the_filters(world, monkeypatch):
    monkeypatch.setattr(queue_view, "PER_PAGE", 2)
    for _ in range(3):
        triaged(world, priority="red")
    client = client_for(world, "mash_officer")
    first = client.get(URL, {"priority": "red"})
    assert len(first.context["rows"]) == 2
    assert "?priority=red&amp;page=2" in first.content.decode()
    second = client.get(URL, {"priority": "red", "page": 2})
    assert len(second.context["rows"]) == 1


def _queries(client, django_assert_max_num_queries) -> tuple[int, int]:
    with django_assert_max_num_queries(20) as captured:
        response = client.get(URL)
    return len(captured), len(response.context["rows"])


def test_query_count_does_not_grow_with_rows(world, django_assert_max_num_queries):
    client = client_for(world, "mash_officer")
    client.get(URL)  # warm the session and the code lists
    few, rows = _queries(client, django_assert_max_num_queries)
    assert rows == 1
    for n in range(12):
        triage = triaged(world, priority=("red", "amber", "green")[n % 3], hours_ago=n + 1)
        services.request_partner_check(
            triage=triage, agency="police", requested_at=clock.now() - dt.timedelta(minutes=1)
        )
        services.add_child_to_contact(contact=triage.contact, child=make_child())
    for _ in range(3):
        new_contact(channel="police_ppn", source="6", ppn_rating="amber")
    many, rows = _queries(client, django_assert_max_num_queries)
    assert rows == 16
    assert many == few


def test_overdue_cut_off_agrees_with_each_deadline():
    """``overdue_received_before`` (one SQL filter) and ``decision_deadline`` (per row) agree."""
    today = dt.date(2025, 12, 29)  # after Christmas: bank holidays and a weekend behind it
    cutoff = selectors.overdue_received_before(today)
    for days_back in range(0, 15):
        for hour in (0, 9, 23):
            day = today - dt.timedelta(days=days_back)
            received = timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))
            deadline = selectors.decision_deadline(received, today=today)
            assert deadline.overdue == (received < cutoff), received


def test_the_queue_is_within_the_mash_access_rule(world):
    """Every contact awaiting a decision is on the MASH officer's access rule's queue."""
    from safeguard.access.rules import _mash_queue_contacts
    from safeguard.frontdoor.models import Contact

    triaged(world, priority="green")
    new_contact(hours_ago=24 * 10)
    new_contact(outcome="nfa")
    awaiting = set(Contact.objects.filter(selectors.awaiting_decision()).values_list("pk"))
    by_rule = set(Contact.objects.filter(_mash_queue_contacts()).values_list("pk"))
    assert len(awaiting) == 3 and awaiting <= by_rule


def test_the_contact_page_offers_closing_and_adding_a_child(world):
    contact = new_contact()
    url = reverse("frontdoor:contact", kwargs={"contact_id": contact.pk})
    html = client_for(world, "mash_officer").get(url).content.decode()
    assert reverse("frontdoor:close_contact", kwargs={"contact_id": contact.pk}) in html
    assert reverse("frontdoor:add_child", kwargs={"contact_id": contact.pk}) in html
