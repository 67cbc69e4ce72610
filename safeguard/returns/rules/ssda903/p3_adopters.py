"""SSDA903 rules on the adopters (AD1) and how the adoption fits the episodes and decisions.

LS_ADOPTR is the adopters' legal status: L0 a single adopter, L11 a married couple of
different genders, L12 a married couple of the same gender, L2 civil partners, L3 an
unmarried couple of different genders, L4 an unmarried couple of the same gender.
SEX_ADOPTR is M1 or F1 for one adopter, MM, FF or MF for a couple.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from safeguard.returns.rules.expr import d903, one_of, present
from safeguard.returns.rules.registry import ReturnData, flag, ssda903_rule
from safeguard.returns.rules.ssda903.p3_common import (
    ADOPTED,
    ADOPTION_PLACEMENTS,
    CHILD,
    episodes,
    flag_many,
    latest_decisions,
)
from safeguard.returns.tables import ROW

COUPLE = ("MM", "FF", "MF")
SAME_GENDER_COUPLE = ("MM", "FF")

#: The adoption items of AD1 a child whose decision was reversed cannot have.
ADOPTION_ITEMS = ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR")


def _adopters(data: ReturnData, condition: pl.Expr) -> pl.DataFrame:
    return flag(data.table("AD1").filter(condition), "AD1", "ssda903")


def _status_needs_genders(data: ReturnData, status: str, genders: Sequence[str]) -> pl.DataFrame:
    return _adopters(data, one_of("LS_ADOPTR", [status]) & ~one_of("SEX_ADOPTR", genders))


@ssda903_rule("511")
def two_adopters_are_a_couple(data: ReturnData) -> pl.DataFrame:
    two = pl.col("NB_ADOPTR").str.strip_chars() == "2"
    return _adopters(data, two.fill_null(False) & ~one_of("SEX_ADOPTR", COUPLE))


@ssda903_rule("514")
def single_adopter_not_a_couple(data: ReturnData) -> pl.DataFrame:
    return _adopters(data, one_of("LS_ADOPTR", ["L0"]) & one_of("SEX_ADOPTR", COUPLE))


@ssda903_rule("517")
def unmarried_different_gender_couple(data: ReturnData) -> pl.DataFrame:
    return _status_needs_genders(data, "L3", ["MF"])


@ssda903_rule("518")
def unmarried_same_gender_couple(data: ReturnData) -> pl.DataFrame:
    return _status_needs_genders(data, "L4", SAME_GENDER_COUPLE)


@ssda903_rule("519")
def civil_partners_are_a_couple(data: ReturnData) -> pl.DataFrame:
    return _status_needs_genders(data, "L2", COUPLE)


@ssda903_rule("520")
def married_different_gender_couple(data: ReturnData) -> pl.DataFrame:
    return _adopters(data, one_of("LS_ADOPTR", ["L11"]) & one_of("SEX_ADOPTR", SAME_GENDER_COUPLE))


@ssda903_rule("524")
def married_same_gender_couple(data: ReturnData) -> pl.DataFrame:
    return _status_needs_genders(data, "L12", SAME_GENDER_COUPLE)


def _ad1_with(data: ReturnData, other: pl.DataFrame) -> pl.DataFrame:
    """AD1 rows beside another table's rows of the same child (their ``_row`` is ``_other``)."""
    ad1 = data.table("AD1").filter(pl.col(CHILD).is_not_null())
    return ad1.join(other.rename({ROW: "_other"}), on=CHILD, how="inner", suffix="_other")


def _both(pairs: pl.DataFrame, other_table: str) -> pl.DataFrame:
    return flag_many(
        (pairs, "AD1"),
        (pairs.select(CHILD, pl.col("_other").alias(ROW)), other_table),
    )


@ssda903_rule("521")
def best_interests_before_placed_for_adoption(data: ReturnData) -> pl.DataFrame:
    placed = episodes(data).filter(one_of("PLACE", ADOPTION_PLACEMENTS))
    pairs = _ad1_with(data, placed.select(CHILD, ROW, "_start"))
    late = pairs.filter((d903("DATE_INT") > pl.col("_start")).fill_null(False))
    return _both(late, "Episodes")


@ssda903_rule("523")
def best_interests_same_day_as_decision_to_place(data: ReturnData) -> pl.DataFrame:
    """Compared with the child's latest decision: earlier ones may have been reversed."""
    decisions = latest_decisions(data).filter(pl.col("_placed").is_not_null())
    pairs = _ad1_with(data, decisions.select(CHILD, ROW, "_placed"))
    differ = pairs.filter((d903("DATE_INT") != pl.col("_placed")).fill_null(False))
    return _both(differ, "PlacedAdoption")


@ssda903_rule("525")
def reversed_decision_not_adopted(data: ReturnData) -> pl.DataFrame:
    """A reversal counts when the child's latest decision is the one reversed."""
    reversed_ = latest_decisions(data).filter(
        present("DATE_PLACED_CEASED") | present("REASON_PLACED_CEASED")
    )
    pairs = _ad1_with(data, reversed_.select(CHILD, ROW))
    adopted = pairs.filter(pl.any_horizontal([present(c) for c in ADOPTION_ITEMS]))
    return _both(adopted, "PlacedAdoption")


@ssda903_rule("582")
def matched_before_adoption(data: ReturnData) -> pl.DataFrame:
    adoptions = episodes(data).filter(one_of("REC", ADOPTED) & pl.col("_end").is_not_null())
    pairs = _ad1_with(data, adoptions.select(CHILD, ROW, "_end"))
    same_day = pairs.filter((d903("DATE_MATCH") == pl.col("_end")).fill_null(False))
    return _both(same_day, "Episodes")
