"""Reporting periods: a month, a quarter or a financial year, or a single day ("as at").

Quarters are financial quarters (Q1 = April to June) of the financial year that starts in
April of the named year, as councils' scrutiny committees report them: their reading and
dates are ``safeguard.core.quarters``, shared with the LADO quarterly report.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from safeguard.core.calendar import add_months
from safeguard.core.quarters import FinancialQuarter, QuarterError

PeriodKind = Literal["month", "quarter", "year", "day", "span"]
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


class PeriodError(ValueError):
    """A period the user asked for that cannot be read."""


@dataclass(frozen=True, order=True)
class Period:
    start: dt.date
    end: dt.date  # the last day, inclusive
    kind: PeriodKind

    # -- construction -------------------------------------------------------------------
    @classmethod
    def month(cls, year: int, month: int) -> Period:
        start = dt.date(year, month, 1)
        return cls(start, add_months(start, 1) - dt.timedelta(days=1), "month")

    @classmethod
    def financial_year(cls, year: int) -> Period:
        return cls(dt.date(year, 4, 1), dt.date(year + 1, 3, 31), "year")

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        return cls.of_quarter(FinancialQuarter(year, quarter))

    @classmethod
    def of_quarter(cls, quarter: FinancialQuarter) -> Period:
        return cls(quarter.start, quarter.end, "quarter")

    @classmethod
    def day(cls, day: dt.date) -> Period:
        return cls(day, day, "day")

    @classmethod
    def months_to(cls, day: dt.date, count: int) -> Period:
        """The ``count`` months ending on ``day`` ("the last 6 months" as at a date)."""
        # From the day after, back: 30 September less 6 months starts on 1 April.
        return cls(add_months(day + dt.timedelta(days=1), -count), day, "span")

    @classmethod
    def parse_month(cls, text: str) -> Period:
        match = MONTH_RE.match(text.strip())
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise PeriodError(f"Enter the month as YYYY-MM, for example 2025-08 (got {text!r}).")
        return cls.month(int(match.group(1)), int(match.group(2)))

    @classmethod
    def parse_quarter(cls, text: str) -> Period:
        try:
            return cls.of_quarter(FinancialQuarter.parse(text))
        except QuarterError as exc:
            raise PeriodError(str(exc)) from None

    @classmethod
    def parse_year(cls, text: str) -> Period:
        if not re.fullmatch(r"\d{4}", text.strip()):
            raise PeriodError(
                f"Enter the financial year as the year it starts, for example 2025 for "
                f"April 2025 to March 2026 (got {text!r})."
            )
        return cls.financial_year(int(text))

    @classmethod
    def parse_day(cls, text: str) -> Period:
        try:
            return cls.day(dt.date.fromisoformat(text.strip()))
        except ValueError:
            raise PeriodError(
                f"Enter the date as YYYY-MM-DD, for example 2025-07-31 (got {text!r})."
            ) from None

    # -- navigation ---------------------------------------------------------------------
    def previous(self) -> Period:
        """The period of the same kind just before this one."""
        if self.kind == "month":
            start = add_months(self.start, -1)
            return Period.month(start.year, start.month)
        if self.kind == "quarter":
            return Period.of_quarter(self.financial_quarter.previous())
        if self.kind == "year":
            return Period.financial_year(self.start.year - 1)
        if self.kind == "span":
            length = self.end - self.start
            end = self.start - dt.timedelta(days=1)
            return Period(end - length, end, "span")
        return Period.day(self.start - dt.timedelta(days=1))

    def months(self) -> list[Period]:
        """The calendar months that make up the period, in order."""
        out = []
        cursor = self.start.replace(day=1)
        while cursor <= self.end:
            out.append(Period.month(cursor.year, cursor.month))
            cursor = add_months(cursor, 1)
        return out

    def trailing(self, count: int) -> list[Period]:
        """This period and the ``count - 1`` before it, oldest first (for trend lines)."""
        periods = [self]
        for _ in range(count - 1):
            periods.append(periods[-1].previous())
        return periods[::-1]

    def rolling_12_months(self) -> tuple[dt.date, dt.date]:
        """The 12 months ending on the period's last day."""
        return add_months(self.end, -12) + dt.timedelta(days=1), self.end

    @property
    def label(self) -> str:
        if self.kind == "month":
            return self.start.strftime("%B %Y")
        if self.kind == "quarter":
            return self.financial_quarter.label
        if self.kind == "year":
            return f"{self.start.year}-{str(self.end.year)[2:]}"
        if self.kind == "span":
            return f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"
        return self.start.strftime("%-d %B %Y")

    @property
    def financial_quarter(self) -> FinancialQuarter:
        """The financial quarter the period starts in (the quarter itself, for a quarter)."""
        return FinancialQuarter.containing(self.start)

    @property
    def short_label(self) -> str:
        if self.kind == "month":
            return self.start.strftime("%b %y")
        return self.label

    @property
    def code(self) -> str:
        """The text form the pages and CLI take back (``parse`` reads it)."""
        if self.kind == "month":
            return self.start.strftime("%Y-%m")
        if self.kind == "quarter":
            return self.financial_quarter.code
        if self.kind == "year":
            return str(self.start.year)
        if self.kind == "span":
            return f"{self.start.isoformat()}..{self.end.isoformat()}"
        return self.start.isoformat()

    @classmethod
    def parse_span(cls, text: str) -> Period:
        first, sep, last = text.strip().partition("..")
        problem = PeriodError(
            f"Enter the span as two dates, first..last, for example "
            f"2025-02-01..2025-07-31 (got {text!r})."
        )
        try:
            start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
        except ValueError:
            raise problem from None
        if not sep or end < start:
            raise problem
        return cls(start, end, "span")

    @classmethod
    def parse(cls, kind: PeriodKind, text: str) -> Period:
        parser = {
            "month": cls.parse_month,
            "quarter": cls.parse_quarter,
            "year": cls.parse_year,
            "day": cls.parse_day,
            "span": cls.parse_span,
        }[kind]
        return parser(text)


def last_complete_financial_year(today: dt.date) -> int:
    """The start year of the newest financial year that has ended."""
    return today.year - 1 if today.month >= 4 else today.year - 2


def last_month_end(today: dt.date) -> dt.date:
    return today.replace(day=1) - dt.timedelta(days=1)
