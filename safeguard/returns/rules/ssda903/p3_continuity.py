"""SSDA903 rules on the run of episodes, within the year and on from last year's return.

A child's care open at the end of last year carries on into this year: this year's
first episode repeats last year's open episode (start date and details) until something
changes, and a new episode only starts when the one before it has ended.
"""

from __future__ import annotations

import polars as pl

from safeguard.returns.rules.expr import present
from safeguard.returns.rules.registry import ReturnData, flag, no_failures, ssda903_rule
from safeguard.returns.rules.ssda903.p3_common import (
    CHILD,
    episodes,
    first_episodes,
    last_year_episodes,
    open_at_end_of_last_year,
    per_return,
    previous,
    with_period,
)

#: Miles in a metre, for the distance between two postcodes' grid references.
MILES_PER_METRE = 1 / 1609.344


def _flag(frame: pl.DataFrame) -> pl.DataFrame:
    return flag(frame, "Episodes", "ssda903")


@ssda903_rule("501")
def episode_starts_before_previous_ends(data: ReturnData) -> pl.DataFrame:
    eps = episodes(data).filter(pl.col("_start").is_not_null())
    return _flag(eps.filter((pl.col("_start") < previous("_end")).fill_null(False)))


@per_return
def _carried_on(data: ReturnData) -> pl.DataFrame | None:
    """This year's first episode beside last year's open episode (``*_last``), per child."""
    open_last = open_at_end_of_last_year(data)
    if open_last is None:
        return None
    return first_episodes(data).join(open_last, on=CHILD, how="inner", suffix="_last")


@ssda903_rule("502")
def first_episode_starts_as_last_years_open_one(data: ReturnData) -> pl.DataFrame:
    both = _carried_on(data)
    if both is None:
        return no_failures()
    return _flag(both.filter(pl.col("_start").ne_missing(pl.col("_start_last"))))


def _differs(data: ReturnData, column: str) -> pl.DataFrame:
    both = _carried_on(data)
    if both is None:
        return no_failures()
    now = pl.col(column).str.strip_chars().str.to_uppercase()
    before = pl.col(f"{column}_last").str.strip_chars().str.to_uppercase()
    return _flag(both.filter(now.ne_missing(before)))


@ssda903_rule("503A")
def first_reason_for_new_episode_carried_on(data: ReturnData) -> pl.DataFrame:
    return _differs(data, "RNE")


@ssda903_rule("503B")
def first_legal_status_carried_on(data: ReturnData) -> pl.DataFrame:
    return _differs(data, "LS")


@ssda903_rule("503C")
def first_category_of_need_carried_on(data: ReturnData) -> pl.DataFrame:
    return _differs(data, "CIN")


@ssda903_rule("503D")
def first_placement_type_carried_on(data: ReturnData) -> pl.DataFrame:
    return _differs(data, "PLACE")


@ssda903_rule("503E")
def first_placement_provider_carried_on(data: ReturnData) -> pl.DataFrame:
    return _differs(data, "PLACE_PROVIDER")


@ssda903_rule("503F")
def first_ofsted_urn_carried_on(data: ReturnData) -> pl.DataFrame:
    return _differs(data, "URN")


def _postcodes(data: ReturnData) -> pl.DataFrame | None:
    """The ``postcodes`` look-up (POSTCODE, LA_CODE, EASTING, NORTHING) by bare postcode."""
    found = data.reference.get("postcodes")
    if found is None:
        return None
    return found.select(
        _bare("POSTCODE").alias("_postcode"),
        pl.col("LA_CODE").str.strip_chars().alias("_la"),
        pl.col("EASTING").str.strip_chars().cast(pl.Float64, strict=False).alias("_east"),
        pl.col("NORTHING").str.strip_chars().cast(pl.Float64, strict=False).alias("_north"),
    ).unique("_postcode", keep="first")


def _bare(column: str) -> pl.Expr:
    return pl.col(column).str.to_uppercase().str.replace_all(" ", "")


