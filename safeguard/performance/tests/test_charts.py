"""Chart builders: Vega-Lite specs with a title, a description and a table alternative."""

from __future__ import annotations

import json
import re

import pytest
import vl_convert
from hypothesis import given, settings
from hypothesis import strategies as st

from safeguard.performance import chart_library, charts
from safeguard.performance.registry import Unit

MONTHS = ["Sep 24", "Oct 24", "Nov 24", "Dec 24", "Jan 25", "Feb 25"]


def points(values):
    return [charts.Point(label, value) for label, value in zip(MONTHS, values, strict=False)]


def test_a_sparkline_describes_its_series_in_words_and_as_a_table():
    chart = charts.sparkline(
        "spark-X", "Re-referrals", points([30.0, 25.0, None, 22.5, 21.0, 20.0]), unit=Unit.PERCENT
    )
    assert chart.title == "Re-referrals"
    assert chart.spec["description"] == chart.description
    assert chart.description == (
        "Re-referrals, Sep 24 to Feb 25: lowest 20.0% (Feb 25), highest 30.0% (Sep 24), "
        "latest 20.0% (Feb 25). No figure for 1 of the 6 periods."
    )
    assert chart.table.rows[2] == ("Nov 24", "\u2013")
    assert chart.table.rows[0] == ("Sep 24", "30.0%")
    assert [d["value"] for d in chart.spec["datasets"]["series"]] == [
        30.0,
        25.0,
        None,
        22.5,
        21.0,
        20.0,
    ]
    assert chart.spec["datasets"]["good"] == []
    assert chart.dom_id == "chart-spark-X"
    assert chart.spec_id == "chart-spark-X-spec"


def test_charts_built_from_one_template_keep_their_own_data():
    first = charts.sparkline("a", "A", points([1.0, 2.0]), unit=Unit.COUNT, good=2)
    second = charts.sparkline("b", "B", points([5.0, 3.0]), unit=Unit.COUNT, good=4)
    assert [d["value"] for d in first.spec["datasets"]["series"]] == [1.0, 2.0]
    assert [d["value"] for d in second.spec["datasets"]["series"]] == [5.0, 3.0]
    assert first.spec["datasets"]["good"][0]["value"] == 2
    assert second.spec["datasets"]["good"][0]["value"] == 4
    assert first.spec["layer"] is second.spec["layer"]  # the template is shared, unchanged


def test_a_trend_has_its_title_good_target_and_comparators():
    chart = charts.trend(
        "t",
        "CP plan rate",
        points([40.0, 41.0, 43.6]),
        unit=Unit.RATE,
        good=35.0,
        comparators={"England": [43.1, 43.1, 43.1], "South West": [None, 38.0, 38.0]},
    )
    assert chart.spec["title"] == "CP plan rate"
    assert "Good is 35.0." in chart.description
    assert chart.description.endswith("Compared with England, South West.")
    series = chart.spec["datasets"]["series"]
    assert {d["series"] for d in series} == {"This authority", "England", "South West"}
    assert len([d for d in series if d["series"] == "South West"]) == 2  # no value: no point
    assert chart.table.headers == ("Period", "This authority", "England", "South West")
    assert chart.table.rows[0] == ("Sep 24", "40.0", "43.1", "\u2013")
    assert chart.spec["datasets"]["good"][0]["caption"] == "Good: 35.0"


def test_bars_keep_the_breakdown_order_and_name_the_largest_group():
    chart = charts.bars(
        "b",
        "Contacts by source",
        [("Police", 30), ("Schools", 12), ("Not recorded", 1)],
        unit=Unit.COUNT,
    )
    assert [d["label"] for d in chart.spec["datasets"]["series"]] == [
        "Police",
        "Schools",
        "Not recorded",
    ]
    assert chart.description == "Contacts by source: 3 groups, largest Police (30 of 43)."
    assert chart.table.rows == (("Police", "30"), ("Schools", "12"), ("Not recorded", "1"))


@pytest.mark.parametrize(
    "chart",
    [
        charts.sparkline("s", "Spark", points([1.0, 2.0, 3.0]), unit=Unit.COUNT, good=2),
        charts.trend("t", "Trend & <more>", points([1.0, 2.0]), unit=Unit.PERCENT, good=1.5),
        charts.bars("b", "Bars", [("A", 1.0), ("B", 2.0)], unit=Unit.COUNT),
    ],
    ids=["sparkline", "trend", "bars"],
)
def test_static_svg_is_one_labelled_image_safe_inline_under_the_csp(chart):
    svg = chart.svg()
    assert svg.startswith("<svg")
    opening = svg[: svg.index(">") + 1]
    assert 'role="img"' in opening
    assert "aria-label=" in opening
    assert (
        f"<title>{chart.title.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}"
        in svg
    )
    # An inline style attribute or element would be refused by the page's CSP.
    assert not re.search(r"\sstyle=", svg)
    assert "<style" not in svg
    assert "<script" not in svg


def test_specs_compile_to_vega_and_fetch_nothing():
    chart = charts.trend("t", "T", points([1.0, 2.0]), unit=Unit.COUNT, good=1)
    vega = vl_convert.vegalite_to_vega(chart.spec)
    text = json.dumps(vega)
    assert "description" in vega
    assert '"url"' not in text  # every dataset is inline


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.one_of(st.none(), st.floats(min_value=0, max_value=10_000, allow_nan=False)),
        min_size=1,
        max_size=12,
    )
)
def test_any_series_gets_a_description_and_a_table_row_per_period(values):
    labels = [f"P{i}" for i in range(len(values))]
    chart = charts.sparkline(
        "s",
        "S",
        [charts.Point(label, v) for label, v in zip(labels, values, strict=True)],
        unit=Unit.COUNT,
    )
    assert len(chart.table.rows) == len(values)
    assert chart.description.startswith("S, P0 to ")
    if all(v is None for v in values):
        assert chart.description.endswith("no data.")


def test_the_chart_library_is_vega_embed_bundled_offline_for_this_page():
    library = chart_library.library()
    assert library.version == chart_library.version()
    text = library.javascript.decode("utf-8")
    assert text.startswith("/*! Vega-Embed")
    assert "window.vegaEmbed" in text
    assert "expressionInterpreter" in text  # vega-interpreter: charts draw without eval
    assert library.etag.startswith('"')
    assert (chart_library.cache_dir() / f"vega-embed-{library.version}.js").exists()
