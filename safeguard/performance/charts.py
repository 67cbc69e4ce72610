"""Charts for every performance product: one Vega-Lite spec for the screen and for paper.

Each builder returns a ``Chart``: the Vega-Lite spec (drawn interactively on screen by
``static/performance/charts.mjs``), a title and a description (Vega-Lite ``description``,
which Vega turns into the chart's ``aria-label``), and the table alternative every chart
is shown with. ``Chart.svg()`` draws it as static SVG with vl-convert, for PDFs and for
pages read without JavaScript.

The Altair chart for each *kind* of chart is built once and cached as a template whose
data are named datasets; a chart is the template plus its own ``datasets``, title and
description. Building an Altair chart costs 15-30 ms, and a scorecard has ~50 sparklines.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import altair as alt
import vl_convert
from django.utils.html import escape

from safeguard.performance.registry import Unit, format_value

#: GOV.UK Frontend colours: the series, the "Good" target, then comparators.
BLUE = "#1d70b8"
GREEN = "#00703c"
GREY = "#505a5f"
COMPARATOR_COLOURS = ("#4c2c92", "#f47738", "#d53880", "#28a197")
FONT = "Arial, Helvetica, sans-serif"
SPARK_WIDTH, SPARK_HEIGHT = 120, 28
TREND_WIDTH, TREND_HEIGHT = 560, 240
BAR_WIDTH = 420


@dataclass(frozen=True)
class Table:
    """The table alternative of a chart (always shown with it, and in the PDF)."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Point:
    """One value of a series: the period's label, its value, and the value as displayed."""

    label: str
    value: float | None
    text: str = ""


@dataclass(frozen=True)
class Chart:
    key: str  # unique on its page; safe as (part of) an HTML id
    kind: str
    title: str
    description: str
    spec: dict[str, Any] = field(repr=False)
    table: Table

    @property
    def dom_id(self) -> str:
        return "chart-" + re.sub(r"[^A-Za-z0-9_-]", "-", self.key)

    @property
    def spec_id(self) -> str:
        return self.dom_id + "-spec"

    def svg(self) -> str:
        """Static SVG (vl-convert: no browser, nothing fetched), labelled for screen readers
        as one image: the description is its text alternative."""
        return label_svg(vl_convert.vegalite_to_svg(self.spec), self.title, self.description)


def label_svg(svg: str, title: str, description: str) -> str:
    label = escape(description if description.startswith(title) else f"{title}. {description}")
    return re.sub(
        r"^<svg\b([^>]*)>",
        lambda m: (
            f'<svg{m.group(1)} role="img" aria-label="{label}" focusable="false">'
            f"<title>{escape(title)}</title>"
        ),
        svg.strip(),
        count=1,
    )


# -- the builders ---------------------------------------------------------------------------


def sparkline(
    key: str, title: str, points: Sequence[Point], *, unit: Unit, good: float | None = None
) -> Chart:
    """A small line of the last months, the latest value marked (and "Good", if set)."""
    series = _series(points, unit)
    # No title in the spec: a sparkline sits beside its measure's name, which is its title.
    spec = _with(
        _template("sparkline", good is not None),
        description=_describe(title, points, unit, good),
        datasets={"series": series, "good": _good(good, unit)},
    )
    return Chart(key, "sparkline", title, spec["description"], spec, _table(title, points, unit))


