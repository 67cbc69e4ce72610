"""Build small returns by hand for rule tests: a few rows, only the columns that matter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from safeguard.returns.rules.registry import ReturnData, get, run_rule
from safeguard.returns.tables import CIN_TABLES, SSDA903_TABLES, table_from_rows

Rows = Sequence[Mapping[str, str | int | None]]


def cin_return(
    *,
    year: int = 2024,
    la_code: str = "001",
    previous: Mapping[str, Rows] | None = None,
    **tables: Rows,
) -> ReturnData:
    """A CIN census for the collection year ending 31 March ``year``."""
    return ReturnData(
        kind="cin",
        tables={
            name: table_from_rows(CIN_TABLES[name], list(rows)) for name, rows in tables.items()
        },
        previous={n: table_from_rows(CIN_TABLES[n], list(r)) for n, r in (previous or {}).items()},
        collection_start=dt.date(year - 1, 4, 1),
        collection_end=dt.date(year, 3, 31),
        la_code=la_code,
    )


def ssda903_return(
    *,
    year: int = 2024,
    la_code: str = "001",
    previous: Mapping[str, Rows] | None = None,
    reference: Mapping[str, object] | None = None,
    **tables: Rows,
) -> ReturnData:
    """An SSDA903 return for the collection year ending 31 March ``year``."""
    return ReturnData(
        kind="ssda903",
        tables={
            name: table_from_rows(SSDA903_TABLES[name], list(rows)) for name, rows in tables.items()
        },
        previous={
            n: table_from_rows(SSDA903_TABLES[n], list(r)) for n, r in (previous or {}).items()
        },
        collection_start=dt.date(year - 1, 4, 1),
        collection_end=dt.date(year, 3, 31),
        la_code=la_code,
        reference=dict(reference or {}),  # type: ignore[arg-type]
    )


def failing_rows(kind: str, code: str, data: ReturnData) -> list[tuple[str, int, str]]:
    """(table, row, child) of each failure of one rule."""
    found = run_rule(get(kind, code), data)  # type: ignore[arg-type]
    return [(r["table"], r["row"], r["child"]) for r in found.iter_rows(named=True)]
