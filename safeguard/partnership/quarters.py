"""Financial quarters (Q1 = April to June), written as the performance pages write them
("2020-Q1" is April to June 2020), for the partnership's quarterly reports."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from safeguard.core.calendar import add_months

QUARTER_RE = re.compile(r"^(\d{4})-Q([1-4])$")


class QuarterError(ValueError):
    """A quarter that cannot be read."""


@dataclass(frozen=True, order=True)
class Quarter:
    year: int  # the financial year's first calendar year
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        match = QUARTER_RE.match(text.strip().upper())
        if not match:
            raise QuarterError(
                f"Enter the quarter as YYYY-Qn, for example 2020-Q1 for April to June 2020 "
                f"(got {text!r})."
            )
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def containing(cls, day: dt.date) -> Quarter:
        year = day.year if day.month >= 4 else day.year - 1
        return cls(year, (day.month - 4) % 12 // 3 + 1)

    @property
    def start(self) -> dt.date:
        return add_months(dt.date(self.year, 4, 1), 3 * (self.number - 1))

    @property
    def end(self) -> dt.date:
        return add_months(self.start, 3) - dt.timedelta(days=1)

    @property
    def code(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def label(self) -> str:
        """Q1 2020-21 (April to June 2020)."""
        return (
            f"Q{self.number} {self.year}-{str(self.year + 1)[2:]} "
            f"({self.start:%B} to {self.end:%B %Y})"
        )

    def previous(self) -> Quarter:
        return Quarter.containing(self.start - dt.timedelta(days=1))

    def recent(self, count: int) -> list[Quarter]:
        """This quarter and the ``count - 1`` before it, newest first."""
        out = [self]
        while len(out) < count:
            out.append(out[-1].previous())
        return out
