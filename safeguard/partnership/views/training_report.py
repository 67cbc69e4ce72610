"""The training quarterly table (seed 001): a page, and the same figures as PDF and CSV.

Counts only (no delegate named). For the partnership business unit (``manage_training``);
each download is audited.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from safeguard.access.decorators import requires
from safeguard.audit.models import AuditAction
from safeguard.audit.services import record_event
from safeguard.core import clock
from safeguard.core.middleware import client_ip
from safeguard.partnership import exports
from safeguard.partnership.models.training import CourseSession
from safeguard.partnership.quarters import Quarter, QuarterError
from safeguard.partnership.selectors.training_report import (
    TrainingReport,
    quarterly_report,
    quarters_with_sessions,
)
from safeguard.partnership.views.training import MANAGE

FORMATS = {"csv": exports.CSV_CONTENT_TYPE, "pdf": exports.PDF_CONTENT_TYPE}


def _quarter(request: HttpRequest, choices: list[Quarter]) -> tuple[Quarter | None, str]:
    """The quarter asked for (default: the latest complete one with sessions)."""
    text = request.GET.get("quarter", "").strip()
    if text:
        try:
            return Quarter.parse(text), ""
        except QuarterError as exc:
            return None, str(exc)
    current = Quarter.containing(clock.today())
    complete = [q for q in choices if q < current]
    if complete:
        return complete[0], ""
    return current.previous(), ""


@requires(MANAGE)
@require_GET
def report_page(request: HttpRequest) -> HttpResponse:
    choices = quarters_with_sessions()
    quarter, error = _quarter(request, choices)
    report = quarterly_report(quarter, run_on=clock.today()) if quarter is not None else None
    downloads = []
    if quarter is not None:
        for fmt, label in (("pdf", "PDF"), ("csv", "CSV (figures as numbers)")):
            url = reverse("partnership:training_report_export", kwargs={"fmt": fmt})
            downloads.append((label, f"{url}?quarter={quarter.code}"))
    return render(
        request,
        "partnership/training/report.html",
        {
            "report": report,
            "error": error,
            "typed": request.GET.get("quarter", quarter.code if quarter else ""),
            "choices": choices[:12],
            "downloads": downloads,
        },
        status=400 if error else 200,
    )


def report_rows(report: TrainingReport) -> list[list[Any]]:
    """Long form: section, row, measure, value (percentages 0-100; changes in points)."""
    rows: list[list[Any]] = []
    for row in report.rows:
        f, label = row.figures, row.figures.quarter.code
        rows += [
            ["Quarter", label, "Courses", f.courses],
            ["Quarter", label, "Spaces", f.spaces],
            ["Quarter", label, "Bookings", f.bookings],
            ["Quarter", label, "Attendance", f.attendance],
            ["Quarter", label, "Booking %", f.booking_rate],
            ["Quarter", label, "Booking % change on previous quarter", row.booking_change],
            ["Quarter", label, "Occupancy %", f.occupancy_rate],
            ["Quarter", label, "Occupancy % change on previous quarter", row.occupancy_change],
            ["Quarter", label, "Feedback received", f.feedback],
            ["Quarter", label, "Feedback %", f.feedback_rate],
            ["Quarter", label, "Feedback % change on previous quarter", row.feedback_change],
            ["Quarter", label, "Rated good or excellent %", f.good_rate],
        ]
    t = report.total
    rows += [
        ["Four quarters", "Total", "Courses", t.courses],
        ["Four quarters", "Total", "Spaces", t.spaces],
        ["Four quarters", "Total", "Bookings", t.bookings],
        ["Four quarters", "Total", "Attendance", t.attendance],
        ["Four quarters", "Total", "Feedback received", t.feedback],
    ]
    for line in report.by_agency:
        for quarter, n in zip(report.quarters, line.counts, strict=True):
            rows.append(["Attendance by agency", line.label, quarter.code, n])
    return rows


def report_csv(report: TrainingReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Quarter", "Section", "Row", "Measure", "Value"])
    for row in report_rows(report):
        writer.writerow([report.quarter.code, *(exports._cell(v) for v in row)])
    return out.getvalue()


def report_pdf(report: TrainingReport) -> bytes:
    """WeasyPrint with ``data:`` URLs only: every style is inline, nothing is fetched."""
    from weasyprint import HTML, URLFetcher

    html = render_to_string(
        "partnership/pdf/training_report.html",
        {
            "report": report,
            "la_name": getattr(settings, "SAFEGUARD_LA_NAME", ""),
            "computed_at": timezone.localtime(),
        },
    )
    pdf = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()
    assert pdf is not None
    return bytes(pdf)


@requires(MANAGE)
@require_GET
def report_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        return HttpResponse("Unknown format.", status=404, content_type="text/plain")
    quarter, error = _quarter(request, quarters_with_sessions())
    if quarter is None:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    report = quarterly_report(quarter, run_on=clock.today())
    content: str | bytes = report_pdf(report) if fmt == "pdf" else report_csv(report)
    record_event(
        action=AuditAction.DOWNLOAD,
        user=request.user,
        ip=client_ip(request),
        model_label=CourseSession._meta.label,
        row_count=report.current.figures.courses,
        summary=f"Training quarterly table {quarter.code} ({fmt.upper()})",
    )
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = (
        f'attachment; filename="training-quarterly-{quarter.code}.{fmt}"'
    )
    response["Cache-Control"] = "no-store"
    return response
