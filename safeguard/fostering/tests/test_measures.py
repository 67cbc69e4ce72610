"""OBA2-28 and OBA2-29 are computed from the fostering records as seed 003 defines them.

OBA2-28: households the ADM approved in the period over the enquiries received in the
same span six months earlier (seed 003's descriptor, printed on the OBA2-29 row).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeguard.core.calendar import add_months
from safeguard.fostering import services
from safeguard.fostering.models import FosteringAssessment
from safeguard.performance.data import Data
from safeguard.performance.measures.fostering import six_months_before
from safeguard.performance.periods import Period
from safeguard.performance.registry import REGISTRY, PeriodType

JULY = Period.month(2025, 7)


def enquiries(day: dt.date, count: int) -> None:
    for n in range(count):
        services.record_enquiry(received_on=day, enquirer_name=f"E{n} {day}", source="phone")


def figure(measure: str, period: Period):
    return Data.for_periods([period]).figure(measure, period)


def test_oba2_28_and_29_are_connected():
    assert REGISTRY["OBA2-28"].has_data and REGISTRY["OBA2-29"].has_data
    assert not REGISTRY["OBA2-28"].awaiting
    assert REGISTRY["OBA2-28"].period_type == PeriodType.IN_PERIOD
    assert "six months" in REGISTRY["OBA2-28"].denominator


@pytest.mark.django_db
def test_empty_database_gives_no_value():
    period = Period.month(2025, 9)
    assert figure("OBA2-28", period).value is None
    assert figure("OBA2-29", period).value is None


@pytest.mark.django_db
def test_approvals_in_the_month_over_enquiries_six_months_before(approve):
    first = approve(enquiry_on=dt.date(2025, 1, 6), months=6)  # decided 26 July 2025
    assert first.approved_on == dt.date(2025, 7, 26)
    enquiries(dt.date(2025, 1, 20), 3)  # January: 4 enquiries with the first
    enquiries(dt.date(2025, 2, 3), 5)  # February and July: other months, not counted
    enquiries(dt.date(2025, 7, 1), 2)
    conversion = figure("OBA2-28", JULY)
    assert (conversion.numerator_count, conversion.denominator_count) == (1, 4)
    assert conversion.value == pytest.approx(25.0)
    assert set(conversion.numerator["on"].to_list()) == {dt.date(2025, 7, 26)}
    assert conversion.denominator is not None
    assert set(conversion.denominator["on"].to_list()) == {
        dt.date(2025, 1, 6),
        dt.date(2025, 1, 20),
    }


@pytest.mark.django_db
def test_an_approval_counts_whichever_month_its_enquiry_came(approve):
    approve(enquiry_on=dt.date(2025, 1, 6), months=6)  # decided 26 July 2025
    approve(enquiry_on=dt.date(2024, 11, 20), months=7)  # a November enquiry, decided 9 July
    enquiries(dt.date(2025, 1, 13), 3)
    conversion = figure("OBA2-28", JULY)
    assert (conversion.numerator_count, conversion.denominator_count) == (2, 4)
    assert conversion.value == pytest.approx(50.0)


@pytest.mark.django_db
def test_a_month_without_approvals_reads_nought_and_refusals_do_not_count(worker):
    enquiries(dt.date(2025, 1, 10), 4)
    enquiry = services.record_enquiry(
        received_on=dt.date(2024, 12, 1), enquirer_name="Ash Wood", source="event"
    )
    assessment = services.start_assessment(
        enquiry=enquiry, started_on=dt.date(2024, 12, 10), assessing_worker=worker
    )
    services.start_stage_two(
        assessment=assessment,
        stage_one_completed_on=dt.date(2025, 2, 1),
        started_on=dt.date(2025, 2, 2),
    )
    services.record_panel(
        assessment=assessment,
        stage_two_completed_on=dt.date(2025, 6, 20),
        panel_on=dt.date(2025, 7, 1),
        recommendation="not_approve",
    )
    services.record_adm_decision(
        assessment=assessment, decided_on=dt.date(2025, 7, 8), approved=False
    )
    conversion = figure("OBA2-28", JULY)
    assert (conversion.numerator_count, conversion.denominator_count) == (0, 4)
    assert conversion.value == 0.0
    # No enquiries six months before August (February): no value, not 0%.
    assert figure("OBA2-28", Period.month(2025, 8)).value is None


@pytest.mark.django_db
def test_a_quarter_compares_with_the_quarter_six_months_before(approve):
    approve(enquiry_on=dt.date(2025, 1, 6), months=6)  # July: Q2 2025-26
    enquiries(dt.date(2025, 3, 31), 4)  # Q4 2024-25 (with the first: 5)
    enquiries(dt.date(2025, 4, 1), 3)  # Q1: not counted
    conversion = figure("OBA2-28", Period.quarter(2025, 2))
    assert (conversion.numerator_count, conversion.denominator_count) == (1, 5)
    assert conversion.value == pytest.approx(20.0)


@pytest.mark.django_db
def test_months_from_assessment_to_approval(approve):
    household = approve(enquiry_on=dt.date(2025, 1, 6), months=6)
    assessment = FosteringAssessment.objects.get(household=household)
    months = figure("OBA2-29", JULY)
    expected = (assessment.decided_on - assessment.stage_one_started_on).days / (365.25 / 12)
    assert months.value == pytest.approx(expected)
    assert months.numerator_count == 1


@given(st.integers(min_value=2000, max_value=2100), st.integers(min_value=1, max_value=12))
def test_six_months_before_a_month_is_the_whole_month_six_before(year, month):
    first, last = six_months_before(Period.month(year, month))
    earlier = add_months(dt.date(year, month, 1), -6)
    assert (first, last) == (earlier, Period.month(earlier.year, earlier.month).end)


@given(st.integers(min_value=2000, max_value=2100), st.integers(min_value=1, max_value=4))
def test_six_months_before_a_quarter_is_two_quarters_back(year, quarter):
    period = Period.quarter(year, quarter)
    back = period.previous().previous()
    assert six_months_before(period) == (back.start, back.end)


def test_six_months_before_a_financial_year_runs_october_to_september():
    assert six_months_before(Period.financial_year(2025)) == (
        dt.date(2024, 10, 1),
        dt.date(2025, 9, 30),
    )


def test_the_report_lags_enquiries_as_the_measure_does():
    from safeguard.fostering.selectors import CONVERSION_LAG_MONTHS, lagged_span
    from safeguard.performance.measures.fostering import LAG_MONTHS

    assert CONVERSION_LAG_MONTHS == LAG_MONTHS
    for period in (JULY, Period.month(2024, 2), Period.quarter(2025, 2)):
        assert lagged_span(period.start, period.end) == six_months_before(period)


@pytest.mark.django_db
def test_the_sufficiency_report_shows_oba2_28s_conversion(approve):
    from safeguard.fostering.selectors import sufficiency_report

    approve(enquiry_on=dt.date(2025, 1, 6), months=6)  # decided 26 July 2025
    enquiries(dt.date(2025, 1, 20), 3)
    enquiries(dt.date(2025, 7, 1), 6)  # the period's own enquiries: not the denominator
    report = sufficiency_report(JULY.start, JULY.end, today=dt.date(2025, 8, 1))
    measured = figure("OBA2-28", JULY)
    assert (
        (report.approvals, report.lagged_enquiries)
        == (1, 4)
        == (
            measured.numerator_count,
            measured.denominator_count,
        )
    )
    assert (report.lag_start, report.lag_end) == (dt.date(2025, 1, 1), dt.date(2025, 1, 31))
    assert report.enquiries == 6
    assert report.conversion_percent == pytest.approx(measured.value) == 25.0
