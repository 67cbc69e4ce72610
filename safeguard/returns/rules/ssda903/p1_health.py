"""Part-1 SSDA903 rules on children looked after for 12 months (OC2): health, SDQ, offending.

OC2 is for children looked after continuously for at least 12 months at 31 March; the SDQ
is for those aged 4 to 16 in the year (4 or over on 1 April, under 17 on 31 March).
"""

from __future__ import annotations

import polars as pl

from safeguard.returns.rules.expr import blank, integer, one_of, present
from safeguard.returns.rules.registry import ReturnData, flag, per_return, ssda903_rule
from safeguard.returns.rules.ssda903.p1_common import (
    CHILD,
    OC2_ITEMS,
    any_blank,
    any_present,
    bad_present_code,
    birthday,
    looked_after_12_months,
)

#: The items every OC2 child needs (the health check is for under 5s, convictions 10+).
CORE_OC2_ITEMS = ("IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE")

SDQ_MAX = 40


@per_return
def _oc2(data: ReturnData) -> pl.DataFrame:
    """OC2 rows with ``_cla``: the child was looked after for 12 months at 31 March."""
    cohort = looked_after_12_months(data).with_columns(pl.lit(True).alias("_cla"))
    return (
        data.table("OC2")
        .join(cohort, on=CHILD, how="left")
        .with_columns(pl.col("_cla").fill_null(False))
    )


def _sdq_age(data: ReturnData) -> pl.Expr:
    """4 or over at the start of the year and under 17 at its end."""
    return (
        (birthday("DOB", 4) <= pl.lit(data.collection_start))
        & (birthday("DOB", 17) > pl.lit(data.collection_end))
    ).fill_null(False)


def _oc2_fails(data: ReturnData, wrong: pl.Expr) -> pl.DataFrame:
    return flag(_oc2(data).filter(wrong), "OC2", "ssda903")


@ssda903_rule("180")
def sdq_score(data: ReturnData) -> pl.DataFrame:
    score = integer("SDQ_SCORE")
    valid = score.is_between(0, SDQ_MAX).fill_null(False)
    return _oc2_fails(data, present("SDQ_SCORE") & ~valid)


@ssda903_rule("196")
def sdq_reason(data: ReturnData) -> pl.DataFrame:
    return _oc2_fails(data, bad_present_code("OC2", "SDQ_REASON"))


@ssda903_rule("197a")
def reason_with_a_score(data: ReturnData) -> pl.DataFrame:
    return _oc2_fails(data, present("SDQ_SCORE") & present("SDQ_REASON"))


@ssda903_rule("188")
def sdq_under_4(data: ReturnData) -> pl.DataFrame:
    under_4 = (birthday("DOB", 4) > pl.lit(data.collection_end)).fill_null(False)
    return _oc2_fails(data, under_4 & (present("SDQ_SCORE") | present("SDQ_REASON")))


@ssda903_rule("189")
def sdq_17_or_over(data: ReturnData) -> pl.DataFrame:
    over_17 = (birthday("DOB", 17) <= pl.lit(data.collection_start)).fill_null(False)
    return _oc2_fails(data, over_17 & (present("SDQ_SCORE") | present("SDQ_REASON")))


@ssda903_rule("157")
def sdq_age_reason_for_sdq_age_child(data: ReturnData) -> pl.DataFrame:
    """SDQ1 (no form: child under 4 or over 16) given for a child of SDQ age."""
    return _oc2_fails(data, pl.col("_cla") & _sdq_age(data) & one_of("SDQ_REASON", ["SDQ1"]))


@ssda903_rule("185")
def score_for_child_not_in_care_12_months(data: ReturnData) -> pl.DataFrame:
    return _oc2_fails(data, ~pl.col("_cla") & present("SDQ_SCORE"))


@ssda903_rule("198")
def reason_for_child_not_in_care_12_months(data: ReturnData) -> pl.DataFrame:
    return _oc2_fails(data, ~pl.col("_cla") & present("SDQ_REASON"))


@ssda903_rule("186")
def score_missing(data: ReturnData) -> pl.DataFrame:
    return _oc2_fails(data, pl.col("_cla") & _sdq_age(data) & blank("SDQ_SCORE"))


@ssda903_rule("197B")
def score_and_reason_missing(data: ReturnData) -> pl.DataFrame:
    neither = blank("SDQ_SCORE") & blank("SDQ_REASON")
    return _oc2_fails(data, pl.col("_cla") & _sdq_age(data) & neither)


@ssda903_rule("181")
def oc2_items_are_0_or_1(data: ReturnData) -> pl.DataFrame:
    wrong = pl.any_horizontal([present(c) & ~one_of(c, ["0", "1"]) for c in OC2_ITEMS])
    return _oc2_fails(data, wrong)


@ssda903_rule("182")
def core_items_or_nothing(data: ReturnData) -> pl.DataFrame:
    return _oc2_fails(data, any_present(OC2_ITEMS) & any_blank(CORE_OC2_ITEMS))


@ssda903_rule("190")
def items_for_child_not_in_care_12_months(data: ReturnData) -> pl.DataFrame:
    return _oc2_fails(data, ~pl.col("_cla") & any_present(OC2_ITEMS))


@ssda903_rule("191")
def items_missing_for_child_in_care_12_months(data: ReturnData) -> pl.DataFrame:
    return _oc2_fails(data, pl.col("_cla") & any_blank(CORE_OC2_ITEMS))


@ssda903_rule("192")
def intervention_received_missing(data: ReturnData) -> pl.DataFrame:
    return _oc2_fails(data, one_of("SUBSTANCE_MISUSE", ["1"]) & blank("INTERVENTION_RECEIVED"))


@ssda903_rule("193")
def intervention_without_substance_misuse(data: ReturnData) -> pl.DataFrame:
    interventions = present("INTERVENTION_RECEIVED") | present("INTERVENTION_OFFERED")
    return _oc2_fails(data, ~one_of("SUBSTANCE_MISUSE", ["1"]) & interventions)


@ssda903_rule("158")
def offered_given_when_received(data: ReturnData) -> pl.DataFrame:
    return _oc2_fails(
        data, one_of("INTERVENTION_RECEIVED", ["1"]) & present("INTERVENTION_OFFERED")
    )


@ssda903_rule("159")
def offered_missing_when_not_received(data: ReturnData) -> pl.DataFrame:
    return _oc2_fails(
        data,
        one_of("SUBSTANCE_MISUSE", ["1"])
        & one_of("INTERVENTION_RECEIVED", ["0"])
        & blank("INTERVENTION_OFFERED"),
    )
