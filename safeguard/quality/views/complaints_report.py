"""The quarterly complaints, compliments and family feedback report: page, PDF and CSV.

Counts, teams and learning points only (no child, no complainant), so every reader of
quality reports (``view_quality_report``) may read it. Each download is audited.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from safeguard.access.decorators import requires
from safeguard.core import clock
from safeguard.core.quarters import FinancialQuarter, QuarterError
from safeguard.quality import exports
from safeguard.quality.models import Complaint
from safeguard.quality.selectors.complaints_report import (
    ComplaintsReport,
    complaints_report,
    quarters_with_records,
)

REPORT = "access.view_quality_report"
HEADER = ["Quarter", "Section", "Row", "Measure", "Value"]


def _quarter(request: HttpRequest) -> tuple[FinancialQuarter | None, str]:
    """The quarter asked for (default: the last complete quarter)."""
    text = request.GET.get("quarter", "").strip()
    if text:
        try:
            return FinancialQuarter.parse(text), ""
        except QuarterError as exc:
            return None, str(exc)
    return FinancialQuarter.containing(clock.today()).previous(), ""


def report_rows(report: ComplaintsReport) -> list[list[Any]]:
    """Long form: section, row, measure, value."""
    rows: list[list[Any]] = [
        ["Complaints", "New complaints (OBA2-18)", "Formal", report.new_formal],
        ["Complaints", "New complaints (OBA2-18)", "Informal", report.new_informal],
        ["Complaints", "New complaints (OBA2-18)", "Total", report.new_complaints],
    ]
    for label, formal, informal in report.received_by_stage:
        rows += [
            ["Received by stage", label, "Formal", formal],
            ["Received by stage", label, "Informal", informal],
        ]
    rows += [
        ["Responses", "Answered in the quarter", "Count", report.answered],
        ["Responses", "Answered within 20 working days", "Count", report.answered_on_time],
        ["Responses", "Answered within 20 working days (SE-CMP-01)", "%", report.percent_on_time],
        ["Responses", "Withdrawn", "Count", report.withdrawn],
        ["Responses", "Awaiting a response at the end of the quarter", "Count", report.open_at_end],
    ]
    rows += [["Outcomes", label, "Count", n] for label, n in report.outcomes]
    rows += [["Outcomes", "Justified or partly justified", "%", report.percent_justified]]
    rows += [["Categories", label, "Count", n] for label, n in report.categories]
    rows += [
        ["Learning points", f"{ref} ({where})", "Learning", text]
        for ref, where, text in report.learning
    ]
    rows += [["Compliments", "Received", "Count", report.compliments]]
    rows += [["Compliments", team, "Count", n] for team, n in report.compliments_by_team]
    rows += [["Family feedback", "Responses", "Count", report.feedback_responses]]
    rows += [["Family feedback", label, "Responses", n] for label, n in report.feedback_by_occasion]
    for q in report.questions:
        rows += [
            ["Family feedback", q.label, "Agree", q.agree],
            ["Family feedback", q.label, "Neither", q.neither],
            ["Family feedback", q.label, "Disagree", q.disagree],
            ["Family feedback", q.label, "Not answered", q.not_answered],
            ["Family feedback", q.label, "% agreeing", q.percent_agree],
        ]
    return rows


@requires(REPORT)
@require_GET
def report_page(request: HttpRequest) -> HttpResponse:
    quarter, error = _quarter(request)
    report = complaints_report(quarter, run_on=clock.today()) if quarter is not None else None
    downloads = []
    if quarter is not None:
        for fmt, label in (("pdf", "PDF"), ("csv", "CSV (figures as numbers)")):
            url = reverse("quality:complaint_report_export", kwargs={"fmt": fmt})
            downloads.append((label, f"{url}?quarter={quarter.code}"))
    return render(
        request,
        "quality/complaints/report.html",
        {
            "report": report,
            "error": error,
            "typed": request.GET.get("quarter", quarter.code if quarter else ""),
            "choices": quarters_with_records(clock.today()),
            "downloads": downloads,
        },
        status=400 if error else 200,
    )


@requires(REPORT)
@require_GET
def report_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in exports.FORMATS:
        return HttpResponse("Unknown format.", status=404, content_type="text/plain")
    quarter, error = _quarter(request)
    if quarter is None:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    report = complaints_report(quarter, run_on=clock.today())
    return exports.report_download(
        request,
        fmt,
        pdf_template="quality/complaints/pdf/report.html",
        report=report,
        header=HEADER,
        rows=([quarter.code, *row] for row in report_rows(report)),
        model_label=Complaint._meta.label,
        title=f"Complaints and feedback report {quarter.code}",
        count=report.received,
        filename=f"complaints-feedback-{quarter.code}",
    )
