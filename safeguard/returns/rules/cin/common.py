"""Shared building blocks of the CIN census rules: keys, parsed dates, joins to the episode.

Many rules ask the same questions (is this date in the census year, is the referral an
NFA, when did the child die); they are answered once here so each rule reads as its
published message. Nothing in this module registers a rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import polars as pl

from safeguard.core.calendar import add_working_days
from safeguard.returns.rules.expr import blank, cin_date, one_of
from safeguard.returns.rules.registry import FAILURE_SCHEMA, ReturnData, no_failures
from safeguard.returns.tables import ROW

CHILD = "LAchildID"
EPISODE = ("LAchildID", "CINdetailsID")
ASSESSMENT = ("LAchildID", "CINdetailsID", "AssessmentID")

#: The XSD's yes/no values that mean yes, and no.
YES = ("true", "TRUE", "1")
NO = ("false", "FALSE", "0")

#: Reasons for closure meaning "closed after assessment" (no further action / early help).
CLOSED_AFTER_ASSESSMENT = ("RC8", "RC9")

#: A date far in the future, standing in for "still open" when comparing periods.
OPEN_END = dt.date(9999, 12, 31)


def yes(column: str) -> pl.Expr:
    return one_of(column, YES)


def no(column: str) -> pl.Expr:
    """An explicit no (a blank is neither yes nor no)."""
    return one_of(column, NO)


def open_enquiry() -> pl.Expr:
    """A Section 47 enquiry neither concluded by a conference nor marked as needing none."""
    return blank("DateOfInitialCPC") & ~yes("ICPCnotRequired")


def in_year(expr: pl.Expr, data: ReturnData) -> pl.Expr:
    """The date falls within the census year (1 April .. 31 March, both included)."""
    return expr.is_between(pl.lit(data.collection_start), pl.lit(data.collection_end))


def outside_year(column: str, data: ReturnData) -> pl.Expr:
    """Given but not a date within the census year (a malformed date counts as outside)."""
    return ~blank(column) & ~in_year(cin_date(column), data).fill_null(False)


def weekend(column: str) -> pl.Expr:
    """A weekend date (Polars numbers Monday 1 .. Sunday 7)."""
    return (cin_date(column).dt.weekday() >= 6).fill_null(False)


def working_days_before_end(data: ReturnData, days: int) -> dt.date:
    """The reference date less ``days`` working days (weekends and English bank holidays)."""
    return add_working_days(data.collection_end, -days)


def children(data: ReturnData) -> pl.DataFrame:
    """One row per child: birth, expected birth and death dates (first record when duplicated)."""
    return (
        data.table("ChildIdentifiers")
        .filter(pl.col(CHILD).is_not_null())
        .unique(CHILD, keep="first", maintain_order=True)
        .select(
            CHILD,
            cin_date("PersonBirthDate").alias("_birth"),
            cin_date("ExpectedPersonBirthDate").alias("_expected_birth"),
            cin_date("PersonDeathDate").alias("_death"),
        )
    )


def episodes(data: ReturnData) -> pl.DataFrame:
    """One row per CIN episode with its dates and flags parsed (episode columns prefixed ``_``)."""
    return (
        data.table("CINdetails")
        .unique(list(EPISODE), keep="first", maintain_order=True)
        .select(
            *EPISODE,
            cin_date("CINreferralDate").alias("_referral"),
            cin_date("CINclosureDate").alias("_closure"),
            cin_date("DateOfInitialCPC").alias("_episode_icpc"),
            pl.col("ReasonForClosure").str.strip_chars().alias("_reason"),
            yes("ReferralNFA").alias("_nfa"),
            pl.col(ROW).alias("_episode_row"),
        )
    )


def with_episode(frame: pl.DataFrame, data: ReturnData) -> pl.DataFrame:
    """A table below the episode, each row with its episode's parsed columns."""
    return frame.join(episodes(data), on=list(EPISODE), how="inner")


def with_child(frame: pl.DataFrame, data: ReturnData) -> pl.DataFrame:
    """A table with the child's birth and death dates alongside each row."""
    return frame.join(children(data), on=CHILD, how="inner")


def has_rows(frame: pl.DataFrame, keys: Iterable[str], name: str) -> pl.DataFrame:
    """The distinct keys of ``frame`` with a True column ``name``, to left-join as "has any"."""
    keys = list(keys)
    return frame.select(keys).unique().with_columns(pl.lit(True).alias(name))


def flag_many(*parts: pl.DataFrame) -> pl.DataFrame:
    """Failing rows of several tables together."""
    return pl.concat([no_failures(), *parts], how="vertical")


def return_level(table: str) -> pl.DataFrame:
    """A failure of the return as a whole (no one row or child is at fault)."""
    return pl.DataFrame({"table": [table], "row": [None], "child": [None]}, schema=FAILURE_SCHEMA)


def overlapping(
    frame: pl.DataFrame, keys: Iterable[str], start: pl.Expr, end: pl.Expr
) -> pl.DataFrame:
    """Rows whose period overlaps another row's period with the same keys.

    Periods are half-open, [start, end): one ending on the day the next starts is a hand-over,
    not an overlap. A missing end means still open. Rows without a start are not compared.
    """
    keys = list(keys)
    periods = frame.with_columns(
        start.alias("_start"), end.fill_null(pl.lit(OPEN_END)).alias("_end")
    ).filter(pl.col("_start").is_not_null())
    other = periods.select(*keys, ROW, "_start", "_end").rename(
        {ROW: "_other_row", "_start": "_other_start", "_end": "_other_end"}
    )
    pairs = periods.join(other, on=keys, how="inner").filter(
        (pl.col(ROW) != pl.col("_other_row"))
        & (pl.col("_start") < pl.col("_other_end"))
        & (pl.col("_other_start") < pl.col("_end"))
        & (pl.col("_start") < pl.col("_end"))
        & (pl.col("_other_start") < pl.col("_other_end"))
    )
    return pairs.unique(ROW, maintain_order=True).select(frame.columns)
