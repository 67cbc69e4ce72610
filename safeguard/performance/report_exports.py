"""Section reports (annual CP report, self-evaluation pack) as CSV, XLSX and PDF."""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from safeguard.performance.exports import (
    NUMBER_FORMATS,
    _finish_sheet,
    _header,
    html_to_pdf,
    rows_csv,
)
from safeguard.performance.products.report import Report


def filename(report: Report, extension: str) -> str:
    codes = "_".join(p.code.replace("..", "-to-") for p in report.periods)
    return f"{report.key}-{codes}.{extension}"


def report_csv(report: Report) -> str:
    """Long form: one line per figure (section, table, row, column, value, as shown)."""
    lines: list[list[Any]] = []
    for section in report.sections:
        for block in section.blocks:
            for cells in block.rows:
                for header, cell in zip(block.headers[1:], cells[1:], strict=True):
                    lines.append(
                        [section.section.title, block.caption, cells[0].text, header,
                         cell.value if cell.value is not None else "", cell.text,
                         cell.measure_id]
                    )  # fmt: skip
    headers = ["Section", "Table", "Row", "Column", "Value", "As shown", "Measure"]
    return rows_csv(headers, lines)


def report_xlsx(report: Report) -> bytes:
    """A sheet per section, its tables one under another, figures as numbers."""
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for number, section in enumerate(report.sections, start=1):
        sheet = book.create_sheet(f"{number} {section.section.title}"[:31])
        sheet.append([section.section.title])
        sheet.cell(1, 1).font = Font(bold=True, size=13)
        sheet.append([section.section.intro])
        for block in section.blocks:
            sheet.append([])
            if block.headers:
                sheet.append(list(block.headers))
                for cell in sheet[sheet.max_row]:
                    cell.font = Font(bold=True)
            for cells in block.rows:
                sheet.append(
                    [cells[0].text]
                    + [c.value if c.value is not None else c.text for c in cells[1:]]
                )
                for column, cell in enumerate(cells[1:], start=2):
                    if cell.unit is not None and cell.value is not None:
                        sheet.cell(sheet.max_row, column).number_format = NUMBER_FORMATS[cell.unit]
            for note in block.notes:
                sheet.append([note])
        widths = [48] + [20] * max((len(b.headers) for b in section.blocks), default=2)
        _finish_sheet(sheet, widths=widths)
        sheet.auto_filter.ref = None
    notes = book.create_sheet("About")
    _header(notes, [f"{report.title}: {report.subtitle} ({settings.SAFEGUARD_LA_NAME})"])
    notes.append([f"Computed from the case records on {timezone.localtime():%d %B %Y at %H:%M}."])
    notes.append(["Percentages are stored as numbers from 0 to 100."])
    notes.column_dimensions["A"].width = 120
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def report_pdf(report: Report) -> bytes:
    return html_to_pdf(report_html(report))


def report_html(report: Report) -> str:
    """A self-contained page (inline styles and SVG charts): the PDF's HTML."""
    sections = [
        {
            "section": s.section,
            "blocks": [
                {"block": b, "charts": [{"chart": c, "svg": c.svg()} for c in b.charts]}
                for b in s.blocks
            ],
        }
        for s in report.sections
    ]
    return render_to_string(
        "performance/pdf/report.html",
        {"report": report, "sections": sections, "la_name": settings.SAFEGUARD_LA_NAME,
         "computed_at": timezone.localtime()},
    )  # fmt: skip
