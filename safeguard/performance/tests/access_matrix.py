"""Authorization matrix cases for the performance pages: only ``view_performance``."""

from __future__ import annotations

from safeguard.access.testing.matrix import Case, holders

REPORT_READERS = holders("view_performance")
COMMENTARY_WRITERS = holders("view_performance", "write_performance_commentary")


def _measure(measure_id: str):
    return lambda w: {"measure_id": measure_id}


def _indicator(code: str):
    return lambda w: {"code": code}


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
    # Outcomes monitoring: reading needs view_performance, commentary the lead officers'
    # write_performance_commentary.
    Case(url_name="performance:outcomes", allowed=REPORT_READERS),
    Case(
        url_name="performance:outcomes",
        allowed=REPORT_READERS,
        query="quarter=2025-Q5",
        ok_status=400,
        note="(a quarter that does not exist: the form with an error)",
    ),
    Case(
        url_name="performance:outcomes_export",
        kwargs=lambda w: {"fmt": "csv"},
        allowed=REPORT_READERS,
    ),
    Case(url_name="performance:outcome", kwargs=_indicator("S01"), allowed=REPORT_READERS),
    Case(
        url_name="performance:outcome_commentary",
        kwargs=_indicator("S02"),
        allowed=COMMENTARY_WRITERS,
    ),
    Case(
        url_name="performance:outcome_commentary",
        kwargs=_indicator("S02"),
        allowed=COMMENTARY_WRITERS,
        method="post",
        note="(empty form: re-rendered with errors)",
    ),
    Case(url_name="performance:risks", allowed=REPORT_READERS),
]