def _derive_placement(frame: pl.DataFrame, look_up: pl.DataFrame, la_code: str) -> pl.DataFrame:
    """PL_LA, PL_LOCATION and PL_DISTANCE as the DfE derives them from the two postcodes."""
    for column, prefix in (("PL_POST", "pl"), ("HOME_POST", "home")):
        renamed = look_up.rename({c: f"{prefix}{c}" for c in look_up.columns})
        frame = frame.with_columns(_bare(column).alias(f"{prefix}_postcode")).join(
            renamed, on=f"{prefix}_postcode", how="left"
        )
    metres = (
        (pl.col("pl_east") - pl.col("home_east")) ** 2
        + (pl.col("pl_north") - pl.col("home_north")) ** 2
    ).sqrt()
    return frame.with_columns(
        pl.col("pl_la").alias("PL_LA"),
        pl.when(pl.col("pl_la").is_null())
        .then(None)
        .when(pl.col("pl_la") == la_code)
        .then(pl.lit("IN"))
        .otherwise(pl.lit("OUT"))
        .alias("PL_LOCATION"),
        (metres * MILES_PER_METRE).round(1).alias("PL_DISTANCE"),
    )


DERIVED = ("PL_DISTANCE", "PL_LA", "PL_LOCATION")


@per_return
def _derived_both_years(data: ReturnData) -> pl.DataFrame | None:
    """The carried-on episodes with the derived items now and (``_before_X``) last year.

    Worked out once for 503G, H and J; None without the look-up or last year's return.
    """
    look_up = _postcodes(data)
    both = _carried_on(data)
    if look_up is None or both is None:
        return None
    now = _derive_placement(both, look_up, data.la_code)
    before = now.select(CHILD, "_row", "HOME_POST_last", "PL_POST_last").rename(
        {"HOME_POST_last": "HOME_POST", "PL_POST_last": "PL_POST"}
    )
    before = _derive_placement(before, look_up, data.la_code).select(
        CHILD, "_row", *[pl.col(c).alias(f"_before_{c}") for c in DERIVED]
    )
    return now.join(before, on=[CHILD, "_row"], how="left")


def _derived_differs(data: ReturnData, column: str) -> pl.DataFrame:
    compared = _derived_both_years(data)
    if compared is None:
        return no_failures()
    given = present("PL_POST") | present("PL_POST_last")
    differs = pl.col(column).ne_missing(pl.col(f"_before_{column}"))
    return _flag(compared.filter(given & differs))


@ssda903_rule("503G")
def first_distance_carried_on(data: ReturnData) -> pl.DataFrame:
    return _derived_differs(data, "PL_DISTANCE")


@ssda903_rule("503H")
def first_placement_la_carried_on(data: ReturnData) -> pl.DataFrame:
    return _derived_differs(data, "PL_LA")


@ssda903_rule("503J")
def first_placement_location_carried_on(data: ReturnData) -> pl.DataFrame:
    return _derived_differs(data, "PL_LOCATION")


@ssda903_rule("504")
def category_of_need_kept_through_period(data: ReturnData) -> pl.DataFrame:
    """Category of need is recorded when a period of care starts and kept until it ends."""
    eps = with_period(episodes(data).filter(pl.col("_start").is_not_null()))
    cin = pl.col("CIN").str.strip_chars().fill_null("")
    period_starts = pl.col("_period") != pl.col("_period").shift(1)
    at_start = pl.when(period_starts.fill_null(True)).then(cin).forward_fill()
    return _flag(eps.filter(cin != at_start))


@ssda903_rule("562")
def earlier_episode_in_last_years_return(data: ReturnData) -> pl.DataFrame:
    last = last_year_episodes(data)
    if last is None:
        return no_failures()
    before_year = episodes(data).filter(pl.col("_start") < pl.lit(data.collection_start))
    known = last.select(CHILD, "_start").drop_nulls().unique()
    return _flag(before_year.join(known, on=[CHILD, "_start"], how="anti"))
