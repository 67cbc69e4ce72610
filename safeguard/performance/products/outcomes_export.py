"""Outcomes monitoring as a CSV of the figures and as a PDF of every indicator page.

The PDF draws the same indicator template as the page (``pdf`` true: static SVG charts,
no links or forms), so screen and paper cannot disagree.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from safeguard.performance.exports import html_to_pdf, rows_csv
from safeguard.performance.products.outcomes import (
    RAG_LEGEND,
    RAG_RULES,
    TITLE,
    IndicatorReport,
    Outcomes,
    Rated,
)

HEADERS: tuple[str, ...] = (
    "Indicator",
    "Role",
    "Ref",
    "Measure",
    "Unit",
    "Polarity",
    "Good",
    "Benchmark",
    "Previous",
    "Current",
    "Trend",
    "RAG",
    "Rated",
)


def filename(outcomes: Outcomes, extension: str) -> str:
    return f"outcomes-{outcomes.quarter.code}.{extension}"


def _line(report: IndicatorReport, rated: Rated, role: str) -> list[Any]:
    row = rated.row
    return [
        report.indicator.code,
        role,
        row.measure.id,
        row.measure.name,
        str(row.measure.unit),
        str(row.measure.polarity),
        row.measure.good,
        rated.benchmark.text if rated.benchmark else "",
        row.previous_value,
        row.current.value,
        str(row.trend),
        rated.rag_letter or "Not rated",
        rated.rag_basis,
        *(f.value for _, f in row.series),
    ]


def outcomes_csv(outcomes: Outcomes) -> str:
    """One line per indicator and per linked measure: the ratings, then each of the 8
    quarters' figures unrounded (so a spreadsheet can recompute)."""
    lines = [
        line
        for report in outcomes.indicators
        for line in (
            _line(report, report.headline, "Indicator"),
            *(_line(report, rated, "Linked measure") for rated in report.linked),
        )
    ]
    return rows_csv((*HEADERS, *(p.code for p in outcomes.periods)), lines)


def for_display(report: IndicatorReport, *, svg: bool) -> dict[str, Any]:
    """The indicator with its trend chart and linked measures' sparklines, for the page
    (specs, and the static SVG shown until the chart is drawn) or the PDF (SVG only)."""
    chart = report.chart()
    linked = []
    for rated in report.linked:
        spark = rated.row.sparkline()
        linked.append({"rated": rated, "chart": spark, "svg": spark.svg() if spark and svg else ""})
    return {"report": report, "chart": chart, "svg": chart.svg(), "linked": linked}


def outcomes_pdf(outcomes: Outcomes) -> bytes:
    return html_to_pdf(outcomes_html(outcomes))


def outcomes_html(outcomes: Outcomes) -> str:
    """Every indicator page as one self-contained document (the PDF's HTML)."""
    return render_to_string(
        "performance/pdf/outcomes.html",
        {
            "title": TITLE,
            "outcomes": outcomes,
            "items": [for_display(r, svg=True) for r in outcomes.indicators],
            "legend": RAG_LEGEND,
            "rules": RAG_RULES,
            "la_name": settings.SAFEGUARD_LA_NAME,
        },
    )
