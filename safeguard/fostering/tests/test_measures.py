"""OBA2-28 and OBA2-29 are computed from the fostering records, as the report counts."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.fostering import services
from safeguard.performance.data import Data
from safeguard.performance.periods import Period
from safeguard.performance.registry import REGISTRY

pytestmark = pytest.mark.django_db


def test_oba2_28_and_29_are_connected():
    assert REGISTRY["OBA2-28"].has_data and REGISTRY["OBA2-29"].has_data
    assert not REGISTRY["OBA2-28"].awaiting


def test_empty_database_gives_no_value():
    period = Period.month(2025, 9)
    data = Data.for_periods([period])
    assert data.figure("OBA2-28", period).value is None
    assert data.figure("OBA2-29", period).value is None


def test_conversion_and_months_to_approval(approve):
    first = approve(enquiry_on=dt.date(2025, 1, 6), months=6)  # approved ~ 2025-07
    for n in range(3):
        services.record_enquiry(
            received_on=dt.date(2025, 2, 1 + n), enquirer_name=f"E{n}", source="phone"
        )
    assessment = first.assessment
    assert assessment.decided_on is not None
    decided = assessment.decided_on
    period = Period.month(decided.year, decided.month)
    data = Data.for_periods([period])
    conversion = data.figure("OBA2-28", period)
    assert conversion.value == pytest.approx(25.0)
    assert (conversion.numerator_count, conversion.denominator_count) == (1, 4)
    months = data.figure("OBA2-29", period)
    expected = (decided - assessment.stage_one_started_on).days / (365.25 / 12)
    assert months.value == pytest.approx(expected)
    assert months.numerator_count == 1
