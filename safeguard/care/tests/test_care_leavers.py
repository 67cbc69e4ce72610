"""Care leavers (OC3), pathway plan reviews, and the UASC file."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.care import selectors
from safeguard.care.models import CareLeaverContact
from safeguard.care.services import (
    end_looked_after_period,
    record_care_leaver_contact,
    record_pathway_plan_review,
)
from safeguard.care.tests.helpers import foster, message, refused, start_care
from safeguard.core import clock

pytestmark = pytest.mark.django_db

BORN = dt.date(2003, 6, 1)
CARE_FROM = dt.date(2018, 1, 10)  # aged 14
EIGHTEENTH = dt.date(2021, 6, 1)
CONTACT = dt.date(2021, 6, 15)
IN_TOUCH = {"in_touch": "YES", "activity": "F2", "accommodation": "Z1"}


def left_care(child, *, ended_on=EIGHTEENTH, reason="E17", started_on=CARE_FROM):
    start_care(child, started_on=started_on)
    end_looked_after_period(child=child, ended_on=ended_on, reason_ceased=reason)
    return child


@pytest.fixture
def leaver(make_child):
    """Looked after from 14 to 18, then staying put with the foster carers."""
    return left_care(make_child(date_of_birth=BORN))


def contact(child, **overrides):
    values = {"contact_on": CONTACT, **IN_TOUCH}
    values.update(overrides)
    return record_care_leaver_contact(child=child, **values)


def test_record_a_care_leaver_contact(leaver, adviser):
    recorded = contact(leaver, personal_adviser=adviser)
    stored = CareLeaverContact.objects.get(pk=recorded.pk)
    assert (stored.in_touch, stored.activity, stored.accommodation) == ("YES", "F2", "Z1")
    assert stored.is_staying_put
    assert stored.accommodation_suitable is True
    assert stored.personal_adviser == adviser


def test_only_for_a_care_leaver(make_child):
    still_in_care = make_child(date_of_birth=BORN)
    start_care(still_in_care, started_on=CARE_FROM)
    with refused("child") as excinfo:
        contact(still_in_care, contact_on=dt.date(2020, 1, 6))
    assert "still looked after" in message(excinfo, "child")
    never = make_child(date_of_birth=BORN)
    with refused("child") as excinfo:
        contact(never)
    assert "never been looked after" in message(excinfo, "child")


def test_not_a_care_leaver_after_a_short_stay(make_child):
    brief = left_care(
        make_child(date_of_birth=BORN),
        started_on=dt.date(2020, 1, 6),
        ended_on=dt.date(2020, 2, 3),
        reason="E4A",
    )
    with refused("child") as excinfo:
        contact(brief, **{"in_touch": "YES", "accommodation": "B1"})
    assert "13 weeks" in message(excinfo, "child")


def test_not_a_care_leaver_if_care_ended_before_16(make_child):
    young = left_care(
        make_child(date_of_birth=dt.date(2005, 1, 20)),
        started_on=dt.date(2019, 3, 4),
        ended_on=dt.date(2019, 12, 2),
        reason="E4A",
    )
    with refused("child") as excinfo:
        contact(young, contact_on=dt.date(2021, 3, 1), accommodation="B1")
    assert "16th birthday" in message(excinfo, "child")


def test_not_a_care_leaver_after_a_transfer(make_child):
    moved = left_care(make_child(date_of_birth=BORN), ended_on=dt.date(2020, 6, 1), reason="E3")
    with refused("child") as excinfo:
        contact(moved, accommodation="B1")
    assert "E3" in message(excinfo, "child")


def test_not_after_25(make_child):
    older = left_care(
        make_child(date_of_birth=dt.date(1994, 6, 1)),
        started_on=dt.date(2010, 1, 11),
        ended_on=dt.date(2012, 6, 1),
    )
    with refused("child"):
        contact(older, contact_on=dt.date(2021, 1, 4), accommodation="B1")
    assert contact(older, contact_on=dt.date(2019, 1, 7), accommodation="B1").pk


def test_in_touch_and_the_zero_codes(leaver):
    with refused("activity") as excinfo:
        contact(leaver, activity="0")
    assert "345" in message(excinfo, "activity")
    with refused("accommodation"):
        contact(leaver, accommodation="0")
    with refused("activity") as excinfo:
        contact(leaver, in_touch="NO")
    assert "344" in message(excinfo, "activity")
    with refused("accommodation"):
        contact(leaver, in_touch="REFU", activity="0")
    not_in_touch = contact(leaver, in_touch="NO", activity="0", accommodation="0")
    assert not_in_touch.accommodation_suitable is None


@pytest.mark.parametrize(("accommodation", "rule"), [("T1", "347"), ("Z2", "3001")])
def test_accommodation_under_18(make_child, accommodation, rule):
    seventeen = left_care(
        make_child(date_of_birth=BORN), ended_on=dt.date(2020, 9, 7), reason="E4A"
    )
    with refused("accommodation") as excinfo:
        contact(seventeen, contact_on=dt.date(2020, 10, 5), accommodation=accommodation)
    assert rule in message(excinfo, "accommodation")
    assert contact(seventeen, contact_on=dt.date(2020, 10, 5), accommodation="B1").pk


def test_codes_must_be_valid(leaver):
    for field in ("in_touch", "activity", "accommodation"):
        with refused(field):
            contact(leaver, **{field: "??"})


def test_personal_adviser_has_that_role(leaver, worker):
    with refused("personal_adviser"):
        contact(leaver, personal_adviser=worker)


def test_one_contact_a_day_and_not_in_the_future(leaver):
    contact(leaver)
    with refused("contact_on"):
        contact(leaver)
    with refused("contact_on"):
        contact(leaver, contact_on=clock.today() + dt.timedelta(days=1))


# --- pathway plans ------------------------------------------------------------------------


def test_pathway_plan_review_for_an_eligible_child_and_a_care_leaver(make_child, adviser):
    young_person = make_child(date_of_birth=BORN)
    start_care(young_person, started_on=CARE_FROM)
    review = record_pathway_plan_review(
        child=young_person, reviewed_on=dt.date(2019, 7, 1), personal_adviser=adviser
    )
    assert review.personal_adviser == adviser
    with refused("reviewed_on"):
        record_pathway_plan_review(child=young_person, reviewed_on=dt.date(2019, 5, 1))
    with refused("reviewed_on"):
        record_pathway_plan_review(child=young_person, reviewed_on=dt.date(2019, 7, 1))
    end_looked_after_period(child=young_person, ended_on=EIGHTEENTH, reason_ceased="E17")
    assert record_pathway_plan_review(child=young_person, reviewed_on=CONTACT).pk


def test_pathway_plan_review_needs_care_history(make_child, adviser, worker, leaver):
    never = make_child(date_of_birth=BORN)
    with refused("child"):
        record_pathway_plan_review(child=never, reviewed_on=dt.date(2019, 7, 1))
    with refused("personal_adviser"):
        record_pathway_plan_review(child=leaver, reviewed_on=CONTACT, personal_adviser=worker)
    with refused("reviewed_on"):
        record_pathway_plan_review(child=leaver, reviewed_on=clock.today() + dt.timedelta(days=1))


# --- OC3 and UASC -------------------------------------------------------------------------


def test_oc3_rows(leaver, make_child):
    contact(leaver)
    still_in_care = make_child(date_of_birth=dt.date(2003, 9, 1))
    start_care(still_in_care, started_on=CARE_FROM)
    end_looked_after_period(child=still_in_care, ended_on=dt.date(2021, 10, 4), reason_ceased="E5")
    assert selectors.oc3_rows(selectors.ReturnYear.ending(2022)) == [
        {
            "CHILD": leaver.la_child_id,
            "DOB": "2003-06-01",
            "IN_TOUCH": "YES",
            "ACTIV": "F2",
            "ACCOM": "Z1",
        }
    ]
    next_year = selectors.ReturnYear.ending(2023)
    rows = {row["CHILD"]: row for row in selectors.oc3_rows(next_year)}
    assert rows[leaver.la_child_id]["IN_TOUCH"] is None  # no contact around the 19th birthday
    assert rows[still_in_care.la_child_id]["DOB"] == "2003-09-01"


def test_uasc_rows(make_child):
    uasc = make_child(is_uasc=True, gender="1")
    former = make_child(uasc_ceased_on=dt.date(2019, 9, 1))
    other = make_child()
    for child in (uasc, former, other):
        start_care(child, placement=foster(distance_miles=None))
    year = selectors.ReturnYear.ending(2020)
    assert selectors.uasc_rows(year) == sorted(
        [
            {"CHILD": uasc.la_child_id, "DOB": "2012-05-17", "SEX": "1", "DUC": None},
            {"CHILD": former.la_child_id, "DOB": "2012-05-17", "SEX": "2", "DUC": "2019-09-01"},
        ],
        key=lambda row: row["CHILD"],
    )
    assert selectors.uasc_rows(selectors.ReturnYear.ending(2018)) == []


def test_care_leaver_visits_are_recorded_for_a_care_leaver(leaver, adviser):
    from safeguard.cin.models import VisitLocation, VisitType
    from safeguard.cin.services import record_visit

    recorded = record_visit(
        child=leaver,
        visit_date=CONTACT,
        visit_type=VisitType.CARE_LEAVER,
        worker=adviser,
        child_seen=True,
        seen_alone=True,
        location=VisitLocation.COMMUNITY,
    )
    assert recorded.episode is None


def test_care_leaver_visit_refused_while_still_in_care(make_child, adviser):
    from safeguard.cin.models import VisitLocation, VisitType
    from safeguard.cin.services import record_visit

    still_in_care = make_child(date_of_birth=BORN)
    start_care(still_in_care, started_on=CARE_FROM)
    with refused("visit_type") as excinfo:
        record_visit(
            child=still_in_care,
            visit_date=CONTACT,
            visit_type=VisitType.CARE_LEAVER,
            worker=adviser,
            child_seen=True,
            seen_alone=False,
            location=VisitLocation.PLACEMENT,
        )
    assert "still looked after" in message(excinfo, "visit_type")
