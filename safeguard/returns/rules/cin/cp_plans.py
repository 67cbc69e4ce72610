"""CIN census rules on child protection plans (ChildProtectionPlans) and their reviews."""

from __future__ import annotations

import polars as pl

from safeguard.returns.rules.cin.common import (
    CHILD,
    EPISODE,
    in_year,
    outside_year,
    overlapping,
    return_level,
    with_child,
    with_episode,
)
from safeguard.returns.rules.expr import blank, cin_date, integer, one_of, present
from safeguard.returns.rules.registry import ReturnData, cin_rule, flag, no_failures
from safeguard.returns.spec import cin_codes

TABLE = "ChildProtectionPlans"


def _plans(data: ReturnData) -> pl.DataFrame:
    return data.table(TABLE)


def _failing(data: ReturnData, condition: pl.Expr) -> pl.DataFrame:
    return flag(_plans(data).filter(condition), TABLE, "cin")


def _in_year_count(frame: pl.DataFrame, column: str, data: ReturnData) -> int:
    return frame.filter(in_year(cin_date(column), data).fill_null(False)).height


@cin_rule("1105", fields=("CPPstartDate", "CINreferralDate"))
def plan_after_referral(data: ReturnData) -> pl.DataFrame:
    rows = with_episode(_plans(data), data)
    early = (cin_date("CPPstartDate") < pl.col("_referral")).fill_null(False)
    return flag(rows.filter(early), TABLE, "cin")


@cin_rule("2883", fields=("CPPstartDate", "DateOfInitialCPC"))
def no_more_plans_than_conferences(data: ReturnData) -> pl.DataFrame:
    plans = _in_year_count(_plans(data), "CPPstartDate", data)
    conferences = _in_year_count(data.table("CINdetails"), "DateOfInitialCPC", data)
    conferences += _in_year_count(data.table("Section47"), "DateOfInitialCPC", data)
    return return_level(TABLE) if plans > conferences else no_failures()


@cin_rule("2885", fields=("CPPstartDate", "DateOfInitialCPC"))
def plan_starts_at_conference(data: ReturnData) -> pl.DataFrame:
    conferences = pl.concat(
        [
            data.table(name).select(*EPISODE, cin_date("DateOfInitialCPC").alias("_icpc"))
            for name in ("Section47", "CINdetails")
        ]
    ).drop_nulls("_icpc")
    starting = _plans(data).filter(in_year(cin_date("CPPstartDate"), data).fill_null(False))
    matched = starting.with_columns(cin_date("CPPstartDate").alias("_icpc")).join(
        conferences.unique().with_columns(pl.lit(True).alias("_held")),
        on=[*EPISODE, "_icpc"],
        how="left",
    )
    return flag(matched.filter(pl.col("_held").is_null()), TABLE, "cin")


@cin_rule("8720", fields=("CPPstartDate",))
def plan_start_in_period(data: ReturnData) -> pl.DataFrame:
    start = cin_date("CPPstartDate")
    return _failing(data, start.is_null() | (start > pl.lit(data.collection_end)))


@cin_rule("8730", fields=("NumberOfPreviousCPP",))
def previous_plans_given(data: ReturnData) -> pl.DataFrame:
    return _failing(data, integer("NumberOfPreviousCPP").is_null())


@cin_rule("8832", fields=("CPPstartDate", "ReferralNFA"))
def no_plan_for_nfa(data: ReturnData) -> pl.DataFrame:
    rows = with_episode(_plans(data), data)
    return flag(rows.filter(pl.col("_nfa")), TABLE, "cin")


@cin_rule("8840", fields=("CPPstartDate", "CPPendDate"))
def plan_longer_than_a_day(data: ReturnData) -> pl.DataFrame:
    same = cin_date("CPPstartDate") == cin_date("CPPendDate")
    return _failing(data, same.fill_null(False))


@cin_rule("8905", fields=("InitialCategoryOfAbuse",))
def initial_category_valid(data: ReturnData) -> pl.DataFrame:
    return _failing(data, ~one_of("InitialCategoryOfAbuse", cin_codes("categoryofabuse")))


@cin_rule("8910", fields=("LatestCategoryOfAbuse",))
def latest_category_valid(data: ReturnData) -> pl.DataFrame:
    return _failing(data, ~one_of("LatestCategoryOfAbuse", cin_codes("categoryofabuse")))


@cin_rule("8915", fields=("CPPstartDate", "PersonDeathDate"))
def plan_starts_before_death(data: ReturnData) -> pl.DataFrame:
    rows = with_child(_plans(data), data)
    late = (cin_date("CPPstartDate") > pl.col("_death")).fill_null(False)
    return flag(rows.filter(late), TABLE, "cin")


@cin_rule("8920", fields=("CPPendDate", "PersonDeathDate"))
def plan_ends_by_death(data: ReturnData) -> pl.DataFrame:
    rows = with_child(_plans(data), data)
    late = (cin_date("CPPendDate") > pl.col("_death")).fill_null(False)
    return flag(rows.filter(late), TABLE, "cin")


@cin_rule("8925", fields=("CPPendDate", "CPPstartDate"))
def plan_end_after_start(data: ReturnData) -> pl.DataFrame:
    early = cin_date("CPPendDate") < cin_date("CPPstartDate")
    return _failing(data, early.fill_null(False))


@cin_rule("8930", fields=("CPPendDate",))
def plan_end_in_year(data: ReturnData) -> pl.DataFrame:
    return _failing(data, outside_year("CPPendDate", data))


@cin_rule("8935", fields=("CPPendDate",))
def one_open_plan(data: ReturnData) -> pl.DataFrame:
    open_plans = _plans(data).filter(blank("CPPendDate") & present(CHILD))
    return flag(open_plans.filter(pl.len().over(CHILD) > 1), TABLE, "cin")


@cin_rule("8940", fields=("CPPstartDate", "CPPendDate"))
def plans_do_not_overlap(data: ReturnData) -> pl.DataFrame:
    plans = _plans(data).filter(present(CHILD))
    clash = overlapping(plans, [CHILD], cin_date("CPPstartDate"), cin_date("CPPendDate"))
    return flag(clash, TABLE, "cin")


@cin_rule("8841", fields=("CPPreviewDate", "CPPstartDate"))
def review_after_plan_start(data: ReturnData) -> pl.DataFrame:
    starts = _plans(data).select(*EPISODE, "CPPID", cin_date("CPPstartDate").alias("_start"))
    reviews = data.table("Reviews").join(starts, on=[*EPISODE, "CPPID"], how="inner")
    early = (cin_date("CPPreviewDate") <= pl.col("_start")).fill_null(False)
    return flag(reviews.filter(early), "Reviews", "cin")


@cin_rule("8842Q", fields=("CPPreviewDate",))
def review_has_date(data: ReturnData) -> pl.DataFrame:
    return flag(data.table("Reviews").filter(blank("CPPreviewDate")), "Reviews", "cin")
