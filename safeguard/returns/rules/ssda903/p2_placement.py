"""SSDA903 rules on placement details: provider, Ofsted URN, postcodes, reason for a change.

Rules on the URN against Ofsted's provider list read ``provider_info`` from the return's
reference tables and pass when it is absent. A URN of ``XXXXXXX`` is the DfE's "no URN"
(an unregistered or unknown provider) and is not looked up.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from safeguard.returns.rules.expr import blank, d903, one_of, present
from safeguard.returns.rules.registry import (
    ReturnData,
    flag,
    no_failures,
    per_return,
    ssda903_rule,
)
from safeguard.returns.rules.ssda903.p2_common import (
    CHILD,
    RESPITE,
    TEMPORARY,
    episodes,
    lit_date,
    normal_postcode,
)

NO_URN = "XXXXXXX"
#: Placements that are not Ofsted-registered provision, so have no URN to require.
URN_NOT_REQUIRED = ("H5", "P1", "P2", "P3", "R1", "R2", "R5", *TEMPORARY, "Z1")
#: ... and of those, the ones that can never have one (supported accommodation, H5, has been
#: registered with Ofsted since 2023, so may).
URN_NOT_EXPECTED = tuple(p for p in URN_NOT_REQUIRED if p != "H5")
#: Postcode areas wholly outside England (Scotland, Wales, Northern Ireland, Crown
#: dependencies), where Ofsted does not register: a placement there needs no URN.
OUTSIDE_ENGLAND = (
    "AB",
    "DD",
    "DG",
    "EH",
    "FK",
    "G",
    "HS",
    "IV",
    "KA",
    "KW",
    "KY",
    "ML",
    "PA",
    "PH",
    "ZE",
    "CF",
    "LD",
    "LL",
    "NP",
    "SA",
    "BT",
    "GY",
    "JE",
    "IM",
)
#: A UK postcode, with or without its space.
POSTCODE = r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$"


def _flag(frame: pl.DataFrame) -> pl.DataFrame:
    return flag(frame, "Episodes", "ssda903")


def _urn() -> pl.Expr:
    return pl.col("URN").str.strip_chars().str.to_uppercase()


@per_return
def _with_provider(data: ReturnData) -> pl.DataFrame | None:
    """Episodes with a URN found in Ofsted's provider list, joined to it; None without it."""
    providers = data.reference.get("provider_info")
    if providers is None:
        return None
    listed = providers.select(
        pl.col("URN").cast(pl.Utf8).str.strip_chars().str.to_uppercase().alias("_urn"),
        pl.col("PLACE_CODES").cast(pl.Utf8).alias("_place_codes"),
        pl.col("PROVIDER_CODES").cast(pl.Utf8).alias("_provider_codes"),
        pl.col("POSTCODE").cast(pl.Utf8).alias("_provider_post"),
        pl.col("LA_CODE").cast(pl.Utf8).str.strip_chars().alias("_provider_la"),
        d903("REG_DATE").alias("_reg_date"),
        d903("REG_END").alias("_reg_end"),
    ).unique("_urn", keep="first")
    eps = episodes(data).filter(present("URN") & (_urn() != NO_URN))
    return eps.with_columns(_urn().alias("_urn")).join(listed, on="_urn", how="inner")


def _listed_in(column: str, codes: str) -> pl.Expr:
    """The episode's code is one of the provider's comma-separated codes."""
    listed = pl.col(codes).str.replace_all(" ", "").str.split(",")
    return listed.list.contains(pl.col(column).str.strip_chars()).fill_null(False)


@ssda903_rule("213")
def provider_not_required(data: ReturnData) -> pl.DataFrame:
    # Temporary and "other" placements have no provider of their own.
    eps = episodes(data)
    return _flag(eps.filter(one_of("PLACE", [*TEMPORARY, "Z1"]) & present("PLACE_PROVIDER")))


@ssda903_rule("214")
def location_not_required_for_respite(data: ReturnData) -> pl.DataFrame:
    eps = episodes(data)
    return _flag(eps.filter(one_of("LS", RESPITE) & (present("PL_POST") | present("URN"))))


@ssda903_rule("218")
def urn_required(data: ReturnData) -> pl.DataFrame:
    # Without the DfE's postcode look-up (PL_LA), a placement outside England is known only
    # by a postcode area wholly outside it.
    eps = episodes(data)
    area = normal_postcode("PL_POST").str.extract(r"^([A-Z]{1,2})[0-9]", 1)
    in_year = pl.col("_dec").is_null() | (pl.col("_dec") >= lit_date(data.collection_start))
    wrong = eps.filter(
        present("PLACE")
        & ~one_of("PLACE", URN_NOT_REQUIRED)
        & ~one_of("PLACE_PROVIDER", ["PR2"])
        & ~area.is_in(OUTSIDE_ENGLAND).fill_null(False)
        & in_year
        & blank("URN")
    )
    return _flag(wrong)


@ssda903_rule("219")
def urn_matches_placement_type(data: ReturnData) -> pl.DataFrame:
    eps = _with_provider(data)
    if eps is None:
        return no_failures()
    return _flag(eps.filter(present("PLACE") & ~_listed_in("PLACE", "_place_codes")))


