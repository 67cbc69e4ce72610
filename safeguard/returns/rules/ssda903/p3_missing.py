"""SSDA903 rules on periods a child was missing or away from placement (Missing).

MISSING is M (missing) or A (away without authorisation); a period runs from MIS_START
to MIS_END (blank while it goes on). Periods happen while the child is looked after, one
at a time, and end when the child's care or the placement they went missing from ends.
"""

from __future__ import annotations

import polars as pl

from safeguard.returns.rules.expr import blank, one_of, present
from safeguard.returns.rules.registry import ReturnData, flag, no_failures, ssda903_rule
from safeguard.returns.rules.ssda903.p3_common import (
    CHILD,
    child_dob,
    episodes,
    flag_many,
    leaving_episodes,
    left_care,
    left_care_at_last,
    per_return,
    previous,
    same_child_as_previous_row,
    with_dates,
)
from safeguard.returns.tables import ROW

#: The reason an episode ends when the child leaves care while missing.
LEFT_WHILE_MISSING = "E8"


@per_return
def _missing(data: ReturnData) -> pl.DataFrame:
    """Missing with ``_from``/``_to`` parsed, in child and start order."""
    frame = with_dates(data.table("Missing"), _from="MIS_START", _to="MIS_END")
    return frame.sort(CHILD, "_from", ROW, nulls_last=True)


def _flag(frame: pl.DataFrame) -> pl.DataFrame:
    return flag(frame, "Missing", "ssda903")


def _with_episodes(missing: pl.DataFrame, eps: pl.DataFrame) -> pl.DataFrame:
    """Each period beside each of the child's episodes (the episode's ``_row`` is ``_episode``)."""
    chosen = eps.select(CHILD, pl.col(ROW).alias("_episode"), "_start", "_end", "REC")
    return missing.join(chosen, on=CHILD, how="inner")


@ssda903_rule("564")
def missing_period_has_start(data: ReturnData) -> pl.DataFrame:
    return _flag(data.table("Missing").filter(present("MISSING") & blank("MIS_START")))


@ssda903_rule("565")
def started_period_says_missing_or_away(data: ReturnData) -> pl.DataFrame:
    return _flag(data.table("Missing").filter(present("MIS_START") & blank("MISSING")))


@ssda903_rule("566")
def ended_period_says_missing_or_away(data: ReturnData) -> pl.DataFrame:
    return _flag(data.table("Missing").filter(present("MIS_END") & blank("MISSING")))


@ssda903_rule("567")
def period_ends_after_it_starts(data: ReturnData) -> pl.DataFrame:
    missing = _missing(data)
    return _flag(missing.filter((pl.col("_to") < pl.col("_from")).fill_null(False)))


@ssda903_rule("570")
def period_starts_by_end_of_year(data: ReturnData) -> pl.DataFrame:
    late = pl.col("_from") > pl.lit(data.collection_end)
    return _flag(_missing(data).filter(late.fill_null(False)))


@ssda903_rule("571")
def period_ends_in_year(data: ReturnData) -> pl.DataFrame:
    outside = (pl.col("_to") < pl.lit(data.collection_start)) | (
        pl.col("_to") > pl.lit(data.collection_end)
    )
    return _flag(_missing(data).filter(outside.fill_null(False)))


@ssda903_rule("574")
def periods_do_not_overlap(data: ReturnData) -> pl.DataFrame:
    """A period may start the day the one before it ended, not before."""
    missing = _missing(data).filter(pl.col("_from").is_not_null())
    previous_open = blank("MIS_END").shift(1).fill_null(False)
    overlaps = (pl.col("_from") < previous("_to")).fill_null(False)
    return _flag(missing.filter(same_child_as_previous_row() & (previous_open | overlaps)))


