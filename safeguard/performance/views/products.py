"""The index of products and the OBA scorecard, with its downloads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET

from safeguard.access.decorators import requires
from safeguard.core import clock
from safeguard.core.calendar import add_months
from safeguard.performance import chart_library, exports, registry
from safeguard.performance.periods import Period, PeriodError
from safeguard.performance.products import oba
from safeguard.performance.products.layout import Snapshot
from safeguard.performance.views import downloads

#: Products other parts of the work add; listed when their page exists.
PRODUCTS: tuple[tuple[str, str, str], ...] = (
    (
        "performance:scorecard",
        "OBA snapshot (scorecard)",
        "The Service Improvement Plan's monthly scorecard: three questions, each measure "
        "against Good with its trend and the last 12 months. PDF, spreadsheet and CSV.",
    ),
    (
        "performance:cp_annual",
        "Annual child protection report",
        "Every table and chart of the annual report, for any financial year.",
    ),
    (
        "performance:outcomes",
        "Outcomes-focused monitoring",
        "Indicator pages for the scrutiny committee, with commentary and risks.",
    ),
    (
        "performance:self_evaluation",
        "Self-evaluation data pack",
        "Inspection data as at any date, with the last 6 and 12 months.",
    ),
)


@requires("access.view_performance")
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    products = []
    for name, title, text in PRODUCTS:
        try:
            products.append({"url": reverse(name), "title": title, "text": text})
        except NoReverseMatch:
            continue
    measures = sorted(registry.REGISTRY.values(), key=lambda m: _ref_order(m.id))
    return render(
        request,
        "performance/index.html",
        {
            "products": products,
            "measures": measures,
            "awaiting_count": sum(1 for m in measures if not m.has_data),
        },
    )


def _ref_order(measure_id: str) -> tuple[int, str]:
    prefixes = ("OBA", "CP", "OUT", "SE")
    for rank, prefix in enumerate(prefixes):
        if measure_id.startswith(prefix):
            return rank, measure_id
    return len(prefixes), measure_id


def _month(request: HttpRequest) -> tuple[Period, str, str]:
    """The month asked for (default: the last complete one), what was typed, any error."""
    default = oba.last_complete_month(clock.today())
    typed = request.GET.get("month", "").strip()
    if not typed:
        return default, default.code, ""
    try:
        month = Period.parse_month(typed)
    except PeriodError as error:
        return default, typed, str(error)
    if month.start > clock.today():
        return default, typed, f"{month.label} has not started yet: choose an earlier month."
    return month, typed, ""


@requires("access.view_performance")
@require_GET
def scorecard(request: HttpRequest) -> HttpResponse:
    month, typed, error = _month(request)
    context: dict[str, Any] = {"typed": typed, "error": error, "month": month}
    if error:
        return render(request, "performance/scorecard.html", context, status=400)
    snapshot = oba.snapshot(month)
    context.update(
        {
            "snapshot": snapshot,
            "sections": exports.sections_for_display(snapshot, svg=False),
            "previous_month": month.previous(),
            "next_month": _next(month),
            "in_progress": month.end >= clock.today(),
            "chart_library_version": chart_library.version(),
            "downloads": [
                (fmt, label, reverse("performance:scorecard_export", kwargs={"fmt": fmt}))
                for fmt, label in (("pdf", "PDF"), ("xlsx", "Spreadsheet (XLSX)"), ("csv", "CSV"))
            ],
        }
    )
    return render(request, "performance/scorecard.html", context)


def _next(month: Period) -> Period | None:
    start = add_months(month.start, 1)
    following = Period.month(start.year, start.month)
    return following if following.start <= clock.today() else None


@requires("access.view_performance")
@require_GET
def scorecard_export(request: HttpRequest, fmt: str) -> HttpResponse:
    month, _typed, error = _month(request)
    if error:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    snapshot = oba.snapshot(month)
    return download(snapshot, fmt)


def download(snapshot: Snapshot, fmt: str) -> HttpResponse:
    writers: dict[str, Callable[[Snapshot], str | bytes]] = {
        "csv": exports.snapshot_csv,
        "xlsx": exports.snapshot_xlsx,
        "pdf": exports.snapshot_pdf,
    }
    if fmt not in writers:
        return downloads.unknown_format()
    return downloads.attachment(writers[fmt](snapshot), fmt, exports.filename(snapshot, fmt))
