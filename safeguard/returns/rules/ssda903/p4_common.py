"""Shared pieces of the part-4 SSDA903 rules: the collection year and who is looked after."""

from __future__ import annotations

import datetime as dt

import polars as pl

from safeguard.returns.rules.expr import blank, d903, one_of
from safeguard.returns.rules.registry import ReturnData, per_return

#: Short breaks (respite) legal statuses: such a child is looked after only during each break,
#: so the DfE leaves them out of "looked after on 31 March".
SHORT_BREAKS = ("V3", "V4")

#: Reasons an episode ended that mean the child was adopted.
ADOPTED = ("E11", "E12")


def on_or_after(expr: pl.Expr, day: dt.date) -> pl.Expr:
    """False (not null) when the date is absent, so a filter drops the row."""
    return (expr >= pl.lit(day)).fill_null(False)


def before(expr: pl.Expr, day: dt.date) -> pl.Expr:
    return (expr < pl.lit(day)).fill_null(False)


def in_year(expr: pl.Expr, data: ReturnData) -> pl.Expr:
    """The date falls in the collection year (False when absent or unparseable)."""
    return expr.is_between(pl.lit(data.collection_start), pl.lit(data.collection_end)).fill_null(
        False
    )


@per_return
def looked_after_on_31_march(data: ReturnData) -> pl.DataFrame:
    """The episodes open at the end of the year (not short breaks): who is in care on 31 March."""
    episodes = data.table("Episodes")
    return episodes.filter(
        (d903("DECOM") <= pl.lit(data.collection_end)).fill_null(False)
        & (blank("DEC") | (d903("DEC") > pl.lit(data.collection_end)).fill_null(False))
        & ~one_of("LS", SHORT_BREAKS)
    )


def children(frame: pl.DataFrame) -> pl.DataFrame:
    """The distinct children of a table, to join or anti-join on."""
    return frame.select(pl.col("CHILD")).drop_nulls().unique()


def text(column: str) -> pl.Expr:
    """A value trimmed, for comparing what two files say."""
    return pl.col(column).str.strip_chars()
