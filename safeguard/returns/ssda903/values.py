"""The values of an SSDA903 file as Python values, for importing: refuse what cannot be read.

The reader keeps every cell as text so the rules can report it; an import has to turn
each cell into a date, a code, a number or a yes/no, and a cell that is none of what its
column holds (an impossible date, a code the DfE does not list) stops the import with
``ReturnFileError`` naming the file, line, column, value and what was expected. Blank is
always allowed here: whether a blank matters is the rules' question, not the import's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from typing import Any

import polars as pl
import yaml

from safeguard.returns.importing import ReturnFileError
from safeguard.returns.spec import SSDA903_YML
from safeguard.returns.tables import ROW, SSDA903_FILES, SSDA903_TABLES

Row = dict[str, Any]

#: Columns read as whole numbers, with their range.
NUMBERS: Mapping[tuple[str, str], tuple[int, int]] = {
    ("AD1", "NB_ADOPTR"): (1, 2),
    ("OC2", "SDQ_SCORE"): (0, 40),
}
#: Coded columns that are yes/no (0 or 1).
FLAGS = frozenset({("AD1", "FOSTER_CARE"), ("Header", "MOTHER")}) | frozenset(
    ("OC2", c)
    for c in (
        "CONVICTED",
        "HEALTH_CHECK",
        "IMMUNISATIONS",
        "TEETH_CHECK",
        "HEALTH_ASSESSMENT",
        "SUBSTANCE_MISUSE",
        "INTERVENTION_RECEIVED",
        "INTERVENTION_OFFERED",
    )
)
#: The longest text the records hold for a column (a longer value cannot be imported).
TEXT_MAX = {"CHILD": 20, "UPN": 13, "HOME_POST": 8, "PL_POST": 8, "URN": 8, "SW_ID": 20}


@cache
def _column_specs() -> dict[str, dict[str, dict[str, Any]]]:
    with SSDA903_YML.open(encoding="utf-8") as handle:
        specs: dict[str, dict[str, dict[str, Any]]] = yaml.safe_load(handle)["column_map"]
    specs["SWEpisodes"] = specs.pop("SocialWorker")
    return specs


def kind_of(table: str, column: str) -> str:
    """``date``, ``flag``, ``number``, ``code`` or ``text``."""
    if (table, column) in FLAGS:
        return "flag"
    if (table, column) in NUMBERS:
        return "number"
    spec = _column_specs()[table][column]
    if "date" in spec:
        return "date"
    if isinstance(spec.get("category"), list):
        return "code"
    return "text"


@cache
def codes(table: str, column: str) -> frozenset[str]:
    spec = _column_specs()[table][column]
    return frozenset(str(item["code"]).strip() for item in spec["category"])


def typed_rows(table: str, frame: pl.DataFrame) -> list[Row]:
    """Each row as Python values (dates, codes, ints, bools, text; None when blank)."""
    columns = SSDA903_TABLES[table]
    file = SSDA903_FILES[table]
    kinds = {c: kind_of(table, c) for c in columns}
    rows = []
    for raw in frame.iter_rows(named=True):
        row: Row = {ROW: raw[ROW]}
        for column in columns:
            row[column] = _value(file, table, column, kinds[column], raw[column], raw[ROW])
        if row["CHILD"] is None:
            raise ReturnFileError(
                file, "every row needs the child's identifier", line=raw[ROW], field_name="CHILD"
            )
        rows.append(row)
    return rows


def _value(file: str, table: str, column: str, kind: str, text: str | None, line: int) -> Any:
    if text is None or not text.strip():
        return None
    value = text.strip()

    def refuse(problem: str, expected: str) -> ReturnFileError:
        return ReturnFileError(
            file, problem, line=line, field_name=column, value=text, expected=expected
        )

    if kind == "date":
        try:
            return dt.datetime.strptime(value, "%d/%m/%Y").date()
        except ValueError:
            raise refuse("not a date", "a real date as DD/MM/YYYY") from None
    if kind == "flag":
        if value not in {"0", "1"}:
            raise refuse("not a yes/no code", "0 or 1")
        return value == "1"
    if kind == "number":
        low, high = NUMBERS[(table, column)]
        if not value.isdigit() or not low <= int(value) <= high:
            raise refuse("not a whole number in range", f"a whole number {low} to {high}")
        return int(value)
    if kind == "code":
        allowed = codes(table, column)
        if value not in allowed:
            raise refuse("not a code the DfE lists", "one of " + ", ".join(sorted(allowed)))
        return value
    limit = TEXT_MAX.get(column)
    if limit is not None and len(value) > limit:
        raise refuse("too long", f"at most {limit} characters")
    return value
