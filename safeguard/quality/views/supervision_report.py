"""The supervision report for a financial quarter: page, PDF and CSV.

Counts by team and in total (the cohort of OBA2-03 and OBA2-04); staff and children are
not named, so the readers of quality reports (``view_quality_report``) may read it, as
they read the practice meeting report. Downloads go through the one audited export path.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from safeguard.access.decorators import requires
from safeguard.quality import exports
from safeguard.quality.models import Supervision
from safeguard.quality.selectors.supervision_report import (
    SupervisionCounts,
    SupervisionReport,
    quarterly_report,
    quarters_with_supervision,
)

REPORT = "access.view_quality_report"
HEADER = ("section", "row", "measure", "value")


def _measures(counts: SupervisionCounts) -> tuple[tuple[str, Any], ...]:
    return (
        ("workers", counts.workers),
        ("supervisions due", counts.due),
        ("held", counts.held),
        ("held %", counts.held_percent),
        ("held on time", counts.on_time),
        ("held on time %", counts.on_time_percent),
        ("not held (reason recorded)", counts.not_held),
        ("overdue (nothing recorded)", counts.overdue),
        ("cases discussed", counts.cases_discussed),
        ("cases with a management direction", counts.directions),
    )


def report_rows(report: SupervisionReport) -> list[tuple[Any, ...]]:
    """Long-form rows: (section, row, measure, value), the total first, then each team."""
    out: list[tuple[Any, ...]] = []
    for section, counts in (("total", report.total), *(("by team", t) for t in report.teams)):
        out.extend((section, counts.label, measure, value) for measure, value in _measures(counts))
    return out


@requires(REPORT)
@require_GET
def report_page(request: HttpRequest) -> HttpResponse:
    quarter, error = exports.requested_quarter(request)
    report = quarterly_report(quarter) if quarter is not None else None
    downloads = []
    if report is not None and not report.empty:
        for fmt, label in (("pdf", "PDF"), ("csv", "CSV (figures as numbers)")):
            url = reverse("quality:supervision_report_export", kwargs={"fmt": fmt})
            downloads.append((label, f"{url}?quarter={report.quarter.code}"))
    return render(
        request,
        "quality/supervision/report.html",
        {
            "report": report,
            "error": error,
            "typed": request.GET.get("quarter", quarter.code if quarter else ""),
            "choices": quarters_with_supervision()[:8],
            "downloads": downloads,
        },
        status=400 if error else 200,
    )


@requires(REPORT)
@require_GET
def report_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in exports.FORMATS:
        return HttpResponse("Unknown format.", status=404, content_type="text/plain")
    quarter, error = exports.requested_quarter(request)
    if quarter is None:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    report = quarterly_report(quarter)
    return exports.report_download(
        request,
        fmt,
        pdf_template="quality/supervision/pdf/report.html",
        report=report,
        header=HEADER,
        rows=report_rows(report),
        model_label=Supervision._meta.label,
        title=f"Supervision report {quarter.code}",
        count=report.total.due,
        filename=f"supervision-{quarter.code}",
    )
