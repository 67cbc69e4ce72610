"""CIN census rules on CIN plans (CINplanDates), and how they sit beside protection plans.

A child is on a CIN plan or a child protection plan, never both: the protection plan
replaces the CIN plan, so their dates may touch but not overlap.
"""

from __future__ import annotations

import polars as pl

from safeguard.returns.rules.cin.common import (
    CHILD,
    EPISODE,
    OPEN_END,
    outside_year,
    overlapping,
    with_child,
    with_episode,
)
from safeguard.returns.rules.expr import blank, cin_date, present
from safeguard.returns.rules.registry import ReturnData, cin_rule, flag

TABLE = "CINplanDates"
CPP = "ChildProtectionPlans"


def _plans(data: ReturnData) -> pl.DataFrame:
    return data.table(TABLE)


def _failing(data: ReturnData, condition: pl.Expr) -> pl.DataFrame:
    return flag(_plans(data).filter(condition), TABLE, "cin")


@cin_rule("4000", fields=("CINPlanStartDate", "ReferralNFA"))
def no_plan_for_nfa(data: ReturnData) -> pl.DataFrame:
    rows = with_episode(_plans(data), data)
    return flag(rows.filter(pl.col("_nfa")), TABLE, "cin")


@cin_rule("4001", fields=("CINPlanEndDate", "CPPendDate"))
def not_both_open(data: ReturnData) -> pl.DataFrame:
    open_cpp = data.table(CPP).filter(blank("CPPendDate")).select(EPISODE).unique()
    open_plans = _plans(data).filter(blank("CINPlanEndDate"))
    return flag(open_plans.join(open_cpp, on=list(EPISODE), how="semi"), TABLE, "cin")


@cin_rule("4003", fields=("CPPreviewDate", "CINPlanStartDate", "CINPlanEndDate"))
def no_review_during_cin_plan(data: ReturnData) -> pl.DataFrame:
    reviews = (
        data.table("Reviews")
        .join(
            data.table(CPP).select(*EPISODE, "CPPID", cin_date("CPPendDate").alias("_cpp_end")),
            on=[*EPISODE, "CPPID"],
            how="left",
        )
        .with_columns(cin_date("CPPreviewDate").alias("_review"))
    )
    plans = _plans(data).select(
        *EPISODE,
        cin_date("CINPlanStartDate").alias("_plan_start"),
        cin_date("CINPlanEndDate").fill_null(pl.lit(OPEN_END)).alias("_plan_end"),
    )
    during = reviews.join(plans, on=list(EPISODE), how="inner").filter(
        (pl.col("_plan_start") <= pl.col("_review"))
        & (pl.col("_review") < pl.col("_plan_end"))
        & (pl.col("_review") != pl.col("_cpp_end")).fill_null(True)
    )
    return flag(during, "Reviews", "cin")


@cin_rule("4004", fields=("CINPlanEndDate",))
def one_open_plan(data: ReturnData) -> pl.DataFrame:
    open_plans = _plans(data).filter(blank("CINPlanEndDate"))
    return flag(open_plans.filter(pl.len().over(EPISODE) > 1), TABLE, "cin")


@cin_rule("4008", fields=("CINPlanStartDate", "PersonDeathDate"))
def plan_starts_before_death(data: ReturnData) -> pl.DataFrame:
    rows = with_child(_plans(data), data)
    return flag(
        rows.filter((cin_date("CINPlanStartDate") > pl.col("_death")).fill_null(False)),
        TABLE,
        "cin",
    )


@cin_rule("4009Q", fields=("CINPlanEndDate", "PersonDeathDate"))
def plan_ends_by_death(data: ReturnData) -> pl.DataFrame:
    rows = with_child(_plans(data), data)
    return flag(
        rows.filter((cin_date("CINPlanEndDate") > pl.col("_death")).fill_null(False)),
        TABLE,
        "cin",
    )


@cin_rule("4010", fields=("CINPlanStartDate",))
def plan_start_in_period(data: ReturnData) -> pl.DataFrame:
    start = cin_date("CINPlanStartDate")
    return _failing(data, start.is_null() | (start > pl.lit(data.collection_end)))


@cin_rule("4011", fields=("CINPlanEndDate", "CINPlanStartDate"))
def plan_end_after_start(data: ReturnData) -> pl.DataFrame:
    early = cin_date("CINPlanEndDate") < cin_date("CINPlanStartDate")
    return _failing(data, early.fill_null(False))


@cin_rule("4012Q", fields=("CINPlanEndDate", "CINPlanStartDate"))
def plan_longer_than_a_day(data: ReturnData) -> pl.DataFrame:
    same = cin_date("CINPlanEndDate") == cin_date("CINPlanStartDate")
    return _failing(data, same.fill_null(False))


@cin_rule("4013", fields=("CINPlanEndDate",))
def plan_end_in_year(data: ReturnData) -> pl.DataFrame:
    return _failing(data, outside_year("CINPlanEndDate", data))


@cin_rule("4014", fields=("CINPlanStartDate", "CINPlanEndDate"))
def plans_do_not_overlap(data: ReturnData) -> pl.DataFrame:
    clash = overlapping(
        _plans(data), EPISODE, cin_date("CINPlanStartDate"), cin_date("CINPlanEndDate")
    )
    return flag(clash, TABLE, "cin")


@cin_rule("4015", fields=("CINPlanStartDate", "CINreferralDate"))
def plan_after_referral(data: ReturnData) -> pl.DataFrame:
    rows = with_episode(_plans(data), data)
    early = (cin_date("CINPlanStartDate") < pl.col("_referral")).fill_null(False)
    return flag(rows.filter(early), TABLE, "cin")


def _during(day: pl.Expr, start: pl.Expr, end: pl.Expr, data: ReturnData) -> pl.Expr:
    """``day`` falls in [start, end), or on/after start up to the reference date when open."""
    closed = end.is_not_null() & (start <= day) & (day < end)
    still_open = end.is_null() & (start <= day) & (day <= pl.lit(data.collection_end))
    return (closed | still_open).fill_null(False)


@cin_rule("4016", fields=("CINPlanStartDate", "CPPstartDate", "CPPendDate"))
def plan_not_started_during_protection(data: ReturnData) -> pl.DataFrame:
    protection = data.table(CPP).select(
        CHILD,
        cin_date("CPPstartDate").alias("_cpp_start"),
        cin_date("CPPendDate").alias("_cpp_end"),
    )
    pairs = _plans(data).join(protection, on=CHILD, how="inner")
    during = _during(cin_date("CINPlanStartDate"), pl.col("_cpp_start"), pl.col("_cpp_end"), data)
    return flag(pairs.filter(during), TABLE, "cin")


@cin_rule("4017", fields=("CPPstartDate", "CINPlanStartDate", "CINPlanEndDate"))
def protection_not_started_during_plan(data: ReturnData) -> pl.DataFrame:
    plans = _plans(data).select(
        CHILD,
        cin_date("CINPlanStartDate").alias("_plan_start"),
        cin_date("CINPlanEndDate").alias("_plan_end"),
    )
    pairs = data.table(CPP).filter(present("CPPstartDate")).join(plans, on=CHILD, how="inner")
    during = _during(cin_date("CPPstartDate"), pl.col("_plan_start"), pl.col("_plan_end"), data)
    return flag(pairs.filter(during), CPP, "cin")
