"""SSDA903 rules on episode dates: order, the collection year and how long an episode may last."""

from __future__ import annotations

import datetime as dt

import polars as pl

from safeguard.returns.rules.expr import one_of
from safeguard.returns.rules.registry import ReturnData, flag, ssda903_rule
from safeguard.returns.rules.ssda903.history import first_episode_dates
from safeguard.returns.rules.ssda903.p2_common import (
    CHILD,
    days_between,
    episodes,
    lit_date,
    with_dob,
)


def _episodes_flag(frame: pl.DataFrame) -> pl.DataFrame:
    return flag(frame, "Episodes", "ssda903")


def _lasting_over(data: ReturnData, column: str, codes: tuple[str, ...], days: int) -> pl.DataFrame:
    """Episodes with ``column`` in ``codes`` lasting more than ``days`` days.

    An episode still open is measured to the end of the collection year: by then it has
    lasted at least that long.
    """
    eps = episodes(data)
    end = pl.coalesce("_dec", lit_date(data.collection_end))
    wrong = eps.filter(one_of(column, codes) & (days_between(pl.col("_decom"), end) > days))
    return _episodes_flag(wrong)


@ssda903_rule("302")
def first_episode_after_birth(data: ReturnData) -> pl.DataFrame:
    eps = with_dob(episodes(data).filter(pl.col("_seq") == 0), data)
    return _episodes_flag(eps.filter(pl.col("_decom") < pl.col("_dob")))


@ssda903_rule("353")
def episode_after_october_1991(data: ReturnData) -> pl.DataFrame:
    eps = episodes(data)
    return _episodes_flag(eps.filter(pl.col("_decom") < lit_date(dt.date(1991, 10, 14))))


@ssda903_rule("354")
def episode_starts_by_year_end(data: ReturnData) -> pl.DataFrame:
    eps = episodes(data)
    return _episodes_flag(eps.filter(pl.col("_decom") > lit_date(data.collection_end)))


@ssda903_rule("385")
def episode_ends_by_year_end(data: ReturnData) -> pl.DataFrame:
    eps = episodes(data)
    return _episodes_flag(eps.filter(pl.col("_dec") > lit_date(data.collection_end)))


@ssda903_rule("355")
def episode_lasts_a_day(data: ReturnData) -> pl.DataFrame:
    eps = episodes(data)
    return _episodes_flag(eps.filter(pl.col("_dec") == pl.col("_decom")))


@ssda903_rule("356")
def episode_ends_after_it_starts(data: ReturnData) -> pl.DataFrame:
    eps = episodes(data)
    return _episodes_flag(eps.filter(pl.col("_dec") < pl.col("_decom")))


@ssda903_rule("357")
def first_episode_starts_care(data: ReturnData) -> pl.DataFrame:
    # The first episode in this year's file is the first ever unless last year's return has
    # earlier episodes; without last year, only one starting within this year is judged (one
    # carried over from before 1 April may follow episodes we cannot see).
    # With the care history the portal holds (``history``), the first episode ever is known.
    first = episodes(data).filter(
        (pl.col("_seq") == 0)
        & pl.col("RNE").is_not_null()
        & (pl.col("RNE").str.strip_chars() != "S")
    )
    history = first_episode_dates(data)
    if history is not None:
        judged = first.join(history, on=CHILD, how="left").filter(
            pl.col("_first_ever").is_null() | (pl.col("_first_ever") >= pl.col("_decom"))
        )
        return _episodes_flag(judged)
    last = data.last("Episodes")
    if last is None:
        return _episodes_flag(first.filter(pl.col("_decom") >= lit_date(data.collection_start)))
    earlier = (
        episodes(data, last).group_by(CHILD).agg(pl.col("_decom").min().alias("_earliest_last"))
    )
    judged = first.join(earlier, on=CHILD, how="left").filter(
        pl.col("_earliest_last").is_null() | (pl.col("_earliest_last") >= pl.col("_decom"))
    )
    return _episodes_flag(judged)


@ssda903_rule("361")
def police_protection_72_hours(data: ReturnData) -> pl.DataFrame:
    # Dates have no time of day: 72 hours can span at most three days between DECOM and DEC.
    return _lasting_over(data, "LS", ("L1",), 3)


@ssda903_rule("362")
def emergency_protection_order_21_days(data: ReturnData) -> pl.DataFrame:
    return _lasting_over(data, "LS", ("L2",), 21)


@ssda903_rule("363")
def child_assessment_order_7_days(data: ReturnData) -> pl.DataFrame:
    return _lasting_over(data, "LS", ("L3",), 7)


@ssda903_rule("364")
def pace_detention_limited(data: ReturnData) -> pl.DataFrame:
    # PACE transfers last until the child's court appearance: the DfE allows up to 21 days.
    return _lasting_over(data, "LS", ("J2",), 21)


@ssda903_rule("365")
def respite_break_17_days(data: ReturnData) -> pl.DataFrame:
    return _lasting_over(data, "LS", ("V3",), 17)


@ssda903_rule("367")
def respite_75_days_a_year(data: ReturnData) -> pl.DataFrame:
    # The 12 months are the collection year: the nights of V3 breaks within it, added up.
    start, end = lit_date(data.collection_start), lit_date(data.collection_end)
    eps = episodes(data).filter(one_of("LS", ["V3"]))
    nights = days_between(
        pl.max_horizontal("_decom", start), pl.min_horizontal(pl.coalesce("_dec", end), end)
    ).clip(lower_bound=0)
    totals = eps.with_columns(nights.sum().over(CHILD).alias("_nights"))
    return _episodes_flag(totals.filter(pl.col("_nights") > 75))


@ssda903_rule("375")
def hospital_six_weeks(data: ReturnData) -> pl.DataFrame:
    return _lasting_over(data, "PLACE", ("T1",), 42)


@ssda903_rule("376")
def foster_carer_holiday_three_weeks(data: ReturnData) -> pl.DataFrame:
    return _lasting_over(data, "PLACE", ("T3",), 21)


@ssda903_rule("377")
def two_foster_carer_holidays_a_year(data: ReturnData) -> pl.DataFrame:
    # The 12 months are the collection year: the T3 placements starting within it.
    eps = episodes(data).filter(
        one_of("PLACE", ["T3"])
        & pl.col("_decom").is_between(
            lit_date(data.collection_start), lit_date(data.collection_end)
        )
    )
    return _episodes_flag(eps.filter(pl.len().over(CHILD) > 2))


@ssda903_rule("379")
def unspecified_temporary_seven_days(data: ReturnData) -> pl.DataFrame:
    return _lasting_over(data, "PLACE", ("T4",), 7)


@ssda903_rule("445")
def no_freeing_order_after_2005(data: ReturnData) -> pl.DataFrame:
    eps = episodes(data)
    return _episodes_flag(
        eps.filter(one_of("LS", ["D1"]) & (pl.col("_decom") > lit_date(dt.date(2005, 12, 31))))
    )


@ssda903_rule("446")
def no_placement_order_before_december_2005(data: ReturnData) -> pl.DataFrame:
    eps = episodes(data)
    return _episodes_flag(
        eps.filter(one_of("LS", ["E1"]) & (pl.col("_decom") < lit_date(dt.date(2005, 12, 1))))
    )


@ssda903_rule("451")
def freeing_order_not_still_open(data: ReturnData) -> pl.DataFrame:
    # Freed children were all placed long ago: a D1 episode must have ended, with a reason.
    eps = episodes(data)
    still = pl.col("_dec").is_null() | pl.col("REC").is_null()
    return _episodes_flag(eps.filter(one_of("LS", ["D1"]) & still))
