"""Authorization matrix cases for the performance pages: only ``view_performance``."""

from __future__ import annotations

from safeguard.access.testing.matrix import Case, holders

REPORT_READERS = holders("view_performance")


def _measure(measure_id: str):
    return lambda w: {"measure_id": measure_id}


CASES = [
    Case(url_name="performance:cp_annual", allowed=REPORT_READERS),
    Case(
        url_name="performance:cp_annual",
        allowed=REPORT_READERS,
        query="year=2025-26",
        ok_status=400,
        note="(a year written the wrong way: the form with an error)",
    ),
    Case(
        url_name="performance:cp_annual_export",
        kwargs=lambda w: {"fmt": "csv"},
        allowed=REPORT_READERS,
    ),
    Case(url_name="performance:self_evaluation", allowed=REPORT_READERS),
    Case(
        url_name="performance:self_evaluation_export",
        kwargs=lambda w: {"fmt": "xlsx"},
        allowed=REPORT_READERS,
    ),
    Case(url_name="performance:index", allowed=REPORT_READERS),
    Case(url_name="performance:scorecard", allowed=REPORT_READERS),
    Case(
        url_name="performance:scorecard",
        allowed=REPORT_READERS,
        query="month=2025-13",
        ok_status=400,
        note="(a month that does not exist: the form with an error)",
    ),
    Case(
        url_name="performance:scorecard_export",
        kwargs=lambda w: {"fmt": "csv"},
        allowed=REPORT_READERS,
    ),
    Case(
        url_name="performance:scorecard_export",
        kwargs=lambda w: {"fmt": "xlsx"},
        allowed=REPORT_READERS,
        note="(spreadsheet)",
    ),
    Case(url_name="performance:measure", kwargs=_measure("OBA2-11"), allowed=REPORT_READERS),
    Case(
        url_name="performance:measure",
        kwargs=_measure("OBA1-06"),
        allowed=REPORT_READERS,
        note="(a measure with no data yet)",
    ),
    Case(url_name="performance:measure_rows", kwargs=_measure("OBA2-11"), allowed=REPORT_READERS),
    Case(url_name="performance:vega_embed", allowed=REPORT_READERS),
]
