"""OBA1-09 and OBA2-13: children open to social care who are out of school, and for how long."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from safeguard.care.models import PeriodOfCare
from safeguard.cin.models import CINEpisode
from safeguard.education import services
from safeguard.performance.data import Data
from safeguard.performance.measures import education  # noqa: F401  (registers the measures)
from safeguard.performance.periods import Period
from safeguard.performance.registry import REGISTRY, Figure

pytestmark = pytest.mark.django_db

D = dt.date
MAY = Period.month(2023, 5)  # ends Wednesday 31 May 2023
JANUARY_10 = D(2023, 1, 10)


def figure(measure_id: str, period: Period = MAY) -> Figure:
    return Data.for_periods([period]).figure(measure_id, period)


def open_cin(child, on=JANUARY_10, closed=None):
    return CINEpisode.objects.create(
        child=child, referral_date=on, referral_source="6", closure_date=closed
    )


@pytest.fixture
def pupil(make_child):
    return make_child(date_of_birth=D(2010, 3, 14))


def test_both_are_connected_and_no_longer_awaiting():
    for measure_id in ("OBA1-09", "OBA2-13"):
        assert REGISTRY[measure_id].has_data and not REGISTRY[measure_id].awaiting


def test_an_empty_database_gives_none_out_of_school():
    assert figure("OBA1-09").value == 0
    assert figure("OBA2-13").value is None


def test_children_open_to_social_care_who_are_out_of_school(make_child, pupil):
    # Open CIN, missing education since 2 May: out, 30 days by 31 May.
    open_cin(pupil)
    services.record_missing_education(
        child=pupil, reported_on=D(2023, 5, 2), reported_by="school", reason="not_on_roll"
    )
    # In care, permanently excluded on 2 May and suspended before: out since 17 April.
    in_care = make_child(date_of_birth=D(2009, 1, 1))
    PeriodOfCare.objects.create(child=in_care, started_on=D(2022, 1, 1))
    services.record_exclusion(
        child=in_care,
        kind="suspension",
        school_name="X",
        excluded_on=D(2023, 4, 17),
        days=Decimal(45),
        reason="theft",
    )
    services.record_exclusion(
        child=in_care, kind="permanent", school_name="X", excluded_on=D(2023, 5, 2), reason="theft"
    )
    # Not open to social care: not counted.
    services.record_missing_education(
        child=make_child(date_of_birth=D(2010, 1, 1)),
        reported_on=D(2023, 5, 2),
        reported_by="school",
        reason="other",
    )
    # Open, but the suspension ended before the period end; CIN closed before it.
    back = make_child(date_of_birth=D(2010, 1, 1))
    open_cin(back)
    services.record_exclusion(
        child=back,
        kind="suspension",
        school_name="X",
        excluded_on=D(2023, 5, 2),
        days=Decimal(2),
        reason="theft",
    )
    closed = make_child(date_of_birth=D(2010, 1, 1))
    open_cin(closed, closed=D(2023, 5, 20))
    services.record_missing_education(
        child=closed, reported_on=D(2023, 5, 2), reported_by="school", reason="other"
    )
    out = figure("OBA1-09")
    assert out.value == 2
    assert sorted(out.numerator["child_id"]) == sorted([pupil.pk.hex, in_care.pk.hex])
    days = figure("OBA2-13")
    assert days.value == pytest.approx((30 + 45) / 2)  # 2 May-31 May; 17 April-31 May


def test_a_lifted_exclusion_or_a_new_school_ends_it(make_child, pupil):
    open_cin(pupil)
    permanent = services.record_exclusion(
        child=pupil, kind="permanent", school_name="X", excluded_on=D(2023, 5, 2), reason="damage"
    )
    assert figure("OBA1-09").value == 1
    services.record_reintegration(exclusion=permanent, reintegrated_on=D(2023, 5, 31))
    assert figure("OBA1-09").value == 0
    other = make_child(date_of_birth=D(2010, 1, 1))
    open_cin(other)
    lifted = services.record_exclusion(
        child=other, kind="permanent", school_name="X", excluded_on=D(2023, 5, 2), reason="damage"
    )
    services.lift_exclusion(exclusion=lifted, lifted_on=D(2023, 6, 1))
    assert figure("OBA1-09").value == 1  # lifted after the period end
