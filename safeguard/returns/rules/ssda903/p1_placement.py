"""Part-1 SSDA903 rules on where a child is placed: provider URN, placement LA and distance.

The DfE derives the placement's local authority (PL_LA), location (PL_LOCATION, IN or OUT
of the authority) and distance from home (PL_DISTANCE) from HOME_POST and PL_POST with a
postcode directory; no file carries them. Here they are derived the same way from the
``postcodes`` look-up (columns ``POSTCODE_COLUMNS``); without it these rules pass.
"""

from __future__ import annotations

import polars as pl

from safeguard.returns.rules.expr import blank, one_of, present
from safeguard.returns.rules.registry import ReturnData, flag, no_failures, ssda903_rule
from safeguard.returns.rules.ssda903.p1_common import (
    CHILD,
    RESPITE,
    placed_episodes,
    uasc_children,
)

#: The URN given when the placement has none.
NO_URN = "XXXXXXX"

#: The largest distance the DfE accepts, in miles.
MAX_DISTANCE = 999.9


@ssda903_rule("1008")
def ofsted_urn(data: ReturnData) -> pl.DataFrame:
    """A URN other than the 'none' value must be in Ofsted's provider list."""
    providers = data.reference.get("provider_info")
    if providers is None:
        return no_failures()
    known = providers.select(pl.col("URN").str.strip_chars().alias("_urn")).unique()
    eps = data.table("Episodes").with_columns(pl.col("URN").str.strip_chars().alias("_urn"))
    unknown = eps.filter(present("URN") & ~one_of("URN", [NO_URN])).join(
        known, on="_urn", how="anti"
    )
    return flag(unknown, "Episodes", "ssda903")


def _unplaceable(frame: pl.DataFrame) -> pl.DataFrame:
    """Episodes whose placement postcode is given but has no local authority in the look-up."""
    return frame.filter(present("PL_POST") & pl.col("_pl_la").is_null())


@ssda903_rule("169", fields=("PL_POST",))
def placement_local_authority(data: ReturnData) -> pl.DataFrame:
    placed = placed_episodes(data)
    if placed is None:
        return no_failures()
    return flag(_unplaceable(placed), "Episodes", "ssda903")


@ssda903_rule("179", fields=("PL_POST",))
def placement_location(data: ReturnData) -> pl.DataFrame:
    """PL_LOCATION is IN or OUT by the placement's LA, so it has no code where that is unknown."""
    placed = placed_episodes(data)
    if placed is None:
        return no_failures()
    return flag(_unplaceable(placed), "Episodes", "ssda903")


@ssda903_rule("1015", fields=("PLACE_PROVIDER", "PL_POST"))
def own_provision_outside_own_la(data: ReturnData) -> pl.DataFrame:
    placed = placed_episodes(data)
    if placed is None:
        return no_failures()
    outside = placed.filter(
        one_of("PLACE_PROVIDER", ["PR1"])
        & pl.col("_pl_la").is_not_null()
        & (pl.col("_pl_la") != pl.lit(data.la_code))
    )
    return flag(outside, "Episodes", "ssda903")


@ssda903_rule("164", fields=("HOME_POST", "PL_POST"))
def placement_distance(data: ReturnData) -> pl.DataFrame:
    """Outside short breaks and UASC, the home-to-placement distance must be 0 to 999.9 miles.

    A postcode that is blank or not in the look-up leaves no distance, which fails.
    """
    placed = placed_episodes(data)
    if placed is None:
        return no_failures()
    candidates = placed.filter(~one_of("LS", RESPITE)).join(
        uasc_children(data), on=CHILD, how="anti"
    )
    distance = pl.col("_distance")
    invalid = (
        blank("HOME_POST")
        | blank("PL_POST")
        | distance.is_null()
        | (distance < 0)
        | (distance > MAX_DISTANCE)
    )
    return flag(candidates.filter(invalid), "Episodes", "ssda903")
