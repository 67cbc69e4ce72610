"""Registering people and changing their details, births, deaths and disabilities."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from safeguard.core import clock
from safeguard.core.exceptions import StaleRecordError
from safeguard.people.identifiers import upn_check_letter
from safeguard.people.models import Disability, Person, PersonKind
from safeguard.people.services import (
    record_birth,
    record_death,
    register_person,
    set_disabilities,
    update_person_details,
)
from safeguard.people.tests.helpers import message, refused

pytestmark = pytest.mark.django_db

BORN = dt.date(2011, 2, 3)
BODY = "938612345001"
UPN = upn_check_letter(BODY) + BODY
OTHER_BODY = "938612345002"
OTHER_UPN = upn_check_letter(OTHER_BODY) + OTHER_BODY


def child(**overrides):
    values = {
        "la_child_id": "C100",
        "first_name": "Sam",
        "last_name": "Jones",
        "date_of_birth": BORN,
        "gender": "2",
        "ethnicity": "WBRI",
    }
    values.update(overrides)
    return register_person(**values)


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


# --- register_person: accepted -------------------------------------------------------------


def test_register_child_stores_and_normalises_identifiers():
    person = child(
        la_child_id="  C100 ",
        first_name=" Sam ",
        upn=UPN.lower(),
        former_upn=f" {OTHER_UPN} ",
        nhs_number="943 476 5919",
    )
    stored = Person.objects.get(pk=person.pk)
    assert stored.la_child_id == "C100"
    assert stored.first_name == "Sam"
    assert stored.upn == UPN
    assert stored.former_upn == OTHER_UPN
    assert stored.nhs_number == "9434765919"
    assert stored.version == 1
    assert stored.kind == PersonKind.CHILD


def test_register_unborn_child_with_expected_date():
    expected = clock.today() + days(60)
    person = child(date_of_birth=None, expected_date_of_birth=expected, gender="0")
    assert person.is_unborn
    assert Person.objects.get(pk=person.pk).expected_date_of_birth == expected


def test_register_adult_without_a_date_of_birth():
    adult = register_person(
        la_child_id="A1", first_name="Jo", last_name="Jones", kind=PersonKind.ADULT
    )
    assert adult.date_of_birth is None
    assert adult.gender == "0"
    assert adult.ethnicity == "NOBT"


def test_register_with_reason_upn_unknown_instead_of_upn():
    assert child(upn_unknown_reason="UN3").upn_unknown_reason == "UN3"


def test_register_with_death_on_the_day_of_birth():
    assert child(date_of_death=BORN).date_of_death == BORN


def test_register_former_uasc_child():
    person = child(is_uasc=True, uasc_ceased_on=dt.date(2020, 5, 1))
    assert person.uasc_ceased_on == dt.date(2020, 5, 1)


# --- register_person: refused --------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("la_child_id", {"la_child_id": "  "}),
        ("first_name", {"first_name": ""}),
        ("last_name", {"last_name": " "}),
        ("last_name", {"last_name": "X" * 81}),
        ("kind", {"kind": "robot"}),
        ("gender", {"gender": "M"}),
        ("ethnicity", {"ethnicity": "BRIT"}),
        ("upn_unknown_reason", {"upn_unknown_reason": "UN9"}),
        ("former_upn", {"former_upn": "A1"}),
    ],
)
def test_register_refuses_missing_or_unknown_values(field, overrides):
    with refused(field):
        child(**overrides)


def test_la_child_id_must_be_unique_with_a_clear_message():
    child(la_child_id="C100")
    with refused("la_child_id") as excinfo:
        child(la_child_id="C100", first_name="Alex")
    text = message(excinfo, "la_child_id")
    assert "'C100'" in text
    assert "already used" in text
    assert "8510" in text


def test_upn_with_wrong_check_letter_is_refused():
    wrong = next(c for c in "ABC" if c != UPN[0]) + UPN[1:]
    with refused("upn") as excinfo:
        child(upn=wrong)
    assert wrong in message(excinfo, "upn")
    assert "check letter should be" in message(excinfo, "upn")


def test_upn_and_reason_unknown_are_mutually_exclusive():
    with refused("upn_unknown_reason") as excinfo:
        child(upn=UPN, upn_unknown_reason="UN2")
    assert UPN in message(excinfo, "upn_unknown_reason")
    assert "UN2" in message(excinfo, "upn_unknown_reason")


def test_nhs_number_with_wrong_check_digit_is_refused():
    with refused("nhs_number") as excinfo:
        child(nhs_number="9434765918")
    assert "9434765918" in message(excinfo, "nhs_number")


def test_date_of_birth_cannot_be_in_the_future():
    tomorrow = clock.today() + days(1)
    with refused("date_of_birth") as excinfo:
        child(date_of_birth=tomorrow)
    assert f"{tomorrow:%d/%m/%Y}" in message(excinfo, "date_of_birth")


def test_a_child_needs_a_date_of_birth_or_an_expected_one():
    with refused("date_of_birth") as excinfo:
        child(date_of_birth=None)
    assert "8525Q" in message(excinfo, "date_of_birth")


def test_unborn_child_has_expected_date_and_no_date_of_birth():
    with refused("expected_date_of_birth") as excinfo:
        child(expected_date_of_birth=clock.today() + days(30))
    assert f"{BORN:%d/%m/%Y}" in message(excinfo, "expected_date_of_birth")


def test_expected_date_of_birth_at_most_forty_weeks_away():
    child(date_of_birth=None, expected_date_of_birth=clock.today() + dt.timedelta(weeks=40))
    with refused("expected_date_of_birth"):
        child(
            la_child_id="C101",
            date_of_birth=None,
            expected_date_of_birth=clock.today() + dt.timedelta(weeks=40, days=1),
        )


def test_only_a_child_can_be_unborn():
    with refused("kind"):
        child(kind=PersonKind.ADULT, date_of_birth=None, expected_date_of_birth=clock.today())


@pytest.mark.parametrize(("field", "value"), [("upn", UPN), ("nhs_number", "9434765919")])
def test_unborn_child_has_no_upn_or_nhs_number(field, value):
    with refused(field):
        child(date_of_birth=None, expected_date_of_birth=clock.today(), **{field: value})


def test_date_of_death_cannot_be_before_birth_and_names_both_dates():
    with refused("date_of_death") as excinfo:
        child(date_of_death=BORN - days(1))
    text = message(excinfo, "date_of_death")
    assert text == "Date of death (02/02/2011) cannot be before the date of birth (03/02/2011)."


def test_date_of_death_cannot_be_in_the_future():
    with refused("date_of_death"):
        child(date_of_death=clock.today() + days(1))


def test_uasc_ceased_date_needs_uasc_status_and_follows_birth():
    with refused("uasc_ceased_on"):
        child(uasc_ceased_on=dt.date(2020, 1, 1))
    with refused("uasc_ceased_on"):
        child(is_uasc=True, uasc_ceased_on=BORN - days(1))


# --- update_person_details -----------------------------------------------------------------


def test_update_changes_details_and_bumps_the_version():
    person = child()
    updated = update_person_details(
        person=person, expected_version=1, first_name="Samantha", upn=UPN.lower()
    )
    assert updated.version == 2
    stored = Person.objects.get(pk=person.pk)
    assert stored.first_name == "Samantha"
    assert stored.upn == UPN


def test_update_against_a_stale_version_is_refused_and_keeps_the_newer_edit():
    person = child()
    update_person_details(person=person, expected_version=1, last_name="Smith")
    with pytest.raises(StaleRecordError) as excinfo, transaction.atomic():
        update_person_details(person=person, expected_version=1, first_name="Alex")
    stored = Person.objects.get(pk=person.pk)
    assert (stored.first_name, stored.last_name, stored.version) == ("Sam", "Smith", 2)
    assert "version 2" in str(excinfo.value)


def test_update_applies_the_same_checks_and_changes_nothing_when_refused():
    person = child()
    with refused("date_of_death"):
        update_person_details(person=person, expected_version=1, date_of_death=BORN - days(1))
    assert person.date_of_death is None  # the caller's copy is not touched either


def test_update_may_keep_its_own_la_child_id_but_not_take_anothers():
    person = child()
    child(la_child_id="C200", first_name="Alex")
    update_person_details(person=person, expected_version=1, la_child_id="C100")
    with refused("la_child_id"):
        update_person_details(person=person, expected_version=2, la_child_id="C200")


def test_update_cannot_give_an_unborn_child_a_date_of_birth():
    person = child(date_of_birth=None, expected_date_of_birth=clock.today())
    with refused("expected_date_of_birth"):
        update_person_details(person=person, expected_version=1, date_of_birth=clock.today())


def test_update_refuses_unknown_details():
    person = child()
    with pytest.raises(TypeError, match="version"):
        update_person_details(person=person, expected_version=1, version=9)


# --- record_birth ------------------------------------------------------------------------


def test_record_birth_turns_unborn_into_born():
    unborn = child(date_of_birth=None, expected_date_of_birth=clock.today() + days(10), gender="0")
    born = record_birth(person=unborn, date_of_birth=clock.today(), gender="1")
    stored = Person.objects.get(pk=unborn.pk)
    assert (stored.date_of_birth, stored.expected_date_of_birth) == (clock.today(), None)
    assert stored.gender == "1"
    assert born.version == 2
    assert not born.is_unborn


def test_record_birth_refuses_a_child_already_born():
    person = child()
    with refused("date_of_birth") as excinfo:
        record_birth(person=person, date_of_birth=BORN)
    assert "already recorded as born on 03/02/2011" in message(excinfo, "date_of_birth")


def test_record_birth_refuses_a_person_not_recorded_as_unborn():
    adult = register_person(la_child_id="A1", first_name="Jo", last_name="Jones", kind="adult")
    with refused("date_of_birth"):
        record_birth(person=adult, date_of_birth=dt.date(1990, 1, 1))


def test_record_birth_refuses_a_future_date_or_bad_gender():
    unborn = child(date_of_birth=None, expected_date_of_birth=clock.today())
    with refused("date_of_birth"):
        record_birth(person=unborn, date_of_birth=clock.today() + days(1))
    with refused("gender"):
        record_birth(person=unborn, date_of_birth=clock.today(), gender="F")


# --- record_death ------------------------------------------------------------------------


def test_record_death():
    person = child()
    record_death(person=person, date_of_death=dt.date(2020, 3, 1))
    assert Person.objects.get(pk=person.pk).date_of_death == dt.date(2020, 3, 1)


def test_record_death_refuses_a_date_before_birth_or_in_the_future():
    person = child()
    with refused("date_of_death") as excinfo:
        record_death(person=person, date_of_death=dt.date(2010, 2, 1))
    assert "01/02/2010" in message(excinfo, "date_of_death")
    assert "03/02/2011" in message(excinfo, "date_of_death")
    with refused("date_of_death"):
        record_death(person=person, date_of_death=clock.today() + days(1))


def test_record_death_does_not_overwrite_a_recorded_death():
    person = child(date_of_death=dt.date(2020, 3, 1))
    with refused("date_of_death") as excinfo:
        record_death(person=person, date_of_death=dt.date(2020, 3, 2))
    assert "01/03/2020" in message(excinfo, "date_of_death")


# --- set_disabilities ----------------------------------------------------------------------


def codes(person: Person) -> list[str]:
    return sorted(Disability.objects.filter(person=person).values_list("code", flat=True))


def test_set_disabilities_replaces_the_set_and_keeps_rows_for_kept_codes():
    person = child()
    first = set_disabilities(person=person, codes=["AUT", "COMM"])
    assert [d.code for d in first] == ["COMM", "AUT"]  # in the DfE list's order
    kept = Disability.objects.get(person=person, code="AUT").pk
    set_disabilities(person=person, codes=["aut", " LD ", "AUT"])
    assert codes(person) == ["AUT", "LD"]
    assert Disability.objects.get(person=person, code="AUT").pk == kept


def test_set_disabilities_to_none_or_to_nothing():
    person = child()
    set_disabilities(person=person, codes=["NONE"])
    assert codes(person) == ["NONE"]
    assert set_disabilities(person=person, codes=[]) == []
    assert codes(person) == []


def test_none_cannot_be_combined_with_a_disability():
    person = child()
    set_disabilities(person=person, codes=["HEAR"])
    with refused("disabilities") as excinfo:
        set_disabilities(person=person, codes=["NONE", "HEAR", "VIS"])
    assert "8790" in message(excinfo, "disabilities")
    assert "HEAR, VIS" in message(excinfo, "disabilities")


def test_unknown_disability_code_is_refused():
    person = child()
    with refused("disabilities") as excinfo:
        set_disabilities(person=person, codes=["HEAR", "DEAF"])
    assert "'DEAF'" in message(excinfo, "disabilities")