@ssda903_rule("575")
def period_ends_with_placement(data: ReturnData) -> pl.DataFrame:
    """An open period that started during an episode that has since ended."""
    open_periods = _missing(data).filter(blank("MIS_END") & pl.col("_from").is_not_null())
    pairs = _with_episodes(open_periods, episodes(data))
    # Going missing on the day of a move is from the new placement.
    during_ended = (pl.col("_start") <= pl.col("_from")) & (pl.col("_from") < pl.col("_end"))
    return _flag(pairs.filter(during_ended.fill_null(False)))


@ssda903_rule("576")
def open_period_carried_on_from_last_year(data: ReturnData) -> pl.DataFrame:
    """The child's periods this year are flagged, or their Header row when they have none."""
    found = data.last("Missing")
    if found is None:
        return no_failures()
    last = with_dates(found, _from="MIS_START", _to="MIS_END")
    open_last = last.filter(blank("MIS_END") & pl.col("_from").is_not_null())
    missing = _missing(data)
    carried = missing.select(CHILD, "_from").unique()
    lost = open_last.join(carried, on=[CHILD, "_from"], how="anti").select(CHILD).unique()
    periods = missing.join(lost, on=CHILD, how="semi")
    header = data.table("Header").join(lost, on=CHILD, how="semi")
    header = header.join(periods.select(CHILD).unique(), on=CHILD, how="anti")
    return flag_many((periods, "Missing"), (header, "Header"))


@ssda903_rule("577")
def period_ends_when_care_ends(data: ReturnData) -> pl.DataFrame:
    open_periods = _missing(data).filter(blank("MIS_END"))
    pairs = _with_episodes(open_periods, left_care_at_last(data))
    started_in_care = (pl.col("_from") <= pl.col("_end")).fill_null(False)
    return _flag(pairs.filter(started_in_care))


def _covered(day: str) -> pl.Expr:
    """The day falls within the episode (open episodes run on)."""
    return (pl.col("_start") <= pl.col(day)) & (
        pl.col("_end").is_null() | (pl.col(day) <= pl.col("_end"))
    )


@ssda903_rule("578")
def period_starts_before_care_ends(data: ReturnData) -> pl.DataFrame:
    """Starting after the child left care and before any return to care."""
    missing = _missing(data).filter(pl.col("_from").is_not_null())
    eps = episodes(data).filter(pl.col("_start").is_not_null())
    pairs = _with_episodes(missing, eps)
    summary = pairs.group_by(CHILD, ROW).agg(
        _covered("_from").fill_null(False).any().alias("_in_care"),
        (left_care() & (pl.col("_end") < pl.col("_from"))).fill_null(False).any().alias("_after"),
    )
    return _flag(summary.filter(pl.col("_after") & ~pl.col("_in_care")))


@ssda903_rule("580")
def missing_when_leaving_care_ends_with_e8(data: ReturnData) -> pl.DataFrame:
    leaving = leaving_episodes(data)
    missing = _missing(data).filter(pl.col("_from").is_not_null())
    pairs = leaving.join(missing.select(CHILD, "_from", "_to"), on=CHILD, how="inner")
    missing_then = (pl.col("_from") <= pl.col("_end")) & (
        pl.col("_to").is_null() | (pl.col("_to") >= pl.col("_end"))
    )
    wrong = pairs.filter(missing_then & ~one_of("REC", [LEFT_WHILE_MISSING]))
    return flag(wrong, "Episodes", "ssda903")


@ssda903_rule("581")
def period_starts_after_care_starts(data: ReturnData) -> pl.DataFrame:
    eps = episodes(data).filter(pl.col("_start").is_not_null())
    first = eps.group_by(CHILD).agg(pl.col("_start").min().alias("_first"))
    missing = _missing(data).join(first, on=CHILD, how="inner")
    return _flag(missing.filter((pl.col("_from") < pl.col("_first")).fill_null(False)))


@ssda903_rule("586")
def period_after_birth(data: ReturnData) -> pl.DataFrame:
    missing = child_dob(data, _missing(data))
    before_birth = (pl.col("_from") < pl.col("_dob")) | (pl.col("_to") < pl.col("_dob"))
    return _flag(missing.filter(before_birth.fill_null(False)))
