"""The working-day calendar: properties that must hold for any date, and the awkward days."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from safeguard.core import calendar
from safeguard.core.calendar import SchoolCalendar, Term, TermDatesMissingError

D = dt.date
DATES = st.dates(min_value=D(1995, 1, 1), max_value=D(2045, 12, 31))
STEPS = st.integers(min_value=-800, max_value=800)
PROPERTY = settings(max_examples=400, deadline=None)


def brute_force_add(start: dt.date, n: int) -> dt.date:
    """The definition, one day at a time: the oracle the fast version must agree with."""
    day, remaining, step = start, abs(n), 1 if n > 0 else -1
    while remaining:
        day += dt.timedelta(days=step)
        if calendar.is_working_day(day):
            remaining -= 1
    return day


# --- properties (the "done when") -------------------------------------------------


@PROPERTY
@given(start=DATES, n=STEPS)
def test_adding_working_days_never_lands_on_a_weekend_or_bank_holiday(start, n):
    assume(n != 0)
    result = calendar.add_working_days(start, n)
    assert result.weekday() < 5
    assert not calendar.is_bank_holiday(result)
    assert calendar.is_working_day(result)


@PROPERTY
@given(start=DATES, n=STEPS)
def test_counting_working_days_inverts_adding_them(start, n):
    assert calendar.working_days_between(start, calendar.add_working_days(start, n)) == n


@PROPERTY
@given(start=DATES, end=DATES)
def test_adding_the_count_between_two_dates_reaches_a_working_day_end(start, end):
    end = calendar.next_working_day(end)
    assert calendar.add_working_days(start, calendar.working_days_between(start, end)) == end


@PROPERTY
@given(start=DATES, n=STEPS, more=st.integers(min_value=1, max_value=300))
def test_results_are_monotonic_in_n(start, n, more):
    assert calendar.add_working_days(start, n) < calendar.add_working_days(start, n + more)


@PROPERTY
@given(start=DATES, later_by=st.integers(min_value=0, max_value=60), n=STEPS)
def test_results_never_go_backwards_as_the_start_moves_forwards(start, later_by, n):
    later = start + dt.timedelta(days=later_by)
    assert calendar.add_working_days(start, n) <= calendar.add_working_days(later, n)


@settings(max_examples=200, deadline=None)
@given(start=DATES, n=st.integers(min_value=-40, max_value=40))
def test_fast_calendar_agrees_with_counting_one_day_at_a_time(start, n):
    assert calendar.add_working_days(start, n) == brute_force_add(start, n)


@PROPERTY
@given(start=DATES, end=DATES)
def test_counting_is_antisymmetric_on_working_days(start, end):
    start, end = calendar.next_working_day(start), calendar.next_working_day(end)
    assert calendar.working_days_between(start, end) == -calendar.working_days_between(end, start)


@PROPERTY
@given(day=DATES)
def test_next_working_day_is_the_first_working_day_on_or_after(day):
    found = calendar.next_working_day(day)
    assert found >= day and calendar.is_working_day(found)
    assert all(
        not calendar.is_working_day(day + dt.timedelta(days=i)) for i in range((found - day).days)
    )


@PROPERTY
@given(day=DATES, n=st.integers(min_value=-400, max_value=400))
def test_months_are_clamped_to_the_month_end(day, n):
    result = calendar.add_months(day, n)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == n
    next_month_first = (result.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    month_length = (next_month_first - dt.timedelta(days=1)).day
    assert result.day == min(day.day, month_length)


# --- the library, not a hand-typed list ----------------------------------------------------


def test_bank_holidays_are_exactly_the_maintained_librarys_for_england():
    library = holidays.country_holidays("GB", subdiv="ENG", years=range(2000, 2036))
    day = D(2000, 1, 1)
    while day <= D(2035, 12, 31):
        assert calendar.is_bank_holiday(day) == (day in library), day
        day += dt.timedelta(days=1)


# --- the awkward days ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (D(2018, 12, 25), "Christmas Day"),
        (D(2018, 12, 26), "Boxing Day"),
        (D(2019, 1, 1), "New Year's Day"),
        (D(2019, 4, 19), "Good Friday"),
        (D(2019, 4, 22), "Easter Monday"),
        (D(2020, 5, 8), "May Day"),  # moved from Monday 4 May for the 75th VE-day anniversary
        (D(2020, 12, 28), "Boxing Day (observed)"),
        (D(2021, 12, 27), "Christmas Day (observed)"),
        (D(2021, 12, 28), "Boxing Day (observed)"),
        (D(2022, 6, 2), "Spring Bank Holiday"),
        (D(2022, 6, 3), "Platinum Jubilee of Elizabeth II"),
        (D(2022, 9, 19), "State Funeral of Queen Elizabeth II"),
        (D(2023, 5, 8), "Coronation of Charles III"),
    ],
)
def test_bank_holidays_are_not_working_days(day, name):
    assert day.weekday() < 5
    assert not calendar.is_working_day(day)
    assert calendar.bank_holiday_name(day) == name


@pytest.mark.parametrize(
    "day",
    [
        D(2020, 5, 4),  # the usual early May bank holiday, a working day in 2020
        D(2022, 5, 30),  # the usual spring bank holiday, moved to 2 June in 2022
        D(2019, 4, 18),  # Maundy Thursday
        D(2019, 4, 23),  # the Tuesday after Easter
        D(2018, 12, 24),  # Christmas Eve is a working day
        D(2018, 12, 31),
        D(2021, 12, 29),
    ],
)
def test_ordinary_days_around_the_holidays_are_working_days(day):
    assert calendar.is_working_day(day)


def test_christmas_on_a_weekend_is_not_counted_twice():
    assert calendar.is_weekend(D(2021, 12, 25)) and calendar.is_weekend(D(2021, 12, 26))
    # Friday 24 Dec 2021 + 1 working day skips the weekend and both substitute days.
    assert calendar.add_working_days(D(2021, 12, 24), 1) == D(2021, 12, 29)
    assert calendar.working_days_between(D(2021, 12, 24), D(2021, 12, 29)) == 1


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2018, 12, 17), 15, D(2019, 1, 10)),  # the ICPC example
        (D(2019, 4, 18), 1, D(2019, 4, 23)),  # Easter 2019
        (D(2019, 4, 23), -1, D(2019, 4, 18)),
        (D(2020, 5, 7), 1, D(2020, 5, 11)),  # VE day 2020
        (D(2020, 5, 1), 1, D(2020, 5, 4)),  # Monday 4 May 2020 was a working day
        (D(2022, 6, 1), 1, D(2022, 6, 6)),  # Platinum Jubilee weekend
        (D(2022, 9, 16), 1, D(2022, 9, 20)),  # state funeral
        (D(2023, 5, 5), 1, D(2023, 5, 9)),  # coronation
        (D(2023, 5, 9), -1, D(2023, 5, 5)),
        (D(2018, 12, 22), 1, D(2018, 12, 24)),  # from a Saturday
        (D(2018, 12, 25), 1, D(2018, 12, 27)),  # from a bank holiday
        (D(2018, 12, 25), -1, D(2018, 12, 24)),
        (D(2019, 1, 10), 0, D(2019, 1, 10)),
        (D(2018, 12, 25), 0, D(2018, 12, 25)),  # adding nothing stays put
    ],
)
def test_add_working_days_examples(start, n, expected):
    assert calendar.add_working_days(start, n) == expected


def test_working_days_between_examples():
    assert calendar.working_days_between(D(2018, 12, 17), D(2019, 1, 10)) == 15
    assert calendar.working_days_between(D(2019, 1, 10), D(2018, 12, 17)) == -15
    assert calendar.working_days_between(D(2019, 4, 18), D(2019, 4, 22)) == 0
    assert calendar.working_days_between(D(2019, 4, 18), D(2019, 4, 23)) == 1
    assert calendar.working_days_between(D(2022, 9, 19), D(2022, 9, 19)) == 0


def test_next_and_previous_working_day():
    assert calendar.next_working_day(D(2019, 4, 19)) == D(2019, 4, 23)
    assert calendar.next_working_day(D(2019, 4, 23)) == D(2019, 4, 23)
    assert calendar.previous_working_day(D(2019, 4, 22)) == D(2019, 4, 18)
    assert calendar.previous_working_day(D(2021, 12, 28)) == D(2021, 12, 24)


def test_bank_holidays_between_lists_them_with_names_in_order():
    assert calendar.bank_holidays_between(D(2018, 12, 20), D(2019, 1, 2)) == [
        (D(2018, 12, 25), "Christmas Day"),
        (D(2018, 12, 26), "Boxing Day"),
        (D(2019, 1, 1), "New Year's Day"),
    ]
    assert calendar.bank_holidays_between(D(2019, 1, 2), D(2018, 12, 20)) == (
        calendar.bank_holidays_between(D(2018, 12, 20), D(2019, 1, 2))
    )


def test_far_dates_extend_the_calendar():
    assert calendar.add_working_days(D(2090, 6, 1), 1) == D(2090, 6, 2)
    assert calendar.add_working_days(D(2019, 1, 2), 25_000) > D(2110, 1, 1)
    assert calendar.working_days_between(D(1960, 1, 1), D(1960, 1, 8)) == 5


@pytest.mark.parametrize(
    ("day", "n", "expected"),
    [
        (D(2019, 1, 31), 1, D(2019, 2, 28)),
        (D(2020, 1, 31), 1, D(2020, 2, 29)),  # leap year
        (D(2020, 2, 29), 12, D(2021, 2, 28)),
        (D(2020, 2, 29), 48, D(2024, 2, 29)),
        (D(2019, 3, 31), -1, D(2019, 2, 28)),
        (D(2019, 8, 31), 1, D(2019, 9, 30)),
        (D(2019, 8, 31), 6, D(2020, 2, 29)),
        (D(2018, 11, 30), 3, D(2019, 2, 28)),
        (D(2019, 12, 15), 1, D(2020, 1, 15)),
        (D(2020, 1, 15), -1, D(2019, 12, 15)),
        (D(2019, 5, 17), 0, D(2019, 5, 17)),
    ],
)
def test_add_months_clamps(day, n, expected):
    assert calendar.add_months(day, n) == expected


def test_birthdays_and_ages():
    assert calendar.birthday(D(2004, 2, 29), 18) == D(2022, 2, 28)
    assert calendar.birthday(D(2004, 2, 29), 20) == D(2024, 2, 29)
    assert calendar.age_on(D(2015, 1, 1), D(2019, 12, 31)) == 4
    assert calendar.age_on(D(2015, 1, 1), D(2020, 1, 1)) == 5
    assert calendar.age_on(D(2004, 2, 29), D(2005, 2, 28)) == 1
    assert calendar.age_on(D(2004, 2, 29), D(2005, 2, 27)) == 0


def test_weeks_run_monday_to_sunday():
    assert calendar.week_start(D(2019, 1, 30)) == D(2019, 1, 28)
    assert calendar.week_end(D(2019, 1, 30)) == D(2019, 2, 3)
    assert calendar.week_start(D(2019, 1, 28)) == D(2019, 1, 28)
    assert calendar.week_end(D(2019, 2, 3)) == D(2019, 2, 3)


# --- school days ----------------------------------------------------------------------------

TERMS = [
    Term("Autumn 2019", D(2019, 9, 4), D(2019, 12, 20), D(2019, 10, 28), D(2019, 11, 1)),
    Term("Spring 2020", D(2020, 1, 6), D(2020, 4, 3), D(2020, 2, 17), D(2020, 2, 21)),
    Term("Summer 2020", D(2020, 4, 20), D(2020, 7, 22), D(2020, 5, 25), D(2020, 5, 29)),
]
SCHOOL = SchoolCalendar.from_terms(TERMS)


def test_school_days_are_working_days_in_term_outside_half_term():
    assert calendar.is_school_day(D(2019, 9, 4), TERMS)
    assert not calendar.is_school_day(D(2019, 9, 3), TERMS)  # before term
    assert not calendar.is_school_day(D(2019, 10, 30), TERMS)  # half-term
    assert not calendar.is_school_day(D(2019, 12, 23), TERMS)  # Christmas holidays
    assert not calendar.is_school_day(D(2020, 5, 8), TERMS)  # VE-day bank holiday in term
    assert not calendar.is_school_day(D(2019, 9, 7), TERMS)  # Saturday


def test_adding_school_days_skips_half_term_and_holidays():
    # 20 school days from Monday 9 Dec 2019 crosses the Christmas holidays.
    assert calendar.add_school_days(D(2019, 12, 9), 20, TERMS) == D(2020, 1, 20)
    # From the Friday before half-term, the next school day is after half-term.
    assert calendar.add_school_days(D(2019, 10, 25), 1, SCHOOL) == D(2019, 11, 4)
    # From inside a holiday, counting starts with the first day of the next term.
    assert calendar.add_school_days(D(2019, 12, 25), 1, SCHOOL) == D(2020, 1, 6)
    assert calendar.add_school_days(D(2020, 1, 6), -1, SCHOOL) == D(2019, 12, 20)
    assert calendar.school_days_between(D(2019, 12, 9), D(2020, 1, 20), TERMS) == 20


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(min_value=D(2019, 8, 1), max_value=D(2020, 7, 31)),
    n=st.integers(min_value=-30, max_value=30),
)
def test_school_day_properties(start, n):
    try:
        result = SCHOOL.add_school_days(start, n)
    except TermDatesMissingError:
        return
    if n:
        assert SCHOOL.is_school_day(result)
    assert SCHOOL.school_days_between(start, result) == n


def test_running_past_the_term_dates_is_a_clear_error():
    with pytest.raises(TermDatesMissingError, match="add the school terms"):
        SCHOOL.add_school_days(D(2020, 7, 1), 30)
    with pytest.raises(TermDatesMissingError, match="No school term starts after"):
        SCHOOL.next_term_after(D(2020, 5, 1))


def test_terms_are_found_and_last_school_days_skip_weekends():
    assert SCHOOL.term_containing(D(2019, 10, 30)) == TERMS[0]
    assert SCHOOL.term_containing(D(2019, 12, 25)) is None
    assert SCHOOL.next_term_after(D(2019, 12, 25)) == TERMS[1]
    assert SCHOOL.last_school_day(TERMS[0]) == D(2019, 12, 20)
    ends_on_sunday = Term("Short", D(2019, 9, 2), D(2019, 9, 8))
    assert SchoolCalendar.from_terms([ends_on_sunday]).last_school_day(ends_on_sunday) == D(
        2019, 9, 6
    )
