"""Financial quarters tile the calendar, start in April, and read back from their codes."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from typing import ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeguard.core.quarters import FinancialQuarter, QuarterError, financial_year_of

D = dt.date
days = st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31))
quarters = st.builds(
    FinancialQuarter,
    st.integers(min_value=1990, max_value=2090),
    st.integers(min_value=1, max_value=4),
)


@given(days)
def test_every_day_is_in_the_quarter_that_contains_it(day: dt.date) -> None:
    quarter = FinancialQuarter.containing(day)
    assert quarter.start <= day <= quarter.end
    assert quarter.year == financial_year_of(day)


@given(quarters)
def test_a_quarter_is_three_whole_months_with_no_gap_before_or_after(
    quarter: FinancialQuarter,
) -> None:
    assert quarter.start.day == 1
    assert (quarter.end + dt.timedelta(days=1)).day == 1
    assert 90 <= (quarter.end - quarter.start).days + 1 <= 92
    assert quarter.previous().end + dt.timedelta(days=1) == quarter.start
    assert quarter.next().start == quarter.end + dt.timedelta(days=1)
    assert FinancialQuarter.containing(quarter.start) == quarter
    assert FinancialQuarter.containing(quarter.end) == quarter


@given(quarters)
def test_next_and_previous_undo_each_other_and_keep_the_order(quarter: FinancialQuarter) -> None:
    assert quarter.next().previous() == quarter == quarter.previous().next()
    assert quarter.previous() < quarter < quarter.next()
    recent = quarter.recent(5)
    assert recent[0] == quarter and len(recent) == 5
    assert all(later.previous() == earlier for later, earlier in pairwise(recent))


@given(quarters)
def test_the_code_reads_back_and_the_label_names_the_financial_year(
    quarter: FinancialQuarter,
) -> None:
    assert FinancialQuarter.parse(quarter.code) == quarter
    assert FinancialQuarter.parse(f"  {quarter.code} ") == quarter
    assert quarter.label == f"Q{quarter.number} {quarter.year}-{(quarter.year + 1) % 100:02d}"


@given(st.integers(min_value=1990, max_value=2090))
def test_four_quarters_tile_the_financial_year_from_april(year: int) -> None:
    whole = [FinancialQuarter(year, n) for n in range(1, 5)]
    assert whole[0].start == D(year, 4, 1)
    assert whole[-1].end == D(year + 1, 3, 31)
    assert [q.next() for q in whole[:-1]] == whole[1:]
    assert whole[-1].next() == FinancialQuarter(year + 1, 1)


@given(days, days)
def test_quarters_are_ordered_as_their_days(first: dt.date, second: dt.date) -> None:
    a, b = FinancialQuarter.containing(first), FinancialQuarter.containing(second)
    if first <= second:
        assert a <= b
    if a < b:
        assert a.end < b.start


def test_financial_not_calendar_quarters() -> None:
    assert FinancialQuarter.containing(D(2026, 2, 14)) == FinancialQuarter(2025, 4)
    assert FinancialQuarter.containing(D(2025, 4, 1)) == FinancialQuarter(2025, 1)
    assert FinancialQuarter.containing(D(2025, 3, 31)) == FinancialQuarter(2024, 4)
    assert FinancialQuarter(2025, 4).months_label == "January to March 2026"
    assert FinancialQuarter(2025, 2).label == "Q2 2025-26"
    assert FinancialQuarter(1999, 4).label == "Q4 1999-00"


@pytest.mark.parametrize(
    "text", ["2025-Q5", "2025-Q0", "25-Q1", "2025Q1", "Q1 2025", "", "2025-q1"]
)
def test_a_quarter_that_cannot_be_read_says_what_to_type(text: str) -> None:
    with pytest.raises(QuarterError, match="for example 2025-Q2 for July to September 2025"):
        FinancialQuarter.parse(text)


def test_a_quarter_is_numbered_one_to_four() -> None:
    with pytest.raises(QuarterError, match="1 to 4"):
        FinancialQuarter(2025, 5)


# -- a report's own reading: its example and whether case matters -------------------------


class ReportQuarter(FinancialQuarter):
    """As the LADO report's quarter box reads them (``safeguard.partnership.quarters``)."""

    EXAMPLE: ClassVar[str] = "2020-Q1"
    IGNORE_CASE: ClassVar[bool] = True


@given(quarters)
def test_a_subclass_reads_the_same_months_and_navigates_as_itself(
    quarter: FinancialQuarter,
) -> None:
    own = ReportQuarter.parse(quarter.code.lower())
    assert (own.year, own.number, own.start, own.end) == (
        quarter.year,
        quarter.number,
        quarter.start,
        quarter.end,
    )
    assert type(own.previous()) is ReportQuarter and type(own.next()) is ReportQuarter
    assert type(ReportQuarter.containing(quarter.start)) is ReportQuarter
    assert own.recent(3) == [own, own.previous(), own.previous().previous()]


def test_a_subclass_keeps_its_own_example_in_the_message() -> None:
    assert ReportQuarter.parse(" 2020-q1 ") == ReportQuarter(2020, 1)
    message = r"for example 2020-Q1 for April to June 2020 \(got 'Spring'\)"
    with pytest.raises(QuarterError, match=message):
        ReportQuarter.parse("Spring")
