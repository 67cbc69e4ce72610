"""Finding possible duplicate people despite spelling, and the name matching behind it."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.people.identifiers import upn_check_letter
from safeguard.people.matching import (
    edit_distance,
    name_parts,
    names_alike,
    normalise_name,
    soundex,
)
from safeguard.people.selectors import find_possible_duplicates

DOB = dt.date(2012, 5, 7)
BODY = "938612345001"
UPN = upn_check_letter(BODY) + BODY


# --- matching helpers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("Robert", "R163"),
        ("Rupert", "R163"),
        ("Tymczak", "T522"),
        ("Pfister", "P236"),
        ("Ashcraft", "A261"),
        ("Honeyman", "H555"),
        ("Lee", "L000"),
        ("", ""),
    ],
)
def test_soundex_matches_the_published_examples(word, code):
    assert soundex(word) == code


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("smith", "smith", 0), ("smith", "smtih", 1), ("smith", "smyth", 1), ("kitten", "sitting", 3)],
)
def test_edit_distance_counts_a_swap_as_one_slip(a, b, distance):
    assert edit_distance(a, b) == distance


def test_names_are_reduced_to_ascii_letters():
    assert name_parts("Zoë O'Brien-Smith") == ["zoe", "obrien", "smith"]
    assert normalise_name(" O\u2019Brien ") == "obrien"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Jayden", "Jaden"),
        ("Mohammed", "Muhammad"),
        ("Sean", "Shaun"),
        ("Katie", "Katy"),
        ("Smith", "Smtih"),
        ("Zoë", "ZOE"),
        ("O'Brien", "OBrien"),
        ("Smith-Jones", "Smith"),
        ("Mary Ann", "Mary"),
    ],
)
def test_names_alike(a, b):
    assert names_alike(a, b)


@pytest.mark.parametrize(("a", "b"), [("Amy", "Ann"), ("Ann", "Ian"), ("Jones", "Smith"), ("", "")])
def test_names_not_alike(a, b):
    assert not names_alike(a, b)


# --- find_possible_duplicates --------------------------------------------------------------


@pytest.fixture
def jayden(make_child):
    return make_child(first_name="Jayden", last_name="O'Brien", date_of_birth=DOB)


def found(*args, **kwargs):
    return [match.person for match in find_possible_duplicates(*args, **kwargs)]


@pytest.mark.django_db
def test_same_date_of_birth_and_names_spelt_differently(jayden):
    matches = find_possible_duplicates("Jaden", "OBrian", DOB)
    assert [m.person for m in matches] == [jayden]
    assert matches[0].reasons == ("similar name and same date of birth",)


@pytest.mark.django_db
def test_first_and_last_names_swapped(jayden):
    assert found("O'Brien", "Jayden", DOB) == [jayden]


@pytest.mark.django_db
def test_day_and_month_of_birth_swapped(jayden):
    matches = find_possible_duplicates("Jayden", "O'Brien", dt.date(2012, 7, 5))
    assert [m.person for m in matches] == [jayden]
    assert "day and month swapped" in matches[0].reasons[0]


@pytest.mark.django_db
def test_same_first_name_and_birth_date_with_a_new_surname(jayden):
    matches = find_possible_duplicates("Jayden", "Wilson", DOB)
    assert [m.person for m in matches] == [jayden]
    assert "different surname" in matches[0].reasons[0]


@pytest.mark.django_db
def test_preferred_name_counts_as_a_first_name(make_child):
    person = make_child(first_name="Alexander", preferred_name="Sasha", last_name="Kowalski")
    assert found("Sasha", "Kowalski", person.date_of_birth) == [person]


@pytest.mark.django_db
def test_twins_are_not_duplicates(make_child):
    make_child(first_name="Olivia", last_name="Patel", date_of_birth=DOB)
    assert found("Harry", "Patel", DOB) == []


@pytest.mark.django_db
def test_similar_name_with_another_birth_date_is_not_a_match(jayden):
    assert found("Jayden", "O'Brien", dt.date(2013, 5, 7)) == []


@pytest.mark.django_db
def test_shared_identifiers_match_whatever_the_name(make_child):
    by_upn = make_child(first_name="Kai", upn=UPN)
    by_former = make_child(first_name="Lou", former_upn=UPN, date_of_birth=dt.date(2001, 1, 1))
    by_nhs = make_child(first_name="Max", nhs_number="9434765919")
    assert set(found("Someone", "Else", None, upn=UPN.lower())) == {by_upn, by_former}
    matches = find_possible_duplicates("Someone", "Else", None, nhs_number="943 476 5919")
    assert [m.person for m in matches] == [by_nhs]
    assert matches[0].reasons == ("same NHS number (9434765919)",)


@pytest.mark.django_db
def test_strongest_match_first_with_all_reasons(make_child, jayden):
    weak = make_child(first_name="Jayden", last_name="Wilson", date_of_birth=DOB)
    strong = make_child(first_name="Jaydn", last_name="OBrien", date_of_birth=DOB, upn=UPN)
    matches = find_possible_duplicates("Jayden", "O'Brien", DOB, upn=UPN)
    assert [m.person for m in matches] == [strong, jayden, weak]
    assert matches[0].reasons == (f"same UPN ({UPN})", "similar name and same date of birth")
    assert matches[0].strength > matches[1].strength > matches[2].strength


@pytest.mark.django_db
def test_exclude_the_record_being_edited(jayden):
    assert found("Jayden", "O'Brien", DOB, exclude=jayden) == []


@pytest.mark.django_db
def test_no_birth_date_and_no_identifiers_finds_nothing(jayden):
    assert found("Jayden", "O'Brien", None) == []
