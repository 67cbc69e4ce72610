"""SSDA903 part-2 rules on where a child is placed: the placement's LA and distance from home.

No file carries PL_LA or PL_DISTANCE: the DfE derives them from HOME_POST and PL_POST with
a postcode directory. They are derived here exactly as part 1 does
(``p1_common.placement_fields``) from the ``postcodes`` look-up, and without it these rules
pass. A child is (or was) UASC when listed in this year's or last year's UASC file, as 164.
"""

from __future__ import annotations

import polars as pl

from safeguard.returns.rules.expr import one_of
from safeguard.returns.rules.registry import (
    ReturnData,
    flag,
    no_failures,
    not_implemented,
    ssda903_rule,
)
from safeguard.returns.rules.ssda903.p1_common import (
    CHILD,
    RESPITE,
    placed_episodes,
    placement_fields,
    postcodes,
    uasc_children,
)
from safeguard.returns.rules.ssda903.p3_common import (
    first_episodes,
    open_at_end_of_last_year,
    per_return,
)

#: The smallest change of distance, in tenths of a mile, the DfE counts as a contradiction
#: between years (smaller ones are rounding of the two postcodes' grid references).
DISTANCE_TOLERANCE_TENTHS = 2


def _flag(frame: pl.DataFrame) -> pl.DataFrame:
    return flag(frame, "Episodes", "ssda903")


@ssda903_rule("392a", fields=("HOME_POST", "PL_POST"))
def distance_recorded(data: ReturnData) -> pl.DataFrame:
    # Neither short breaks nor UASC children have a distance; 164 adds the 999.9 mile cap.
    placed = placed_episodes(data)
    if placed is None:
        return no_failures()
    looked_after = placed.filter(~one_of("LS", RESPITE)).join(
        uasc_children(data), on=CHILD, how="anti"
    )
    return _flag(looked_after.filter(pl.col("_distance").is_null()))


@ssda903_rule("406", fields=("HOME_POST", "PL_POST"))
def no_distance_for_uasc(data: ReturnData) -> pl.DataFrame:
    # A UASC child has no home postcode to measure from, so any distance is wrong.
    placed = placed_episodes(data)
    if placed is None:
        return no_failures()
    uasc = placed.join(uasc_children(data), on=CHILD, how="semi")
    return _flag(uasc.filter(pl.col("_distance").is_not_null()))


not_implemented(
    "ssda903",
    "411",
    reason=(
        "PL_LOCATION and PL_LA are in no file. Both are derived here from PL_POST with the "
        "postcodes look-up, PL_LOCATION being IN exactly when PL_LA is our LA, so the two "
        "cannot disagree: the rule checks the DfE's own derivation and could never fail here."
    ),
)


@ssda903_rule("420", fields=("LS", "PL_POST"))
def no_placement_la_for_short_breaks(data: ReturnData) -> pl.DataFrame:
    # 214 reports any placement postcode on a short break; this one only a postcode with an LA.
    placed = placed_episodes(data)
    if placed is None:
        return no_failures()
    return _flag(placed.filter(one_of("LS", RESPITE) & pl.col("_pl_la").is_not_null()))


@per_return
def _carried_on(data: ReturnData) -> pl.DataFrame | None:
    """Each child's first episode this year with the derived items of last year's open one.

    Only where last year's latest episode is still open and this year's first one has the
    same reason for new episode, i.e. it is the same episode carried on; ``_pl_la_last``
    and ``_distance_last`` are last year's. None without the look-up or last year's return.
    """
    look_up = postcodes(data)
    open_last = open_at_end_of_last_year(data)
    if look_up is None or open_last is None:
        return None
    now = placement_fields(first_episodes(data), look_up)
    before = placement_fields(open_last, look_up).select(
        CHILD,
        pl.col("RNE").str.strip_chars().alias("_rne_last"),
        pl.col("_pl_la").alias("_pl_la_last"),
        pl.col("_distance").alias("_distance_last"),
    )
    both = now.join(before, on=CHILD, how="inner")
    return both.filter(pl.col("RNE").str.strip_chars() == pl.col("_rne_last"))


@ssda903_rule("452", fields=("PL_POST",))
def placement_la_carried_on(data: ReturnData) -> pl.DataFrame:
    # A placement LA known in one year only is a contradiction too (as 503H).
    both = _carried_on(data)
    if both is None:
        return no_failures()
    return _flag(both.filter(pl.col("_pl_la").ne_missing(pl.col("_pl_la_last"))))


@ssda903_rule("453", fields=("HOME_POST", "PL_POST"))
def distance_carried_on(data: ReturnData) -> pl.DataFrame:
    # Compared in whole tenths, as derived, so 0.2 miles is not lost to float rounding.
    both = _carried_on(data)
    if both is None:
        return no_failures()
    now = (pl.col("_distance") * 10).round().cast(pl.Int64)
    before = (pl.col("_distance_last") * 10).round().cast(pl.Int64)
    moved = (now - before).abs() >= DISTANCE_TOLERANCE_TENTHS
    known_once = now.is_null() != before.is_null()
    return _flag(both.filter(moved.fill_null(False) | known_once))
