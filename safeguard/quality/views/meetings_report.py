"""The practice meeting attendance report for a financial quarter: page, PDF and CSV.

Counts by meeting and by kind against the chair's targets; staff are not named, so the
readers of quality reports (``view_quality_report``) may read it. Downloads are audited.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from safeguard.access.decorators import requires
from safeguard.quality import exports
from safeguard.quality.models import PracticeMeeting
from safeguard.quality.selectors.meetings import (
    AttendanceReport,
    quarterly_report,
    quarters_with_meetings,
)

REPORT = "access.view_quality_report"
HEADER = ("section", "row", "measure", "value")


def report_rows(report: AttendanceReport) -> list[tuple[Any, ...]]:
    """Long-form rows: (section, row, measure, value)."""
    out: list[tuple[Any, ...]] = []
    for total in report.totals:
        a = total.attendance
        for measure, value in (
            ("meetings", total.meetings),
            ("invited", a.invited),
            ("attended", a.attended),
            ("apologies in time", a.apologies),
            ("late apologies", a.late_apologies),
            ("did not attend", a.did_not_attend),
            ("attendance %", total.rate),
            ("target %", total.target),
        ):
            out.append(("by kind", total.label, measure, value))
    for row in report.rows:
        name = (
            f"{row.meeting.held_on:%Y-%m-%d} {row.meeting.get_kind_display()}: {row.meeting.title}"
        )
        a = row.attendance
        for measure, value in (
            ("invited", a.invited),
            ("attended", a.attended),
            ("apologies in time", a.apologies),
            ("late apologies", a.late_apologies),
            ("did not attend", a.did_not_attend),
            ("attendance %", row.rate),
        ):
            out.append(("by meeting", name, measure, value))
    return out


@requires(REPORT)
@require_GET
def report_page(request: HttpRequest) -> HttpResponse:
    quarter, error = exports.requested_quarter(request)
    report = quarterly_report(quarter) if quarter is not None else None
    downloads = []
    if quarter is not None:
        for fmt, label in (("pdf", "PDF"), ("csv", "CSV (figures as numbers)")):
            url = reverse("quality:meeting_report_export", kwargs={"fmt": fmt})
            downloads.append((label, f"{url}?quarter={quarter.code}"))
    return render(
        request,
        "quality/meetings/report.html",
        {
            "report": report,
            "error": error,
            "typed": request.GET.get("quarter", quarter.code if quarter else ""),
            "choices": quarters_with_meetings()[:8],
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
        pdf_template="quality/meetings/pdf/report.html",
        report=report,
        header=HEADER,
        rows=report_rows(report),
        model_label=PracticeMeeting._meta.label,
        title=f"Practice meeting attendance report {quarter.code}",
        count=len(report.rows),
        filename=f"practice-meeting-attendance-{quarter.code}",
    )
