"""Shared building blocks of the part 2 SSDA903 rules: parsed episodes, ages and flags.

Rules here compare a child's episodes with the one before or after, their age on a date
and last year's return, so these are computed once the same way for every rule.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from safeguard.returns.rules.expr import blank, d903
from safeguard.returns.rules.registry import ReturnData, flag, per_return
from safeguard.returns.tables import ROW

CHILD = "CHILD"

#: Placement types that are temporary moves (T0-T4).
TEMPORARY = ("T0", "T1", "T2", "T3", "T4")
#: Placed for adoption (A3-A6).
ADOPTION_PLACEMENTS = ("A3", "A4", "A5", "A6")
#: Foster placements (U1-U6).
FOSTER_PLACEMENTS = ("U1", "U2", "U3", "U4", "U5", "U6")
#: Legal statuses of an agreed series of short breaks (respite).
RESPITE = ("V3", "V4")
#: The details of a placement; a change of placement changes at least one of them.
PLACEMENT_DETAILS = ("PLACE", "PLACE_PROVIDER", "PL_POST", "URN")


def age_at(dob: pl.Expr, day: pl.Expr) -> pl.Expr:
    """Age in whole years on a day (a birthday counts from the day itself)."""
    before_birthday = (day.dt.month() < dob.dt.month()) | (
        (day.dt.month() == dob.dt.month()) & (day.dt.day() < dob.dt.day())
    )
    return (day.dt.year().cast(pl.Int32) - dob.dt.year().cast(pl.Int32)) - before_birthday.cast(
        pl.Int32
    )


def birthday(dob: pl.Expr, years: int) -> pl.Expr:
    """The day a child born on ``dob`` reaches ``years`` (29 February → 1 March, as age_at)."""
    shifted = dob.dt.offset_by(f"{years}y")
    leap_day = (dob.dt.month() == 2) & (dob.dt.day() == 29)
    moved = leap_day & (shifted.dt.day() != 29)
    return pl.when(moved).then(shifted.dt.offset_by("1d")).otherwise(shifted)


def lit_date(day: dt.date) -> pl.Expr:
    return pl.lit(day, dtype=pl.Date)


def days_between(start: pl.Expr, end: pl.Expr) -> pl.Expr:
    return (end - start).dt.total_days()


def same(column: str, other: str) -> pl.Expr:
    """The two text columns hold the same value (two blanks are the same)."""
    left = pl.col(column).str.strip_chars().str.to_uppercase()
    right = pl.col(other).str.strip_chars().str.to_uppercase()
    return left.eq_missing(right) | (blank(column) & blank(other))


def normal_postcode(column: str) -> pl.Expr:
    """A postcode without spaces, in capitals, for comparing."""
    return pl.col(column).str.replace_all(r"\s", "").str.to_uppercase()


@per_return
def header(data: ReturnData) -> pl.DataFrame:
    """This year's Header with ``_dob`` parsed."""
    return data.table("Header").with_columns(d903("DOB").alias("_dob"))


@per_return
def dobs(data: ReturnData) -> pl.DataFrame:
    """One date of birth per child (from the Header), for joining on ``CHILD``."""
    return (
        header(data).filter(pl.col(CHILD).is_not_null()).group_by(CHILD).agg(pl.col("_dob").first())
    )


def episodes(data: ReturnData, table: pl.DataFrame | None = None) -> pl.DataFrame:
    """Episodes in order within each child, with dates parsed and the neighbouring episodes.

    Adds ``_decom``, ``_dec``, ``_seq`` (0, 1, ... within the child), ``_last`` (the child's
    latest episode) and ``prev_X`` / ``next_X`` (``prev_dec``, ``next_decom``, ``prev_LS``,
    ...) for the dates, RNE, REC, LS and the placement details.
    """
    source = data.table("Episodes") if table is None else table
    cached = _CACHE.get(id(source))
    if cached is not None and cached[0] is source:
        return cached[1]
    found = _episodes(source)
    if len(_CACHE) >= 8:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[id(source)] = (source, found)
    return found


#: The last few episode tables worked out, by the identity of the source frame (frames are
#: immutable): every sequence rule of one validation run shares one sort and set of shifts.
_CACHE: dict[int, tuple[pl.DataFrame, pl.DataFrame]] = {}


def _episodes(frame: pl.DataFrame) -> pl.DataFrame:
    frame = frame.with_columns(d903("DECOM").alias("_decom"), d903("DEC").alias("_dec")).sort(
        CHILD, "_decom", ROW, nulls_last=True
    )
    carried = ("_decom", "_dec", "RNE", "REC", "LS", *PLACEMENT_DETAILS, ROW)
    # Sorted by child, the neighbours are the rows above and below when the child is the
    # same: plain shifts are far faster than windows over thousands of children.
    same_before = pl.col(CHILD).shift(1).eq_missing(pl.col(CHILD))
    same_after = pl.col(CHILD).shift(-1).eq_missing(pl.col(CHILD))
    index = pl.int_range(pl.len())
    group_start = pl.when(~same_before).then(index).forward_fill()
    return frame.with_columns(
        (index - group_start).alias("_seq"),
        (~same_after).alias("_last"),
        *[
            pl.when(same_before).then(pl.col(c).shift(1)).alias(f"prev_{c.strip('_')}")
            for c in carried
        ],
        *[
            pl.when(same_after).then(pl.col(c).shift(-1)).alias(f"next_{c.strip('_')}")
            for c in carried
        ],
    )


def with_dob(frame: pl.DataFrame, data: ReturnData) -> pl.DataFrame:
    """Join each row to its child's date of birth from the Header (``_dob``)."""
    return frame.join(dobs(data), on=CHILD, how="left")


def flag_children(frame: pl.DataFrame, table: str, children: pl.DataFrame) -> pl.DataFrame:
    """The rows of ``table`` (``frame``) belonging to the given children."""
    return flag(frame.join(children.select(CHILD).unique(), on=CHILD, how="semi"), table, "ssda903")


def header_rows(data: ReturnData, children: pl.DataFrame) -> pl.DataFrame:
    """The Header rows of the given children."""
    return flag_children(data.table("Header"), "Header", children)