@ssda903_rule("221")
def urn_matches_placement_postcode(data: ReturnData) -> pl.DataFrame:
    eps = _with_provider(data)
    if eps is None:
        return no_failures()
    differs = normal_postcode("PL_POST") != normal_postcode("_provider_post")
    return _flag(eps.filter(present("PL_POST") & present("_provider_post") & differs))


@ssda903_rule("222")
def urn_not_for_placement_type(data: ReturnData) -> pl.DataFrame:
    eps = episodes(data)
    has_urn = present("URN") & (_urn() != NO_URN)
    return _flag(eps.filter(one_of("PLACE", URN_NOT_EXPECTED) & has_urn))


@ssda903_rule("224")
def urn_matches_provider(data: ReturnData) -> pl.DataFrame:
    eps = _with_provider(data)
    if eps is None:
        return no_failures()
    wrong = eps.filter(present("PLACE_PROVIDER") & ~_listed_in("PLACE_PROVIDER", "_provider_codes"))
    return _flag(wrong)


@ssda903_rule("225")
def reason_for_placement_change_recorded(data: ReturnData) -> pl.DataFrame:
    # Recorded on the episode that ends in a change of placement (the next episode's RNE is
    # P, T, B or U), since 1 April 2016; temporary moves have no reason (226).
    eps = episodes(data)
    wrong = eps.filter(
        one_of("REC", ["X1"])
        & one_of("next_RNE", ["P", "T", "B", "U"])
        & (pl.col("_dec") >= lit_date(dt.date(2016, 4, 1)))
        & ~one_of("PLACE", TEMPORARY)
        & ~one_of("next_PLACE", TEMPORARY)
        & blank("REASON_PLACE_CHANGE")
    )
    return _flag(wrong)


@ssda903_rule("226")
def reason_for_placement_change_not_for_temporary(data: ReturnData) -> pl.DataFrame:
    eps = episodes(data)
    return _flag(eps.filter(one_of("PLACE", TEMPORARY) & present("REASON_PLACE_CHANGE")))


def _registered_on(day: pl.Expr) -> pl.Expr:
    """The provider was registered on the day (unknown registration dates do not fail)."""
    started = (pl.col("_reg_date") <= day).fill_null(True)
    not_ended = (pl.col("_reg_end") >= day).fill_null(True)
    return started & not_ended


@ssda903_rule("227")
def urn_valid_at_episode_start(data: ReturnData) -> pl.DataFrame:
    eps = _with_provider(data)
    if eps is None:
        return no_failures()
    return _flag(eps.filter(pl.col("_decom").is_not_null() & ~_registered_on(pl.col("_decom"))))


@ssda903_rule("228")
def urn_valid_at_episode_end(data: ReturnData) -> pl.DataFrame:
    # An open episode is judged at 31 March (hence the DfE's note on false positives).
    eps = _with_provider(data)
    if eps is None:
        return no_failures()
    end = pl.coalesce("_dec", lit_date(data.collection_end))
    return _flag(eps.filter(~_registered_on(end)))


@ssda903_rule("229")
def provider_matches_provider_la(data: ReturnData) -> pl.DataFrame:
    # Own provision (PR1) is in the placing LA; other LA provision (PR2) is not.
    eps = _with_provider(data)
    if eps is None or not data.la_code:
        return no_failures()
    provider_la = pl.col("_provider_la")
    own = pl.lit(data.la_code.strip())
    wrong = eps.filter(
        provider_la.is_not_null()
        & (
            (one_of("PLACE_PROVIDER", ["PR1"]) & (provider_la != own))
            | (one_of("PLACE_PROVIDER", ["PR2"]) & (provider_la == own))
        )
    )
    return _flag(wrong)


@ssda903_rule("392b")
def postcodes_recorded(data: ReturnData) -> pl.DataFrame:
    # Not asked for short breaks (V3/V4) nor of UASC children (no home postcode).
    uasc = data.table("UASC").select(CHILD).unique()
    eps = episodes(data).join(uasc, on=CHILD, how="anti")
    wrong = eps.filter(
        present("LS") & ~one_of("LS", RESPITE) & (blank("HOME_POST") | blank("PL_POST"))
    )
    return _flag(wrong)


@ssda903_rule("392c")
def postcodes_valid(data: ReturnData) -> pl.DataFrame:
    eps = episodes(data)

    def invalid(column: str) -> pl.Expr:
        text = pl.col(column).str.strip_chars().str.to_uppercase()
        return present(column) & ~text.str.contains(POSTCODE).fill_null(False)

    return _flag(eps.filter(invalid("HOME_POST") | invalid("PL_POST")))


@ssda903_rule("392d")
def home_and_placement_postcodes_differ(data: ReturnData) -> pl.DataFrame:
    eps = episodes(data)
    same_place = normal_postcode("HOME_POST") == normal_postcode("PL_POST")
    wrong = eps.filter(
        present("HOME_POST") & present("PL_POST") & same_place & ~one_of("PLACE", ["P1"])
    )
    return _flag(wrong)


@ssda903_rule("398")
def no_distance_for_short_breaks(data: ReturnData) -> pl.DataFrame:
    # The distance is worked out from the two postcodes: short breaks record neither.
    eps = episodes(data)
    has_postcode = present("HOME_POST") | present("PL_POST")
    return _flag(eps.filter(one_of("LS", RESPITE) & has_postcode))
