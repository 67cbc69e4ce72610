"""Person search, registering a person after the duplicate check, and editing details."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from safeguard.access.testing.login import sign_in
from safeguard.access.testing.world import build_world, make_child
from safeguard.audit.models import AuditEvent
from safeguard.people.identifiers import upn_check_letter
from safeguard.people.models import Person

SEARCH = reverse("people:search")
CREATE = reverse("people:create_person")
BODY = "938612345001"
UPN = upn_check_letter(BODY) + BODY
NHS = "9434765919"


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def people(world):
    return {
        "zoe": make_child(
            first_name="Zoë", last_name="O'Brien", date_of_birth=dt.date(2015, 4, 2), upn=UPN
        ),
        "jayden": make_child(
            first_name="Jayden", last_name="Smith", date_of_birth=dt.date(2013, 1, 20)
        ),
        "jaden": make_child(
            first_name="Jaden", last_name="Smyth", date_of_birth=dt.date(2013, 1, 20)
        ),
        "mohammed": make_child(
            first_name="Mohammed",
            last_name="Khan",
            date_of_birth=dt.date(2011, 9, 9),
            nhs_number=NHS,
        ),
        "other": make_child(first_name="Taylor", last_name="Brown"),
    }


def search(client, **params):
    return client.get(SEARCH, params)


def names(page) -> list[str]:
    return [row["person"].first_name for row in page.context["rows"]]


@pytest.mark.django_db
def test_search_forgives_accents_case_slips_and_sound_alike_spellings(world, people, client):
    sign_in(client, world.users["social_worker"])
    assert names(search(client, name="zoe obrien")) == ["Zoë"]
    assert names(search(client, name="Smtih")) == ["Jayden", "Jaden"]  # a slip; sounds alike
    assert set(names(search(client, name="jaiden smith"))) == {"Jayden", "Jaden"}
    assert names(search(client, name="Muhammad Kahn")) == ["Mohammed"]
    assert names(search(client, name="moh")) == ["Mohammed"]  # a prefix
    assert "Taylor" not in names(search(client, name="smith"))


@pytest.mark.django_db
def test_search_by_date_of_birth_and_identifiers(world, people, client):
    sign_in(client, world.users["mash_officer"])
    dob = {"date_of_birth_0": "20", "date_of_birth_1": "1", "date_of_birth_2": "2013"}
    assert set(names(search(client, **dob))) == {"Jayden", "Jaden"}
    assert names(search(client, name="jayden", **dob)) == ["Jayden", "Jaden"]  # exact first
    assert names(search(client, identifier=UPN.lower())) == ["Zoë"]
    assert names(search(client, identifier="943 476 5919")) == ["Mohammed"]
    la_id = people["other"].la_child_id
    page = search(client, identifier=la_id)
    assert names(page) == ["Taylor"]
    assert la_id in page.text and "1 person found" in page.text


@pytest.mark.django_db
def test_search_is_audited_without_the_name(world, people, client):
    sign_in(client, world.users["social_worker"])
    search(client, name="Jayden", identifier="X")
    event = AuditEvent.objects.filter(summary__startswith="Person search").get()
    assert event.summary == "Person search: name, identifier"
    assert "Jayden" not in event.summary and event.row_count == 0
    assert event.actor_id == world.users["social_worker"].pk and event.action == "view"


@pytest.mark.django_db
def test_an_empty_search_asks_for_something(world, client):
    sign_in(client, world.users["social_worker"])
    page = search(client, name="")
    assert page.status_code == 200
    assert "Enter a name, a date of birth or an identifier to search" in page.text
    assert page.text.count("govuk-error-summary") >= 1
    assert "<title>Error:" in page.text
    bad = search(client, date_of_birth_0="31", date_of_birth_1="2", date_of_birth_2="2013")
    assert "The date of birth must be a real date" in bad.text


@pytest.mark.django_db
def test_results_show_status_only_for_children_the_user_may_open(world, client):
    from safeguard.cin.models import CINEpisode

    for child in (world.child_allocated, world.child_other_team):
        CINEpisode.objects.create(
            child=child, referral_date=dt.date(2024, 1, 2), referral_source="2A"
        )
    sign_in(client, world.users["social_worker"])
    page = search(client, date_of_birth_0="9", date_of_birth_1="3", date_of_birth_2="2014")
    rows = {row["person"].first_name: row for row in page.context["rows"]}
    assert rows["Alex"]["status"] == "Child in need"
    assert rows["Blair"]["status"] == ""  # outside the rules: opening it means break-glass
    assert "Casey" in rows  # restricted, but the social worker holds the case
    sign_in(client, world.users["mash_officer"])
    page = search(client, date_of_birth_0="9", date_of_birth_1="3", date_of_birth_2="2014")
    assert "Casey" not in names(page)  # a restricted record is not found by others


@pytest.mark.django_db
def test_search_query_count_is_bounded(world, client, django_assert_max_num_queries):
    for n in range(30):
        make_child(first_name="Robin", last_name=f"Smith{n}")
    sign_in(client, world.users["social_worker"])
    with django_assert_max_num_queries(25):  # about 8 are sign-in and session
        page = search(client, name="robin")
    assert page.context["total"] == 30 and len(page.context["rows"]) == 20
    assert "Next" in page.text


# --- registering a person ---------------------------------------------------------------------


def details(**overrides):
    data = {
        "first_name": "Jaiden",
        "last_name": "Smith",
        "date_of_birth_0": "20",
        "date_of_birth_1": "1",
        "date_of_birth_2": "2013",
        "gender": "1",
        "ethnicity": "WBRI",
        "la_child_id": "N00000001",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_a_possible_duplicate_is_shown_before_anything_is_created(world, people, client):
    sign_in(client, world.users["mash_officer"])
    page = client.post(CREATE, details())
    assert page.status_code == 200
    assert "Check this is not someone already recorded" in page.text
    assert "similar name and same date of birth" in page.text
    assert "This is a different person" in page.text
    assert not Person.objects.filter(la_child_id="N00000001").exists()
    confirmed = client.post(CREATE, details(confirm="True"))
    person = Person.objects.get(la_child_id="N00000001")
    assert confirmed.status_code == 302
    assert confirmed["Location"] == reverse("people:child_record", kwargs={"child_id": person.pk})
    assert person.first_name == "Jaiden" and person.date_of_birth == dt.date(2013, 1, 20)


@pytest.mark.django_db
def test_a_person_with_no_likely_duplicate_is_created_straight_away(world, client):
    sign_in(client, world.users["social_worker"])
    response = client.post(CREATE, details(first_name="Quinn", last_name="Okafor"))
    assert response.status_code == 302
    assert Person.objects.filter(first_name="Quinn", last_name="Okafor").exists()


@pytest.mark.django_db
def test_an_unborn_child_is_registered_with_an_expected_date(world, client):
    sign_in(client, world.users["social_worker"])
    expected = dt.date.today() + dt.timedelta(days=60)
    data = details(first_name="Baby", last_name="Nkemelu", gender="0")
    data.update(
        date_of_birth_0="",
        date_of_birth_1="",
        date_of_birth_2="",
        expected_date_of_birth_0=str(expected.day),
        expected_date_of_birth_1=str(expected.month),
        expected_date_of_birth_2=str(expected.year),
    )
    assert client.post(CREATE, data).status_code == 302
    assert Person.objects.get(last_name="Nkemelu").is_unborn


@pytest.mark.django_db
def test_an_invalid_person_re_renders_with_errors(world, client):
    sign_in(client, world.users["social_worker"])
    page = client.post(CREATE, details(first_name="", upn="A12345678901", last_name="Okafor"))
    assert page.status_code == 200
    assert "Enter the first name" in page.text and "govuk-error-summary" in page.text
    page = client.post(CREATE, details(last_name="Okafor", upn="A12345678901"))
    assert "is not valid" in page.text  # the service's message, on the UPN field
    assert 'value="Okafor"' in page.text
    assert not Person.objects.filter(last_name="Okafor").exists()


@pytest.mark.django_db
def test_roles_without_record_contact_cannot_create(world, client):
    sign_in(client, world.users["service_manager"])
    assert client.post(CREATE, details()).status_code == 403


# --- editing details ----------------------------------------------------------------------


def edit_url(child) -> str:
    return reverse("people:edit_person", kwargs={"child_id": child.pk})


def edit_data(child, **overrides):
    data = details(
        first_name=child.first_name,
        last_name=child.last_name,
        date_of_birth_0="9",
        date_of_birth_1="3",
        date_of_birth_2="2014",
        la_child_id=child.la_child_id,
        version=str(child.version),
    )
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_editing_details_saves_through_the_service(world, client):
    child = world.child_allocated
    sign_in(client, world.users["social_worker"])
    form = client.get(edit_url(child))
    assert form.status_code == 200 and f'value="{child.version}"' in form.text
    response = client.post(edit_url(child), edit_data(child, preferred_name="Al"))
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.preferred_name == "Al" and child.version == 2


@pytest.mark.django_db
def test_a_stale_edit_is_refused_and_keeps_the_input(world, client):
    from safeguard.people.services import update_person_details

    child = world.child_allocated
    sign_in(client, world.users["social_worker"])
    stale = edit_data(child, preferred_name="Lexi")
    update_person_details(person=child, expected_version=child.version, religion="None")
    page = client.post(edit_url(child), stale)
    assert page.status_code == 200
    assert "govuk-error-summary" in page.text and "<title>Error:" in page.text
    assert 'value="Lexi"' in page.text  # the user's input is kept
    child.refresh_from_db()
    assert child.preferred_name == "" and child.religion == "None"
