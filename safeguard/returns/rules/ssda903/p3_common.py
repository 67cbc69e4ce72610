"""Shared questions of the part-3 SSDA903 rules: periods of care, adoption decisions, ages.

Kept apart from the other parts' helpers so each part can change without the others;
every helper works on whole tables with Polars, never row by row.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from safeguard.returns.rules.expr import blank, d903, one_of
from safeguard.returns.rules.registry import ReturnData, flag, no_failures, per_return
from safeguard.returns.tables import ROW

CHILD = "CHILD"

#: Short breaks (respite): not a period of care for the continuity tests.
RESPITE = ("V3", "V4")

#: Placement types of a child placed for adoption.
ADOPTION_PLACEMENTS = ("A3", "A4", "A5", "A6")

#: Reasons an episode ended with the child adopted.
ADOPTED = ("E11", "E12")

#: The reason an episode ended without the child leaving care.
STILL_IN_CARE = "X1"


def flag_many(*parts: tuple[pl.DataFrame, str]) -> pl.DataFrame:
    """Failing rows from several tables at once."""
    frames = [flag(frame, table, "ssda903") for frame, table in parts]
    return pl.concat(frames) if frames else no_failures()


def with_dates(frame: pl.DataFrame, **columns: str) -> pl.DataFrame:
    """Parse DD/MM/YYYY columns: ``with_dates(eps, _start="DECOM")``."""
    return frame.with_columns(d903(source).alias(name) for name, source in columns.items())


@per_return
def episodes(data: ReturnData) -> pl.DataFrame:
    """This year's episodes with ``_start``/``_end`` parsed, in child and start order."""
    eps = with_dates(data.table("Episodes"), _start="DECOM", _end="DEC")
    return eps.sort(CHILD, "_start", ROW, nulls_last=True)


@per_return
def last_year_episodes(data: ReturnData) -> pl.DataFrame | None:
    found = data.last("Episodes")
    if found is None:
        return None
    return with_dates(found, _start="DECOM", _end="DEC").sort(CHILD, "_start", ROW, nulls_last=True)


@per_return
def first_episodes(data: ReturnData) -> pl.DataFrame:
    """Each child's earliest episode this year (by start date; undated episodes are ignored)."""
    eps = episodes(data).filter(pl.col("_start").is_not_null() & pl.col(CHILD).is_not_null())
    return eps.group_by(CHILD, maintain_order=True).first()


@per_return
def open_at_end_of_last_year(data: ReturnData) -> pl.DataFrame | None:
    """Each child's latest episode last year, where it had no end date (None: no last year)."""
    last = last_year_episodes(data)
    if last is None:
        return None
    dated = last.filter(pl.col("_start").is_not_null() & pl.col(CHILD).is_not_null())
    latest = dated.group_by(CHILD, maintain_order=True).last()
    return latest.filter(blank("DEC"))


def left_care() -> pl.Expr:
    """The episode (with ``_end`` parsed) ended with the child leaving care: not reason X1."""
    return pl.col("_end").is_not_null() & ~one_of("REC", [STILL_IN_CARE]) & ~blank("REC")


@per_return
def leaving_episodes(data: ReturnData) -> pl.DataFrame:
    """Episodes that end a period of care this year."""
    return episodes(data).filter(left_care())


@per_return
def left_care_at_last(data: ReturnData) -> pl.DataFrame:
    """Each child's last episode this year, where it ended their care."""
    eps = episodes(data).filter(pl.col("_start").is_not_null())
    last = eps.group_by(CHILD, maintain_order=True).last().select(CHILD, "_start")
    return leaving_episodes(data).join(last, on=[CHILD, "_start"], how="semi")


def same_child_as_previous_row() -> pl.Expr:
    """In frames sorted by child: the row before is the same child's (cheaper than ``over``)."""
    return (pl.col(CHILD) == pl.col(CHILD).shift(1)).fill_null(False)


def previous(column: str) -> pl.Expr:
    """The value on the same child's previous row (null on their first row)."""
    return pl.when(same_child_as_previous_row()).then(pl.col(column).shift(1))


