"""OC2: the stored answers, what is derived from health records, and the cohort."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.care import selectors
from safeguard.care.models import OutcomesRecord
from safeguard.care.services import (
    end_looked_after_period,
    record_health_assessment,
    record_outcomes,
)
from safeguard.care.tests.helpers import foster, message, refused, start_care

pytestmark = pytest.mark.django_db

YEAR_END = dt.date(2020, 3, 31)
YEAR = selectors.ReturnYear.ending(2020)
ANSWERS = {"immunisations_up_to_date": True, "substance_misuse": False}


@pytest.fixture
def looked_after(child):
    """Aged 6 when looked after on 04/03/2019: in the OC2 cohort for 2019-20."""
    return start_care(child)


@pytest.fixture
def teenager(make_child):
    young_person = make_child(date_of_birth=dt.date(2005, 1, 20))
    start_care(young_person)
    return young_person


def test_record_outcomes(looked_after):
    record = record_outcomes(child=looked_after.child, year_ending=YEAR_END, **ANSWERS)
    stored = OutcomesRecord.objects.get(pk=record.pk)
    assert stored.immunisations_up_to_date is True
    assert stored.substance_misuse is False
    assert stored.convicted is None
    assert stored.health_check_up_to_date is None


def test_recording_again_replaces_the_answers(looked_after):
    first = record_outcomes(child=looked_after.child, year_ending=YEAR_END, **ANSWERS)
    second = record_outcomes(
        child=looked_after.child,
        year_ending=YEAR_END,
        immunisations_up_to_date=False,
        substance_misuse=False,
    )
    assert second.pk == first.pk
    assert second.version == first.version + 1
    assert OutcomesRecord.objects.get(pk=first.pk).immunisations_up_to_date is False


def test_only_for_children_looked_after_for_12_months(looked_after, make_child):
    with refused("child") as excinfo:
        record_outcomes(child=looked_after.child, year_ending=dt.date(2019, 3, 31), **ANSWERS)
    assert "190" in message(excinfo, "child")
    left = make_child()
    start_care(left, started_on=dt.date(2018, 1, 8))
    end_looked_after_period(child=left, ended_on=dt.date(2020, 3, 2), reason_ceased="E4A")
    with refused("child"):
        record_outcomes(child=left, year_ending=YEAR_END, **ANSWERS)


def test_year_ends_on_31_march(looked_after):
    with refused("year_ending"):
        record_outcomes(child=looked_after.child, year_ending=dt.date(2020, 4, 1), **ANSWERS)
    with refused("year_ending"):
        record_outcomes(child=looked_after.child, year_ending=dt.date(2100, 3, 31), **ANSWERS)


def test_core_items_are_answered(looked_after):
    with refused("immunisations_up_to_date") as excinfo:
        record_outcomes(
            child=looked_after.child,
            year_ending=YEAR_END,
            immunisations_up_to_date=None,
            substance_misuse=False,
        )
    assert "182" in message(excinfo, "immunisations_up_to_date")
    with refused("substance_misuse"):
        record_outcomes(
            child=looked_after.child,
            year_ending=YEAR_END,
            immunisations_up_to_date=True,
            substance_misuse=None,
        )


def test_convictions_for_children_10_or_over_only(looked_after, teenager):
    with refused("convicted") as excinfo:
        record_outcomes(child=looked_after.child, year_ending=YEAR_END, convicted=False, **ANSWERS)
    assert "542" in message(excinfo, "convicted")
    with refused("convicted") as excinfo:
        record_outcomes(child=teenager, year_ending=YEAR_END, **ANSWERS)
    assert "543" in message(excinfo, "convicted")
    assert record_outcomes(
        child=teenager, year_ending=YEAR_END, convicted=True, **ANSWERS
    ).convicted


def test_health_check_for_under_fives_only(looked_after, make_child):
    with refused("health_check_up_to_date") as excinfo:
        record_outcomes(
            child=looked_after.child, year_ending=YEAR_END, health_check_up_to_date=True, **ANSWERS
        )
    assert "546" in message(excinfo, "health_check_up_to_date")
    toddler = make_child(date_of_birth=dt.date(2017, 2, 1))
    start_care(toddler)
    with refused("health_check_up_to_date"):
        record_outcomes(child=toddler, year_ending=YEAR_END, **ANSWERS)
    record = record_outcomes(
        child=toddler, year_ending=YEAR_END, health_check_up_to_date=True, **ANSWERS
    )
    assert record.health_check_up_to_date is True


def test_substance_misuse_interventions(teenager):
    base = {
        "child": teenager,
        "year_ending": YEAR_END,
        "convicted": False,
        "immunisations_up_to_date": True,
    }
    with refused("intervention_received") as excinfo:
        record_outcomes(**base, substance_misuse=True)
    assert "192" in message(excinfo, "intervention_received")
    with refused("intervention_received"):
        record_outcomes(**base, substance_misuse=False, intervention_received=False)
    with refused("intervention_offered") as excinfo:
        record_outcomes(
            **base, substance_misuse=True, intervention_received=True, intervention_offered=True
        )
    assert "158" in message(excinfo, "intervention_offered")
    with refused("intervention_offered"):
        record_outcomes(**base, substance_misuse=True, intervention_received=False)
    record = record_outcomes(
        **base, substance_misuse=True, intervention_received=False, intervention_offered=True
    )
    assert record.intervention_offered is True


def test_sdq_reason_only_without_a_score(looked_after):
    child = looked_after.child
    record_outcomes(child=child, year_ending=YEAR_END, sdq_reason="SDQ2", **ANSWERS)
    record_health_assessment(
        child=child, kind="sdq", assessed_on=dt.date(2019, 10, 1), sdq_score=17
    )
    with refused("sdq_reason") as excinfo:
        record_outcomes(child=child, year_ending=YEAR_END, sdq_reason="SDQ4", **ANSWERS)
    assert "197a" in message(excinfo, "sdq_reason")
    with refused("sdq_reason"):
        record_outcomes(child=child, year_ending=YEAR_END, sdq_reason="SDQ9", **ANSWERS)


def test_oc2_rows_combine_stored_and_derived_items(looked_after, make_child):
    child = looked_after.child
    record_outcomes(child=child, year_ending=YEAR_END, **ANSWERS)
    record_health_assessment(child=child, kind="review", assessed_on=dt.date(2019, 9, 2))
    record_health_assessment(child=child, kind="sdq", assessed_on=dt.date(2019, 6, 1), sdq_score=21)
    record_health_assessment(child=child, kind="sdq", assessed_on=dt.date(2020, 1, 6), sdq_score=15)
    start_care(make_child(), started_on=dt.date(2019, 9, 2))  # not 12 months: not in OC2
    assert selectors.oc2_rows(YEAR) == [
        {
            "CHILD": child.la_child_id,
            "DOB": "2012-05-17",
            "SDQ_SCORE": 15,
            "SDQ_REASON": None,
            "CONVICTED": None,
            "HEALTH_CHECK": None,
            "IMMUNISATIONS": "1",
            "TEETH_CHECK": "0",
            "HEALTH_ASSESSMENT": "1",
            "SUBSTANCE_MISUSE": "0",
            "INTERVENTION_RECEIVED": None,
            "INTERVENTION_OFFERED": None,
        }
    ]
    assert selectors.oc2_rows(selectors.ReturnYear.ending(2019)) == []


def test_short_breaks_only_are_not_in_oc2(child):
    start_care(child, legal_status="V3", placement=foster(postcode="", distance_miles=None))
    assert selectors.oc2_rows(YEAR) == []
    with refused("child"):
        record_outcomes(child=child, year_ending=YEAR_END, **ANSWERS)
