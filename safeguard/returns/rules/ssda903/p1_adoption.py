"""Part-1 SSDA903 rules on adoption: the AD1 items and decisions to place for adoption."""

from __future__ import annotations

import polars as pl

from safeguard.returns.rules.expr import d903, one_of, present
from safeguard.returns.rules.registry import ReturnData, flag, rows_where, ssda903_rule
from safeguard.returns.rules.ssda903.p1_common import (
    ADOPTION_ITEMS,
    CHILD,
    RESPITE,
    all_present,
    any_present,
    bad_date,
    bad_present_code,
    care_leaver_rows,
    episodes,
    flag_many,
    latest_episodes,
    looked_after_12_months,
)
from safeguard.returns.tables import ROW

#: Number of adopters: one or a couple.
ADOPTER_COUNTS = ("1", "2")


@ssda903_rule("112")
def date_should_be_placed(data: ReturnData) -> pl.DataFrame:
    return rows_where(data, "AD1", bad_date("DATE_INT", required=False))


@ssda903_rule("113")
def date_matched(data: ReturnData) -> pl.DataFrame:
    return rows_where(data, "AD1", bad_date("DATE_MATCH", required=False))


@ssda903_rule("114")
def former_carers_status(data: ReturnData) -> pl.DataFrame:
    return rows_where(data, "AD1", bad_present_code("AD1", "FOSTER_CARE"))


@ssda903_rule("175")
def number_of_adopters(data: ReturnData) -> pl.DataFrame:
    return rows_where(data, "AD1", present("NB_ADOPTR") & ~one_of("NB_ADOPTR", ADOPTER_COUNTS))


@ssda903_rule("176")
def adopters_sex(data: ReturnData) -> pl.DataFrame:
    return rows_where(data, "AD1", bad_present_code("AD1", "SEX_ADOPTR"))


@ssda903_rule("177")
def adopters_legal_status(data: ReturnData) -> pl.DataFrame:
    return rows_where(data, "AD1", bad_present_code("AD1", "LS_ADOPTR"))


@ssda903_rule("151")
def adoption_items_all_or_none(data: ReturnData) -> pl.DataFrame:
    return rows_where(data, "AD1", any_present(ADOPTION_ITEMS) & ~all_present(ADOPTION_ITEMS))


@ssda903_rule("115")
def date_placed(data: ReturnData) -> pl.DataFrame:
    return rows_where(data, "PlacedAdoption", bad_date("DATE_PLACED", required=True))


@ssda903_rule("116")
def date_placed_ceased(data: ReturnData) -> pl.DataFrame:
    return rows_where(data, "PlacedAdoption", bad_date("DATE_PLACED_CEASED", required=False))


@ssda903_rule("119")
def ceased_date_and_reason_together(data: ReturnData) -> pl.DataFrame:
    return rows_where(
        data, "PlacedAdoption", present("DATE_PLACED_CEASED") != present("REASON_PLACED_CEASED")
    )


@ssda903_rule("120")
def reason_placed_ceased(data: ReturnData) -> pl.DataFrame:
    return rows_where(
        data, "PlacedAdoption", bad_present_code("PlacedAdoption", "REASON_PLACED_CEASED")
    )


@ssda903_rule("184")
def decision_before_birth(data: ReturnData) -> pl.DataFrame:
    header = data.table("Header").select(
        CHILD, d903("DOB").alias("_dob"), pl.col(ROW).alias("_hrow")
    )
    placed = data.table("PlacedAdoption").join(header, on=CHILD)
    early = placed.filter(d903("DATE_PLACED") < pl.col("_dob"))
    return flag_many(
        (early, "PlacedAdoption"),
        (early.select(CHILD, pl.col("_hrow").alias(ROW)), "Header"),
    )


@ssda903_rule("1003")
def decision_before_care_started(data: ReturnData) -> pl.DataFrame:
    """Before the child's first start of a period of care (RNE S) this year."""
    started = (
        episodes(data)
        .filter(one_of("RNE", ["S"]) & pl.col("_start").is_not_null())
        .group_by(CHILD)
        .agg(pl.col("_start").min().alias("_care_start"))
    )
    placed = data.table("PlacedAdoption").join(started, on=CHILD)
    return flag(
        placed.filter(d903("DATE_PLACED") < pl.col("_care_start")), "PlacedAdoption", "ssda903"
    )


@ssda903_rule("117")
def decision_after_year_or_care_ended(data: ReturnData) -> pl.DataFrame:
    """After 31 March, or after the child's latest episode ended care (a reason other than X1)."""
    ended = latest_episodes(data).filter(
        pl.col("_end").is_not_null() & present("REC") & ~one_of("REC", ["X1"])
    )
    placed = data.table("PlacedAdoption").with_columns(
        d903("DATE_PLACED").alias("_placed"), d903("DATE_PLACED_CEASED").alias("_ceased")
    )
    end = pl.lit(data.collection_end)
    beyond_year = placed.filter((pl.col("_placed") > end) | (pl.col("_ceased") > end))
    with_end = placed.join(
        ended.select(CHILD, pl.col("_end"), pl.col(ROW).alias("_erow")), on=CHILD
    ).filter((pl.col("_placed") > pl.col("_end")) | (pl.col("_ceased") > pl.col("_end")))
    return flag_many(
        (beyond_year, "PlacedAdoption"),
        (with_end, "PlacedAdoption"),
        (with_end.select(CHILD, pl.col("_erow").alias(ROW)), "Episodes"),
    )


@ssda903_rule("118", fields=("DATE_PLACED_CEASED", "DECOM", "LS"))
def ceased_before_year_or_care_started(data: ReturnData) -> pl.DataFrame:
    """Before 1 April, or before the child's first episode (other than short breaks) began."""
    started = (
        episodes(data)
        .filter(~one_of("LS", RESPITE) & pl.col("_start").is_not_null())
        .group_by(CHILD)
        .agg(pl.col("_start").min().alias("_care_start"))
    )
    placed = (
        data.table("PlacedAdoption")
        .with_columns(d903("DATE_PLACED_CEASED").alias("_ceased"))
        .join(started, on=CHILD, how="left")
    )
    early = placed.filter(
        (pl.col("_ceased") < pl.lit(data.collection_start))
        | (pl.col("_ceased") < pl.col("_care_start")).fill_null(False)
    )
    return flag(early, "PlacedAdoption", "ssda903")


def _adoption_rows(data: ReturnData) -> pl.DataFrame:
    return data.table("AD1").filter(any_present(ADOPTION_ITEMS))


@ssda903_rule("134")
def adoption_data_for_care_leaver(data: ReturnData) -> pl.DataFrame:
    leavers = care_leaver_rows(data)
    adoptions = _adoption_rows(data)
    both = leavers.select(CHILD).join(adoptions.select(CHILD), on=CHILD).unique()
    return flag_many(
        (leavers.join(both, on=CHILD), "OC3"),
        (adoptions.join(both, on=CHILD), "AD1"),
    )


@ssda903_rule("187")
def adoption_or_care_leaver_data_for_oc2_child(data: ReturnData) -> pl.DataFrame:
    cohort = looked_after_12_months(data)
    return flag_many(
        (_adoption_rows(data).join(cohort, on=CHILD), "AD1"),
        (care_leaver_rows(data).join(cohort, on=CHILD), "OC3"),
    )
