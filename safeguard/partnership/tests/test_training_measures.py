"""The training measures in the measure registry agree with the quarterly table."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.partnership.quarters import Quarter
from safeguard.partnership.selectors.training_report import quarterly_report
from safeguard.partnership.tests.test_training_report import year  # noqa: F401  (fixture)
from safeguard.performance.data import Data
from safeguard.performance.periods import Period
from safeguard.performance.registry import REGISTRY

pytestmark = pytest.mark.django_db
Q3 = Period.quarter(2020, 3)
IDS = ("PA-TRN-01", "PA-TRN-02", "PA-TRN-03", "PA-TRN-04")


def test_the_measures_are_registered_with_data():
    for measure_id in IDS:
        m = REGISTRY[measure_id]
        assert m.has_data and m.area == "Partnership"
        assert m.source == "001 Partnership annual report"


def test_the_measures_count_as_the_quarterly_table_does(year):  # noqa: F811
    f = quarterly_report(Quarter(2020, 3), run_on=dt.date(2021, 1, 15)).current.figures
    data = Data.for_periods([Q3])
    booking = data.figure("PA-TRN-01", Q3)
    assert booking.value == pytest.approx(f.booking_rate)
    assert (booking.numerator_count, booking.denominator_count) == (f.bookings, f.spaces)
    occupancy = data.figure("PA-TRN-02", Q3)
    assert occupancy.value == pytest.approx(f.occupancy_rate)
    feedback = data.figure("PA-TRN-03", Q3)
    assert (feedback.numerator_count, feedback.denominator_count) == (f.feedback, f.attendance)
    attendees = data.figure("PA-TRN-04", Q3)
    assert attendees.value == f.attendance == 17
    by_agency = dict(attendees.breakdown or [])
    assert by_agency["Police"] == 8 and by_agency["Education (schools and colleges)"] == 9


def test_the_drill_down_names_no_delegate(year):  # noqa: F811
    rows = Data.for_periods([Q3]).figure("PA-TRN-04", Q3).numerator.to_dicts()
    assert len(rows) == 17
    assert {r["record"] for r in rows} == {"Neglect"}
    assert {r["child_id"] for r in rows} == {None}
    assert not any(r["detail"].startswith("D") for r in rows)


def test_an_empty_quarter_has_no_rate():
    data = Data.for_periods([Period.quarter(2015, 1)])
    assert data.figure("PA-TRN-01", Period.quarter(2015, 1)).value is None
    assert data.figure("PA-TRN-04", Period.quarter(2015, 1)).value == 0
