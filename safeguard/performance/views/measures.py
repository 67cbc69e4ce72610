"""One measure: its definition, its figure for a period, its trend, and the drill-down."""

from __future__ import annotations

from typing import Any

import polars as pl
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from safeguard.access.decorators import requires
from safeguard.audit.models import AuditAction
from safeguard.core import clock
from safeguard.performance import chart_library, charts, exports, registry
from safeguard.performance.data import Data
from safeguard.performance.periods import Period, PeriodError, PeriodKind
from safeguard.performance.products.layout import comparator_series, rag, trend
from safeguard.performance.products.oba import last_complete_month
from safeguard.performance.registry import Figure, Measure
from safeguard.performance.views import downloads, drilldown

PER_PAGE = 50
#: How many periods the trend chart shows, by the kind of period asked for.
TREND_LENGTH: dict[str, int] = {"month": 12, "quarter": 8, "year": 5, "day": 1, "span": 2}
KINDS: tuple[tuple[str, str, str], ...] = (
    ("month", "Month", "2025-08"),
    ("quarter", "Financial quarter", "2025-Q2"),
    ("year", "Financial year", "2025"),
    ("day", "Day (as at)", "2025-07-31"),
    ("span", "Span of dates (first..last)", "2025-02-01..2025-07-31"),
)
LISTS = {"numerator": "Numerator", "denominator": "Denominator"}


def _measure(measure_id: str) -> Measure:
    try:
        return registry.get(measure_id)
    except KeyError:
        raise Http404(f"There is no measure {measure_id}.") from None


def _period(request: HttpRequest) -> tuple[Period, str, str, str]:
    """The period from ``period=<kind>:<code>`` (links) or ``kind`` and ``code`` (the
    form); the default is the last complete month. Returns (period, kind, code, error)."""
    default = last_complete_month(clock.today())
    if "kind" in request.GET or "code" in request.GET:
        kind, code = request.GET.get("kind", ""), request.GET.get("code", "").strip()
    else:
        raw = request.GET.get("period", "").strip()
        if not raw:
            return default, "month", default.code, ""
        kind, _, code = raw.partition(":")
    if kind not in TREND_LENGTH:
        return (
            default,
            "month",
            code,
            "Choose the kind of period: month, quarter, year, day or span of dates.",
        )
    try:
        period = Period.parse(_kind(kind), code)
    except PeriodError as error:
        return default, kind, code, str(error)
    if period.start > clock.today():
        return default, kind, code, f"{period.label} has not started yet."
    return period, kind, code, ""


def _kind(kind: str) -> PeriodKind:
    match kind:
        case "month" | "quarter" | "year" | "day" | "span":
            return kind
    raise PeriodError(f"Unknown kind of period {kind!r}.")


def _rows_frame(figure: Figure, which: str) -> pl.DataFrame | None:
    frame = figure.numerator if which == "numerator" else figure.denominator
    return drilldown.ordered(frame) if frame is not None else None


@requires("access.view_performance")
@require_GET
def measure_detail(request: HttpRequest, measure_id: str) -> HttpResponse:
    measure = _measure(measure_id)
    period, kind, code, error = _period(request)
    context: dict[str, Any] = {
        "measure": measure,
        "kinds": KINDS,
        "kind": kind,
        "code": code,
        "error": error,
        "good_text": measure.format(measure.good) if measure.good is not None else "None set",
    }
    if error:
        return render(request, "performance/measure.html", context, status=400)
    which = request.GET.get("list", "numerator")
    which = which if which in LISTS else "numerator"
    periods = period.trailing(TREND_LENGTH[period.kind])
    data = Data.for_periods(periods)
    figure = data.figure(measure.id, period)
    period_query = f"{period.kind}:{period.code}"
    context.update(
        {
            "period": period,
            "period_query": period_query,
            "figure": figure,
            "value": measure.format(figure.value),
            "rag": rag(measure, figure.value),
            "which": which,
        }
    )
    if measure.has_data:
        series = [(p, data.figure(measure.id, p)) for p in periods]
        previous = series[-2][1].value if len(series) > 1 else None
        context["trend"] = trend(measure, previous, figure.value)
        if len(series) > 1:
            chart = _trend_chart(measure, series)
            context.update(trend_chart=chart, trend_svg=chart.svg())
        if figure.breakdown:
            chart = charts.bars(
                f"{measure.id}-breakdown",
                f"{measure.name}: {period.label}",
                figure.breakdown,
                unit=measure.unit,
            )
            context.update(breakdown_chart=chart, breakdown_svg=chart.svg())
        context.update(_listing(request, measure, period, figure, which, period_query))
        context["chart_library_version"] = chart_library.version()
    return render(request, "performance/measure.html", context)


