"""SSDA903 rules on how episodes follow each other: reasons for a new episode and for ceasing,
temporary placements, respite and adoption placements.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from safeguard.returns.rules.expr import one_of, present
from safeguard.returns.rules.registry import ReturnData, flag, per_return, ssda903_rule
from safeguard.returns.rules.ssda903.p2_common import (
    CHILD,
    FOSTER_PLACEMENTS,
    PLACEMENT_DETAILS,
    RESPITE,
    TEMPORARY,
    episodes,
    lit_date,
    same,
)

#: A new episode continuing the period of care (not "started to be looked after").
CONTINUATION = ("L", "P", "T", "B", "U")


def _flag(frame: pl.DataFrame) -> pl.DataFrame:
    return flag(frame, "Episodes", "ssda903")


def _has_previous() -> pl.Expr:
    return pl.col("prev_row").is_not_null()


@ssda903_rule("217")
def adoption_with_foster_carers_reason(data: ReturnData) -> pl.DataFrame:
    # A3/A5 (placed for adoption with current foster carers) exist from 1 April 2015: the
    # carers stay the same, so the episode starts a period of care or keeps the carers.
    eps = episodes(data)
    wrong = eps.filter(
        one_of("PLACE", ["A3", "A5"])
        & (pl.col("_decom") >= lit_date(dt.date(2015, 4, 1)))
        & present("RNE")
        & ~one_of("RNE", ["S", "T", "U"])
    )
    return _flag(wrong)


@ssda903_rule("336")
def foster_placement_before_adoption_with_carers(data: ReturnData) -> pl.DataFrame:
    # Placed for adoption with current foster carers: the previous placement was fostering
    # (or the same adoption placement, when only the legal status changed).
    eps = episodes(data)
    wrong = eps.filter(
        one_of("PLACE", ["A3", "A5"])
        & _has_previous()
        & ~one_of("prev_PLACE", [*FOSTER_PLACEMENTS, "A3", "A5"])
    )
    return _flag(wrong)


@ssda903_rule("366")
def respite_break_in_one_placement(data: ReturnData) -> pl.DataFrame:
    # Each short break is a period of care of its own, in one placement.
    eps = episodes(data)
    return _flag(eps.filter(one_of("LS", ["V3"]) & present("RNE") & ~one_of("RNE", ["S"])))


@ssda903_rule("378")
def parents_not_under_section_20(data: ReturnData) -> pl.DataFrame:
    eps = episodes(data)
    return _flag(eps.filter(one_of("PLACE", ["P1"]) & one_of("LS", ["V2"])))


@ssda903_rule("380")
def care_starts_in_normal_placement(data: ReturnData) -> pl.DataFrame:
    eps = episodes(data)
    return _flag(eps.filter(one_of("RNE", ["S"]) & one_of("PLACE", TEMPORARY)))


@ssda903_rule("381")
def care_ends_in_normal_placement(data: ReturnData) -> pl.DataFrame:
    eps = episodes(data)
    ends_care = present("REC") & ~one_of("REC", ["X1"])
    return _flag(eps.filter(ends_care & one_of("PLACE", TEMPORARY)))


@ssda903_rule("382")
def respite_not_temporary(data: ReturnData) -> pl.DataFrame:
    eps = episodes(data)
    return _flag(eps.filter(one_of("LS", RESPITE) & one_of("PLACE", TEMPORARY)))


@ssda903_rule("383")
def temporary_placement_returns_to_normal(data: ReturnData) -> pl.DataFrame:
    # Judged when the temporary placement has episodes on both sides.
    eps = episodes(data)
    wrong = eps.filter(
        one_of("PLACE", TEMPORARY)
        & _has_previous()
        & pl.col("next_row").is_not_null()
        & ~same("prev_PLACE", "next_PLACE")
    )
    return _flag(wrong)


@ssda903_rule("384")
def respite_not_long_term_fostering(data: ReturnData) -> pl.DataFrame:
    eps = episodes(data)
    return _flag(eps.filter(one_of("LS", RESPITE) & one_of("PLACE", ["U1", "U4"])))


@ssda903_rule("388")
def new_episode_follows(data: ReturnData) -> pl.DataFrame:
    eps = episodes(data)
    starts = eps.select(CHILD, pl.col("_decom").alias("_dec")).drop_nulls().unique()
    ended = eps.filter(one_of("REC", ["X1"]))
    return _flag(ended.join(starts, on=[CHILD, "_dec"], how="anti"))


@ssda903_rule("390")
def adopted_from_adoption_placement(data: ReturnData) -> pl.DataFrame:
    eps = episodes(data)
    wrong = eps.filter(one_of("REC", ["E11", "E12"]) & ~one_of("PLACE", ["A3", "A4", "A5", "A6"]))
    return _flag(wrong)


@ssda903_rule("408")
def adoption_placement_order_recorded(data: ReturnData) -> pl.DataFrame:
    # A5/A6 are placements for adoption under a placement order (E1, or a freeing order D1).
    eps = episodes(data)
    return _flag(eps.filter(one_of("PLACE", ["A5", "A6"]) & ~one_of("LS", ["E1", "D1"])))


@ssda903_rule("426")
def respite_one_kind_a_year(data: ReturnData) -> pl.DataFrame:
    eps = episodes(data).filter(one_of("LS", RESPITE))
    kinds = pl.col("LS").str.strip_chars().n_unique().over(CHILD)
    return _flag(eps.filter(kinds > 1))


@ssda903_rule("431")
def started_care_after_a_gap(data: ReturnData) -> pl.DataFrame:
    eps = episodes(data)
    wrong = eps.filter(one_of("RNE", ["S"]) & (pl.col("prev_dec") == pl.col("_decom")))
    return _flag(wrong)


@ssda903_rule("432")
def care_restarts_after_ceasing(data: ReturnData) -> pl.DataFrame:
    eps = episodes(data)
    previous_ended_care = pl.col("prev_REC").is_not_null() & ~one_of("prev_REC", ["X1"])
    wrong = eps.filter(
        _has_previous() & previous_ended_care & present("RNE") & ~one_of("RNE", ["S"])
    )
    return _flag(wrong)


@ssda903_rule("433")
def continuation_starts_when_last_ended(data: ReturnData) -> pl.DataFrame:
    eps = episodes(data)
    wrong = eps.filter(
        one_of("RNE", CONTINUATION)
        & _has_previous()
        & pl.col("_decom").is_not_null()
        & pl.col("prev_dec").ne_missing(pl.col("_decom"))
    )
    return _flag(wrong)


@per_return
def _changes(data: ReturnData) -> pl.DataFrame:
    """Whether the legal status and the placement differ from the previous episode (once)."""
    eps = episodes(data)
    placement_same = pl.all_horizontal([same(c, f"prev_{c}") for c in PLACEMENT_DETAILS])
    return eps.filter(_has_previous()).with_columns(
        (~same("LS", "prev_LS")).alias("_ls_changed"),
        (~placement_same).alias("_placement_changed"),
    )


@ssda903_rule("434")
def legal_status_change_only(data: ReturnData) -> pl.DataFrame:
    eps = _changes(data).filter(one_of("RNE", ["L"]))
    return _flag(eps.filter(~pl.col("_ls_changed") | pl.col("_placement_changed")))


@ssda903_rule("435")
def placement_change_only(data: ReturnData) -> pl.DataFrame:
    eps = _changes(data).filter(one_of("RNE", ["P", "T"]))
    return _flag(eps.filter(pl.col("_ls_changed") | ~pl.col("_placement_changed")))


@ssda903_rule("436")
def placement_and_legal_status_change(data: ReturnData) -> pl.DataFrame:
    eps = _changes(data).filter(one_of("RNE", ["B", "U"]))
    return _flag(eps.filter(~pl.col("_ls_changed") | ~pl.col("_placement_changed")))


@ssda903_rule("437")
def no_episode_after_death_or_adulthood(data: ReturnData) -> pl.DataFrame:
    eps = episodes(data)
    final = eps.filter(one_of("REC", ["E2", "E15"]))
    later = eps.select(CHILD, pl.col("_decom").alias("_later"))
    wrong = final.join(later, on=CHILD, how="inner").filter(pl.col("_later") > pl.col("_decom"))
    return _flag(wrong)
