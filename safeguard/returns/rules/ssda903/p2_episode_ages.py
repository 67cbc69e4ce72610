"""SSDA903 rules on the child's age at an episode's start or end, and at a review."""

from __future__ import annotations

import polars as pl

from safeguard.returns.rules.expr import d903, one_of
from safeguard.returns.rules.registry import ReturnData, flag, per_return, ssda903_rule
from safeguard.returns.rules.ssda903.p2_common import (
    age_at,
    birthday,
    episodes,
    lit_date,
    with_dob,
)


@per_return
def _aged(data: ReturnData) -> pl.DataFrame:
    """Episodes with the child's date of birth, joined once for every age rule."""
    return with_dob(episodes(data), data)


def _started_aged(
    data: ReturnData, column: str, codes: tuple[str, ...], *, under: int
) -> pl.DataFrame:
    """Episodes with ``column`` in ``codes`` starting before the child was ``under``."""
    eps = _aged(data)
    wrong = eps.filter(one_of(column, codes) & (age_at(pl.col("_dob"), pl.col("_decom")) < under))
    return flag(wrong, "Episodes", "ssda903")


def _ceased_aged(
    data: ReturnData, codes: tuple[str, ...], *, under: int | None = None, over: int | None = None
) -> pl.DataFrame:
    """Episodes ceasing for a reason in ``codes`` with the child's age at DEC out of bounds."""
    eps = _aged(data)
    age = age_at(pl.col("_dob"), pl.col("_dec"))
    wrong_age = pl.lit(False)
    if under is not None:
        wrong_age = wrong_age | (age < under)
    if over is not None:
        wrong_age = wrong_age | (age >= over)
    wrong = eps.filter(one_of("REC", codes) & wrong_age.fill_null(False))
    return flag(wrong, "Episodes", "ssda903")


@ssda903_rule("352")
def started_care_under_18(data: ReturnData) -> pl.DataFrame:
    eps = _aged(data)
    wrong = eps.filter(one_of("RNE", ["S"]) & (age_at(pl.col("_dob"), pl.col("_decom")) >= 18))
    return flag(wrong, "Episodes", "ssda903")


@ssda903_rule("358")
def youth_justice_status_10_or_over(data: ReturnData) -> pl.DataFrame:
    return _started_aged(data, "LS", ("J1", "J2", "J3"), under=10)


@ssda903_rule("359")
def looked_after_past_18_in_community_home(data: ReturnData) -> pl.DataFrame:
    # Still looked after at 31 March having turned 18: only under s20(5) (V2) in a
    # community home (a children's home, K1 or K2).
    eps = _aged(data)
    adult = birthday(pl.col("_dob"), 18) <= lit_date(data.collection_end)
    allowed = one_of("LS", ["V2"]) & one_of("PLACE", ["K1", "K2"])
    wrong = eps.filter(pl.col("_dec").is_null() & adult.fill_null(False) & ~allowed)
    return flag(wrong, "Episodes", "ssda903")


@ssda903_rule("371")
def supported_accommodation_16_or_over(data: ReturnData) -> pl.DataFrame:
    return _started_aged(data, "PLACE", ("H5",), under=16)


@ssda903_rule("372")
def youth_custody_10_or_over(data: ReturnData) -> pl.DataFrame:
    return _started_aged(data, "PLACE", ("R5",), under=10)


@ssda903_rule("373")
def school_placement_4_or_over(data: ReturnData) -> pl.DataFrame:
    return _started_aged(data, "PLACE", ("S1",), under=4)


@ssda903_rule("374")
def residential_employment_14_or_over(data: ReturnData) -> pl.DataFrame:
    return _started_aged(data, "PLACE", ("P3",), under=14)


@ssda903_rule("386")
def adopted_under_18(data: ReturnData) -> pl.DataFrame:
    return _ceased_aged(data, ("E11", "E12"), over=18)


@ssda903_rule("387")
def independent_living_14_or_over(data: ReturnData) -> pl.DataFrame:
    return _ceased_aged(data, ("E5", "E6"), under=14)


@ssda903_rule("389")
def adult_social_care_16_or_over(data: ReturnData) -> pl.DataFrame:
    return _ceased_aged(data, ("E7",), under=16)


@ssda903_rule("407")
def special_guardianship_under_18(data: ReturnData) -> pl.DataFrame:
    return _ceased_aged(data, ("E45", "E46", "E47", "E48"), over=18)


@ssda903_rule("460")
def staying_put_18_or_over(data: ReturnData) -> pl.DataFrame:
    return _ceased_aged(data, ("E17",), under=18)


@per_return
def _review_age(data: ReturnData) -> pl.DataFrame:
    reviews = data.table("Reviews")
    return reviews.with_columns(age_at(d903("DOB"), d903("REVIEW")).alias("_age"))


@ssda903_rule("440")
def under_4_participation_code(data: ReturnData) -> pl.DataFrame:
    wrong = _review_age(data).filter(one_of("REVIEW_CODE", ["PN0"]) & (pl.col("_age") >= 4))
    return flag(wrong, "Reviews", "ssda903")


@ssda903_rule("441")
def participation_code_for_4_and_over(data: ReturnData) -> pl.DataFrame:
    codes = ["PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"]
    wrong = _review_age(data).filter(one_of("REVIEW_CODE", codes) & (pl.col("_age") < 4))
    return flag(wrong, "Reviews", "ssda903")
