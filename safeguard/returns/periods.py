"""Collection years: a return's year is named by the 31 March it ends on (the DfE's usage)."""

from __future__ import annotations

import datetime as dt
import re


class CollectionYearError(ValueError):
    pass


def collection_year(text: str) -> int:
    """``2024`` → 2024, the year 1 April 2023 to 31 March 2024; a clear error otherwise."""
    if not re.fullmatch(r"\d{4}", text.strip()):
        raise CollectionYearError(
            f"--year must be four digits, the year the collection ends on 31 March (got {text!r})."
        )
    year = int(text)
    if not 2000 <= year <= 2100:
        raise CollectionYearError(f"--year {year} is outside 2000-2100.")
    return year


def collection_start(year: int) -> dt.date:
    return dt.date(year - 1, 4, 1)


def collection_end(year: int) -> dt.date:
    """The census reference date."""
    return dt.date(year, 3, 31)


def year_of(day: dt.date) -> int:
    """The collection year a day falls in."""
    return day.year + 1 if day.month >= 4 else day.year
