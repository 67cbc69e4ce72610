"""A computed layout as CSV, XLSX and PDF."""

from __future__ import annotations

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.template.loader import render_to_string
from openpyxl import load_workbook

from safeguard.cin.models import CINEpisode
from safeguard.frontdoor.models import Contact, ContactChild
from safeguard.performance import exports
from safeguard.performance.periods import Period
from safeguard.performance.products.layout import Group, Layout, compute

pytestmark = pytest.mark.django_db

AUGUST = Period.month(2025, 8)
LAYOUT = Layout(
    key="oba",
    title="OBA snapshot",
    groups=(
        Group("How much did we do?", ("OBA1-04", "OBA1-13", "OBA1-08")),
        Group("How well did we do it?", ("OBA2-11",)),
    ),
)


@pytest.fixture
def snapshot(make_child):
    a, b = make_child(), make_child()
    for day, children in ((dt.date(2025, 7, 2), (a,)), (dt.date(2025, 8, 4), (a, b))):
        made = Contact.objects.create(
            received_at=dt.datetime(day.year, day.month, day.day, 9, tzinfo=ZoneInfo("UTC")),
            source="2A",
            channel="professional_line",
            concerns="Worried.",
            consent_asked=True,
            consent_given=True,
        )
        for child in children:
            ContactChild.objects.create(contact=made, child=child)
    CINEpisode.objects.create(child=a, referral_date=dt.date(2025, 3, 1), referral_source="6")
    CINEpisode.objects.create(child=a, referral_date=dt.date(2025, 8, 1), referral_source="6")
    CINEpisode.objects.create(child=b, referral_date=dt.date(2025, 8, 2), referral_source="6")
    CINEpisode.objects.create(child=b, referral_date=dt.date(2025, 8, 3), referral_source="6")
    return compute(LAYOUT, AUGUST)


def test_csv_has_a_line_per_measure_with_unrounded_figures_and_the_series(snapshot):
    lines = list(csv.reader(io.StringIO(exports.snapshot_csv(snapshot))))
    header = lines[0]
    assert header[: len(exports.COLUMNS)] == list(exports.COLUMNS)
    assert header[len(exports.COLUMNS) :] == [p.code for p in AUGUST.trailing(12)]
    by_ref = {line[1]: dict(zip(header, line, strict=True)) for line in lines[1:]}
    assert list(by_ref) == ["OBA1-04", "OBA1-13", "OBA1-08", "OBA2-11"]
    rereferral = by_ref["OBA2-11"]
    assert rereferral["Group"] == "How well did we do it?"
    assert float(rereferral["Current"]) == pytest.approx(200 / 3)  # 2 of 3, unrounded
    assert rereferral["Good"] == "20.0"
    assert rereferral["Trend"] == ""  # no referrals in July: no previous figure
    assert rereferral["RAG"] == "Red"
    assert by_ref["OBA1-04"]["Previous"] == "1.0"
    assert by_ref["OBA1-04"]["2025-08"] == "2.0"
    waiting = by_ref["OBA1-13"]
    assert waiting["Current"] == ""
    assert waiting["RAG"] == "ND"
    assert waiting["Note"].startswith("No data yet: ")


def test_csv_cells_a_spreadsheet_would_run_as_formulas_are_made_text():
    text = exports.rows_csv(["Who", "Detail"], [["=HYPERLINK()", "-1"], ["Jo", "ok"]])
    assert list(csv.reader(io.StringIO(text)))[1:] == [["'=HYPERLINK()", "'-1"], ["Jo", "ok"]]


def test_xlsx_has_number_formats_rag_colours_the_series_and_notes(snapshot):
    book = load_workbook(io.BytesIO(exports.snapshot_xlsx(snapshot)))
    assert book.sheetnames == ["OBA snapshot", "12 months", "Notes"]
    sheet = book["OBA snapshot"]
    assert [c.value for c in sheet[1]] == list(exports.COLUMNS)
    assert sheet.freeze_panes == "A2"
    rows = {r[1].value: r for r in sheet.iter_rows(min_row=2)}
    rereferral = rows["OBA2-11"]
    assert rereferral[9].value == pytest.approx(200 / 3)
    assert rereferral[9].number_format == '0.0"%"'
    assert rereferral[11].value == "Red"
    assert rereferral[11].fill.start_color.rgb.endswith("F4CDC6")
    assert rows["OBA1-04"][9].number_format == "#,##0"
    assert rows["OBA1-13"][9].value is None
    series = book["12 months"]
    assert [c.value for c in series[1]][3:] == [p.code for p in AUGUST.trailing(12)]
    assert series.max_row == 5
    notes = [r[0].value for r in book["Notes"].iter_rows()]
    assert notes[0].startswith("OBA snapshot: August 2025")
    assert any("Amber misses it by no more than 10% of Good" in n for n in notes)


def test_the_pdf_is_drawn_from_the_page_table_with_static_charts(snapshot):
    html = render_to_string(
        "performance/pdf/scorecard.html",
        {
            "snapshot": snapshot,
            "sections": exports.sections_for_display(snapshot, svg=True),
            "la_name": "Test County",
        },
    )
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 3  # 3 measures with data
    assert "data-chart-spec" not in html  # no interactive charts on paper
    assert "<script" not in html
    assert "size: A4 landscape" in html
    assert snapshot.rows_by_id["OBA1-13"].measure.awaiting in html  # the reason, in full
    assert 'id="scorecard"' in html  # the same table include as the page
    pdf = exports.snapshot_pdf(snapshot)
    assert pdf.startswith(b"%PDF")
    assert exports.filename(snapshot, "pdf") == "oba-2025-08.pdf"


def test_pdfs_fetch_nothing():
    with pytest.raises(ValueError, match="disallowed protocol"):
        from weasyprint import URLFetcher

        URLFetcher(allowed_protocols={"data"}).fetch("https://example.org/tracker.png")
    pdf = exports.html_to_pdf(
        '<html><body><img src="https://example.org/x.png" alt="x">'
        '<img src="file:///etc/passwd" alt="y"></body></html>'
    )
    assert pdf.startswith(b"%PDF")
