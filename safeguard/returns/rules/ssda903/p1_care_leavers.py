"""Part-1 SSDA903 rules on care leavers (OC3): who may have care leaver information at all.

Care leaver information is for young people who were relevant (looked after long enough
from 14 and beyond 16) and have left care; rules that need last year's episodes to tell
pass when last year's return was not supplied.
"""

from __future__ import annotations

import polars as pl

from safeguard.returns.rules.expr import d903, one_of
from safeguard.returns.rules.registry import ReturnData, flag, no_failures, rows_where, ssda903_rule
from safeguard.returns.rules.ssda903.history import has_history
from safeguard.returns.rules.ssda903.p1_common import (
    CARE_LEAVER_ITEMS,
    CHILD,
    RESPITE,
    age_on,
    all_present,
    any_present,
    bad_present_code,
    birthday,
    care_leaver_rows,
    children_with_episodes,
    flag_many,
    known_episodes,
    last_episodes,
    latest_episodes,
)

#: A relevant child was looked after at least 13 weeks from their 14th birthday.
RELEVANT_DAYS = 13 * 7

#: Tables a child with no episodes this year (a care leaver only) should not be in.
NOT_FOR_CARE_LEAVERS = (
    "Reviews",
    "AD1",
    "PlacedAdoption",
    "Missing",
    "OC2",
    "PrevPerm",
    "SWEpisodes",
)


@ssda903_rule("131")
def in_touch(data: ReturnData) -> pl.DataFrame:
    return rows_where(data, "OC3", bad_present_code("OC3", "IN_TOUCH"))


@ssda903_rule("132")
def activity(data: ReturnData) -> pl.DataFrame:
    return rows_where(data, "OC3", bad_present_code("OC3", "ACTIV"))


@ssda903_rule("133")
def accommodation(data: ReturnData) -> pl.DataFrame:
    return rows_where(data, "OC3", bad_present_code("OC3", "ACCOM"))


@ssda903_rule("153")
def care_leaver_items_all_or_none(data: ReturnData) -> pl.DataFrame:
    return rows_where(data, "OC3", any_present(CARE_LEAVER_ITEMS) & ~all_present(CARE_LEAVER_ITEMS))


@ssda903_rule("1000")
def died_in_care(data: ReturnData) -> pl.DataFrame:
    died = known_episodes(data).filter(one_of("REC", ["E2"])).select(CHILD).unique()
    return flag(care_leaver_rows(data).join(died, on=CHILD), "OC3", "ssda903")


@ssda903_rule("1002")
def no_episodes_of_care(data: ReturnData) -> pl.DataFrame:
    """Care leaver information for a child with no episode this year or last (or ever, when
    the care history is supplied: ``history``)."""
    if not (data.has_previous or has_history(data)):
        return no_failures()
    ever = known_episodes(data).select(CHILD).unique()
    return flag(care_leaver_rows(data).join(ever, on=CHILD, how="anti"), "OC3", "ssda903")


@ssda903_rule("1001")
def not_a_relevant_child(data: ReturnData) -> pl.DataFrame:
    """Less than 13 weeks of care from the 14th birthday, or no care after the 16th.

    Short breaks do not count (a child with only short breaks was never relevant); an open
    episode counts to 31 March. A child with no episodes is 1002's, one with no date of
    birth cannot be judged.
    """
    if not (data.has_previous or has_history(data)):
        return no_failures()
    dobs = (
        data.table("OC3")
        .select(CHILD, d903("DOB").alias("_dob"))
        .drop_nulls()
        .unique(CHILD)
        .with_columns(
            pl.col("_dob").dt.offset_by("14y").alias("_14"),
            pl.col("_dob").dt.offset_by("16y").alias("_16"),
        )
    )
    every = known_episodes(data)
    care = (
        every.filter(~one_of("LS", RESPITE) & pl.col("_start").is_not_null())
        .join(dobs, on=CHILD)
        .with_columns(pl.col("_end").fill_null(pl.lit(data.collection_end)).alias("_until"))
    )
    from_14 = (pl.col("_until") - pl.max_horizontal("_start", "_14")).dt.total_days()
    relevance = care.group_by(CHILD).agg(
        from_14.clip(lower_bound=0).sum().alias("_days"),
        (pl.col("_until") > pl.col("_16")).any().alias("_after_16"),
    )
    judged = (
        every.select(CHILD)
        .unique()
        .join(dobs.select(CHILD), on=CHILD)
        .join(relevance, on=CHILD, how="left")
    )
    not_relevant = judged.filter(
        (pl.col("_days").fill_null(0) < RELEVANT_DAYS) | ~pl.col("_after_16").fill_null(False)
    ).select(CHILD)
    return flag(care_leaver_rows(data).join(not_relevant, on=CHILD), "OC3", "ssda903")


