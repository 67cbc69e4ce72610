"""Read a folder of SSDA903 CSV files (ours or another system's) as the contract tables.

Every value stays text exactly as in the file (an empty cell is null), so a badly
formatted date is something a rule reports, not a crash here. What cannot be read at all
is refused with ``ReturnFileError``: a header row with a column missing or one the DfE
does not define, a row with more cells than the header, a file in neither UTF-8 nor
Windows-1252. A file the folder lacks is an empty table (a return with no adoptions has
no AD1 rows); a CSV file that is not an SSDA903 file is listed in
``reference["unknown_files"]`` (column ``file``) so the caller can say so.

The collection year is ``year`` when given (``safeguard validate ssda903 --year``);
otherwise the year holding the latest event date in the files (DECOM, DEC, REVIEW,
MIS_START, MIS_END, SW_DECOM, SW_DEC, DATE_PLACED, DATE_MATCH): a return covers activity
up to its 31 March, so its last event falls in its own year.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping
from pathlib import Path

import polars as pl
from django.conf import settings

from safeguard.returns.importing import ReturnFileError
from safeguard.returns.periods import collection_end, collection_start, year_of
from safeguard.returns.rules.registry import ReturnData
from safeguard.returns.tables import ROW, SSDA903_FILES, SSDA903_TABLES, complete

#: The event dates that tell a return's collection year (never a date of birth).
EVENT_DATES: Mapping[str, tuple[str, ...]] = {
    "Episodes": ("DECOM", "DEC"),
    "Reviews": ("REVIEW",),
    "Missing": ("MIS_START", "MIS_END"),
    "SWEpisodes": ("SW_DECOM", "SW_DEC"),
    "PlacedAdoption": ("DATE_PLACED", "DATE_PLACED_CEASED"),
    "AD1": ("DATE_INT", "DATE_MATCH"),
}


def read_ssda903(
    folder: Path, *, year: int | None = None, previous: Path | None = None
) -> ReturnData:
    """The return in ``folder``; ``previous`` is last year's folder (rules that compare)."""
    tables, unknown = read_tables(folder)
    if year is None:
        year = infer_year(tables, folder)
    last: dict[str, pl.DataFrame] = {}
    if previous is not None:
        last = complete(read_tables(previous)[0], SSDA903_TABLES)
    reference = {"unknown_files": pl.DataFrame({"file": unknown}, schema={"file": pl.Utf8()})}
    return ReturnData(
        kind="ssda903",
        tables=complete(tables, SSDA903_TABLES),
        collection_start=collection_start(year),
        collection_end=collection_end(year),
        la_code=settings.SAFEGUARD_LA_CODE,
        previous=last,
        reference=reference if unknown else {},
    )


def read_tables(folder: Path) -> tuple[dict[str, pl.DataFrame], list[str]]:
    """The SSDA903 tables the folder holds, and the names of other CSV files in it."""
    if not folder.is_dir():
        raise ReturnFileError(str(folder), "is not a folder of SSDA903 CSV files")
    by_name = {file_name.lower(): table for table, file_name in SSDA903_FILES.items()}
    tables: dict[str, pl.DataFrame] = {}
    unknown: list[str] = []
    for path in sorted(folder.iterdir()):
        if not path.is_file():
            continue
        table = by_name.get(path.name.lower())
        if table is None:
            if path.suffix.lower() == ".csv":
                unknown.append(path.name)
            continue
        if table in tables:
            raise ReturnFileError(
                path.name, f"two files in {folder} hold the {table} table (names differ in case)"
            )
        tables[table] = read_file(path, table)
    return tables, unknown


def read_file(path: Path, table: str) -> pl.DataFrame:
    """One CSV file as its contract table; ``_row`` is the line a record starts on."""
    columns = SSDA903_TABLES[table]
    reader = csv.reader(io.StringIO(_text(path), newline=""))
    header = next(reader, None)
    if header is None:
        return complete({}, {table: columns})[table]
    # A blank header cell (a trailing comma from a spreadsheet) names no column.
    names = [name.strip() for name in header]
    _check_header(path.name, names, columns)
    data: dict[str, list[str | None]] = {name: [] for name in columns}
    rows: list[int] = []
    line = reader.line_num
    for cells in reader:
        start, line = line + 1, reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(names):
            raise ReturnFileError(
                path.name,
                f"the row has {len(cells)} cells but the header row has {len(names)} columns",
                line=start,
            )
        values = dict(zip(names, cells, strict=False))
        for name in columns:
            value = values.get(name)
            data[name].append(value if value else None)
        rows.append(start)
    schema: dict[str, pl.DataType] = {name: pl.Utf8() for name in columns}
    schema[ROW] = pl.Int64()
    return pl.DataFrame({**data, ROW: rows}, schema=schema)


def infer_year(tables: Mapping[str, pl.DataFrame], folder: Path) -> int:
    """The collection year of the latest event date in the files."""
    latest: dt.date | None = None
    for table, names in EVENT_DATES.items():
        frame = tables.get(table)
        if frame is None or frame.height == 0:
            continue
        found = frame.select(
            pl.max_horizontal(
                pl.col(name).str.strptime(pl.Date, "%d/%m/%Y", strict=False).max() for name in names
            )
        ).item()
        if found is not None and (latest is None or found > latest):
            latest = found
    if latest is None:
        raise ReturnFileError(
            str(folder),
            "cannot tell the collection year: the files hold no episode, review, missing, "
            "social worker or adoption dates",
            expected="--year YYYY",
        )
    return year_of(latest)


def _text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        raise ReturnFileError(
            path.name, "cannot be read as text", expected="UTF-8 or Windows-1252"
        ) from None


def _check_header(file: str, names: list[str], columns: tuple[str, ...]) -> None:
    expected = ", ".join(columns)
    for name in names:
        if name and name not in columns:
            raise ReturnFileError(
                file,
                "the header row has a column the DfE does not define for this file",
                line=1,
                field_name=name or "(blank)",
                expected=expected,
            )
    seen: set[str] = set()
    for name in filter(None, names):
        if name in seen:
            raise ReturnFileError(file, "the header row repeats a column", line=1, field_name=name)
        seen.add(name)
    for name in columns:
        if name not in names:
            raise ReturnFileError(
                file,
                "the header row lacks a column",
                line=1,
                field_name=name,
                expected=expected,
            )
