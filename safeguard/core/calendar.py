"""The working-day calendar for England: bank holidays, working days, months and school days.

Statutory timescales count *working days* (Working Together 2018: not a Saturday, Sunday
or bank holiday in England). Bank holidays come from the maintained ``holidays`` library,
never a hand-typed list, so one-off days (the 2020 VE-day move, 2022-06-03, 2022-09-19,
2023-05-08) arrive with a library upgrade rather than a code change.

Working days are held as a sorted array of day ordinals, extended lazily a few years at a
time, so adding or counting working days is a binary search: the data generator and the
performance measures call these functions on hundreds of thousands of dates.

Conventions, chosen so that adding and counting are exact inverses:

* ``add_working_days(d, n)`` for ``n > 0`` is the n-th working day strictly after ``d``;
  for ``n < 0`` the |n|-th working day strictly before ``d``; for ``n == 0`` it is ``d``.
* ``working_days_between(a, b)`` counts the working days in ``(a, b]`` when ``b >= a``
  and minus the working days in ``[b, a)`` when ``b < a``.

So ``add_working_days(a, working_days_between(a, b)) == b`` whenever ``b`` is a working
day (or ``b == a``), and ``working_days_between(a, add_working_days(a, n)) == n``.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import datetime as dt
import functools
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

import holidays

HOLIDAY_COUNTRY = "GB"
HOLIDAY_SUBDIVISION = "ENG"

# The years first loaded around a requested date, and how far to grow on each extension.
_PADDING_YEARS = 5
# Fewer than 240 working days in a year never happens (52 weeks x 5 days less at most a
# dozen bank holidays), so this many years always hold n working days.
_MIN_WORKING_DAYS_PER_YEAR = 240


@functools.cache
def _holidays_in_year(year: int) -> dict[dt.date, str]:
    """Bank holidays in England for one year, cached: the library computes them slowly."""
    calendar = holidays.country_holidays(HOLIDAY_COUNTRY, subdiv=HOLIDAY_SUBDIVISION, years=year)
    return {day: str(name) for day, name in sorted(calendar.items()) if day.year == year}


def bank_holiday_name(day: dt.date) -> str | None:
    """The bank holiday's name, so explanations can say which day was skipped and why."""
    return _holidays_in_year(day.year).get(day)


def is_bank_holiday(day: dt.date) -> bool:
    return day in _holidays_in_year(day.year)


def is_weekend(day: dt.date) -> bool:
    return day.weekday() >= 5


def is_working_day(day: dt.date) -> bool:
    """Not a Saturday, Sunday or bank holiday in England (Working Together 2018 glossary)."""
    return day.weekday() < 5 and day not in _holidays_in_year(day.year)


