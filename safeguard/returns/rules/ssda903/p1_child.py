"""Part-1 SSDA903 rules on the child's own records: header, UASC, missing and reviews."""

from __future__ import annotations

import polars as pl

from safeguard.returns.rules.expr import blank, one_of, present
from safeguard.returns.rules.registry import (
    ReturnData,
    flag,
    not_implemented,
    rows_where,
    ssda903_rule,
)
from safeguard.returns.rules.ssda903.p1_common import (
    CHILD,
    RESPITE,
    age_on,
    bad_code,
    bad_date,
    episodes,
)

#: A UPN: a check letter, 11 digits and a digit or (temporary UPN) a letter; or unknown.
UPN_PATTERN = r"^[A-HJ-NP-RT-Z][0-9]{11}[0-9A-HJ-NP-RT-Z]$"
UPN_UNKNOWN = ("UN1", "UN2", "UN3", "UN4", "UN5")

#: From this age a girl's mother status is recorded.
MOTHER_STATUS_AGE = 12


@ssda903_rule("101")
def sex_code(data: ReturnData) -> pl.DataFrame:
    return rows_where(data, "Header", bad_code("Header", "SEX"))


@ssda903_rule("102")
def date_of_birth(data: ReturnData) -> pl.DataFrame:
    return rows_where(data, "Header", bad_date("DOB", required=True))


@ssda903_rule("103")
def ethnicity_code(data: ReturnData) -> pl.DataFrame:
    return rows_where(data, "Header", bad_code("Header", "ETHNIC"))


not_implemented(
    "ssda903",
    "105",
    reason=(
        "The 2024-25 Header file has no UASC column: UASC status is the child's row in the "
        "UASC file, so there is no status code to check."
    ),
)


@ssda903_rule("168")
def unique_pupil_number(data: ReturnData) -> pl.DataFrame:
    upn = pl.col("UPN").str.strip_chars().str.to_uppercase()
    valid = upn.str.contains(UPN_PATTERN) | upn.is_in(list(UPN_UNKNOWN))
    return rows_where(data, "Header", blank("UPN") | ~valid.fill_null(False))


@ssda903_rule("171")
def mothers_child_date_of_birth(data: ReturnData) -> pl.DataFrame:
    return rows_where(data, "Header", bad_date("MC_DOB", required=False))


@ssda903_rule("174")
def mothers_child_but_male(data: ReturnData) -> pl.DataFrame:
    return rows_where(data, "Header", present("MC_DOB") & one_of("SEX", ["1"]))


@ssda903_rule("165")
def mother_status(data: ReturnData) -> pl.DataFrame:
    """A girl of 12 or over in care this year (not only on short breaks) must say whether
    she is a mother.

    Whatever the child, a value given must be 0 or 1. A care leaver with OC3 data and no
    episode this year is not asked: rule 628 forbids motherhood details for her, and the
    DfE's reading of 165 lets a girl's MOTHER be blank when her only record this year is
    her care leaver information; nor is a girl only on short breaks (399 forbids it).
    """
    in_year = (
        episodes(data)
        .filter(
            pl.col("_end").is_null() | (pl.col("_end") >= pl.lit(data.collection_start)),
            ~one_of("LS", RESPITE),
        )
        .select(CHILD)
        .unique()
    )
    header = data.table("Header").join(
        in_year.with_columns(pl.lit(True).alias("_cohort")), on=CHILD, how="left"
    )
    needs_status = (
        one_of("SEX", ["2"])
        & pl.col("_cohort").fill_null(False)
        & (age_on("DOB", data.collection_end) >= MOTHER_STATUS_AGE).fill_null(False)
    )
    wrong = (present("MOTHER") & ~one_of("MOTHER", ["0", "1"])) | (needs_status & blank("MOTHER"))
    return flag(header.filter(wrong), "Header", "ssda903")


@ssda903_rule("104")
def uasc_ceased_date(data: ReturnData) -> pl.DataFrame:
    uasc = data.table("UASC")
    return flag(uasc.filter(bad_date("DUC", required=False)), "UASC", "ssda903")


@ssda903_rule("1004")
def missing_start_date(data: ReturnData) -> pl.DataFrame:
    missing = data.table("Missing")
    return flag(missing.filter(bad_date("MIS_START", required=True)), "Missing", "ssda903")


@ssda903_rule("1005")
def missing_end_date(data: ReturnData) -> pl.DataFrame:
    missing = data.table("Missing")
    return flag(missing.filter(bad_date("MIS_END", required=False)), "Missing", "ssda903")


@ssda903_rule("1006")
def missing_type(data: ReturnData) -> pl.DataFrame:
    missing = data.table("Missing")
    return flag(missing.filter(bad_code("Missing", "MISSING")), "Missing", "ssda903")


@ssda903_rule("166")
def review_date(data: ReturnData) -> pl.DataFrame:
    reviews = data.table("Reviews")
    return flag(reviews.filter(bad_date("REVIEW", required=True)), "Reviews", "ssda903")


@ssda903_rule("167")
def review_participation(data: ReturnData) -> pl.DataFrame:
    reviews = data.table("Reviews")
    return flag(reviews.filter(bad_code("Reviews", "REVIEW_CODE")), "Reviews", "ssda903")
