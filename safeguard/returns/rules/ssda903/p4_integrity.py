"""SSDA903 integrity checks: every file agrees with the Header about who the child is.

The Header has one row per child; the other files must name only those children, with the
same date of birth (and sex in UASC), and the one-row-per-child files must not repeat one.
"""

from __future__ import annotations

import polars as pl

from safeguard.returns.rules.expr import d903, present
from safeguard.returns.rules.registry import (
    Check,
    ReturnData,
    flag,
    no_failures,
    ssda903_rule,
)
from safeguard.returns.rules.ssda903.p4_common import before, children, text

#: Files that must name only children in the Header, by rule code.
CHILD_IN_HEADER = {
    "INT01": "AD1",
    "INT02": "PlacedAdoption",
    "INT03": "Episodes",
    "INT04": "Missing",
    "INT05": "OC2",
    "INT06": "OC3",
    "INT07": "PrevPerm",
    "INT08": "Reviews",
    "INT09": "UASC",
}

#: Files whose DOB must be the Header's, by rule code.
DOB_AS_HEADER = {
    "INT11": "AD1",
    "INT12": "PlacedAdoption",
    "INT13": "Missing",
    "INT14": "OC2",
    "INT15": "OC3",
    "INT16": "PrevPerm",
    "INT17": "Reviews",
    "INT18": "UASC",
}

#: Files with at most one row per child, by rule code.
ONCE_PER_CHILD = {
    "INT31": "AD1",
    "INT32": "Header",
    "INT33": "OC2",
    "INT34": "OC3",
    "INT35": "PrevPerm",
    "INT36": "UASC",
}


def _child_in_header(table: str) -> Check:
    def check(data: ReturnData) -> pl.DataFrame:
        unknown = data.table(table).join(children(data.table("Header")), on="CHILD", how="anti")
        return flag(unknown, table, "ssda903")

    return check


def _differ(column: str, other: str) -> pl.Expr:
    """Dates are compared as dates where both parse (so 1/2/2010 is 01/02/2010), else as text."""
    as_text = text(column) != text(other)
    if column != "DOB":
        return as_text
    return pl.coalesce(d903(column) != d903(other), as_text)


def _same_as_header(table: str, column: str) -> Check:
    """Both files' rows for a child whose values differ (compared only where both are given)."""

    def check(data: ReturnData) -> pl.DataFrame:
        header = data.table("Header").filter(present(column))
        other = data.table(table).filter(present(column))
        pairs = other.join(
            header.select("CHILD", column, "_row"), on="CHILD", how="inner", suffix="_header"
        ).filter(_differ(column, f"{column}_header"))
        header_rows = pairs.select("CHILD", pl.col("_row_header").alias("_row"))
        return pl.concat([flag(pairs, table, "ssda903"), flag(header_rows, "Header", "ssda903")])

    return check


def _once_per_child(table: str) -> Check:
    def check(data: ReturnData) -> pl.DataFrame:
        rows = data.table(table).filter(present("CHILD"))
        repeated = rows.filter(pl.len().over(text("CHILD")) > 1)
        return flag(repeated, table, "ssda903")

    return check


for _code, _table in CHILD_IN_HEADER.items():
    ssda903_rule(_code)(_child_in_header(_table))
for _code, _table in DOB_AS_HEADER.items():
    ssda903_rule(_code)(_same_as_header(_table, "DOB"))
ssda903_rule("INT21")(_same_as_header("UASC", "SEX"))
for _code, _table in ONCE_PER_CHILD.items():
    ssda903_rule(_code)(_once_per_child(_table))


@ssda903_rule("EPI")
def child_has_episodes(data: ReturnData) -> pl.DataFrame:
    """A child in the Header with no episode: the rest of their record cannot be checked.

    A care leaver in OC3 is in the Header without episodes: they left care in an earlier
    year, whose return (already on the DfE portal, as the rule's note says) holds them.
    """
    alone = (
        data.table("Header")
        .join(children(data.table("Episodes")), on="CHILD", how="anti")
        .join(children(data.table("OC3")), on="CHILD", how="anti")
    )
    return flag(alone, "Header", "ssda903")


@ssda903_rule("NoE")
def earlier_care_was_returned_last_year(data: ReturnData) -> pl.DataFrame:
    """An episode begun before this year should be in last year's return for that child."""
    last = data.last("Episodes")
    if last is None:
        return no_failures()
    earlier = data.table("Episodes").filter(before(d903("DECOM"), data.collection_start))
    missing = earlier.join(children(last), on="CHILD", how="anti")
    return flag(missing, "Episodes", "ssda903")
