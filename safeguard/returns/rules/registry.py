"""The validation rule registry: each DfE rule once, as a Polars check over a return's tables.

A rule is the published code, message and affected fields (from ``returns.spec``) plus a
function that takes the return (``ReturnData``) and gives back the failing rows as a
frame of ``table``, ``row`` and ``child`` (build it with ``flag``). The same rules run
on our own exports, on files a user uploads and on the live records. A rule that cannot
be implemented here is registered with ``not_implemented`` and the reason, so coverage is
honest and listed in docs/returns.md.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal, TypeVar, cast

import polars as pl

from safeguard.returns.spec import RuleSpec, cin_rule_specs, ssda903_rule_specs
from safeguard.returns.tables import CHILD_KEY, CIN_TABLES, ROW, SSDA903_TABLES, empty_table

ReturnKind = Literal["cin", "ssda903"]
Severity = Literal["error", "query"]

#: The failing rows a check returns.
FAILURE_SCHEMA: dict[str, pl.DataType] = {"table": pl.Utf8(), "row": pl.Int64(), "child": pl.Utf8()}

#: One line of an error report.
REPORT_SCHEMA: dict[str, pl.DataType] = {
    "child": pl.Utf8(),
    "table": pl.Utf8(),
    "row": pl.Int64(),
    "code": pl.Utf8(),
    "severity": pl.Utf8(),
    "message": pl.Utf8(),
    "fields": pl.Utf8(),
}


@dataclass(frozen=True)
class ReturnData:
    """One return's tables for a collection year, with last year's where a rule needs them.

    ``reference`` holds look-up tables a few rules need that are not part of the return
    (e.g. ``provider_info``: Ofsted's provider list by URN; ``postcodes``); a rule whose
    look-up is absent passes rather than guesses.
    """

    kind: ReturnKind
    tables: Mapping[str, pl.DataFrame]
    collection_start: dt.date
    collection_end: dt.date
    la_code: str = ""
    previous: Mapping[str, pl.DataFrame] = field(default_factory=dict)
    reference: Mapping[str, pl.DataFrame] = field(default_factory=dict)
    #: Frames derived from this return that many rules share (see ``per_return``).
    derived: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    @property
    def layout(self) -> Mapping[str, tuple[str, ...]]:
        return CIN_TABLES if self.kind == "cin" else SSDA903_TABLES

    def table(self, name: str) -> pl.DataFrame:
        """This year's table (empty with every column when the return has none)."""
        found = self.tables.get(name)
        return found if found is not None else empty_table(self.layout[name])

    def last(self, name: str) -> pl.DataFrame | None:
        """Last year's table, or None when no previous return was given."""
        if not self.previous:
            return None
        found = self.previous.get(name)
        return found if found is not None else empty_table(self.layout[name])

    @property
    def has_previous(self) -> bool:
        return bool(self.previous)


Check = Callable[[ReturnData], pl.DataFrame]
T = TypeVar("T")


def per_return(build: Callable[[ReturnData], T]) -> Callable[[ReturnData], T]:
    """Derive a frame once per return: many rules start from the same parsed, sorted
    table. It is kept on the return itself, so it lives and dies with it."""
    key = f"{build.__module__}.{build.__qualname__}"

    @functools.wraps(build)
    def cached(data: ReturnData) -> T:
        if key not in data.derived:
            data.derived[key] = build(data)
        return cast(T, data.derived[key])

    return cached


@dataclass(frozen=True)
class Rule:
    kind: ReturnKind
    code: str
    message: str
    fields: tuple[str, ...]
    tables: tuple[str, ...]
    severity: Severity
    check: Check | None = None
    #: Why the rule is not run (None when it is implemented).
    not_implemented: str | None = None

    @property
    def implemented(self) -> bool:
        return self.check is not None


_RULES: dict[tuple[ReturnKind, str], Rule] = {}


def _spec(kind: ReturnKind, code: str) -> RuleSpec:
    specs = cin_rule_specs() if kind == "cin" else ssda903_rule_specs()
    if code not in specs:
        raise KeyError(f"{code!r} is not a published {kind} rule code")
    return specs[code]


def _severity(kind: ReturnKind, code: str) -> Severity:
    # The CIN census marks queries (to be explained, not necessarily fixed) with a trailing Q.
    return "query" if kind == "cin" and code.endswith("Q") else "error"


def _register(rule: Rule) -> Rule:
    key = (rule.kind, rule.code)
    if key in _RULES:
        raise ValueError(f"{rule.kind} rule {rule.code} is registered twice")
    _RULES[key] = rule
    return rule


def _decorator(
    kind: ReturnKind, code: str, fields: Iterable[str] | None
) -> Callable[[Check], Check]:
    spec = _spec(kind, code)

    def decorate(check: Check) -> Check:
        _register(
            Rule(
                kind=kind,
                code=code,
                message=spec.message,
                fields=tuple(fields) if fields is not None else spec.fields,
                tables=spec.tables,
                severity=_severity(kind, code),
                check=check,
            )
        )
        return check

    return decorate


def cin_rule(code: str, *, fields: Iterable[str]) -> Callable[[Check], Check]:
    """Register a CIN census rule; ``fields`` are the XSD elements it reports."""
    return _decorator("cin", code, fields)


def ssda903_rule(code: str, *, fields: Iterable[str] | None = None) -> Callable[[Check], Check]:
    """Register an SSDA903 rule; fields default to the published affected fields."""
    return _decorator("ssda903", code, fields)


def not_implemented(kind: ReturnKind, code: str, *, reason: str) -> Rule:
    """Register a published rule that is not run here, with the reason shown in coverage."""
    spec = _spec(kind, code)
    return _register(
        Rule(
            kind=kind,
            code=code,
            message=spec.message,
            fields=spec.fields,
            tables=spec.tables,
            severity=_severity(kind, code),
            not_implemented=reason,
        )
    )


def rules(kind: ReturnKind | None = None) -> list[Rule]:
    return [rule for (k, _), rule in sorted(_RULES.items()) if kind is None or k == kind]


def get(kind: ReturnKind, code: str) -> Rule:
    return _RULES[(kind, code)]


def flag(frame: pl.DataFrame, table: str, kind: ReturnKind) -> pl.DataFrame:
    """The failing rows of one table, as a check returns them."""
    return frame.select(
        pl.lit(table, dtype=pl.Utf8).alias("table"),
        pl.col(ROW).cast(pl.Int64).alias("row"),
        pl.col(CHILD_KEY[kind]).cast(pl.Utf8).alias("child"),
    )


def rows_where(data: ReturnData, table: str, wrong: pl.Expr) -> pl.DataFrame:
    """The rows of one table that meet ``wrong``: the whole of most single-table rules."""
    return flag(data.table(table).filter(wrong), table, data.kind)


def no_failures() -> pl.DataFrame:
    return pl.DataFrame(schema=FAILURE_SCHEMA)


def run_rule(rule: Rule, data: ReturnData) -> pl.DataFrame:
    """One rule's failing rows (unique, in table and row order)."""
    if rule.check is None:
        return no_failures()
    found = rule.check(data)
    if found.columns != list(FAILURE_SCHEMA):
        raise TypeError(f"{rule.kind} rule {rule.code} returned columns {found.columns}")
    return found.unique().sort("table", "row", "child", nulls_last=True)


def validate(data: ReturnData, codes: Iterable[str] | None = None) -> pl.DataFrame:
    """Every implemented rule (or the given codes) over a return: the error report."""
    wanted = set(codes) if codes is not None else None
    parts = []
    for rule in rules(data.kind):
        if wanted is not None and rule.code not in wanted:
            continue
        found = run_rule(rule, data)
        if found.height:
            parts.append(
                found.with_columns(
                    pl.lit(rule.code).alias("code"),
                    pl.lit(rule.severity).alias("severity"),
                    pl.lit(rule.message).alias("message"),
                    pl.lit(", ".join(rule.fields)).alias("fields"),
                ).select(list(REPORT_SCHEMA))
            )
    if not parts:
        return pl.DataFrame(schema=REPORT_SCHEMA)
    return pl.concat(parts).sort("child", "table", "row", "code", nulls_last=True)
