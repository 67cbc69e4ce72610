"""Reporting periods: months, financial quarters and years tile the calendar exactly."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeguard.performance.periods import Period, PeriodError

years = st.integers(min_value=2000, max_value=2040)
months = st.integers(min_value=1, max_value=12)


@given(years, months)
def test_a_month_runs_first_to_last_day_and_follows_its_previous(year: int, month: int) -> None:
    period = Period.month(year, month)
    assert period.start.day == 1
    assert (period.end + dt.timedelta(days=1)).day == 1
    assert period.previous().end + dt.timedelta(days=1) == period.start
    assert Period.parse_month(period.code) == period


@given(years, st.integers(min_value=1, max_value=4))
def test_financial_quarters_tile_the_financial_year(year: int, quarter: int) -> None:
    period = Period.quarter(year, quarter)
    assert len(period.months()) == 3
    assert Period.parse_quarter(period.code) == period
    if quarter > 1:
        assert period.previous() == Period.quarter(year, quarter - 1)
    whole = [Period.quarter(year, q) for q in range(1, 5)]
    assert whole[0].start == Period.financial_year(year).start
    assert whole[-1].end == Period.financial_year(year).end


def test_labels_and_codes() -> None:
    assert Period.month(2018, 8).label == "August 2018"
    assert Period.quarter(2018, 2).label == "Q2 2018-19"
    assert Period.quarter(2018, 4).start == dt.date(2019, 1, 1)
    assert Period.financial_year(2018).label == "2018-19"
    assert Period.parse_year("2018").end == dt.date(2019, 3, 31)
    assert [p.code for p in Period.month(2025, 2).trailing(3)] == ["2024-12", "2025-01", "2025-02"]
    assert Period.month(2024, 2).end == dt.date(2024, 2, 29)
    assert Period.month(2025, 8).rolling_12_months() == (dt.date(2024, 9, 1), dt.date(2025, 8, 31))


@pytest.mark.parametrize(
    ("kind", "text", "message"),
    [
        ("month", "2025-13", "YYYY-MM"),
        ("month", "Aug 2025", "YYYY-MM"),
        ("quarter", "2025-Q5", "YYYY-Qn"),
        ("year", "2025-26", "year it starts"),
        ("day", "2025-02-30", "YYYY-MM-DD"),
        ("span", "2025-07-31..2025-02-01", "first..last"),
        ("span", "2025-02-01", "first..last"),
    ],
)
def test_bad_periods_get_a_specific_message(kind: str, text: str, message: str) -> None:
    with pytest.raises(PeriodError, match=message):
        Period.parse(kind, text)  # type: ignore[arg-type]


def test_the_last_six_months_as_at_a_date() -> None:
    span = Period.months_to(dt.date(2020, 7, 31), 6)
    assert (span.start, span.end) == (dt.date(2020, 2, 1), dt.date(2020, 7, 31))
    assert span.label == "1 February 2020 to 31 July 2020"
    assert span.previous().end == dt.date(2020, 1, 31)
    assert len(span.months()) == 6
    assert Period.months_to(dt.date(2025, 9, 30), 6).start == dt.date(2025, 4, 1)
    assert Period.months_to(dt.date(2025, 7, 15), 6).start == dt.date(2025, 1, 16)


@given(st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2040, 12, 31)))
def test_a_span_of_months_ends_on_its_day_and_has_no_gap_before_it(day: dt.date) -> None:
    span = Period.months_to(day, 6)
    assert span.end == day
    assert Period.months_to(span.start - dt.timedelta(days=1), 6).end + dt.timedelta(days=1) == (
        span.start
    )
    assert 181 <= (span.end - span.start).days + 1 <= 184


def test_a_span_reads_back_from_its_code() -> None:
    span = Period.months_to(dt.date(2020, 7, 31), 12)
    assert Period.parse("span", span.code) == span
