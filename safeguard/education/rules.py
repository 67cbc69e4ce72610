"""The date rules of children out of school, shared by the services and their tests.

Kept apart from the writes so property tests can run them without a database.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

from safeguard.core import calendar
from safeguard.core.calendar import SchoolCalendar, TermDatesMissingError

#: Compulsory school age (Education Act 1996 s.8), approximated by age on the day.
SCHOOL_AGE_FROM, SCHOOL_AGE_TO = 5, 16
#: Pupils of a school, reception to sixth form.
PUPIL_AGE_FROM, PUPIL_AGE_TO = 4, 18
#: A pupil may be suspended for at most 45 school days in a school year (DfE guidance).
MAX_SUSPENSION_DAYS_A_YEAR = Decimal(45)
HALF = Decimal("0.5")


def school_year_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """The school year (1 September to 31 August) holding ``day``."""
    first = dt.date(day.year if day.month >= 9 else day.year - 1, 9, 1)
    return first, dt.date(first.year + 1, 8, 31)


def is_half_day_step(days: Decimal) -> bool:
    return days > 0 and (days / HALF) == (days / HALF).to_integral_value()


def suspension_last_day(
    first_day: dt.date, days: Decimal, school: SchoolCalendar | None = None
) -> dt.date:
    """The last school day of a suspension starting on ``first_day`` (a half day counts as
    one). School days come from the term dates when they cover the suspension, else working
    days stand in for them (term dates are the authority's data, not always entered)."""
    whole = max(1, math.ceil(days))
    if school is not None and school.is_school_day(first_day):
        try:
            return school.add_school_days(first_day, whole - 1)
        except TermDatesMissingError:
            pass
    return calendar.add_working_days(first_day, whole - 1) if whole > 1 else first_day
