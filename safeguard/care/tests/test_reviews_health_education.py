"""Looked-after reviews (SSDA903 Reviews), health assessments and PEPs."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.care import selectors
from safeguard.care.models import HealthAssessment, HealthAssessmentKind, LookedAfterReview
from safeguard.care.services import record_health_assessment, record_looked_after_review, record_pep
from safeguard.care.tests.helpers import START, message, refused, start_care
from safeguard.core import clock

pytestmark = pytest.mark.django_db

REVIEW = dt.date(2019, 3, 29)


@pytest.fixture
def looked_after(child):
    return start_care(child)


# --- reviews ------------------------------------------------------------------------------


def test_record_a_review(looked_after, iro):
    review = record_looked_after_review(
        child=looked_after.child, held_on=REVIEW, participation="PN1", chaired_by=iro
    )
    stored = LookedAfterReview.objects.get(pk=review.pk)
    assert stored.period == looked_after.period
    assert (stored.held_on, stored.participation, stored.chaired_by) == (REVIEW, "PN1", iro)


def test_a_review_is_for_a_looked_after_child(child, looked_after, iro):
    with refused("held_on"):
        record_looked_after_review(
            child=child, held_on=START - dt.timedelta(days=1), participation="PN1", chaired_by=iro
        )


def test_a_review_is_not_in_the_future(looked_after, iro):
    with refused("held_on"):
        record_looked_after_review(
            child=looked_after.child,
            held_on=clock.today() + dt.timedelta(days=1),
            participation="PN1",
            chaired_by=iro,
        )


def test_participation_code_matches_age(looked_after, iro, make_child):
    with refused("participation") as excinfo:
        record_looked_after_review(
            child=looked_after.child, held_on=REVIEW, participation="PN0", chaired_by=iro
        )
    assert "440" in message(excinfo, "participation")
    toddler = make_child(date_of_birth=dt.date(2016, 1, 1))
    start_care(toddler)
    with refused("participation"):
        record_looked_after_review(
            child=toddler, held_on=REVIEW, participation="PN1", chaired_by=iro
        )
    record_looked_after_review(child=toddler, held_on=REVIEW, participation="PN0", chaired_by=iro)
    with refused("participation"):
        record_looked_after_review(
            child=looked_after.child, held_on=REVIEW, participation="PN9", chaired_by=iro
        )


def test_the_chair_is_an_iro_in_post(looked_after, worker, make_worker):
    with refused("chaired_by") as excinfo:
        record_looked_after_review(
            child=looked_after.child, held_on=REVIEW, participation="PN1", chaired_by=worker
        )
    assert "social worker" in message(excinfo, "chaired_by")
    gone = make_worker(role="cp_chair", left_on=dt.date(2019, 3, 1))
    with refused("chaired_by"):
        record_looked_after_review(
            child=looked_after.child, held_on=REVIEW, participation="PN1", chaired_by=gone
        )


def test_one_review_a_day(looked_after, iro):
    record_looked_after_review(
        child=looked_after.child, held_on=REVIEW, participation="PN1", chaired_by=iro
    )
    with refused("held_on"):
        record_looked_after_review(
            child=looked_after.child, held_on=REVIEW, participation="PN5", chaired_by=iro
        )


def test_review_rows(looked_after, iro):
    record_looked_after_review(
        child=looked_after.child, held_on=REVIEW, participation="PN1", chaired_by=iro
    )
    record_looked_after_review(
        child=looked_after.child, held_on=dt.date(2019, 6, 28), participation="PN6", chaired_by=iro
    )
    assert selectors.review_rows(selectors.ReturnYear.ending(2019)) == [
        {
            "CHILD": looked_after.child.la_child_id,
            "DOB": "2012-05-17",
            "REVIEW": "2019-03-29",
            "REVIEW_CODE": "PN1",
        }
    ]
    assert len(selectors.review_rows(selectors.ReturnYear.ending(2020))) == 1


# --- health assessments -------------------------------------------------------------------


def test_initial_then_review_health_assessment(looked_after):
    child = looked_after.child
    initial = record_health_assessment(
        child=child, kind=HealthAssessmentKind.INITIAL, assessed_on=dt.date(2019, 3, 25)
    )
    assert initial.period == looked_after.period
    with refused("kind"):
        record_health_assessment(
            child=child, kind=HealthAssessmentKind.INITIAL, assessed_on=dt.date(2019, 4, 1)
        )
    record_health_assessment(
        child=child, kind=HealthAssessmentKind.REVIEW, assessed_on=dt.date(2020, 3, 20)
    )
    assert HealthAssessment.objects.filter(child=child).count() == 2


def test_sdq_has_a_score_from_0_to_40(looked_after):
    child = looked_after.child
    with refused("sdq_score"):
        record_health_assessment(child=child, kind="sdq", assessed_on=dt.date(2019, 4, 1))
    with refused("sdq_score") as excinfo:
        record_health_assessment(
            child=child, kind="sdq", assessed_on=dt.date(2019, 4, 1), sdq_score=41
        )
    assert "180" in message(excinfo, "sdq_score")
    with refused("sdq_score"):
        record_health_assessment(
            child=child, kind="dental", assessed_on=dt.date(2019, 4, 1), sdq_score=12
        )
    sdq = record_health_assessment(
        child=child, kind="sdq", assessed_on=dt.date(2019, 4, 1), sdq_score=14
    )
    assert sdq.sdq_score == 14


def test_sdq_is_for_children_4_to_17(make_child):
    toddler = make_child(date_of_birth=dt.date(2016, 1, 1))
    start_care(toddler)
    with refused("kind"):
        record_health_assessment(
            child=toddler, kind="sdq", assessed_on=dt.date(2019, 4, 1), sdq_score=10
        )


def test_health_assessment_is_for_a_looked_after_child_and_not_in_the_future(looked_after):
    child = looked_after.child
    with refused("assessed_on"):
        record_health_assessment(child=child, kind="dental", assessed_on=dt.date(2019, 1, 1))
    with refused("assessed_on"):
        record_health_assessment(
            child=child, kind="dental", assessed_on=clock.today() + dt.timedelta(days=1)
        )
    with refused("kind"):
        record_health_assessment(child=child, kind="eyes", assessed_on=dt.date(2019, 4, 1))


def test_one_assessment_of_a_kind_a_day(looked_after):
    child = looked_after.child
    record_health_assessment(child=child, kind="dental", assessed_on=dt.date(2019, 4, 1))
    with refused("assessed_on"):
        record_health_assessment(child=child, kind="dental", assessed_on=dt.date(2019, 4, 1))


# --- personal education plans -------------------------------------------------------------


def test_record_a_pep(looked_after):
    pep = record_pep(child=looked_after.child, held_on=dt.date(2019, 3, 28), school_name="Oak")
    assert pep.period == looked_after.period
    with refused("held_on"):
        record_pep(child=looked_after.child, held_on=dt.date(2019, 3, 28))


def test_a_pep_is_for_a_looked_after_child_and_not_in_the_future(looked_after):
    with refused("held_on"):
        record_pep(child=looked_after.child, held_on=dt.date(2019, 2, 1))
    with refused("held_on"):
        record_pep(child=looked_after.child, held_on=clock.today() + dt.timedelta(days=1))