def with_period(eps: pl.DataFrame) -> pl.DataFrame:
    """Number the periods of care (``_period``) in episodes sorted by child and start.

    A period runs on while each episode starts the day the one before it (the same
    child's) ended and is not marked as a new period (RNE "S"). Numbers are unique across
    children.
    """
    starts_period = (
        ~same_child_as_previous_row()
        | (pl.col("_start") != previous("_end")).fill_null(True)
        | one_of("RNE", ["S"])
    )
    return eps.with_columns(starts_period.cast(pl.Int32).cum_sum().alias("_period"))


def age_on(dob: pl.Expr, on: dt.date) -> pl.Expr:
    """Whole years of age on the day ``on`` of a child born on ``dob`` (a date)."""
    day = pl.lit(on)
    before_birthday = (day.dt.month() < dob.dt.month()) | (
        (day.dt.month() == dob.dt.month()) & (day.dt.day() < dob.dt.day())
    )
    return (
        day.dt.year().cast(pl.Int32) - dob.dt.year().cast(pl.Int32) - before_birthday.cast(pl.Int32)
    )


@per_return
def looked_after_12_months(data: ReturnData) -> pl.DataFrame:
    """Children (one column) looked after continuously for at least 12 months at 31 March.

    Their care, other than short breaks, runs unbroken from on or before 1 April to the
    end of the year: one period of care, still open at 31 March.
    """
    eps = with_period(episodes(data).filter(~one_of("LS", RESPITE)))
    eps = eps.filter(pl.col("_start").is_not_null())
    current = eps.group_by(CHILD).agg(pl.col("_period").max())
    summary = (
        eps.join(current, on=[CHILD, "_period"], how="semi")
        .group_by(CHILD, maintain_order=True)
        .agg(
            pl.col("_start").first().alias("_from"),
            pl.col("_end").last().alias("_until"),
            pl.col("DEC").last().alias("_dec"),
        )
    )
    start, end = data.collection_start, data.collection_end
    throughout = (pl.col("_from") <= pl.lit(start)) & (
        pl.col("_dec").is_null() | (pl.col("_until") > pl.lit(end)).fill_null(False)
    )
    return summary.filter(throughout).select(CHILD)


@per_return
def placed_adoption(data: ReturnData) -> pl.DataFrame:
    """This year's decisions (``decisions``)."""
    return decisions(data.table("PlacedAdoption"))


@per_return
def last_year_decisions(data: ReturnData) -> pl.DataFrame | None:
    found = data.last("PlacedAdoption")
    return None if found is None else decisions(found)


def decisions(frame: pl.DataFrame) -> pl.DataFrame:
    """PlacedAdoption with ``_placed``/``_ceased`` parsed and each child's latest decision marked.

    ``_latest`` is the decision with the latest DATE_PLACED (the last row when undated),
    the one a child's current adoption plan rests on.
    """
    frame = with_dates(frame, _placed="DATE_PLACED", _ceased="DATE_PLACED_CEASED")
    frame = frame.sort(CHILD, "_placed", ROW, nulls_last=False)
    return frame.with_columns(
        (pl.col(CHILD) != pl.col(CHILD).shift(-1)).fill_null(True).alias("_latest")
    )


def latest_decisions(data: ReturnData) -> pl.DataFrame:
    """Each child's latest decision that they should be placed for adoption."""
    return placed_adoption(data).filter(pl.col("_latest"))


def child_dob(data: ReturnData, frame: pl.DataFrame) -> pl.DataFrame:
    """Add ``_dob``: the Header date of birth, or the row's own DOB where Header has none."""
    header = data.table("Header").select(CHILD, d903("DOB").alias("_header_dob"))
    header = header.filter(pl.col(CHILD).is_not_null()).unique(CHILD, keep="first")
    joined = frame.join(header, on=CHILD, how="left")
    own = d903("DOB") if "DOB" in frame.columns else pl.lit(None, dtype=pl.Date)
    return joined.with_columns(pl.coalesce(pl.col("_header_dob"), own).alias("_dob"))
