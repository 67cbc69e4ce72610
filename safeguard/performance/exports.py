"""A computed layout as CSV, as a spreadsheet (XLSX) and as a PDF.

The PDF is WeasyPrint drawing the same table template as the page (with print CSS and
static SVG charts), so screen and paper cannot disagree. Nothing is fetched while a PDF
is drawn: every stylesheet and chart is inline, and any other URL is refused.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from safeguard.performance.products.layout import Rag, Row, Snapshot
from safeguard.performance.registry import Unit

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_CONTENT_TYPE = "application/pdf"

COLUMNS: tuple[str, ...] = (
    "Group",
    "Ref",
    "Area",
    "Measure",
    "Frequency",
    "Unit",
    "Polarity",
    "Good",
    "Previous",
    "Current",
    "Trend",
    "RAG",
    "Lead",
    "Note",
)

#: Spreadsheet number formats by unit (percentages are stored as 0-100, not fractions).
NUMBER_FORMATS: dict[Unit, str] = {
    Unit.COUNT: "#,##0",
    Unit.PERCENT: '0.0"%"',
    Unit.RATE: "#,##0.0",
    Unit.AVERAGE: "#,##0.0",
    Unit.DAYS: "#,##0",
    Unit.MONTHS: "#,##0.0",
    Unit.SCORE: "0.0",
}
RAG_FILLS: dict[Rag, str] = {Rag.GREEN: "CCE2D8", Rag.AMBER: "FFF7BF", Rag.RED: "F4CDC6"}


def filename(snapshot: Snapshot, extension: str) -> str:
    return f"{snapshot.layout.key}-{snapshot.period.code}.{extension}"


def note(row: Row) -> str:
    if row.awaiting:
        return f"No data yet: {row.measure.awaiting}"
    return row.current.note


def _record(row: Row, group: str) -> list[Any]:
    """One row of the export: text columns, then the figures as numbers."""
    return [
        group,
        row.measure.id,
        row.measure.area,
        row.measure.name,
        row.measure.frequency,
        str(row.measure.unit),
        str(row.measure.polarity),
        row.measure.good,
        row.previous_value,
        row.current.value,
        str(row.trend),
        str(row.rag),
        row.measure.lead,
        note(row),
    ]


# -- CSV --------------------------------------------------------------------------------------


def snapshot_csv(snapshot: Snapshot) -> str:
    """One line per measure, the layout's columns then one column per period of the trend
    (figures unrounded, so a spreadsheet can recompute)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*COLUMNS, *(p.code for p in snapshot.periods)])
    for section in snapshot.sections:
        for row in section.rows:
            values = _record(row, section.group.title)
            writer.writerow(
                [_csv_cell(v) for v in values] + [_csv_cell(f.value) for _, f in row.series]
            )
    return out.getvalue()


def rows_csv(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows([_csv_cell(v) for v in row] for row in rows)
    return out.getvalue()


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        # A cell a spreadsheet would run as a formula (CSV injection): make it text.
        return "'" + value
    return value


# -- XLSX -------------------------------------------------------------------------------------


def snapshot_xlsx(snapshot: Snapshot) -> bytes:
    """A sheet with one row per measure (a Group column, filterable), figures as numbers
    with number formats, RAG coloured; a sheet of the 12-month series; a notes sheet."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = snapshot.layout.title[:31]
    _header(sheet, COLUMNS)
    for section in snapshot.sections:
        for row in section.rows:
            sheet.append(_record(row, section.group.title))
            line = sheet.max_row
            fmt = NUMBER_FORMATS.get(row.measure.unit, "General")
            for column in (8, 9, 10):
                sheet.cell(line, column).number_format = fmt
            fill = RAG_FILLS.get(row.rag)
            if fill:
                sheet.cell(line, 12).fill = PatternFill("solid", start_color=fill)
    _finish_sheet(sheet, widths=[24, 9, 16, 48, 11, 12, 14, 9, 10, 10, 12, 7, 14, 60])

    series = book.create_sheet("12 months")
    _header(series, ["Ref", "Measure", "Unit", *(p.code for p in snapshot.periods)])
    for row in snapshot.rows:
        series.append(
            [row.measure.id, row.measure.name, str(row.measure.unit)]
            + [f.value for _, f in row.series]
        )
        fmt = NUMBER_FORMATS.get(row.measure.unit, "General")
        for column in range(4, 4 + len(row.series)):
            series.cell(series.max_row, column).number_format = fmt
    _finish_sheet(series, widths=[9, 48, 12, *([10] * len(snapshot.periods))])

    notes = book.create_sheet("Notes")
    for line in notes_lines(snapshot):
        notes.append([line])
    notes.column_dimensions["A"].width = 120
    notes.cell(1, 1).font = Font(bold=True, size=14)

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def notes_lines(snapshot: Snapshot) -> list[str]:
    return [
        f"{snapshot.layout.title}: {snapshot.period.label} ({settings.SAFEGUARD_LA_NAME})",
        f"Computed from the case records on {snapshot.computed_at:%d %B %Y at %H:%M}.",
        "Previous: the figure for the month before. Trend compares Current with Previous "
        "as displayed: IMPROVING or WORSENING by the measure's polarity, UNCHANGED when "
        "equal, UP or DOWN where neither direction is better.",
        "RAG against Good: Green meets Good; Amber misses it by no more than 10% of Good; "
        "Red otherwise; ND no data. Measures without a Good target are not rated.",
        "Percentages are stored as numbers from 0 to 100.",
        "Measures with no data yet wait for records a later part of Safeguard adds: "
        "the Note column says which.",
    ]


def _header(sheet: Any, headers: Sequence[str]) -> None:
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"


def _finish_sheet(sheet: Any, *, widths: Sequence[int]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.auto_filter.ref = sheet.dimensions


# -- PDF --------------------------------------------------------------------------------------


def snapshot_pdf(snapshot: Snapshot) -> bytes:
    return html_to_pdf(snapshot_html(snapshot))


def snapshot_html(snapshot: Snapshot) -> str:
    """The snapshot as one self-contained document (inline styles, SVG charts)."""
    return render_to_string(
        "performance/pdf/scorecard.html",
        {
            "snapshot": snapshot,
            "sections": sections_for_display(snapshot, svg=True),
            "la_name": settings.SAFEGUARD_LA_NAME,
            "notes": notes_lines(snapshot)[1:],
        },
    )


def sections_for_display(snapshot: Snapshot, *, svg: bool) -> list[dict[str, Any]]:
    """Rows with their sparklines, for the page (specs) or the PDF (static SVG)."""
    out = []
    for section in snapshot.sections:
        rows = []
        for row in section.rows:
            chart = row.sparkline()
            rows.append({"row": row, "chart": chart, "svg": chart.svg() if chart and svg else ""})
        out.append({"group": section.group, "rows": rows})
    return out


def html_to_pdf(html: str) -> bytes:
    """WeasyPrint, allowed ``data:`` URLs only: PDFs are drawn from inline content."""
    from weasyprint import HTML, URLFetcher

    pdf = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()
    assert pdf is not None
    return bytes(pdf)
