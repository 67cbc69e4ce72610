"""Financial quarters (Q1 = April to June), written as the performance pages write them
("2020-Q1" is April to June 2020), for the partnership's quarterly reports.

The reading and the dates are ``safeguard.core.quarters``; the LADO report only names a
quarter with its months, and takes "2020-q1" as well as "2020-Q1" in its quarter box.
"""

from __future__ import annotations

from typing import ClassVar

from safeguard.core.quarters import FinancialQuarter, QuarterError

__all__ = ["Quarter", "QuarterError"]


class Quarter(FinancialQuarter):
    """A financial quarter as the LADO report heads it: Q1 2020-21 (April to June 2020)."""

    EXAMPLE: ClassVar[str] = "2020-Q1"
    IGNORE_CASE: ClassVar[bool] = True

    @property
    def label(self) -> str:
        return f"{super().label} ({self.months_label})"