def trend(
    key: str,
    title: str,
    points: Sequence[Point],
    *,
    unit: Unit,
    good: float | None = None,
    comparators: Mapping[str, Sequence[float | None]] | None = None,
) -> Chart:
    """A line over the periods with the "Good" target as a dashed rule and comparators
    (England, region, statistical neighbours: one value per period) as further lines."""
    comparators = comparators or {}
    series = _series(points, unit)
    others = [
        {"label": p.label, "value": v, "text": format_value(unit, v), "series": name}
        for name, values in comparators.items()
        for p, v in zip(points, values, strict=True)
        if v is not None
    ]
    description = _describe(title, points, unit, good)
    if comparators:
        description += " Compared with " + ", ".join(comparators) + "."
    spec = _with(
        _template("trend", good is not None),
        title=title,
        description=description,
        datasets={
            "series": [{**s, "series": "This authority"} for s in series] + others,
            "good": _good(good, unit),
        },
    )
    headers = ("Period", "This authority", *comparators)
    rows = tuple(
        (
            p.label,
            p.text or format_value(unit, p.value),
            *(format_value(unit, values[i]) for values in comparators.values()),
        )
        for i, p in enumerate(points)
    )
    return Chart(key, "trend", title, description, spec, Table(title, headers, rows))


def bars(key: str, title: str, items: Sequence[tuple[str, float]], *, unit: Unit) -> Chart:
    """Horizontal bars for a breakdown (by source, category, age band...), in its order."""
    values = [
        {"label": label, "value": value, "text": format_value(unit, value)}
        for label, value in items
    ]
    total = sum(v for _, v in items)
    largest = max(items, key=lambda item: item[1]) if items else None
    description = f"{title}: {len(items)} groups"
    if largest is not None and total:
        description += (
            f", largest {largest[0]} ({format_value(unit, largest[1])} of "
            f"{format_value(unit, total)})"
        )
    description += "."
    spec = _with(
        _template("bars", False),
        title=title,
        description=description,
        datasets={"series": values},
        height={"step": 22},
    )
    rows = tuple((label, format_value(unit, value)) for label, value in items)
    return Chart(key, "bars", title, description, spec, Table(title, ("Group", "Value"), rows))


# -- templates ------------------------------------------------------------------------------


def _with(template: dict[str, Any], **values: Any) -> dict[str, Any]:
    """The cached template with this chart's own top-level values (never mutated)."""
    return {**template, **values}


@functools.lru_cache(maxsize=16)
def _template(kind: str, with_good: bool) -> dict[str, Any]:
    series = alt.NamedData("series")
    good = alt.NamedData("good")
    tooltip = [alt.Tooltip("label:N", title="Period"), alt.Tooltip("text:N", title="Value")]
    layers: list[alt.Chart] = []
    if kind == "sparkline":
        x = alt.X("label:O", sort=None, axis=None)
        y = alt.Y("value:Q", axis=None, scale=alt.Scale(zero=False))
        base = alt.Chart(series)
        layers.append(base.mark_line(color=BLUE, strokeWidth=2).encode(x=x, y=y))
        layers.append(
            base.mark_point(color=BLUE, filled=True, size=28).encode(x=x, y=y, tooltip=tooltip)
        )
        if with_good:
            layers.append(
                alt.Chart(good)
                .mark_rule(color=GREEN, strokeDash=[3, 2])
                .encode(y="value:Q", tooltip=[alt.Tooltip("text:N", title="Good")])
            )
        chart = alt.layer(*layers).properties(width=SPARK_WIDTH, height=SPARK_HEIGHT)
        spec = _finish(chart, padding=4)
        # One image described by its description: 12 points each announced in a table
        # row would drown the row (the table alternative holds the figures).
        spec["config"]["aria"] = False
        return spec
    if kind == "trend":
        # Percentages start at 0 but are not stretched to 100: a 5-point change must show.
        y_scale = alt.Scale(zero=True)
        x = alt.X("label:O", sort=None, title=None, axis=alt.Axis(labelAngle=0))
        y = alt.Y("value:Q", title=None, scale=y_scale)
        colour = alt.Color(
            "series:N",
            sort=None,
            title=None,
            scale=alt.Scale(range=[BLUE, *COMPARATOR_COLOURS]),
            legend=alt.Legend(orient="bottom"),
        )
        dash = alt.StrokeDash(
            "series:N", sort=None, legend=None, scale=alt.Scale(range=[[1, 0], [8, 3], [2, 2]])
        )
        base = alt.Chart(series)
        layers.append(base.mark_line(strokeWidth=2).encode(x=x, y=y, color=colour, strokeDash=dash))
        layers.append(
            base.mark_point(filled=True, size=40).encode(
                x=x,
                y=y,
                color=colour,
                tooltip=[alt.Tooltip("series:N", title="Series"), *tooltip],
            )
        )
        if with_good:
            rule = alt.Chart(good).mark_rule(color=GREEN, strokeDash=[6, 4], strokeWidth=2)
            layers.append(rule.encode(y="value:Q", tooltip=[alt.Tooltip("text:N", title="Good")]))
            layers.append(
                alt.Chart(good)
                .mark_text(align="left", dx=4, dy=-7, color=GREEN, fontWeight="bold")
                .encode(y="value:Q", x=alt.value(0), text="caption:N")
            )
        chart = alt.layer(*layers).properties(width=TREND_WIDTH, height=TREND_HEIGHT)
        return _finish(chart, padding=8)
    if kind == "bars":
        base = alt.Chart(series).encode(
            y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=220)),
            x=alt.X("value:Q", title=None),
        )
        layers.append(base.mark_bar(color=BLUE).encode(tooltip=tooltip))
        layers.append(base.mark_text(align="left", dx=4, color="#0b0c0c").encode(text="text:N"))
        chart = alt.layer(*layers).properties(width=BAR_WIDTH)
        return _finish(chart, padding=8)
    raise ValueError(f"Unknown chart kind {kind!r}.")


