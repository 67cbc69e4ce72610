"""Year-round validation: the DfE rules run on the live records, not on a file.

The return for the collection year is built from the records exactly as the export
builds it (so what passes here passes at the DfE), every implemented rule runs over it,
and each failing row is traced back to the child's record where it can be put right.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import polars as pl

from safeguard.returns.rules.registry import ReturnData, ReturnKind, Rule, get, rules, validate
from safeguard.returns.tables import CHILD_KEY

KIND_NAMES: dict[str, str] = {"cin": "CIN census", "ssda903": "SSDA903"}


@dataclass(frozen=True)
class LiveValidation:
    kind: ReturnKind
    year: int
    report: pl.DataFrame
    rules_run: list[Rule]
    #: The return's child key (LA child id) -> the person's id (hex), to open the record.
    children: dict[str, str]
    seconds: float

    @property
    def name(self) -> str:
        return KIND_NAMES[self.kind]

    @property
    def errors(self) -> int:
        return self.report.filter(pl.col("severity") == "error").height

    @property
    def queries(self) -> int:
        return self.report.height - self.errors


def live_return(kind: ReturnKind, year: int) -> ReturnData:
    """The return for ``year`` as the export builds it (with last year's for 903 rules)."""
    if kind == "cin":
        from safeguard.returns.cin_census.export import cin_census_tables

        return cin_census_tables(year)
    from safeguard.returns.ssda903.export import ssda903_tables

    data = ssda903_tables(year)
    previous = ssda903_tables(year - 1)
    return ReturnData(
        kind=data.kind,
        tables=data.tables,
        collection_start=data.collection_start,
        collection_end=data.collection_end,
        la_code=data.la_code,
        previous=previous.tables,
        reference=data.reference,
    )


def child_links(data: ReturnData) -> dict[str, str]:
    """LA child id -> person id (hex), from the export's ``children`` look-up."""
    frame = data.reference.get("children")
    if frame is None or frame.is_empty():
        return {}
    key = CHILD_KEY[data.kind]
    return {
        str(row[key]): str(row["person_id"]).replace("-", "")
        for row in frame.select(key, "person_id").iter_rows(named=True)
    }


def validate_live(kind: ReturnKind, year: int, *, code: str | None = None) -> LiveValidation:
    started = time.perf_counter()
    data = live_return(kind, year)
    report = validate(data, codes=[code] if code else None)
    run = [get(kind, code)] if code else [r for r in rules(kind) if r.implemented]
    return LiveValidation(
        kind=kind,
        year=year,
        report=report,
        rules_run=run,
        children=child_links(data),
        seconds=time.perf_counter() - started,
    )


@dataclass(frozen=True)
class RuleCount:
    rule: Rule
    rows: int
    children: int


def by_rule(validation: LiveValidation) -> list[RuleCount]:
    """Failing rules, errors before queries, the most children first."""
    if validation.report.is_empty():
        return []
    counts = (
        validation.report.group_by("code")
        .agg(pl.len().alias("rows"), pl.col("child").drop_nulls().n_unique().alias("children"))
        .to_dicts()
    )
    found = [
        RuleCount(get(validation.kind, c["code"]), int(c["rows"]), int(c["children"]))
        for c in counts
    ]
    return sorted(found, key=lambda c: (c.rule.severity != "error", -c.children, c.rule.code))
