"""Relationships between people, households and who lives where."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.core import clock
from safeguard.people.models import HouseholdMember, PersonKind, Relationship, RelationshipType
from safeguard.people.selectors import current_household, household_members, relationships_of
from safeguard.people.services import (
    add_relationship,
    create_household,
    end_relationship,
    move_into_household,
    move_out_of_household,
    normalise_postcode,
)
from safeguard.people.tests.helpers import message, refused

pytestmark = pytest.mark.django_db

PARENT = RelationshipType.PARENT
SIBLING = RelationshipType.SIBLING


@pytest.fixture
def mum(make_child):
    return make_child(kind=PersonKind.ADULT, first_name="Jo", date_of_birth=dt.date(1990, 1, 1))


@pytest.fixture
def sibling(make_child):
    return make_child(first_name="Alex", date_of_birth=dt.date(2014, 3, 3))


@pytest.fixture
def home():
    return create_household(address_line_1="1 High Street", postcode="ab1 2cd")


@pytest.fixture
def flat():
    return create_household(address_line_1="Flat 2, Mill Lane", postcode="AB3 4EF")


# --- relationships -----------------------------------------------------------------------


def test_add_relationship_records_one_direction(mum, child):
    relationship = add_relationship(
        person=mum,
        related_to=child,
        relationship_type=PARENT,
        has_parental_responsibility=True,
        started_on=child.date_of_birth,
    )
    assert str(relationship).startswith(f"{mum} is Parent to {child}")
    assert Relationship.objects.count() == 1
    assert list(relationships_of(child)) == [relationship]
    assert list(relationships_of(mum)) == [relationship]


def test_relationship_to_self_is_refused(child):
    with refused("related_to"):
        add_relationship(person=child, related_to=child, relationship_type=SIBLING)


def test_unknown_relationship_type_is_refused(mum, child):
    with refused("relationship_type") as excinfo:
        add_relationship(person=mum, related_to=child, relationship_type="cousin")
    assert "'cousin'" in message(excinfo, "relationship_type")


def test_duplicate_active_relationship_of_the_same_type_is_refused(mum, child):
    add_relationship(person=mum, related_to=child, relationship_type=PARENT)
    with refused("relationship_type") as excinfo:
        add_relationship(person=mum, related_to=child, relationship_type=PARENT)
    assert "already recorded as parent" in message(excinfo, "relationship_type")


def test_a_different_type_between_the_same_people_is_allowed(mum, child):
    add_relationship(person=mum, related_to=child, relationship_type=PARENT)
    add_relationship(person=mum, related_to=child, relationship_type=RelationshipType.CARER)
    assert Relationship.objects.count() == 2


def test_sibling_recorded_either_way_counts_as_a_duplicate(child, sibling):
    add_relationship(person=child, related_to=sibling, relationship_type=SIBLING)
    with refused("relationship_type"):
        add_relationship(person=sibling, related_to=child, relationship_type=SIBLING)


def test_parent_cannot_be_recorded_both_ways_round(mum, child):
    add_relationship(person=mum, related_to=child, relationship_type=PARENT)
    with refused("relationship_type") as excinfo:
        add_relationship(person=child, related_to=mum, relationship_type=PARENT)
    assert "cannot also be parent" in message(excinfo, "relationship_type")


def test_relationship_cannot_start_in_the_future(mum, child):
    with refused("started_on"):
        add_relationship(
            person=mum,
            related_to=child,
            relationship_type=PARENT,
            started_on=clock.today() + dt.timedelta(days=1),
        )


def test_end_relationship_then_record_it_again(mum, child):
    partner = add_relationship(
        person=mum,
        related_to=child,
        relationship_type=RelationshipType.PARTNER,
        started_on=dt.date(2018, 1, 1),
    )
    end_relationship(relationship=partner, ended_on=dt.date(2019, 1, 1))
    assert Relationship.objects.get(pk=partner.pk).ended_on == dt.date(2019, 1, 1)
    assert list(relationships_of(child)) == []
    assert list(relationships_of(child, active_only=False)) == [partner]
    add_relationship(person=mum, related_to=child, relationship_type=RelationshipType.PARTNER)
    assert Relationship.objects.count() == 2


def test_end_relationship_refuses_bad_dates_and_a_second_ending(mum, child):
    relationship = add_relationship(
        person=mum, related_to=child, relationship_type=PARENT, started_on=dt.date(2018, 1, 1)
    )
    with refused("ended_on") as excinfo:
        end_relationship(relationship=relationship, ended_on=dt.date(2017, 12, 31))
    assert "31/12/2017" in message(excinfo, "ended_on")
    with refused("ended_on"):
        end_relationship(relationship=relationship, ended_on=clock.today() + dt.timedelta(days=1))
    end_relationship(relationship=relationship, ended_on=dt.date(2019, 1, 1))
    with refused("ended_on"):
        end_relationship(relationship=relationship, ended_on=dt.date(2019, 2, 1))


# --- households --------------------------------------------------------------------------


def test_create_household_tidies_the_postcode(home):
    assert home.postcode == "AB1 2CD"
    assert home.address_line_1 == "1 High Street"


@pytest.mark.parametrize(
    ("raw", "tidy"), [("sw1a1aa", "SW1A 1AA"), (" M1  1AE ", "M1 1AE"), ("b338th", "B33 8TH")]
)
def test_normalise_postcode(raw, tidy):
    assert normalise_postcode(raw) == tidy


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("postcode", {"postcode": "12345"}),
        ("postcode", {"postcode": ""}),
        ("address_line_1", {"address_line_1": "  "}),
        ("town", {"town": "T" * 81}),
    ],
)
def test_create_household_refuses_bad_details(field, values):
    details = {"address_line_1": "1 High Street", "postcode": "AB1 2CD", **values}
    with refused(field):
        create_household(**details)


def test_first_move_into_a_household(child, home):
    membership = move_into_household(person=child, household=home, moved_in_on=dt.date(2015, 1, 1))
    assert membership.moved_out_on is None
    assert current_household(child) == home


def test_moving_ends_the_previous_membership_the_day_before(child, home, flat):
    first = move_into_household(person=child, household=home, moved_in_on=dt.date(2015, 1, 1))
    move_into_household(person=child, household=flat, moved_in_on=dt.date(2019, 6, 1))
    assert HouseholdMember.objects.get(pk=first.pk).moved_out_on == dt.date(2019, 5, 31)
    assert current_household(child) == flat
    assert list(household_members(home, on=dt.date(2019, 5, 31)).values_list("person", flat=True))
    assert not household_members(home, on=dt.date(2019, 6, 1)).exists()
    assert household_members(flat).get().person == child


def test_moving_into_the_current_household_again_is_refused(child, home):
    move_into_household(person=child, household=home, moved_in_on=dt.date(2015, 1, 1))
    with refused("household") as excinfo:
        move_into_household(person=child, household=home, moved_in_on=dt.date(2016, 1, 1))
    assert "since 01/01/2015" in message(excinfo, "household")


def test_moving_on_or_before_the_current_move_in_is_refused(child, home, flat):
    move_into_household(person=child, household=home, moved_in_on=dt.date(2015, 1, 1))
    with refused("moved_in_on") as excinfo:
        move_into_household(person=child, household=flat, moved_in_on=dt.date(2015, 1, 1))
    assert "cannot overlap" in message(excinfo, "moved_in_on")


def test_moving_inside_an_earlier_closed_membership_is_refused(child, home, flat):
    move_into_household(person=child, household=home, moved_in_on=dt.date(2015, 1, 1))
    move_out_of_household(person=child, moved_out_on=dt.date(2016, 1, 1))
    with refused("moved_in_on") as excinfo:
        move_into_household(person=child, household=flat, moved_in_on=dt.date(2015, 12, 31))
    assert "01/01/2015 to 01/01/2016" in message(excinfo, "moved_in_on")
    move_into_household(person=child, household=flat, moved_in_on=dt.date(2016, 1, 2))


def test_move_in_date_not_in_future_nor_before_birth(child, home):
    with refused("moved_in_on"):
        move_into_household(
            person=child, household=home, moved_in_on=clock.today() + dt.timedelta(days=1)
        )
    with refused("moved_in_on"):
        move_into_household(
            person=child, household=home, moved_in_on=child.date_of_birth - dt.timedelta(days=1)
        )


def test_move_out_of_household(child, home):
    move_into_household(person=child, household=home, moved_in_on=dt.date(2015, 1, 1))
    membership = move_out_of_household(person=child, moved_out_on=dt.date(2015, 1, 1))
    assert membership.moved_out_on == dt.date(2015, 1, 1)
    assert current_household(child) is None


def test_move_out_needs_a_current_household_and_a_sensible_date(child, home):
    with refused("moved_out_on"):
        move_out_of_household(person=child, moved_out_on=dt.date(2015, 1, 1))
    move_into_household(person=child, household=home, moved_in_on=dt.date(2015, 1, 1))
    with refused("moved_out_on"):
        move_out_of_household(person=child, moved_out_on=dt.date(2014, 12, 31))