def _finish(chart: alt.LayerChart | alt.FacetChart, *, padding: int) -> dict[str, Any]:
    spec: dict[str, Any] = chart.configure(
        font=FONT,
        background="white",
        padding=padding,
        view=alt.ViewConfig(stroke=None),
        axis=alt.AxisConfig(labelColor="#0b0c0c", labelFontSize=12, gridColor="#e5e5e5"),
        legend=alt.LegendConfig(labelFontSize=12, labelColor="#0b0c0c"),
        title=alt.TitleConfig(fontSize=16, anchor="start", color="#0b0c0c"),
    ).to_dict(validate=True)
    return spec


# -- data and text ----------------------------------------------------------------------------


def _series(points: Sequence[Point], unit: Unit) -> list[dict[str, Any]]:
    return [
        {"label": p.label, "value": p.value, "text": p.text or format_value(unit, p.value)}
        for p in points
    ]


def _good(good: float | None, unit: Unit) -> list[dict[str, Any]]:
    if good is None:
        return []
    text = format_value(unit, good)
    return [{"value": good, "text": text, "caption": f"Good: {text}"}]


def _table(title: str, points: Sequence[Point], unit: Unit) -> Table:
    rows = tuple((p.label, p.text or format_value(unit, p.value)) for p in points)
    return Table(title, ("Period", "Value"), rows)


def _describe(title: str, points: Sequence[Point], unit: Unit, good: float | None) -> str:
    """A sentence a screen reader can say instead of the picture."""
    known = [p for p in points if p.value is not None]
    if not points:
        return f"{title}: no periods."
    span = f"{points[0].label} to {points[-1].label}"
    lead = title if span in title else f"{title}, {span}"
    if not known:
        return f"{lead}: no data."
    low = min(known, key=lambda p: p.value or 0.0)
    high = max(known, key=lambda p: p.value or 0.0)
    latest = points[-1]
    text = (
        f"{lead}: lowest {format_value(unit, low.value)} ({low.label}), "
        f"highest {format_value(unit, high.value)} ({high.label}), "
        f"latest {format_value(unit, latest.value)} ({latest.label})."
    )
    if good is not None:
        text += f" Good is {format_value(unit, good)}."
    missing = len(points) - len(known)
    if missing:
        text += f" No figure for {missing} of the {len(points)} periods."
    return text
