"""SSDA903 rules on unaccompanied asylum-seeking children (the UASC file, this year and last).

The 2024-25 files carry no coded UASC column: a child's UASC status in a year is read from
that year's UASC file. A child is UASC in a year when listed there with no date the status
ceased (DUC), or with a DUC on or after the year's 1 April (UASC for part of the year); a
child listed with an earlier DUC is formerly UASC.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from safeguard.returns.rules.expr import d903, present
from safeguard.returns.rules.registry import (
    ReturnData,
    flag,
    no_failures,
    not_implemented,
    ssda903_rule,
)
from safeguard.returns.rules.ssda903.p2_common import CHILD, birthday, flag_children, lit_date


def _status(table: pl.DataFrame, start: dt.date, suffix: str) -> pl.DataFrame:
    """Per child: listed in the UASC file, the DUC, and UASC during the year from ``start``."""
    return (
        table.filter(pl.col(CHILD).is_not_null())
        .group_by(CHILD)
        .agg(d903("DUC").first().alias(f"duc{suffix}"))
        .with_columns(
            (pl.col(f"duc{suffix}").is_null() | (pl.col(f"duc{suffix}") >= lit_date(start))).alias(
                f"uasc{suffix}"
            )
        )
    )


def _both_years(data: ReturnData) -> pl.DataFrame | None:
    """Children in this year's Header with their UASC status this year and last (or None)."""
    last_uasc = data.last("UASC")
    last_header = data.last("Header")
    if last_uasc is None or last_header is None:
        return None
    start = data.collection_start
    start_last = dt.date(start.year - 1, start.month, start.day)
    children = data.table("Header").select(CHILD).unique()
    in_last_return = last_header.select(CHILD).unique().with_columns(pl.lit(True).alias("in_last"))
    return (
        children.join(_status(data.table("UASC"), start, ""), on=CHILD, how="left")
        .join(_status(last_uasc, start_last, "_last"), on=CHILD, how="left")
        .join(in_last_return, on=CHILD, how="left")
        .with_columns(
            pl.col("uasc").fill_null(False),
            pl.col("uasc_last").fill_null(False),
            pl.col("in_last").fill_null(False),
        )
    )


def _flag(data: ReturnData, children: pl.DataFrame) -> pl.DataFrame:
    return pl.concat(
        [
            flag_children(data.table("Header"), "Header", children),
            flag_children(data.table("UASC"), "UASC", children),
        ]
    )


def _last_year(data: ReturnData) -> tuple[dt.date, dt.date]:
    start, end = data.collection_start, data.collection_end
    return dt.date(start.year - 1, 4, 1), dt.date(end.year - 1, 3, 31)


@ssda903_rule("205A")
def uasc_ceased_last_year(data: ReturnData) -> pl.DataFrame:
    # No longer UASC: the status must have ceased during last year, on the same date both years.
    both = _both_years(data)
    if both is None:
        return no_failures()
    start_last, end_last = _last_year(data)
    ceased_last_year = pl.col("duc_last").is_between(lit_date(start_last), lit_date(end_last))
    wrong = both.filter(
        pl.col("uasc_last")
        & ~pl.col("uasc")
        & (
            ~ceased_last_year.fill_null(False)
            | (pl.col("duc").is_not_null() & (pl.col("duc") != pl.col("duc_last")))
        )
    )
    return _flag(data, wrong)


@ssda903_rule("205B")
def uasc_continues(data: ReturnData) -> pl.DataFrame:
    # Still UASC: last year's DUC cannot have ended the status last year, and a DUC this year
    # either ends it this year or repeats last year's (the 18th birthday, when still UASC).
    both = _both_years(data)
    if both is None:
        return no_failures()
    _, end_last = _last_year(data)
    this_year = pl.col("duc").is_between(
        lit_date(data.collection_start), lit_date(data.collection_end)
    )
    wrong = both.filter(
        pl.col("uasc_last")
        & pl.col("uasc")
        & (
            (pl.col("duc_last") <= lit_date(end_last)).fill_null(False)
            | (
                pl.col("duc").is_not_null()
                & pl.col("duc_last").is_not_null()
                & (pl.col("duc") != pl.col("duc_last"))
                & ~this_year
            )
        )
    )
    return _flag(data, wrong)


@ssda903_rule("205C")
def duc_without_uasc(data: ReturnData) -> pl.DataFrame:
    # A DUC this year says the status ceased before the year began, yet last year's return
    # did not have the child as UASC either.
    both = _both_years(data)
    if both is None:
        return no_failures()
    wrong = both.filter(
        pl.col("in_last") & ~pl.col("uasc") & ~pl.col("uasc_last") & pl.col("duc").is_not_null()
    )
    return _flag(data, wrong)


@ssda903_rule("205D")
def uasc_not_recorded_last_year(data: ReturnData) -> pl.DataFrame:
    both = _both_years(data)
    if both is None:
        return no_failures()
    wrong = both.filter(pl.col("in_last") & pl.col("uasc") & ~pl.col("uasc_last"))
    return _flag(data, wrong)


not_implemented(
    "ssda903",
    "303",
    reason=(
        "Needs the Header's coded UASC indicator, which the 2024-25 files no longer carry: "
        "UASC status is the UASC file itself, so a DUC always comes with UASC status."
    ),
)


@ssda903_rule("304")
def duc_by_18th_birthday(data: ReturnData) -> pl.DataFrame:
    uasc = data.table("UASC")
    wrong = uasc.filter(present("DUC") & (d903("DUC") > birthday(d903("DOB"), 18)).fill_null(False))
    return flag(wrong, "UASC", "ssda903")
