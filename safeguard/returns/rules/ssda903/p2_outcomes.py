"""SSDA903 rules on adoption (AD1), care leavers (OC3), outcomes (OC2) and short breaks only."""

from __future__ import annotations

import polars as pl

from safeguard.returns.rules.expr import d903, one_of, present
from safeguard.returns.rules.registry import ReturnData, flag, ssda903_rule
from safeguard.returns.rules.ssda903.p2_common import (
    ADOPTION_PLACEMENTS,
    CHILD,
    RESPITE,
    age_at,
    birthday,
    episodes,
    flag_children,
    lit_date,
)
from safeguard.returns.tables import ROW

OC2_LOOKED_AFTER_12_MONTHS = (
    "CONVICTED",
    "HEALTH_CHECK",
    "IMMUNISATIONS",
    "TEETH_CHECK",
    "HEALTH_ASSESSMENT",
    "SUBSTANCE_MISUSE",
    "INTERVENTION_RECEIVED",
    "INTERVENTION_OFFERED",
)
CARE_LEAVER = ("IN_TOUCH", "ACTIV", "ACCOM")


def _any_present(columns: tuple[str, ...]) -> pl.Expr:
    return pl.any_horizontal([present(c) for c in columns])


@ssda903_rule("215")
def care_leaver_without_looked_after_outcomes(data: ReturnData) -> pl.DataFrame:
    leavers = data.table("OC3").filter(_any_present(CARE_LEAVER))
    outcomes = data.table("OC2").filter(_any_present(OC2_LOOKED_AFTER_12_MONTHS))
    both = leavers.select(CHILD).join(outcomes.select(CHILD), on=CHILD, how="semi")
    return pl.concat([flag_children(leavers, "OC3", both), flag_children(outcomes, "OC2", both)])


@ssda903_rule("3001", fields=("ACCOM",))
def no_staying_put_at_17(data: ReturnData) -> pl.DataFrame:
    # Staying put (ACCOM Z1/Z2, with former foster carers) begins at 18: not for the
    # young people whose 17th birthday falls in the year.
    oc3 = data.table("OC3").join(
        data.table("Header").select(CHILD, pl.col("DOB").alias("_header_dob")), on=CHILD, how="left"
    )
    dob = pl.coalesce(d903("DOB"), d903("_header_dob"))
    seventeen = birthday(dob, 17).is_between(
        lit_date(data.collection_start), lit_date(data.collection_end)
    )
    return flag(oc3.filter(seventeen & one_of("ACCOM", ["Z1", "Z2"])), "OC3", "ssda903")


def _adoption_placement_start(data: ReturnData) -> pl.DataFrame:
    """Per child, the start of the latest run of adoption placements (``_placed``, its row)."""
    eps = episodes(data)
    starts = eps.filter(
        one_of("PLACE", ADOPTION_PLACEMENTS) & ~one_of("prev_PLACE", ADOPTION_PLACEMENTS)
    )
    return (
        starts.sort(CHILD, "_decom", nulls_last=True)
        .group_by(CHILD)
        .agg(pl.col("_decom").last().alias("_placed"), pl.col(ROW).last().alias("_ep_row"))
    )


def _ad1_with(data: ReturnData, other: pl.DataFrame) -> pl.DataFrame:
    return data.table("AD1").join(other, on=CHILD, how="inner")


def _ad1_and_episode(frame: pl.DataFrame) -> pl.DataFrame:
    return pl.concat(
        [
            flag(frame, "AD1", "ssda903"),
            flag(frame.with_columns(pl.col("_ep_row").alias(ROW)), "Episodes", "ssda903"),
        ]
    )


@ssda903_rule("331")
def matched_before_placed(data: ReturnData) -> pl.DataFrame:
    joined = _ad1_with(data, _adoption_placement_start(data))
    return _ad1_and_episode(joined.filter(d903("DATE_MATCH") > pl.col("_placed")))


