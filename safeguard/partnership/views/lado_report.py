"""The LADO quarterly report: a page, and the same figures as PDF and CSV.

Counts only (no case, no name), so besides the LADO the service managers and the
partnership business unit may read it (``view_lado_report``). Each download is audited.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from safeguard.access.decorators import requires
from safeguard.audit.models import AuditAction
from safeguard.audit.services import record_event
from safeguard.core import clock
from safeguard.core.middleware import client_ip
from safeguard.partnership import exports
from safeguard.partnership.models import Allegation
from safeguard.partnership.quarters import Quarter, QuarterError
from safeguard.partnership.selectors.lado_report import quarterly_report, quarters_with_contacts

REPORT = "access.view_lado_report"
FORMATS = {"csv": exports.CSV_CONTENT_TYPE, "pdf": exports.PDF_CONTENT_TYPE}


def _quarter(request: HttpRequest, choices: list[Quarter]) -> tuple[Quarter | None, str]:
    """The quarter asked for (default: the latest complete one with contacts)."""
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
    return (choices[0] if choices else current.previous()), ""


@requires(REPORT)
@require_GET
def report_page(request: HttpRequest) -> HttpResponse:
    choices = quarters_with_contacts()
    quarter, error = _quarter(request, choices)
    report = quarterly_report(quarter, run_on=clock.today()) if quarter is not None else None
    downloads = []
    if quarter is not None:
        for fmt, label in (("pdf", "PDF"), ("csv", "CSV (figures as numbers)")):
            url = reverse("partnership:lado_report_export", kwargs={"fmt": fmt})
            downloads.append((label, f"{url}?quarter={quarter.code}"))
    return render(
        request,
        "partnership/lado_report.html",
        {
            "report": report,
            "error": error,
            "typed": request.GET.get("quarter", quarter.code if quarter else ""),
            "choices": choices[:12],
            "downloads": downloads,
        },
        status=400 if error else 200,
    )


@requires(REPORT)
@require_GET
def report_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        return HttpResponse("Unknown format.", status=404, content_type="text/plain")
    quarter, error = _quarter(request, quarters_with_contacts())
    if quarter is None:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    report = quarterly_report(quarter, run_on=clock.today())
    content: str | bytes = (
        exports.report_pdf(report) if fmt == "pdf" else exports.report_csv(report)
    )
    record_event(
        action=AuditAction.DOWNLOAD,
        user=request.user,
        ip=client_ip(request),
        model_label=Allegation._meta.label,
        row_count=report.headline.contacts,
        summary=f"LADO quarterly report {quarter.code} ({fmt.upper()})",
    )
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(report, fmt)}"'
    response["Cache-Control"] = "no-store"
    return response
