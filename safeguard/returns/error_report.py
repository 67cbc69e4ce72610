"""The validation error report in the formats a user asks for: table, CSV, JSON, XLSX.

One line per failing row: child, table, row (the line in the file), rule code, severity,
message and the fields to look at — what an analyst needs to find and fix the record.
"""

from __future__ import annotations

import io
import json

import polars as pl
from openpyxl import Workbook
from openpyxl.styles import Font
from rich.console import Console
from rich.table import Table

from safeguard.returns.rules.registry import REPORT_SCHEMA, Rule

FORMATS = ("table", "csv", "json", "xlsx")
HEADINGS = {
    "child": "Child",
    "table": "Table",
    "row": "Row",
    "code": "Rule",
    "severity": "Severity",
    "message": "Message",
    "fields": "Fields",
}


def summary_lines(report: pl.DataFrame, rules_run: list[Rule], where: str) -> list[str]:
    """Counts for the foot of a report: errors, queries, children, rules run."""
    errors = report.filter(pl.col("severity") == "error").height
    queries = report.height - errors
    children = report.filter(pl.col("child").is_not_null())["child"].n_unique()
    by_rule = report.group_by("code").len().height
    return [
        f"{where}: {len(rules_run)} rules run; {errors:,} errors and {queries:,} queries "
        f"from {by_rule} rules, about {children:,} children."
        if report.height
        else f"{where}: {len(rules_run)} rules run; no errors or queries."
    ]


def as_table(report: pl.DataFrame, *, width: int = 160) -> str:
    table = Table(*HEADINGS.values(), show_lines=False)
    for row in report.iter_rows(named=True):
        table.add_row(*("" if row[c] is None else str(row[c]) for c in HEADINGS))
    buffer = io.StringIO()
    Console(file=buffer, width=width, force_terminal=False, color_system=None).print(table)
    return buffer.getvalue()


def as_csv(report: pl.DataFrame) -> str:
    return report.select(list(REPORT_SCHEMA)).rename(HEADINGS).write_csv()


def as_json(report: pl.DataFrame) -> str:
    return json.dumps(report.select(list(REPORT_SCHEMA)).to_dicts(), indent=2)


def as_xlsx(report: pl.DataFrame, title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Errors"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(list(HEADINGS.values()))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in report.iter_rows():
        sheet.append(list(row))
    for column, width in zip("ABCDEFG", (16, 22, 8, 10, 10, 90, 40), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
