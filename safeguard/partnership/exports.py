"""The LADO quarterly report as CSV and as PDF (WeasyPrint drawing the page's tables)."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from safeguard.partnership.selectors.lado_report import QuarterlyReport

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
PDF_CONTENT_TYPE = "application/pdf"


def filename(report: QuarterlyReport, extension: str) -> str:
    return f"lado-quarterly-{report.quarter.code}.{extension}"


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float):
        return round(value, 1)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value  # a spreadsheet must not run it as a formula
    return value


def report_rows(report: QuarterlyReport) -> list[list[Any]]:
    """Long form: section, row, measure, value (percentages 0-100, one decimal)."""
    h, p = report.headline, report.previous
    rows: list[list[Any]] = [
        ["Summary", "This quarter", "Contacts", h.contacts],
        ["Summary", "This quarter", "Referrals", h.referrals],
        ["Summary", "This quarter", "Conversion %", h.conversion],
        ["Summary", "Previous quarter", "Contacts", p.contacts],
        ["Summary", "Previous quarter", "Referrals", p.referrals],
        ["Summary", "Previous quarter", "Conversion %", p.conversion],
        ["Summary", "This quarter", "Employer date known", report.informed_known],
        ["Summary", "This quarter", "LADO informed within 1 working day", report.informed_on_time],
        [
            "Summary",
            "This quarter",
            "LADO informed within 1 working day %",
            report.informed_on_time_percent,
        ],
        ["Summary", "End of quarter", "Open referrals", report.open_referrals_at_end],
        ["Summary", "This quarter", "DBS referrals made", report.dbs_referrals],
    ]
    for section, lines in (("By role", report.by_role), ("By source", report.by_source)):
        for line in lines:
            rows += [
                [section, line.label, "Contacts", line.contacts],
                [section, line.label, "Referrals", line.referrals],
                [section, line.label, "Conversion %", line.conversion],
                [section, line.label, "Share of referrals %", line.share_of_referrals],
            ]
    rows += [["Outcomes recorded", label, "Referrals", n] for _, label, n in report.outcomes]
    return rows


def report_csv(report: QuarterlyReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Quarter", "Section", "Row", "Measure", "Value"])
    for row in report_rows(report):
        writer.writerow([report.quarter.code, *(_cell(v) for v in row)])
    return out.getvalue()


def report_html(report: QuarterlyReport) -> str:
    return render_to_string(
        "partnership/pdf/lado_report.html",
        {
            "report": report,
            "la_name": getattr(settings, "SAFEGUARD_LA_NAME", ""),
            "computed_at": timezone.localtime(),
        },
    )


def report_pdf(report: QuarterlyReport) -> bytes:
    """WeasyPrint with ``data:`` URLs only: every style is inline, nothing is fetched."""
    from weasyprint import HTML, URLFetcher

    pdf = HTML(
        string=report_html(report), url_fetcher=URLFetcher(allowed_protocols={"data"})
    ).write_pdf()
    assert pdf is not None
    return bytes(pdf)
