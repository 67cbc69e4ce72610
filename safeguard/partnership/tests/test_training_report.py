"""The training quarterly table counts as seed 001 does: courses, spaces, bookings,
attendance, the three rates and their change on the previous quarter; by agency."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from safeguard.partnership.models.training import CourseSession, TrainingAgency
from safeguard.partnership.quarters import Quarter
from safeguard.partnership.selectors.training_report import quarterly_report
from safeguard.partnership.services import training as services
from safeguard.partnership.views.training_report import report_csv

pytestmark = pytest.mark.django_db
D = dt.date
Q3 = Quarter(2020, 3)  # October to December 2020


def _session(course, starts_on: dt.date, capacity: int) -> CourseSession:
    """A session with bookings made before it (sessions in the past take no bookings)."""
    session = services.add_session(course=course, starts_on=starts_on, capacity=capacity)
    return session


def _run(course, starts_on, *, capacity, booked, attended, forms, agency, waiting=0):
    """Bookings made a week before, then the attendance and ``forms`` evaluations."""
    session = _session(course, starts_on, capacity)
    made = [
        services.book_place(
            session=session,
            agency=agency,
            delegate_name=f"D{n}",
            delegate_role="Teacher",
            delegate_email=f"d{n}.{starts_on:%Y%m%d}@example.org",
            booked_on=starts_on - dt.timedelta(days=7),
        )
        for n in range(booked + waiting)
    ]
    places = [b for b in made if b.status == "booked"]
    outcomes = {
        str(b.pk): "attended" if i < attended else ("did_not_attend" if i % 2 else "cancelled_late")
        for i, b in enumerate(places)
    }
    services.record_attendance(session=session, outcomes=outcomes, recorded_on=starts_on)
    for i, b in enumerate(places[:forms]):
        services.record_evaluation(booking=b, returned_on=starts_on, rating=5 if i else 3)
    return session


@pytest.fixture
def year(db):
    course = services.add_course(
        title="Neglect",
        level="3",
        length=Decimal("1"),
        length_unit="days",
        mode="virtual",
        capacity=20,
        price_per_place=Decimal("75"),
        provider="Commissioned provider",
    )
    schools = TrainingAgency.objects.get(name="Schools and academies")
    police = TrainingAgency.objects.get(name="Police")
    # Q2 (July to September 2020): one session, 10 places, 8 booked, 6 attended, 3 forms.
    _run(course, D(2020, 9, 10), capacity=10, booked=8, attended=6, forms=3, agency=schools)
    # Q3: two sessions, 20 places, 19 booked (one more waiting), 17 attended, 10 forms.
    _run(course, D(2020, 10, 8), capacity=10, booked=10, attended=9, forms=5, agency=schools,
         waiting=1)  # fmt: skip
    _run(course, D(2020, 11, 12), capacity=10, booked=9, attended=8, forms=5, agency=police)
    # A cancelled session counts for nothing.
    cancelled = _session(course, D(2020, 12, 3), 10)
    services.cancel_session(session=cancelled, cancelled_on=D(2020, 11, 30))
    return course


def test_the_quarter_and_its_change_on_the_one_before(year):
    report = quarterly_report(Q3, run_on=D(2021, 1, 15))
    assert [r.figures.quarter.code for r in report.rows] == [
        "2020-Q3", "2020-Q2", "2020-Q1", "2019-Q4",
    ]  # fmt: skip
    row = report.current
    f = row.figures
    assert (f.courses, f.spaces, f.bookings, f.attendance, f.feedback) == (2, 20, 19, 17, 10)
    assert f.booking_rate == pytest.approx(95.0)
    assert f.occupancy_rate == pytest.approx(100 * 17 / 19)
    assert f.feedback_rate == pytest.approx(100 * 10 / 17)
    before = report.rows[1].figures
    assert (before.courses, before.spaces, before.bookings, before.attendance) == (1, 10, 8, 6)
    assert row.booking_change == pytest.approx(95.0 - 80.0)
    assert row.occupancy_change == pytest.approx(100 * 17 / 19 - 75.0)
    assert row.feedback_change == pytest.approx(100 * 10 / 17 - 50.0)
    assert report.rows[1].booking_change is None  # Q1 had no training
    assert report.total.courses == 3 and report.total.attendance == 23
    assert report.total.good_or_excellent == 13 - 3  # one 3 of 5 per session


def test_attendance_by_agency(year):
    report = quarterly_report(Q3, run_on=D(2021, 1, 15))
    lines = {line.key: line.counts for line in report.by_agency}
    assert lines["education"] == [9, 6, 0, 0]
    assert lines["police"] == [8, 0, 0, 0]
    assert report.agency_totals == [17, 6, 0, 0]


def test_the_csv_has_the_figures_as_numbers(year):
    text = report_csv(quarterly_report(Q3, run_on=D(2021, 1, 15)))
    assert text.splitlines()[0] == "Quarter,Section,Row,Measure,Value"
    assert "2020-Q3,Quarter,2020-Q3,Booking %,95.0" in text
    assert "2020-Q3,Quarter,2020-Q3,Booking % change on previous quarter,15.0" in text
    assert "2020-Q3,Attendance by agency,Police,2020-Q3,8" in text


def test_an_empty_quarter_has_no_rates():
    report = quarterly_report(Quarter(2015, 1), run_on=D(2021, 1, 15))
    f = report.current.figures
    assert (f.courses, f.spaces, f.bookings) == (0, 0, 0)
    assert f.booking_rate is None and report.current.booking_change is None
