"""The annual CDOP statistics (page, PDF, CSV) and the National Child Mortality Database
extract (CSV). The partnership business unit only (``manage_child_deaths``); every page
and download is audited with its count."""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from safeguard.access.decorators import requires
from safeguard.audit.models import AuditAction
from safeguard.audit.services import record_event
from safeguard.core import clock
from safeguard.core.middleware import client_ip
from safeguard.core.quarters import financial_year_of
from safeguard.partnership import exports
from safeguard.partnership.models import ChildDeath
from safeguard.partnership.selectors.child_deaths import notified_years
from safeguard.partnership.selectors.child_deaths_report import (
    NCMD_COLUMNS,
    annual_statistics,
    year_label,
)
from safeguard.partnership.views import child_deaths_exports as out

MANAGE = "access.manage_child_deaths"
FORMATS = {"csv": exports.CSV_CONTENT_TYPE, "pdf": exports.PDF_CONTENT_TYPE}
YEAR_ERROR = (
    "Enter the financial year as the year it starts, for example 2020 for April 2020 to March 2021"
)


def _year(request: HttpRequest) -> tuple[int | None, str]:
    """The year asked for (default: the latest complete financial year)."""
    text = request.GET.get("year", "").strip()
    if text:
        if not re.fullmatch(r"(19|20)\d{2}", text):
            return None, YEAR_ERROR
        return int(text), ""
    return financial_year_of(clock.today()) - 1, ""


def _audit(request: HttpRequest, *, action: str, count: int, summary: str) -> None:
    record_event(
        action=action,
        user=request.user,
        ip=client_ip(request),
        model_label=ChildDeath._meta.label,
        row_count=count,
        summary=summary,
    )


@requires(MANAGE)
@require_GET
def statistics_page(request: HttpRequest) -> HttpResponse:
    year, error = _year(request)
    stats = annual_statistics(year, run_on=clock.today()) if year is not None else None
    downloads = []
    if year is not None:
        for fmt, label in (("pdf", "PDF"), ("csv", "CSV (figures as numbers)")):
            url = reverse("partnership:child_death_statistics_export", kwargs={"fmt": fmt})
            downloads.append((label, f"{url}?year={year}"))
        downloads.append(
            (
                "National Child Mortality Database extract (CSV, reviews completed in the year)",
                f"{reverse('partnership:child_death_ncmd_export')}?year={year}",
            )
        )
        _audit(
            request,
            action=AuditAction.VIEW,
            count=stats.notifications if stats else 0,
            summary=f"CDOP annual statistics {year}",
        )
    return render(
        request,
        "partnership/child_deaths/statistics.html",
        {
            "stats": stats,
            "error": error,
            "typed": request.GET.get("year", str(year) if year is not None else ""),
            "choices": [(y, year_label(y)) for y in notified_years()[:8]],
            "downloads": downloads,
            "columns": NCMD_COLUMNS,
        },
        status=400 if error else 200,
    )


@requires(MANAGE)
@require_GET
def statistics_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        return HttpResponse("Unknown format.", status=404, content_type="text/plain")
    year, error = _year(request)
    if year is None:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    stats = annual_statistics(year, run_on=clock.today())
    content: str | bytes = out.statistics_pdf(stats) if fmt == "pdf" else out.statistics_csv(stats)
    _audit(
        request,
        action=AuditAction.DOWNLOAD,
        count=stats.notifications,
        summary=f"CDOP annual statistics {stats.code} ({fmt.upper()})",
    )
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = (
        f'attachment; filename="{out.statistics_filename(stats, fmt)}"'
    )
    response["Cache-Control"] = "no-store"
    return response


@requires(MANAGE)
@require_GET
def ncmd_export(request: HttpRequest) -> HttpResponse:
    """One row per reviewed death (in the year asked for, or all with ``?year=all``)."""
    year: int | None
    if request.GET.get("year", "").strip().lower() == "all":
        year = None
    else:
        year, error = _year(request)
        if year is None:
            return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    content, count = out.ncmd_csv(year)
    _audit(
        request,
        action=AuditAction.DOWNLOAD,
        count=count,
        summary=f"CDOP extract for the National Child Mortality Database ({year or 'all'})",
    )
    response = HttpResponse(content, content_type=exports.CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{out.ncmd_filename(year)}"'
    response["Cache-Control"] = "no-store"
    return response
