"""SSDA903 rules on the outcomes of children looked after for 12 months (OC2).

Conviction information is for children aged 10 or over at 31 March, health promotion
(development checks) for those under 5; either comes with the health items every child
in the cohort has.
"""

from __future__ import annotations

import polars as pl

from safeguard.returns.rules.expr import blank, present
from safeguard.returns.rules.registry import ReturnData, flag, ssda903_rule
from safeguard.returns.rules.ssda903.p3_common import (
    CHILD,
    age_on,
    child_dob,
    looked_after_12_months,
)

#: The health items that go with conviction or health promotion information.
HEALTH_ITEMS = ("IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE")

AGE_OF_CRIMINAL_RESPONSIBILITY = 10
SCHOOL_AGE = 5


def _outcomes(data: ReturnData) -> pl.DataFrame:
    """OC2 with ``_age`` at 31 March (null when the date of birth is not a date)."""
    oc2 = child_dob(data, data.table("OC2"))
    return oc2.with_columns(age_on(pl.col("_dob"), data.collection_end).alias("_age"))


def _flag(frame: pl.DataFrame) -> pl.DataFrame:
    return flag(frame, "OC2", "ssda903")


def _in_cohort(data: ReturnData, oc2: pl.DataFrame) -> pl.DataFrame:
    return oc2.join(looked_after_12_months(data), on=CHILD, how="semi")


def _any_health_item_blank() -> pl.Expr:
    return pl.any_horizontal([blank(c) for c in HEALTH_ITEMS])


@ssda903_rule("542")
def no_convictions_under_10(data: ReturnData) -> pl.DataFrame:
    oc2 = _outcomes(data)
    too_young = pl.col("_age") < AGE_OF_CRIMINAL_RESPONSIBILITY
    return _flag(oc2.filter(too_young.fill_null(False) & present("CONVICTED")))


@ssda903_rule("543")
def convictions_for_10_and_over(data: ReturnData) -> pl.DataFrame:
    oc2 = _in_cohort(data, _outcomes(data))
    old_enough = pl.col("_age") >= AGE_OF_CRIMINAL_RESPONSIBILITY
    return _flag(oc2.filter(old_enough.fill_null(False) & blank("CONVICTED")))


@ssda903_rule("544")
def convictions_come_with_health_items(data: ReturnData) -> pl.DataFrame:
    oc2 = data.table("OC2")
    return _flag(oc2.filter(present("CONVICTED") & _any_health_item_blank()))


@ssda903_rule("545")
def health_promotion_for_under_5(data: ReturnData) -> pl.DataFrame:
    oc2 = _in_cohort(data, _outcomes(data))
    under_5 = pl.col("_age") < SCHOOL_AGE
    return _flag(oc2.filter(under_5.fill_null(False) & blank("HEALTH_CHECK")))


@ssda903_rule("546")
def no_health_promotion_for_5_and_over(data: ReturnData) -> pl.DataFrame:
    oc2 = _outcomes(data)
    school_age = pl.col("_age") >= SCHOOL_AGE
    return _flag(oc2.filter(school_age.fill_null(False) & present("HEALTH_CHECK")))


@ssda903_rule("547")
def health_promotion_comes_with_health_items(data: ReturnData) -> pl.DataFrame:
    oc2 = data.table("OC2")
    return _flag(oc2.filter(present("HEALTH_CHECK") & _any_health_item_blank()))
