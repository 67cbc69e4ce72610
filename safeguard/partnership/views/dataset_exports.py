"""The partnership dataset as CSV and as PDF (WeasyPrint drawing the page's tables).

The exception reports are included only when the reader may see them (the business
unit); an analyst's download carries the metrics alone.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from safeguard.partnership.quarters import Quarter
from safeguard.partnership.selectors.dataset import QuarterReports
from safeguard.partnership.selectors.dataset_metrics import Metrics

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
PDF_CONTENT_TYPE = "application/pdf"


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float):
        return round(value, 1)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value  # a spreadsheet must not run it as a formula
    return value


def filename(quarter: Quarter, extension: str) -> str:
    return f"partnership-dataset-{quarter.code}.{extension}"


def dataset_rows(metrics: Metrics, reports: QuarterReports | None) -> list[list[Any]]:
    """Long form: section, row, column, value (percentages 0-100, rates per 10,000)."""
    this, before = metrics.quarter.code, metrics.previous_quarter.code
    rows: list[list[Any]] = []
    for m in metrics.metrics:
        name = f"{m.number}. {m.measure.name} ({m.measure.id})"
        rows += [
            ["Ten basic metrics", name, before, m.previous_value],
            ["Ten basic metrics", name, this, m.current_value],
            ["Ten basic metrics", name, "Change", m.change.text],
        ]
    for b in metrics.thematic:
        for label, previous, current in b.lines:
            name = f"{b.measure.name} ({b.measure.id}): {label}"
            rows += [
                ["Thematic priorities", name, before, previous],
                ["Thematic priorities", name, this, current],
            ]
    if reports is not None:
        for line in reports.lines:
            rows.append(["Exception reports", line.label, "Status", line.status])
            if line.report is None or line.missing:
                continue
            rows.append(
                ["Exception reports", line.label, "Submitted by", line.report.submitted_by_name]
            )
            rows.append(["Exception reports", line.label, "Submitted on", line.report.submitted_on])
            for s in line.sections:
                rows.append(["Exception reports", line.label, f"{s.heading} RAG", s.rag_label])
                rows.append(["Exception reports", line.label, s.heading, s.text])
    return rows


def dataset_csv(metrics: Metrics, reports: QuarterReports | None) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Quarter", "Section", "Row", "Column", "Value"])
    for row in dataset_rows(metrics, reports):
        writer.writerow([metrics.quarter.code, *(_cell(v) for v in row)])
    return out.getvalue()


def dataset_html(metrics: Metrics, reports: QuarterReports | None) -> str:
    return render_to_string(
        "partnership/pdf/dataset_report.html",
        {
            "metrics": metrics,
            "reports": reports,
            "quarter": metrics.quarter,
            "la_name": getattr(settings, "SAFEGUARD_LA_NAME", ""),
            "computed_at": timezone.localtime(),
        },
    )


def dataset_pdf(metrics: Metrics, reports: QuarterReports | None) -> bytes:
    """WeasyPrint with ``data:`` URLs only: every style is inline, nothing is fetched."""
    from weasyprint import HTML, URLFetcher

    pdf = HTML(
        string=dataset_html(metrics, reports), url_fetcher=URLFetcher(allowed_protocols={"data"})
    ).write_pdf()
    assert pdf is not None
    return bytes(pdf)
