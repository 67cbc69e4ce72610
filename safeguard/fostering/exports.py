"""The fostering sufficiency report as CSV and as PDF (WeasyPrint drawing the tables)."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from safeguard.fostering.selectors import SufficiencyReport

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
PDF_CONTENT_TYPE = "application/pdf"


def filename(report: SufficiencyReport, extension: str) -> str:
    return f"fostering-sufficiency-{report.start:%Y%m%d}-{report.end:%Y%m%d}.{extension}"


def report_rows(report: SufficiencyReport) -> list[list[Any]]:
    """Long form: section, row, measure, value (blank where there is nothing to divide)."""
    rows: list[list[Any]] = [
        ["Journey", "Period", "Enquiries", report.enquiries],
        ["Journey", "Period", "Assessments started", report.assessments_started],
        ["Journey", "Period", "Approvals", report.approvals],
        [
            "Journey",
            f"Six months before ({report.lag_start.isoformat()} to {report.lag_end.isoformat()})",
            "Enquiries",
            report.lagged_enquiries,
        ],
        ["Journey", "Period", "Conversion % (OBA2-28)", report.conversion_percent],
        [
            "Journey",
            "Period",
            "Median months, assessment to approval",
            report.median_months_to_approval,
        ],
        ["Households", "Now", "Annual reviews overdue", report.reviews_overdue],
    ]
    for line in report.by_type:
        rows += [
            ["By approval type", line.label, "Households", line.households],
            ["By approval type", line.label, "Places", line.places],
            ["By approval type", line.label, "Vacancies", line.vacancies],
        ]
    return rows


def report_csv(report: SufficiencyReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["From", "To", "Section", "Row", "Measure", "Value"])
    for row in report_rows(report):
        value = "" if row[-1] is None else row[-1]
        writer.writerow([report.start.isoformat(), report.end.isoformat(), *row[:-1], value])
    return out.getvalue()


def report_pdf(report: SufficiencyReport) -> bytes:
    """WeasyPrint with ``data:`` URLs only: every style is inline, nothing is fetched."""
    from weasyprint import HTML, URLFetcher

    html = render_to_string(
        "fostering/pdf/sufficiency.html",
        {
            "report": report,
            "la_name": getattr(settings, "SAFEGUARD_LA_NAME", ""),
            "computed_at": timezone.localtime(),
        },
    )
    pdf = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()
    assert pdf is not None
    return bytes(pdf)