def _trend_chart(measure: Measure, series: list[tuple[Period, Figure]]) -> charts.Chart:
    periods = [p for p, _ in series]
    points = [charts.Point(p.short_label, f.value, measure.format(f.value)) for p, f in series]
    return charts.trend(
        f"{measure.id}-trend",
        f"{measure.name}, {periods[0].short_label} to {periods[-1].short_label}",
        points,
        unit=measure.unit,
        good=measure.good,
        comparators=comparator_series(measure.id, periods),
    )


def _listing(
    request: HttpRequest,
    measure: Measure,
    period: Period,
    figure: Figure,
    which: str,
    period_query: str,
) -> dict[str, Any]:
    """One page of the chosen list, with who each row is, written to the audit log."""
    frame = _rows_frame(figure, which)
    counts = {
        "numerator": figure.numerator.height,
        "denominator": figure.denominator.height if figure.denominator is not None else None,
    }
    descriptions = {"numerator": measure.numerator, "denominator": measure.denominator or ""}
    links = [
        {
            "label": label,
            "description": descriptions[key],
            "count": counts[key],
            "current": key == which,
            "query": urlencode({"period": period_query, "list": key}),
        }
        for key, label in LISTS.items()
    ]
    if frame is None:
        return {"counts": counts, "rows": None, "list_links": links}
    page = Paginator(range(frame.height), PER_PAGE).get_page(request.GET.get("page"))
    shown = frame.slice(page.start_index() - 1, len(page.object_list)) if frame.height else frame
    rows = drilldown.listed(request.user, shown)
    drilldown.audit(
        request,
        action=AuditAction.VIEW,
        measure_id=measure.id,
        which=f"{which} page {page.number}",
        period_label=period.label,
        count=len(rows),
    )
    base = {"period": period_query, "list": which}
    return {
        "counts": counts,
        "list_links": links,
        "rows": rows,
        "page": page,
        "names": drilldown.may_see_names(request.user),
        "page_query": urlencode(base) + "&",
        "csv_query": urlencode(base),
    }


@requires("access.view_performance")
@require_GET
def measure_rows_csv(request: HttpRequest, measure_id: str) -> HttpResponse:
    """The whole list (numerator or denominator) as CSV; the download is audited."""
    measure = _measure(measure_id)
    if not measure.has_data:
        raise Http404(f"{measure.id} has no data yet.")
    period, _kind_text, _code, error = _period(request)
    if error:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    which = request.GET.get("list", "numerator")
    which = which if which in LISTS else "numerator"
    figure = Data.for_periods([period]).figure(measure.id, period)
    frame = _rows_frame(figure, which)
    if frame is None:
        raise Http404(f"{measure.id} has no {which} list.")
    rows = drilldown.listed(request.user, frame)
    drilldown.audit(
        request,
        action=AuditAction.DOWNLOAD,
        measure_id=measure.id,
        which=which,
        period_label=period.label,
        count=len(rows),
    )
    names = drilldown.may_see_names(request.user)
    headers = ("Name" if names else "Pseudonym", "Identifier", "Record", "Date", "Detail")
    body = exports.rows_csv(
        headers,
        (
            (
                r.who.label,
                r.who.identifier,
                r.record,
                r.on.isoformat() if r.on else "",
                r.detail,
            )
            for r in rows
        ),
    )
    return downloads.attachment(body, "csv", f"{measure.id}-{which}-{period.code}.csv")
