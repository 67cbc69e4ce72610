"""`safeguard returns cin-census`: the CIN census of a collection year, from the records.

``cin_census_tables`` is the census as the DfE's tables (what year-round validation runs
the rules on, with ``reference["children"]`` leading each LA child id back to the
person); ``cin_census_xml`` writes those same tables as the file, so what passes the
rules on the live records is what is sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils import timezone

from safeguard.returns.cin_census.records import census_from_records
from safeguard.returns.cin_census.writer import CensusSchemaError, write_census
from safeguard.returns.rules.registry import ReturnData

__all__ = ["CensusSchemaError", "NoChildrenError", "cin_census_tables", "cin_census_xml"]


class NoChildrenError(ValueError):
    """The year has no child in need: the DfE schema needs at least one child."""


def cin_census_tables(year: int, *, progress: Callable[[str], None] | None = None) -> ReturnData:
    """The census for the collection year ending 31 March ``year`` (``_row`` 0 throughout)."""
    return census_from_records(year, progress=progress)


def cin_census_xml(
    year: int,
    *,
    progress: Callable[[str], None] | None = None,
    generated_at: dt.datetime | None = None,
) -> bytes:
    """The census file; two exports of the same records differ only in the Header DateTime
    (``generated_at``, default now). Raises ``CensusSchemaError`` rather than write a file
    the DfE would refuse."""
    data = census_from_records(year, progress=progress)
    if data.table("ChildIdentifiers").is_empty():
        raise NoChildrenError(
            f"The records hold no child in need in the collection year {year - 1}-"
            f"{year % 100:02d} (1 April {year - 1} to 31 March {year}): there is no CIN "
            "census to write."
        )
    if progress is not None:
        progress("Writing the XML")
    when = generated_at or timezone.localtime(timezone.now())
    return write_census(data.tables, generated_at=when)
