"""The partnership dataset page: the ten basic metrics for a quarter with the quarter
before and the direction of change, the thematic data, and (for the partnership business
unit) the partners' exception reports for the quarter, which are missing; PDF and CSV.

Who sees it: the metrics are counts and rates from the measure registry, the figures the
scorecards already show to everyone holding ``view_performance`` (the business unit,
performance analysts, service and team managers, quality assurance), so the page asks for
that capability. The exception reports are the partners' own words to the partnership:
only the business unit (``manage_partnership_dataset``) sees them, on the page and in the
downloads.
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
from safeguard.partnership.models.dataset import ExceptionReport
from safeguard.partnership.quarters import Quarter, QuarterError
from safeguard.partnership.selectors import dataset as selectors
from safeguard.partnership.selectors.dataset_metrics import ten_metrics
from safeguard.partnership.views import dataset_exports as exports

VIEW = "access.view_performance"
FORMATS = {"csv": exports.CSV_CONTENT_TYPE, "pdf": exports.PDF_CONTENT_TYPE}


def _quarter(request: HttpRequest) -> tuple[Quarter | None, str]:
    text = request.GET.get("quarter", "").strip()
    if not text:
        return selectors.default_quarter(clock.today()), ""
    try:
        return Quarter.parse(text), ""
    except QuarterError as exc:
        return None, str(exc)


def dataset_url(quarter: Quarter) -> str:
    return f"{reverse('partnership:dataset_page')}?quarter={quarter.code}"


@requires(VIEW)
@require_GET
def page(request: HttpRequest) -> HttpResponse:
    quarter, error = _quarter(request)
    sees_reports = selectors.sees_all_reports(request.user)
    metrics = ten_metrics(quarter) if quarter is not None else None
    reports = selectors.quarter_reports(quarter) if quarter and sees_reports else None
    downloads = []
    if quarter is not None:
        for fmt, label in (("pdf", "PDF"), ("csv", "CSV (figures as numbers)")):
            url = reverse("partnership:dataset_export", kwargs={"fmt": fmt})
            downloads.append((label, f"{url}?quarter={quarter.code}"))
    return render(
        request,
        "partnership/dataset/page.html",
        {
            "quarter": quarter,
            "metrics": metrics,
            "reports": reports,
            "sees_reports": sees_reports,
            "error": error,
            "typed": request.GET.get("quarter", quarter.code if quarter else ""),
            "choices": selectors.recent_quarters(clock.today()),
            "downloads": downloads,
            "active": "dataset",
        },
        status=400 if error else 200,
    )


@requires(VIEW)
@require_GET
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        return HttpResponse("Unknown format.", status=404, content_type="text/plain")
    quarter, error = _quarter(request)
    if quarter is None:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    metrics = ten_metrics(quarter)
    reports = (
        selectors.quarter_reports(quarter) if selectors.sees_all_reports(request.user) else None
    )
    content: str | bytes = (
        exports.dataset_pdf(metrics, reports)
        if fmt == "pdf"
        else exports.dataset_csv(metrics, reports)
    )
    record_event(
        action=AuditAction.DOWNLOAD,
        user=request.user,
        ip=client_ip(request),
        model_label=ExceptionReport._meta.label,
        row_count=len(reports.submitted) if reports else 0,
        summary=f"Partnership dataset {quarter.code} ({fmt.upper()})"
        + ("" if reports else ", metrics only"),
    )
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(quarter, fmt)}"'
    response["Cache-Control"] = "no-store"
    return response