@ssda903_rule("1010")
def open_last_year_but_no_episodes(data: ReturnData) -> pl.DataFrame:
    last = last_episodes(data)
    if last is None:
        return no_failures()
    open_at_end = last.filter(
        pl.col("_end").is_null() | (pl.col("_end") >= pl.lit(data.collection_start))
    ).select(CHILD)
    leavers = care_leaver_rows(data).join(children_with_episodes(data), on=CHILD, how="anti")
    return flag(leavers.join(open_at_end.unique(), on=CHILD), "OC3", "ssda903")


@ssda903_rule("1011")
def care_transferred_to_another_la(data: ReturnData) -> pl.DataFrame:
    transferred = latest_episodes(data).filter(one_of("REC", ["E3"])).select(CHILD)
    return flag(care_leaver_rows(data).join(transferred, on=CHILD), "OC3", "ssda903")


def _birthday_in_year(data: ReturnData) -> pl.DataFrame:
    """Care leavers aged 17 or 18 at 31 March, with that birthday (it fell in the year)."""
    age = age_on("DOB", data.collection_end)
    leavers = care_leaver_rows(data).with_columns(age.alias("_age"))
    leavers = leavers.filter(pl.col("_age").is_in([17, 18]))
    return leavers.with_columns(
        pl.when(pl.col("_age") == 17)
        .then(birthday("DOB", 17))
        .otherwise(birthday("DOB", 18))
        .alias("_birthday")
    )


@ssda903_rule("1007")
def still_looked_after_at_17_or_18(data: ReturnData) -> pl.DataFrame:
    """In care on the 17th or 18th birthday this year and still in care at 31 March."""
    leavers = _birthday_in_year(data)
    eps = known_episodes(data).filter(~one_of("LS", RESPITE))
    on_birthday = (
        eps.join(leavers.select(CHILD, "_birthday").unique(), on=CHILD)
        .filter(
            (pl.col("_start") <= pl.col("_birthday"))
            & (pl.col("_end").is_null() | (pl.col("_end") > pl.col("_birthday")))
        )
        .select(CHILD)
    )
    still = latest_episodes(data).filter(
        pl.col("_end").is_null() | (pl.col("_end") > pl.lit(data.collection_end))
    )
    cohort = on_birthday.join(still.select(CHILD), on=CHILD).unique()
    return flag(leavers.join(cohort, on=CHILD), "OC3", "ssda903")


@ssda903_rule("1016")
def left_care_after_17th_or_18th_birthday(data: ReturnData) -> pl.DataFrame:
    """Left care this year (the latest episode ended) after the 17th or 18th birthday."""
    leavers = _birthday_in_year(data)
    ended = latest_episodes(data).filter(
        pl.col("_end").is_not_null() & (pl.col("_end") <= pl.lit(data.collection_end))
    )
    after = leavers.join(ended.select(CHILD, "_end"), on=CHILD).filter(
        pl.col("_end") > pl.col("_birthday")
    )
    return flag(after, "OC3", "ssda903")


@ssda903_rule("1012", fields=("CHILD",))
def care_leaver_only_in_other_tables(data: ReturnData) -> pl.DataFrame:
    """A child in OC3 with no episodes this year should be in no table but the header and OC3."""
    leavers = (
        data.table("OC3")
        .select(CHILD)
        .drop_nulls()
        .unique()
        .join(children_with_episodes(data), on=CHILD, how="anti")
    )
    return flag_many(*((data.table(t).join(leavers, on=CHILD), t) for t in NOT_FOR_CARE_LEAVERS))


@ssda903_rule("1014")
def uasc_data_for_care_leaver(data: ReturnData) -> pl.DataFrame:
    leavers = care_leaver_rows(data).join(children_with_episodes(data), on=CHILD, how="anti")
    uasc = data.table("UASC").join(leavers.select(CHILD).unique(), on=CHILD)
    return flag_many((uasc, "UASC"), (leavers.join(uasc.select(CHILD).unique(), on=CHILD), "OC3"))
