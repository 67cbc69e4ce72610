"""Financial quarters, read and written one way for every report that names a quarter.

Councils report by the financial year that starts on 1 April, so Q1 is April to June and
Q4 is January to March of the next calendar year: "2025-Q4" is January to March 2026.
These are not calendar quarters (Q1 = January to March); a page that wants those says so
and counts them itself. The performance periods and the LADO quarterly report both build
on this class, so a code one of them writes, the other reads back as the same months.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import ClassVar, Self

from safeguard.core.calendar import add_months

QUARTER_RE = re.compile(r"^(\d{4})-Q([1-4])$")
FIRST_MONTH = 4  # April: the financial year's first month


class QuarterError(ValueError):
    """A quarter that cannot be read."""


def financial_year_of(day: dt.date) -> int:
    """The first calendar year of the financial year ``day`` is in (2025 for March 2026)."""
    return day.year if day.month >= FIRST_MONTH else day.year - 1


@dataclass(frozen=True, order=True)
class FinancialQuarter:
    """Quarter ``number`` (1 to 4) of the financial year starting in April of ``year``."""

    year: int  # the financial year's first calendar year
    number: int

    #: The quarter the error message offers as an example (a subclass may name another).
    EXAMPLE: ClassVar[str] = "2025-Q2"
    #: Whether "2025-q2" reads as "2025-Q2".
    IGNORE_CASE: ClassVar[bool] = False

    def __post_init__(self) -> None:
        if not 1 <= self.number <= 4:
            raise QuarterError(f"A financial quarter is numbered 1 to 4 (got {self.number}).")

    # -- construction -------------------------------------------------------------------
    @classmethod
    def parse(cls, text: str) -> Self:
        """Read "YYYY-Qn"; the error says what to type, with an example."""
        typed = text.strip()
        match = QUARTER_RE.match(typed.upper() if cls.IGNORE_CASE else typed)
        if not match:
            example = cls._from_code(cls.EXAMPLE)
            raise QuarterError(
                f"Enter the quarter as YYYY-Qn, for example {example.code} for "
                f"{example.months_label} (got {text!r})."
            )
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def _from_code(cls, code: str) -> Self:
        year, number = code.split("-Q")
        return cls(int(year), int(number))

    @classmethod
    def containing(cls, day: dt.date) -> Self:
        return cls(financial_year_of(day), (day.month - FIRST_MONTH) % 12 // 3 + 1)

    # -- dates and names ----------------------------------------------------------------
    @property
    def start(self) -> dt.date:
        return add_months(dt.date(self.year, FIRST_MONTH, 1), 3 * (self.number - 1))

    @property
    def end(self) -> dt.date:
        """The quarter's last day (inclusive)."""
        return add_months(self.start, 3) - dt.timedelta(days=1)

    @property
    def code(self) -> str:
        """ "2025-Q2": the form pages, links and the command line take back (``parse``)."""
        return f"{self.year}-Q{self.number}"

    @property
    def label(self) -> str:
        """ "Q2 2025-26", as scrutiny reports head a column."""
        return f"Q{self.number} {self.year}-{str(self.year + 1)[2:]}"

    @property
    def months_label(self) -> str:
        """ "July to September 2025": which months the quarter is, for readers who don't
        count financial quarters."""
        return f"{self.start:%B} to {self.end:%B %Y}"

    # -- navigation ---------------------------------------------------------------------
    def previous(self) -> Self:
        if self.number == 1:
            return type(self)(self.year - 1, 4)
        return type(self)(self.year, self.number - 1)

    def next(self) -> Self:
        if self.number == 4:
            return type(self)(self.year + 1, 1)
        return type(self)(self.year, self.number + 1)

    def recent(self, count: int) -> list[Self]:
        """This quarter and the ``count - 1`` before it, newest first."""
        out = [self]
        while len(out) < count:
            out.append(out[-1].previous())
        return out
