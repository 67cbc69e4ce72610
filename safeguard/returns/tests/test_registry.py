"""The rule registry: every published rule is registered once, implemented or with a reason."""

from __future__ import annotations

import polars as pl
import pytest

from safeguard.returns.rules.registry import REPORT_SCHEMA, rules, validate
from safeguard.returns.spec import cin_rule_specs, ssda903_rule_specs
from safeguard.returns.testing.builders import cin_return, failing_rows


def test_registered_codes_are_published_codes() -> None:
    assert {r.code for r in rules("cin")} <= set(cin_rule_specs())
    assert {r.code for r in rules("ssda903")} <= set(ssda903_rule_specs())


def test_rules_not_implemented_give_a_reason() -> None:
    for rule in rules():
        assert rule.implemented or (rule.not_implemented or "").strip(), rule.code


def test_queries_are_the_cin_codes_ending_in_q() -> None:
    for rule in rules("cin"):
        assert (rule.severity == "query") == rule.code.endswith("Q")


def test_header_reference_date() -> None:
    good = cin_return(Header=[{"ReferenceDate": "2024-03-31"}])
    bad = cin_return(Header=[{"ReferenceDate": "2024-03-30", "_row": 4}])
    assert failing_rows("cin", "100", good) == []
    assert failing_rows("cin", "100", bad) == [("Header", 4, None)]


def test_validate_reports_code_message_and_fields() -> None:
    report = validate(cin_return(Header=[{"ReferenceDate": "2023-03-31"}]), codes=["100"])
    assert report.schema == pl.Schema(REPORT_SCHEMA)
    row = report.row(0, named=True)
    assert (row["code"], row["message"], row["fields"]) == (
        "100",
        "Reference Date is incorrect",
        "ReferenceDate",
    )


@pytest.mark.parametrize("kind", ["cin", "ssda903"])
def test_empty_return_runs_every_rule(kind: str) -> None:
    from safeguard.returns.testing.builders import ssda903_return

    data = cin_return() if kind == "cin" else ssda903_return()
    validate(data)  # every rule copes with empty tables
