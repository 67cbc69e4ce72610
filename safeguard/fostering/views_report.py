"""The fostering sufficiency report: a page, and the same figures as PDF and CSV.

Counts only (no names), so performance analysts may read it as well as the fostering
managers (``view_fostering_report``). The period defaults to the 12 months to the end of
last month; each download is audited.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from safeguard.access.decorators import requires
from safeguard.audit.models import AuditAction
from safeguard.audit.services import record_event
from safeguard.core import clock
from safeguard.core.middleware import client_ip
from safeguard.fostering import exports, selectors
from safeguard.fostering.models import FosteringEnquiry

REPORT = "access.view_fostering_report"
FORMATS = {"csv": exports.CSV_CONTENT_TYPE, "pdf": exports.PDF_CONTENT_TYPE}


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The 12 whole months to the end of last month."""
    end = today.replace(day=1) - dt.timedelta(days=1)
    year, month = (end.year, end.month - 11) if end.month == 12 else (end.year - 1, end.month + 1)
    return dt.date(year, month, 1), end


def _period(request: HttpRequest) -> tuple[dt.date, dt.date, str]:
    start, end = default_period(clock.today())
    try:
        if request.GET.get("from"):
            start = dt.date.fromisoformat(request.GET["from"])
        if request.GET.get("to"):
            end = dt.date.fromisoformat(request.GET["to"])
    except ValueError:
        return start, end, "Enter the dates as year-month-day, for example 2025-04-01"
    if start > end:
        return start, end, "The start of the period must be on or before its end"
    return start, end, ""


@requires(REPORT)
@require_GET
def report_page(request: HttpRequest) -> HttpResponse:
    start, end, error = _period(request)
    report = None if error else selectors.sufficiency_report(start, end, today=clock.today())
    query = f"?from={start.isoformat()}&to={end.isoformat()}"
    downloads = [
        (label, reverse("fostering:report_export", kwargs={"fmt": fmt}) + query)
        for fmt, label in (("pdf", "PDF"), ("csv", "CSV (figures as numbers)"))
    ]
    return render(
        request,
        "fostering/report.html",
        {
            "report": report,
            "error": error,
            "start": start,
            "end": end,
            "downloads": downloads if report else [],
        },
        status=400 if error else 200,
    )


@requires(REPORT)
@require_GET
def report_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        return HttpResponse("Unknown format.", status=404, content_type="text/plain")
    start, end, error = _period(request)
    if error:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    report = selectors.sufficiency_report(start, end, today=clock.today())
    content: str | bytes = (
        exports.report_pdf(report) if fmt == "pdf" else exports.report_csv(report)
    )
    record_event(
        action=AuditAction.DOWNLOAD,
        user=request.user,
        ip=client_ip(request),
        model_label=FosteringEnquiry._meta.label,
        row_count=report.enquiries,
        summary=f"Fostering sufficiency report {start:%d/%m/%Y} to {end:%d/%m/%Y} ({fmt.upper()})",
    )
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(report, fmt)}"'
    response["Cache-Control"] = "no-store"
    return response
