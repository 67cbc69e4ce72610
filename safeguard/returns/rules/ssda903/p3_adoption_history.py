"""SSDA903 rules comparing this year's adoption decisions with last year's return.

A decision still open at the end of last year is reported again this year with the same
DATE_PLACED; a decision reversed last year is history, and a new decision comes after it.
Without last year's return these rules pass.
"""

from __future__ import annotations

import polars as pl

from safeguard.returns.rules.expr import present
from safeguard.returns.rules.registry import ReturnData, flag, no_failures, ssda903_rule
from safeguard.returns.rules.ssda903.p3_common import CHILD, last_year_decisions, placed_adoption


def _flag(frame: pl.DataFrame) -> pl.DataFrame:
    return flag(frame, "PlacedAdoption", "ssda903")


def _this_and_last(data: ReturnData) -> tuple[pl.DataFrame, pl.DataFrame] | None:
    """This year's and last year's dated decisions, or None without last year's return."""
    found = last_year_decisions(data)
    if found is None:
        return None
    now = placed_adoption(data).filter(pl.col("_placed").is_not_null())
    last = found.filter(pl.col("_placed").is_not_null())
    return now, last


def _reversed() -> pl.Expr:
    return present("DATE_PLACED_CEASED") | present("REASON_PLACED_CEASED")


@ssda903_rule("559")
def earlier_decision_in_last_years_return(data: ReturnData) -> pl.DataFrame:
    both = _this_and_last(data)
    if both is None:
        return no_failures()
    now, last = both
    before_year = now.filter(pl.col("_placed") < pl.lit(data.collection_start))
    return _flag(before_year.join(last.select(CHILD).unique(), on=CHILD, how="anti"))


@ssda903_rule("560")
def open_decision_keeps_its_date(data: ReturnData) -> pl.DataFrame:
    """Last year's open decision must be among the child's decisions this year."""
    both = _this_and_last(data)
    if both is None:
        return no_failures()
    now, last = both
    still_open = last.filter(~_reversed()).select(CHILD, "_placed").unique()
    reported = now.join(still_open, on=[CHILD, "_placed"], how="semi").select(CHILD).unique()
    children = still_open.select(CHILD).unique().join(reported, on=CHILD, how="anti")
    return _flag(now.join(children, on=CHILD, how="semi"))


@ssda903_rule("561")
def reversed_decision_not_reported_again(data: ReturnData) -> pl.DataFrame:
    both = _this_and_last(data)
    if both is None:
        return no_failures()
    now, last = both
    reversed_last_year = last.filter(_reversed()).select(CHILD, "_placed").unique()
    return _flag(now.join(reversed_last_year, on=[CHILD, "_placed"], how="semi"))


@ssda903_rule("584")
def new_decision_after_reversed_one(data: ReturnData) -> pl.DataFrame:
    """A decision new this year must not be dated before one reversed last year."""
    both = _this_and_last(data)
    if both is None:
        return no_failures()
    now, last = both
    new = now.join(last.select(CHILD, "_placed").unique(), on=[CHILD, "_placed"], how="anti")
    reversed_last_year = (
        last.filter(_reversed()).group_by(CHILD).agg(pl.col("_placed").max().alias("_reversed"))
    )
    pairs = new.join(reversed_last_year, on=CHILD, how="inner")
    return _flag(pairs.filter(pl.col("_placed") < pl.col("_reversed")))