@ssda903_rule("333")
def decision_before_match(data: ReturnData) -> pl.DataFrame:
    ad1 = data.table("AD1")
    return flag(ad1.filter(d903("DATE_INT") > d903("DATE_MATCH")), "AD1", "ssda903")


@ssda903_rule("334")
def decision_after_care_started(data: ReturnData) -> pl.DataFrame:
    # The latest period of care starts at the latest "started to be looked after" episode.
    eps = episodes(data).filter(one_of("RNE", ["S"]))
    started = (
        eps.sort(CHILD, "_decom", nulls_last=True)
        .group_by(CHILD)
        .agg(pl.col("_decom").last().alias("_started"), pl.col(ROW).last().alias("_ep_row"))
    )
    joined = _ad1_with(data, started)
    return _ad1_and_episode(joined.filter(d903("DATE_INT") < pl.col("_started")))


@ssda903_rule("335")
def foster_carer_adoption_matches_placement(data: ReturnData) -> pl.DataFrame:
    latest = (
        episodes(data)
        .filter(pl.col("_last"))
        .select(
            CHILD, pl.col("PLACE").str.strip_chars().alias("_place"), pl.col(ROW).alias("_ep_row")
        )
    )
    joined = _ad1_with(data, latest)
    foster = pl.col("FOSTER_CARE").str.strip_chars()
    wrong = joined.filter(
        ((foster == "0") & pl.col("_place").is_in(["A2", "A3", "A5"]))
        | ((foster == "1") & pl.col("_place").is_in(["A1", "A4", "A6"]))
    )
    return _ad1_and_episode(wrong)


def _oc3(data: ReturnData) -> pl.DataFrame:
    return data.table("OC3")


@ssda903_rule("344")
def no_activity_for_died_or_home(data: ReturnData) -> pl.DataFrame:
    wrong = _oc3(data).filter(
        one_of("IN_TOUCH", ["DIED", "RHOM"]) & (present("ACTIV") | present("ACCOM"))
    )
    return flag(wrong, "OC3", "ssda903")


@ssda903_rule("345")
def activity_known_when_in_touch(data: ReturnData) -> pl.DataFrame:
    # In touch (YES, or NREQ: no longer needs services but still known): "0" means not known.
    wrong = _oc3(data).filter(
        one_of("IN_TOUCH", ["YES", "NREQ"]) & (one_of("ACTIV", ["0"]) | one_of("ACCOM", ["0"]))
    )
    return flag(wrong, "OC3", "ssda903")


@ssda903_rule("347", fields=("ACCOM", "DOB"))
def no_foyer_under_18(data: ReturnData) -> pl.DataFrame:
    # The care leaver's age at 31 March (the published affected fields are a copy error).
    under_18 = age_at(d903("DOB"), lit_date(data.collection_end)) < 18
    wrong = _oc3(data).filter(one_of("ACCOM", ["T1", "T2"]) & under_18)
    return flag(wrong, "OC3", "ssda903")


@ssda903_rule("391")
def care_leaver_aged_17_to_21(data: ReturnData) -> pl.DataFrame:
    dob = d903("DOB")
    too_young = age_at(dob, lit_date(data.collection_end)) < 17
    too_old = age_at(dob, lit_date(data.collection_start)) > 21
    wrong = _oc3(data).filter(_any_present(CARE_LEAVER) & (too_young | too_old))
    return flag(wrong, "OC3", "ssda903")


@ssda903_rule("399")
def nothing_more_for_short_breaks_only(data: ReturnData) -> pl.DataFrame:
    eps = episodes(data)
    only_breaks = (
        eps.group_by(CHILD)
        .agg(pl.col("LS").str.strip_chars().is_in(list(RESPITE)).fill_null(False).all())
        .filter(pl.col("LS"))
        .select(CHILD)
    )
    mothers = data.table("Header").filter(present("MOTHER"))
    reviews = data.table("Reviews").filter(present("REVIEW") | present("REVIEW_CODE"))
    return pl.concat(
        [
            flag_children(mothers, "Header", only_breaks),
            flag_children(reviews, "Reviews", only_breaks),
        ]
    )
