"""The child's record for staff: header, actions, chronology and the section pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from safeguard.access.testing.login import sign_in
from safeguard.access.testing.world import build_world, make_child
from safeguard.people.chronology import EVENT_TYPES, chronology
from safeguard.people.tests.journey import full_history
from safeguard.people.tests.journey_outside_home import outside_home_history


@pytest.fixture
def world(db):
    return build_world()


def url(name: str, child, **query) -> str:
    return reverse(f"people:{name}", kwargs={"child_id": child.pk})


@pytest.fixture
def history(world):
    child = world.child_allocated
    full_history(child, world.workers["social_worker"])
    outside_home_history(child, world.workers["social_worker"])
    from safeguard.quality.services.supervision import record_supervision

    record_supervision(
        supervisor=world.workers["team_manager"],
        supervisee=world.workers["social_worker"],
        held_on=dt.date(2019, 6, 3),
        cases=[(child, "Visit weekly until the plan is reviewed.")],
    )
    return child


@pytest.mark.django_db
def test_the_header_shows_status_worker_and_flags(world, history, client):
    sign_in(client, world.users["social_worker"])
    page = client.get(url("child_record", history))
    text = page.text
    assert page.status_code == 200
    assert "Looked after since 01/06/2020" in text
    assert "Missing now" in text
    assert "Open to children&#x27;s social care since 02/05/2019" in text
    status = page.context["summary"].status
    assert status[0].startswith("Looked after since")  # most intensive first
    assert page.context["summary"].legal_status  # legal status shown when looked after
    assert "Team A" in text


@pytest.mark.django_db
def test_the_actions_panel_lists_the_forms_the_user_may_use(world, history, client):
    sign_in(client, world.users["social_worker"])
    page = client.get(url("child_record", history))
    labels = [action.label for action in page.context["actions"]]
    assert "Record a visit" in labels and "Change placement" in labels
    episode = page.context["summary"].missing_episode
    record_return = reverse(
        "exploitation:record_return", kwargs={"child_id": history.pk, "episode_id": episode.pk}
    )
    assert record_return in page.text
    edit = reverse("people:edit_person", kwargs={"child_id": history.pk})
    assert edit in page.text


@pytest.mark.django_db
def test_no_return_action_without_an_open_missing_episode(world, client):
    sign_in(client, world.users["social_worker"])
    page = client.get(url("child_record", world.child_allocated))
    labels = [action.label for action in page.context["actions"]]
    assert "Record the return" not in labels and "Record a missing episode" in labels


@pytest.mark.django_db
def test_a_role_without_casework_sees_no_actions(world, client):
    sign_in(client, world.users["conference_support"])
    page = client.get(url("child_record", world.child_conference))
    assert page.status_code == 200 and page.context["actions"] == []
    assert "Change Gray" not in page.text  # no record_contact: no edit link


@pytest.mark.django_db
def test_the_chronology_has_an_event_from_every_module(world, history):
    events = chronology(history)
    assert {event.type for event in events} == {t.key for t in EVENT_TYPES}
    titles = {event.title for event in events}
    for title in (
        "Contact received",
        "MASH decision",
        "Referral",
        "Assessment started",
        "Strategy discussion",
        "Section 47 enquiry started",
        "Initial conference held",
        "Child protection plan started",
        "Category of abuse changed",
        "Core group meeting",
        "CIN plan started",
        "CIN plan review",
        "Child in need visit",
        "Became looked after",
        "First placement",
        "Looked-after review",
        "Care plan agreed",
        "Permanence plan",
        "Initial health assessment",
        "Personal education plan",
        "Care leaver contact",
        "Pathway plan review",
        "Returned from missing",
        "Return home interview held",
        "Early help requested",
        "Team around the family plan started",
        "Team around the family review",
        "Allocated",
        "Police PPN received",
        "PPN consultation outcome",
        "Discussed at the HRDA daily meeting",
        "CAROLE screening",
        "Exploitation risk assessment: Significant risk",
        "Exploitation risk assessment moderated",
        "First MACE meeting",
        "MACE review",
        "Management direction in supervision",
    ):
        assert title in titles, title
    dates = [event.on for event in events]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.django_db
def test_the_chronology_page_filters_by_type_and_date(world, history, client):
    sign_in(client, world.users["social_worker"])
    page = client.get(url("child_chronology", history))
    assert page.status_code == 200 and page.context["total"] > 30
    page = client.get(url("child_chronology", history), {"types": ["visit", "missing"]})
    types = {event.type for event in page.context["page"].object_list}
    assert types == {"visit", "missing"}
    assert "Child in need visit" in page.text and "Contact received" not in page.text
    page = client.get(
        url("child_chronology", history),
        {
            "start_0": "1",
            "start_1": "6",
            "start_2": "2019",
            "end_0": "30",
            "end_1": "6",
            "end_2": "2019",
        },
    )
    dates = {event.on for event in page.context["page"].object_list}
    assert dates and all(dt.date(2019, 6, 1) <= day <= dt.date(2019, 6, 30) for day in dates)


@pytest.mark.django_db
def test_a_backwards_date_range_is_an_error(world, history, client):
    sign_in(client, world.users["social_worker"])
    page = client.get(
        url("child_chronology", history),
        {
            "start_0": "1",
            "start_1": "6",
            "start_2": "2020",
            "end_0": "1",
            "end_1": "1",
            "end_2": "2020",
        },
    )
    assert page.status_code == 200
    assert "govuk-error-summary" in page.text and "<title>Error:" in page.text
    assert "The to date must be the same as or after the from date" in page.text
    bad = client.get(
        url("child_chronology", history), {"start_0": "40", "start_1": "1", "start_2": "2020"}
    )
    assert "The from date must be a real date" in bad.text


@pytest.mark.django_db
def test_the_chronology_pages_fifty_at_a_time(world, client):
    from safeguard.cin.models import Visit

    child = world.child_allocated
    for n in range(60):
        Visit.objects.create(
            child=child,
            visit_date=dt.date(2023, 1, 1) + dt.timedelta(days=n),
            visit_type="other",
            worker=world.workers["social_worker"],
            child_seen=True,
            seen_alone=False,
            location="home",
        )
    sign_in(client, world.users["social_worker"])
    first = client.get(url("child_chronology", child))
    assert len(first.context["page"].object_list) == 50
    second = client.get(url("child_chronology", child), {"page": 2})
    assert len(second.context["page"].object_list) == 11  # 60 visits and the allocation


@pytest.mark.django_db
def test_record_and_chronology_queries_do_not_grow_with_history(world, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small, large = world.child_allocated, world.child_restricted
    full_history(small, world.workers["social_worker"])
    full_history(large, world.workers["social_worker"], repeat=6)
    outside_home_history(small, world.workers["social_worker"])
    outside_home_history(large, world.workers["social_worker"], repeat=6)
    sign_in(client, world.users["social_worker"])
    counts = {}
    for name in ("child_record", "child_chronology", "child_meetings", "child_plans"):
        for child in (small, large):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url(name, child)).status_code == 200
            counts[(name, child.pk)] = len(queries)
        assert counts[(name, small.pk)] == counts[(name, large.pk)], name
    assert counts[("child_record", small.pk)] <= 40
    # One query per chronology source (36 with the HRDA actions), plus header and session.
    assert counts[("child_chronology", small.pk)] <= 70


@pytest.mark.django_db
def test_sections_show_plans_visits_meetings_and_relationships(world, history, client):
    from safeguard.people.services import add_relationship

    sibling = make_child(first_name="Robin", last_name="Sibling")
    add_relationship(person=history, related_to=sibling, relationship_type="sibling")
    sign_in(client, world.users["social_worker"])
    plans = client.get(url("child_plans", history)).text
    assert "Child protection plan" in plans and "Child in need plan" in plans
    assert "Care plan (looked after)" in plans and "Team around the family plan" in plans
    assert "permanence plan: Long-term foster care" in plans
    visits = client.get(url("child_visits", history)).text
    assert "Child in need visit" in visits
    meetings = client.get(url("child_meetings", history)).text
    assert "Strategy discussion" in meetings and "Core group meeting" in meetings
    assert "Looked-after review" in meetings
    relations = client.get(url("child_relationships", history)).text
    assert "Alex is sibling to Robin" in relations
    assert reverse("people:child_record", kwargs={"child_id": sibling.pk}) in relations


@pytest.mark.django_db
def test_history_lists_who_changed_the_record(world, client):
    from safeguard.people.services import update_person_details

    child = world.child_allocated
    update_person_details(person=child, expected_version=child.version, religion="None")
    sign_in(client, world.users["social_worker"])
    page = client.get(url("child_history", child))
    assert page.status_code == 200
    entries = page.context["entries"]
    assert any(e["action"] == "Changed" and "religion" in e["fields"] for e in entries)


@pytest.mark.django_db
def test_partners_see_only_the_summary(world, client):
    sign_in(client, world.users["partner_police"])
    child = world.child_shared_police
    page = client.get(url("child_record", child))
    assert page.status_code == 200
    assert "Current status" not in page.text and "Chronology" not in page.text
    assert "Actions" not in page.text
    for name in ("child_chronology", "child_plans", "child_history"):
        assert client.get(url(name, child)).status_code == 403, name


@pytest.mark.django_db
def test_the_return_home_interview_is_offered_after_the_return_until_it_is_held(world, client):
    from safeguard.core import clock
    from safeguard.exploitation.models import MissingEpisode, ReturnHomeInterview

    child = world.child_allocated
    sign_in(client, world.users["social_worker"])
    went = clock.now() - dt.timedelta(days=3)
    episode = MissingEpisode.objects.create(
        child=child, missing_type="M", started_at=went, ended_at=went + dt.timedelta(days=1)
    )
    rhi = reverse(
        "exploitation:record_rhi", kwargs={"child_id": child.pk, "episode_id": episode.pk}
    )
    page = client.get(url("child_record", child))
    assert "Record the return home interview" in [a.label for a in page.context["actions"]]
    assert rhi in page.text
    ReturnHomeInterview.objects.create(
        missing_episode=episode,
        offered_at=went + dt.timedelta(days=1, hours=2),
        accepted=False,
        declined_reason="Did not want to talk.",
    )
    page = client.get(url("child_record", child))
    assert "Record the return home interview" not in [a.label for a in page.context["actions"]]


@pytest.mark.django_db
def test_a_child_on_a_plan_gets_the_child_protection_steps(world, client):
    from safeguard.cin.models import CINEpisode
    from safeguard.core import clock
    from safeguard.protection.models import CPPlan

    child = world.child_allocated
    episode = CINEpisode.objects.create(
        child=child, referral_date=clock.today() - dt.timedelta(days=90), referral_source="2A"
    )
    CPPlan.objects.create(
        episode=episode,
        child=child,
        start_date=clock.today() - dt.timedelta(days=60),
        initial_category="N",
        latest_category="N",
    )
    sign_in(client, world.users["social_worker"])
    labels = [a.label for a in client.get(url("child_record", child)).context["actions"]]
    for step in (
        "Record a core group meeting",
        "Change the category of abuse",
        "End the child protection plan",
    ):
        assert step in labels
    assert "Step down to early help" not in labels  # not while on a plan
    assert "Book a review conference" not in labels  # business support's step


@pytest.mark.django_db
def test_the_summary_shows_risks_outside_the_home(world, history, client):
    from safeguard.core.timescales import compute_due

    sign_in(client, world.users["social_worker"])
    page = client.get(url("child_record", history))
    risks = page.context["summary"].outside_home
    assert risks.risk_level == "Moderate"  # the latest MACE's level, not the assessment's
    assert risks.last_mace_on == dt.date(2021, 3, 10)
    due = compute_due("mace_review", dt.date(2021, 3, 10), risk="moderate").due_date
    assert risks.next_mace_label == "MACE review due by" and risks.next_mace_due == due
    assert risks.next_mace_overdue
    [ppn] = risks.ppns
    assert (ppn.rating, ppn.hrda) == ("Red", True)
    assert ppn.outcome.startswith("High risk")
    text = page.text
    assert "Risks outside the home" in text and "MACE review due by" in text
    assert f"{due:%-d %B %Y}" in text and "Overdue" in text
    carole = reverse("exploitation:carole", kwargs={"child_id": history.pk})
    assert carole in text and ppn.url in text


@pytest.mark.django_db
def test_risks_outside_the_home_links_only_for_casework_roles(world, client):
    from safeguard.people.tests.journey_outside_home import outside_home_history

    child = world.child_conference
    outside_home_history(child, world.workers["social_worker"])
    sign_in(client, world.users["conference_support"])
    page = client.get(url("child_record", child))
    assert page.status_code == 200
    assert "Risks outside the home" in page.text and "Moderate" in page.text
    assert reverse("exploitation:carole", kwargs={"child_id": child.pk}) not in page.text


@pytest.mark.django_db
def test_risks_outside_the_home_has_an_empty_state(world, client):
    sign_in(client, world.users["social_worker"])
    child = world.child_allocated
    page = client.get(url("child_record", child))
    assert page.context["summary"].outside_home.is_empty
    assert "No exploitation screening, risk assessment, recent missing episode" in page.text
    # The casework role may still start a screening from here.
    screening = reverse("exploitation:carole_screening", kwargs={"child_id": child.pk})
    assert screening in page.text


@pytest.mark.django_db
def test_other_record_pages_do_not_read_risks_outside_the_home(world, history, client):
    sign_in(client, world.users["social_worker"])
    page = client.get(url("child_visits", history))
    assert "outside_home" not in page.context["summary"].__dict__


@pytest.mark.django_db
def test_the_meetings_page_lists_mace_and_hrda(world, history, client):
    sign_in(client, world.users["social_worker"])
    text = client.get(url("child_meetings", history)).text
    assert "First MACE meeting" in text and "MACE review" in text
    assert "Discussed at the HRDA daily meeting" in text
