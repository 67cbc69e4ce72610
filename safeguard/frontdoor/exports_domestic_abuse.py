"""The PPN and HRDA monthly report as rows, CSV and PDF (WeasyPrint drawing the table)."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from safeguard.frontdoor.selectors_domestic_abuse import OUTCOMES, RATINGS, MonthRow

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
PDF_CONTENT_TYPE = "application/pdf"


def header() -> list[str]:
    return [
        "Month",
        "PPNs",
        *(f"Rating: {label}" for _, label in RATINGS),
        *(f"Outcome: {label}" for _, label in OUTCOMES),
        "HRDA cases",
        "HRDA cases with children",
        "HRDA Plus listings",
    ]


def table(rows: list[MonthRow]) -> list[list[Any]]:
    return [
        [
            f"{r.month:%B %Y}",
            r.ppns,
            *(r.by_rating[code] for code, _ in RATINGS),
            *(r.by_outcome[code] for code, _ in OUTCOMES),
            r.hrda_cases,
            r.hrda_cases_with_children,
            r.hrda_plus_listings,
        ]
        for r in rows
    ]


def report_csv(rows: list[MonthRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header())
    writer.writerows(table(rows))
    return out.getvalue()


def report_pdf(rows: list[MonthRow], *, period: str) -> bytes:
    """WeasyPrint with ``data:`` URLs only: every style is inline, nothing is fetched."""
    from weasyprint import HTML, URLFetcher

    html = render_to_string(
        "frontdoor/domestic_abuse/report_pdf.html",
        {
            "header": header(),
            "table": table(rows),
            "period": period,
            "computed_at": timezone.localtime(),
        },
    )
    pdf = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()
    assert pdf is not None
    return bytes(pdf)