def bank_holidays_between(start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
    """Bank holidays falling on ``start..end`` inclusive, in date order, with their names."""
    if end < start:
        start, end = end, start
    found: list[tuple[dt.date, str]] = []
    for year in range(start.year, end.year + 1):
        found.extend(
            (day, name) for day, name in _holidays_in_year(year).items() if start <= day <= end
        )
    return found


class _WorkingDays:
    """A sorted array of working-day ordinals over a span of whole years, grown on demand."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.first_year = 0
        self.last_year = -1
        self.ordinals: list[int] = []

    def ensure(self, first_year: int, last_year: int) -> list[int]:
        """Cover ``first_year..last_year`` and return the array (a snapshot safe to read)."""
        first_year = max(first_year, dt.MINYEAR + 1)
        last_year = min(last_year, dt.MAXYEAR - 1)
        if self.first_year <= first_year and last_year <= self.last_year:
            return self.ordinals
        with self._lock:
            if self.last_year < self.first_year:
                low, high = first_year - _PADDING_YEARS, last_year + _PADDING_YEARS
            else:
                low = min(self.first_year, first_year - _PADDING_YEARS)
                high = max(self.last_year, last_year + _PADDING_YEARS)
            low, high = max(low, dt.MINYEAR + 1), min(high, dt.MAXYEAR - 1)
            ordinals: list[int] = []
            for year in range(low, high + 1):
                year_holidays = _holidays_in_year(year)
                day = dt.date(year, 1, 1)
                last = dt.date(year, 12, 31).toordinal()
                ordinal = day.toordinal()
                weekday = day.weekday()
                while ordinal <= last:
                    if weekday < 5 and dt.date.fromordinal(ordinal) not in year_holidays:
                        ordinals.append(ordinal)
                    ordinal += 1
                    weekday = (weekday + 1) % 7
            self.ordinals = ordinals
            self.first_year, self.last_year = low, high
            return ordinals


_WORKING_DAYS = _WorkingDays()


def _span_years(day: dt.date, n: int) -> tuple[int, int]:
    reach = abs(n) // _MIN_WORKING_DAYS_PER_YEAR + 1
    return day.year - reach, day.year + reach


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The n-th working day after ``start`` (before it when n is negative; ``start`` if 0)."""
    if n == 0:
        return start
    ordinals = _WORKING_DAYS.ensure(*_span_years(start, n))
    if n > 0:
        index = bisect_right(ordinals, start.toordinal()) + n - 1
    else:
        index = bisect_left(ordinals, start.toordinal()) + n
    if not 0 <= index < len(ordinals):
        raise ValueError(f"{n} working days from {start.isoformat()} is outside the calendar.")
    return dt.date.fromordinal(ordinals[index])


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days in ``(start, end]``, negative when ``end`` is before ``start``.

    Defined so that it inverts :func:`add_working_days` (see the module docstring).
    """
    ordinals = _WORKING_DAYS.ensure(min(start.year, end.year), max(start.year, end.year))
    if end >= start:
        return bisect_right(ordinals, end.toordinal()) - bisect_right(ordinals, start.toordinal())
    return -(bisect_left(ordinals, start.toordinal()) - bisect_left(ordinals, end.toordinal()))


def next_working_day(day: dt.date) -> dt.date:
    """``day`` itself when it is a working day, otherwise the first working day after it.

    This is the roll-forward the timescales table asks for: a due date that falls on a
    non-working day moves to the next working day.
    """
    return day if is_working_day(day) else add_working_days(day, 1)


def previous_working_day(day: dt.date) -> dt.date:
    """``day`` itself when it is a working day, otherwise the last working day before it."""
    return day if is_working_day(day) else add_working_days(day, -1)


def add_months(day: dt.date, n: int) -> dt.date:
    """Calendar months, clamped to the month end: 31 Jan + 1 month = 28 (or 29) Feb."""
    month_index = day.year * 12 + (day.month - 1) + n
    year, month = divmod(month_index, 12)
    month += 1
    last_day = _stdlib_calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last_day))


def birthday(date_of_birth: dt.date, age: int) -> dt.date:
    """The day a person reaches ``age``; 29 February birthdays fall on 28 February.

    Clamping matches :func:`add_months`, and the earlier day is the safer one for a
    deadline that must be met *before* a birthday.
    """
    return add_months(date_of_birth, 12 * age)


def age_on(date_of_birth: dt.date, day: dt.date) -> int:
    """Whole years of age on ``day`` (using the same birthday convention as :func:`birthday`)."""
    age = day.year - date_of_birth.year
    if day < birthday(date_of_birth, age):
        age -= 1
    return age


def week_start(day: dt.date) -> dt.date:
    """The Monday of the calendar week (Monday to Sunday) holding ``day``."""
    return day - dt.timedelta(days=day.weekday())


def week_end(day: dt.date) -> dt.date:
    """The Sunday of the calendar week (Monday to Sunday) holding ``day``."""
    return day + dt.timedelta(days=6 - day.weekday())


class Term(NamedTuple):
    """One school term, optionally with a half-term break inside it (no school that week)."""

    name: str
    starts_on: dt.date
    ends_on: dt.date
    half_term_starts_on: dt.date | None = None
    half_term_ends_on: dt.date | None = None

    def is_school_day(self, day: dt.date) -> bool:
        if not (self.starts_on <= day <= self.ends_on) or not is_working_day(day):
            return False
        if self.half_term_starts_on and self.half_term_ends_on:
            return not (self.half_term_starts_on <= day <= self.half_term_ends_on)
        return True


class TermDatesMissingError(ValueError):
    """Raised when a school-day count runs past the term dates the authority has entered."""


@dataclass(frozen=True)
class SchoolCalendar:
    """Term dates turned into a sorted array of school days.

    Built once from the ``SchoolTerm`` rows (or from plain :class:`Term` values in tests) and
    then passed to the school-day functions, so the calendar itself needs no database.
    """

    terms: tuple[Term, ...]
    ordinals: tuple[int, ...]

    @classmethod
    def from_terms(cls, terms: Iterable[Term]) -> SchoolCalendar:
        ordered = tuple(sorted(terms, key=lambda term: term.starts_on))
        days: set[int] = set()
        for term in ordered:
            day = term.starts_on
            while day <= term.ends_on:
                if term.is_school_day(day):
                    days.add(day.toordinal())
                day += dt.timedelta(days=1)
        return cls(terms=ordered, ordinals=tuple(sorted(days)))

    @property
    def first_day(self) -> dt.date | None:
        return dt.date.fromordinal(self.ordinals[0]) if self.ordinals else None

    @property
    def last_day(self) -> dt.date | None:
        return dt.date.fromordinal(self.ordinals[-1]) if self.ordinals else None

    def is_school_day(self, day: dt.date) -> bool:
        ordinal = day.toordinal()
        index = bisect_left(self.ordinals, ordinal)
        return index < len(self.ordinals) and self.ordinals[index] == ordinal

    def add_school_days(self, start: dt.date, n: int) -> dt.date:
        """The n-th school day after ``start`` (before it when negative; ``start`` if 0)."""
        if n == 0:
            return start
        if n > 0:
            index = bisect_right(self.ordinals, start.toordinal()) + n - 1
        else:
            index = bisect_left(self.ordinals, start.toordinal()) + n
        if not 0 <= index < len(self.ordinals):
            raise TermDatesMissingError(
                f"{abs(n)} school days {'after' if n > 0 else 'before'} {start.isoformat()} "
                f"runs past the term dates held ({self._coverage()}); add the school terms."
            )
        return dt.date.fromordinal(self.ordinals[index])

    def school_days_between(self, start: dt.date, end: dt.date) -> int:
        """School days in ``(start, end]``, negative when ``end`` is before ``start``."""
        if end >= start:
            return bisect_right(self.ordinals, end.toordinal()) - bisect_right(
                self.ordinals, start.toordinal()
            )
        return -(
            bisect_left(self.ordinals, start.toordinal())
            - bisect_left(self.ordinals, end.toordinal())
        )

    def term_containing(self, day: dt.date) -> Term | None:
        for term in self.terms:
            if term.starts_on <= day <= term.ends_on:
                return term
        return None

    def next_term_after(self, day: dt.date) -> Term:
        """The first term that starts after ``day``."""
        for term in self.terms:
            if term.starts_on > day:
                return term
        raise TermDatesMissingError(
            f"No school term starts after {day.isoformat()} in the term dates held "
            f"({self._coverage()}); add the school terms."
        )

    def last_school_day(self, term: Term) -> dt.date:
        """The last school day of ``term`` (its end date may be a weekend or bank holiday)."""
        index = bisect_right(self.ordinals, term.ends_on.toordinal()) - 1
        if index < 0 or self.ordinals[index] < term.starts_on.toordinal():
            raise TermDatesMissingError(f"Term {term.name!r} has no school days.")
        return dt.date.fromordinal(self.ordinals[index])

    def _coverage(self) -> str:
        if not self.ordinals:
            return "none"
        first, last = self.first_day, self.last_day
        assert first is not None and last is not None
        return f"{first.isoformat()} to {last.isoformat()}"


def school_calendar(terms: SchoolCalendar | Iterable[Term]) -> SchoolCalendar:
    """Accept either a built calendar or plain terms, so callers can pass whichever they hold."""
    return terms if isinstance(terms, SchoolCalendar) else SchoolCalendar.from_terms(terms)


def is_school_day(day: dt.date, terms: SchoolCalendar | Iterable[Term]) -> bool:
    """A working day inside a term and outside its half-term break."""
    return school_calendar(terms).is_school_day(day)


def add_school_days(start: dt.date, n: int, terms: SchoolCalendar | Iterable[Term]) -> dt.date:
    """The n-th school day after ``start`` under the given term dates."""
    return school_calendar(terms).add_school_days(start, n)


def school_days_between(
    start: dt.date, end: dt.date, terms: SchoolCalendar | Iterable[Term]
) -> int:
    return school_calendar(terms).school_days_between(start, end)
