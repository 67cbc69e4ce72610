"""Writing the lists as Ofsted's workbook: one sheet per list, title, headings, rows.

Row 1 names the list and holds the as-at date, row 2 the headings exactly as Ofsted's
template spells them, and each later row is one child (or episode). Dates are real Excel
dates shown dd/mm/yyyy, so inspectors can sort and filter them; blanks are empty cells.

openpyxl writes the workbook: its parts, styles, sheets, titles, headings, widths and
frozen panes. The data rows, tens of thousands at a large authority, would take openpyxl
about 30 microseconds a cell; they are instead serialised a column at a time by Polars as
SpreadsheetML ``<row>`` elements (inline strings, numbers, dates as serial days with
openpyxl's own date style) and spliced into each sheet's ``<sheetData>``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable

import polars as pl
from lxml import etree
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, NamedStyle
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from safeguard.returns.annex_a.layout import AnnexList

DATE_FORMAT = "dd/mm/yyyy"
_DATE_STYLE = "annex_a_date"
#: Excel's day 0 (its serial dates count from here, 1900 leap-year bug included).
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#: Characters XML 1.0 cannot hold at all: dropped from text rather than failing the export.
_NOT_XML = r"[\x00-\x08\x0b\x0c\x0e-\x1f]"
FIRST_DATA_ROW = 3


def annex_a_xlsx(lists: Iterable[tuple[AnnexList, pl.DataFrame]], as_at: dt.date) -> bytes:
    lists = list(lists)
    book = Workbook(write_only=True)
    book.add_named_style(NamedStyle(name=_DATE_STYLE, number_format=DATE_FORMAT))
    for annex, frame in lists:
        if tuple(frame.columns) != annex.columns:
            raise ValueError(f"{annex.sheet}: the rows' columns are not the list's headings.")
        _write_headings(book.create_sheet(annex.sheet), annex, as_at)
    buffer = io.BytesIO()
    book.save(buffer)
    return _with_rows(buffer.getvalue(), [frame for _, frame in lists])


def _write_headings(sheet: WriteOnlyWorksheet, annex: AnnexList, as_at: dt.date) -> None:
    for index, column in enumerate(annex.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(len(column), 12), 40)
    sheet.freeze_panes = "B3"
    title = WriteOnlyCell(sheet, annex.heading)
    title.font = Font(bold=True, size=13)
    label = WriteOnlyCell(sheet, "As at")
    day = WriteOnlyCell(sheet, as_at)
    day.style = _DATE_STYLE
    sheet.append([title, label, day])
    headings = []
    for column in annex.columns:
        cell = WriteOnlyCell(sheet, column)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        headings.append(cell)
    sheet.append(headings)


def _with_rows(workbook: bytes, frames: list[pl.DataFrame]) -> bytes:
    """The saved workbook with each sheet's data rows added after its heading row."""
    source = zipfile.ZipFile(io.BytesIO(workbook))
    date_style = _date_style_index(source.read("xl/styles.xml"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            found = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", item.filename)
            if found:
                if b"</sheetData>" not in content:
                    raise ValueError(f"{item.filename} has no rows to follow (no headings).")
                rows = _rows_xml(frames[int(found.group(1)) - 1], date_style)
                content = content.replace(b"</sheetData>", rows + b"</sheetData>", 1)
            target.writestr(item, content)
    return out.getvalue()


def _date_style_index(styles: bytes) -> int:
    """The cell format openpyxl gave the date style (the as-at date cell uses it)."""
    root = etree.fromstring(styles)
    formats = {
        node.get("formatCode"): node.get("numFmtId")
        for node in root.iterfind(f"{{{_MAIN}}}numFmts/{{{_MAIN}}}numFmt")
    }
    wanted = formats[DATE_FORMAT]
    for index, xf in enumerate(root.iterfind(f"{{{_MAIN}}}cellXfs/{{{_MAIN}}}xf")):
        if xf.get("numFmtId") == wanted:
            return index
    raise LookupError("openpyxl wrote no cell format for the Annex A date style.")


def _rows_xml(frame: pl.DataFrame, date_style: int) -> bytes:
    if frame.is_empty():
        return b""
    row = pl.int_range(FIRST_DATA_ROW, FIRST_DATA_ROW + pl.len()).cast(pl.Utf8)
    cells = [
        _cell(pl.col(name), kind, get_column_letter(i), row, date_style)
        for i, (name, kind) in enumerate(frame.schema.items(), start=1)
    ]
    xml = frame.select(
        pl.concat_str([pl.lit('<row r="'), row, pl.lit('">'), *cells, pl.lit("</row>")]).alias(
            "xml"
        )
    )
    return "".join(xml["xml"].to_list()).encode("utf-8")


def _cell(value: pl.Expr, kind: pl.DataType, letter: str, row: pl.Expr, style: int) -> pl.Expr:
    """One column's cells as XML text (an empty string where the value is blank)."""
    ref = pl.concat_str([pl.lit(f'<c r="{letter}'), row])
    blank = value.is_null()
    if kind == pl.Date:
        serial = (value - pl.lit(_EXCEL_EPOCH)).dt.total_days().cast(pl.Utf8)
        xml = pl.concat_str([ref, pl.lit(f'" s="{style}"><v>'), serial, pl.lit("</v></c>")])
    elif kind.is_numeric():
        xml = pl.concat_str([ref, pl.lit('"><v>'), value.cast(pl.Utf8), pl.lit("</v></c>")])
    else:
        blank = blank | (value.cast(pl.Utf8) == "")
        text = (
            value.cast(pl.Utf8)
            .str.replace_all(_NOT_XML, "")
            .str.replace_all("&", "&amp;", literal=True)
            .str.replace_all("<", "&lt;", literal=True)
            .str.replace_all(">", "&gt;", literal=True)
        )
        xml = pl.concat_str(
            [
                ref,
                pl.lit('" t="inlineStr"><is><t xml:space="preserve">'),
                text,
                pl.lit("</t></is></c>"),
            ]
        )
    return pl.when(blank).then(pl.lit("")).otherwise(xml)
