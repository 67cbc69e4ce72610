"""The annual child protection report and the self-evaluation pack: page and downloads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from safeguard.access.decorators import requires
from safeguard.core import clock
from safeguard.core.calendar import add_months
from safeguard.performance import chart_library, report_exports
from safeguard.performance.periods import (
    Period,
    PeriodError,
    last_complete_financial_year,
    last_month_end,
)
from safeguard.performance.products import cp_annual, self_evaluation
from safeguard.performance.products.report import Report, build_report
from safeguard.performance.views import downloads

FORMATS = {"pdf": "PDF", "xlsx": "Spreadsheet (XLSX)", "csv": "CSV"}


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    hint: str


YEAR_FIELD = Field(
    "year", "Financial year", "The year it starts, for example 2024 for April 2024 to March 2025"
)
DATE_FIELD = Field("date", "As at", "A date as YYYY-MM-DD, for example 2025-07-31")  # fmt: skip


def cp_annual_report(year: Period) -> Report:
    return build_report(key="cp-annual", title=cp_annual.TITLE, sections=cp_annual.SECTIONS,
                        periods=[year])  # fmt: skip


def self_evaluation_report(as_at: dt.date) -> Report:
    return build_report(
        key="self-evaluation",
        title=self_evaluation.TITLE,
        sections=self_evaluation.SECTIONS,
        periods=self_evaluation.spans(as_at),
        subtitle=f"as at {as_at:%-d %B %Y}",
    )


def _year(request: HttpRequest) -> tuple[Period | None, str, str]:
    typed = request.GET.get("year", "").strip()
    if not typed:
        year = Period.financial_year(last_complete_financial_year(clock.today()))
        return year, year.code, ""
    try:
        year = Period.parse_year(typed)
    except PeriodError as error:
        return None, typed, str(error)
    if year.start > clock.today():
        return None, typed, f"The financial year {year.label} has not started yet."
    return year, typed, ""


def _as_at(request: HttpRequest) -> tuple[dt.date | None, str, str]:
    typed = request.GET.get("date", "").strip()
    if not typed:
        day = last_month_end(clock.today())
        return day, day.isoformat(), ""
    try:
        day = Period.parse_day(typed).start
    except PeriodError as error:
        return None, typed, str(error)
    if day > clock.today():
        return None, typed, "The date must be today or in the past."
    if day < add_months(clock.today(), -12 * 30):
        return None, typed, "Enter a date in the last 30 years."
    return day, typed, ""


def _page(
    request: HttpRequest, *, title: str, intro: str, field: Field, typed: str, error: str,
    report: Report | None, export_name: str,
) -> HttpResponse:  # fmt: skip
    query = f"?{field.name}={typed}"
    downloads = [
        (label, reverse(export_name, kwargs={"fmt": fmt}) + query) for fmt, label in FORMATS.items()
    ]
    context = {
        "title": title, "intro": intro, "field": field, "typed": typed, "error": error,
        "report": report, "downloads": downloads,
        "chart_library_version": chart_library.version() if report else "",
    }  # fmt: skip
    return render(request, "performance/report.html", context, status=400 if error else 200)


def _download(report: Report, fmt: str) -> HttpResponse:
    writers: dict[str, Callable[[Report], str | bytes]] = {
        "csv": report_exports.report_csv,
        "xlsx": report_exports.report_xlsx,
        "pdf": report_exports.report_pdf,
    }
    if fmt not in writers:
        return downloads.unknown_format()
    return downloads.attachment(writers[fmt](report), fmt, report_exports.filename(report, fmt))


def _bad_request(error: str) -> HttpResponse:
    return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")


@requires("access.view_performance")
@require_GET
def cp_annual_page(request: HttpRequest) -> HttpResponse:
    year, typed, error = _year(request)
    return _page(
        request,
        title=cp_annual.TITLE,
        intro="Every table and chart of the annual child protection report for a financial "
        "year, computed from the case records; each chart sits beside its table.",
        field=YEAR_FIELD, typed=typed, error=error,
        report=cp_annual_report(year) if year else None,
        export_name="performance:cp_annual_export",
    )  # fmt: skip


@requires("access.view_performance")
@require_GET
def cp_annual_export(request: HttpRequest, fmt: str) -> HttpResponse:
    year, _typed, error = _year(request)
    if fmt not in FORMATS:
        return downloads.unknown_format()
    if year is None:
        return _bad_request(error)
    return _download(cp_annual_report(year), fmt)


@requires("access.view_performance")
@require_GET
def self_evaluation_page(request: HttpRequest) -> HttpResponse:
    day, typed, error = _as_at(request)
    return _page(
        request,
        title=self_evaluation.TITLE,
        intro="The inspection data pack as at a date: each figure for the last 6 and the "
        "last 12 months (snapshot figures are as at the date in both columns).",
        field=DATE_FIELD, typed=typed, error=error,
        report=self_evaluation_report(day) if day else None,
        export_name="performance:self_evaluation_export",
    )  # fmt: skip


@requires("access.view_performance")
@require_GET
def self_evaluation_export(request: HttpRequest, fmt: str) -> HttpResponse:
    day, _typed, error = _as_at(request)
    if fmt not in FORMATS:
        return downloads.unknown_format()
    if day is None:
        return _bad_request(error)
    return _download(self_evaluation_report(day), fmt)
