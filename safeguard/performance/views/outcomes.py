"""Outcomes-focused monitoring: the quarter's indicators, each indicator's page, the lead
officer's commentary form, the corporate risk register, and the downloads.

Reading needs ``view_performance``; writing commentary needs
``write_performance_commentary`` (lead officers). Figures are aggregates: the children
behind them are on each measure's drill-down page, which audits its own use.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.access.backends import capabilities_of
from safeguard.access.decorators import requires
from safeguard.core import clock
from safeguard.core.forms import submit_to_service
from safeguard.performance import chart_library, services
from safeguard.performance.forms import CommentaryForm, EditCommentaryForm
from safeguard.performance.models import CorporateRisk, IndicatorCommentary
from safeguard.performance.periods import Period, PeriodError
from safeguard.performance.products import outcomes_export
from safeguard.performance.products.outcomes import (
    INDICATORS,
    INDICATORS_BY_CODE,
    INDICATORS_BY_MEASURE,
    RAG_LEGEND,
    RAG_RULES,
    TITLE,
    Indicator,
    compute_all,
    compute_indicator,
    last_complete_quarter,
    quarter_of,
)
from safeguard.performance.views import downloads

WRITE = "write_performance_commentary"
DOWNLOADS = (("pdf", "PDF of every indicator page"), ("csv", "CSV of the figures"))


def _quarter(request: HttpRequest) -> tuple[Period, str, str]:
    """The quarter asked for (default: the last complete one), what was typed, any error."""
    default = last_complete_quarter(clock.today())
    typed = request.GET.get("quarter", "").strip()
    if not typed:
        return default, default.code, ""
    try:
        quarter = Period.parse_quarter(typed)
    except PeriodError as error:
        return default, typed, str(error)
    if quarter.start > clock.today():
        return default, typed, f"{quarter.label} has not started yet: choose an earlier quarter."
    return quarter, typed, ""


def _indicator(code: str) -> Indicator:
    try:
        return INDICATORS_BY_CODE[code]
    except KeyError:
        raise Http404(f"There is no outcome indicator {code}.") from None


def _navigation(quarter: Period) -> dict[str, Any]:
    following = quarter_of(quarter.end + dt.timedelta(days=1))
    return {
        "previous_quarter": quarter.previous(),
        "next_quarter": following if following.start <= clock.today() else None,
        "in_progress": quarter.end >= clock.today(),
    }


def _error_page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render(request, template, context, status=400)


@requires("access.view_performance")
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    quarter, typed, error = _quarter(request)
    context: dict[str, Any] = {"title": TITLE, "typed": typed, "error": error}
    if error:
        return _error_page(request, "performance/outcomes.html", context)
    outcomes = compute_all(quarter, linked=False)
    context.update(
        {
            "quarter": quarter,
            "outcomes": outcomes,
            "legend": RAG_LEGEND,
            "rules": RAG_RULES,
            "downloads": [
                (label, reverse("performance:outcomes_export", kwargs={"fmt": fmt}))
                for fmt, label in DOWNLOADS
            ],
            **_navigation(quarter),
        }
    )
    return render(request, "performance/outcomes.html", context)


@requires("access.view_performance")
@require_GET
def indicator(request: HttpRequest, code: str) -> HttpResponse:
    chosen = _indicator(code)
    quarter, typed, error = _quarter(request)
    context: dict[str, Any] = {"title": TITLE, "indicator": chosen, "typed": typed, "error": error}
    if error:
        return _error_page(request, "performance/outcomes_indicator.html", context)
    report = compute_indicator(chosen, quarter)
    context.update(
        {
            "quarter": quarter,
            "item": outcomes_export.for_display(report, svg=False),
            "report": report,
            "legend": RAG_LEGEND,
            "rules": RAG_RULES,
            "may_write": WRITE in capabilities_of(request.user),
            "chart_library_version": chart_library.version(),
            **_navigation(quarter),
        }
    )
    return render(request, "performance/outcomes_indicator.html", context)


@requires(f"access.{WRITE}")
@require_http_methods(["GET", "POST"])
def commentary(request: HttpRequest, code: str) -> HttpResponse:
    """Enter or change the quarter's three answers; a change made from a copy someone
    has since saved over is refused with the lead's text kept."""
    chosen = _indicator(code)
    quarter, typed, error = _quarter(request)
    if error:
        context = {"title": TITLE, "indicator": chosen, "typed": typed, "error": error}
        return _error_page(request, "performance/outcomes_commentary.html", context)
    existing = IndicatorCommentary.objects.filter(
        measure_id=chosen.measure_id, period_code=quarter.code
    ).first()
    # What the lead started from decides the form: a post without a version began from an
    # empty commentary, which the service refuses to write over one saved meanwhile.
    form: CommentaryForm
    if request.method == "POST":
        form = (EditCommentaryForm if "version" in request.POST else CommentaryForm)(request.POST)
    elif existing is None:
        form = CommentaryForm()
    else:
        form = EditCommentaryForm(
            initial={"version": existing.version}
            | {name: getattr(existing, name) for name in services.FIELDS}
        )
    page = reverse("performance:outcome", kwargs={"code": chosen.code}) + f"?quarter={quarter.code}"
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        saved = submit_to_service(
            form,
            lambda: services.save_commentary(
                measure_id=chosen.measure_id,
                period_code=quarter.code,
                telling_us=d["telling_us"],
                what_changed=d["what_changed"],
                issues=d["issues"],
                expected_version=d.get("version"),
            ),
        )
        if saved is not None:
            messages.success(request, f"Commentary for {chosen.code}, {quarter.label} saved.")
            return redirect(f"{page}#commentary-{chosen.code}")
    return render(
        request,
        "performance/outcomes_commentary.html",
        {
            "title": TITLE,
            "indicator": chosen,
            "quarter": quarter,
            "form": form,
            "existing": existing,
            "back": page,
        },
    )


@requires("access.view_performance")
@require_GET
def risks(request: HttpRequest) -> HttpResponse:
    """The corporate risk register, read-only (risks are kept in the admin site), each
    risk with the indicators and measures it is linked to."""
    register = []
    for risk in CorporateRisk.objects.order_by("ref"):
        links = []
        for measure_id in risk.measure_ids or []:
            found = INDICATORS_BY_MEASURE.get(measure_id)
            if found is not None:
                url = reverse("performance:outcome", kwargs={"code": found.code})
                links.append((f"{found.code} {found.title}", url))
            else:
                url = reverse("performance:measure", kwargs={"measure_id": measure_id})
                links.append((_measure_label(measure_id), url))
        register.append({"risk": risk, "links": links})
    return render(
        request,
        "performance/outcomes_risks.html",
        {"title": TITLE, "register": register, "indicators": INDICATORS},
    )


def _measure_label(measure_id: str) -> str:
    from safeguard.performance import registry

    try:
        return f"{measure_id} {registry.get(measure_id).name}"
    except KeyError:
        return measure_id


@requires("access.view_performance")
@require_GET
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("pdf", "csv"):
        return downloads.unknown_format()
    quarter, _typed, error = _quarter(request)
    if error:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    outcomes = compute_all(quarter)
    content = (
        outcomes_export.outcomes_csv(outcomes) if fmt == "csv"
        else outcomes_export.outcomes_pdf(outcomes)
    )  # fmt: skip
    return downloads.attachment(content, fmt, outcomes_export.filename(outcomes, fmt))
