"""CIN census rules on Section 47 enquiries and initial child protection conferences (ICPC).

An ICPC date is recorded on the enquiry that led to it, or on the episode itself when the
enquiry is not in this return; rules on the conference date check both places.
"""

from __future__ import annotations

import polars as pl

from safeguard.returns.rules.cin.common import (
    CHILD,
    EPISODE,
    flag_many,
    open_enquiry,
    outside_year,
    weekend,
    with_episode,
    working_days_before_end,
)
from safeguard.returns.rules.expr import cin_date, present
from safeguard.returns.rules.registry import ReturnData, cin_rule, flag

TABLE = "Section47"
EPISODE_TABLE = "CINdetails"

#: An ICPC should be held within 15 working days of the strategy discussion.
ICPC_WORKING_DAYS = 15


def _enquiries(data: ReturnData) -> pl.DataFrame:
    return data.table(TABLE)


def _failing(data: ReturnData, condition: pl.Expr) -> pl.DataFrame:
    return flag(_enquiries(data).filter(condition), TABLE, "cin")


def _both_levels(data: ReturnData, condition: pl.Expr) -> pl.DataFrame:
    """Rows of Section47 and of CINdetails where the ICPC date meets ``condition``."""
    return flag_many(
        flag(_enquiries(data).filter(condition), TABLE, "cin"),
        flag(data.table(EPISODE_TABLE).filter(condition), EPISODE_TABLE, "cin"),
    )


@cin_rule("1104", fields=("DateOfInitialCPC", "CINreferralDate"))
def icpc_after_referral(data: ReturnData) -> pl.DataFrame:
    early = (cin_date("DateOfInitialCPC") < pl.col("_referral")).fill_null(False)
    enquiries = with_episode(_enquiries(data), data).filter(early)
    episodes = data.table(EPISODE_TABLE).filter(
        (cin_date("DateOfInitialCPC") < cin_date("CINreferralDate")).fill_null(False)
    )
    return flag_many(flag(enquiries, TABLE, "cin"), flag(episodes, EPISODE_TABLE, "cin"))


@cin_rule("2884", fields=("DateOfInitialCPC",))
def icpc_recorded_once(data: ReturnData) -> pl.DataFrame:
    # The same child and conference date at both levels is one conference counted twice.
    icpc = cin_date("DateOfInitialCPC").alias("_icpc")
    at_enquiry = _enquiries(data).filter(present("DateOfInitialCPC")).with_columns(icpc)
    at_episode = data.table(EPISODE_TABLE).filter(present("DateOfInitialCPC")).with_columns(icpc)
    return flag_many(
        flag(at_enquiry.join(at_episode, on=[CHILD, "_icpc"], how="semi"), TABLE, "cin"),
        flag(at_episode.join(at_enquiry, on=[CHILD, "_icpc"], how="semi"), EPISODE_TABLE, "cin"),
    )


@cin_rule("2889", fields=("S47ActualStartDate", "CINreferralDate"))
def enquiry_after_referral(data: ReturnData) -> pl.DataFrame:
    rows = with_episode(_enquiries(data), data)
    early = (cin_date("S47ActualStartDate") < pl.col("_referral")).fill_null(False)
    return flag(rows.filter(early), TABLE, "cin")


@cin_rule("8615", fields=("S47ActualStartDate", "DateOfInitialCPC"))
def enquiry_start_before_icpc(data: ReturnData) -> pl.DataFrame:
    late = (cin_date("S47ActualStartDate") > cin_date("DateOfInitialCPC")).fill_null(False)
    return _failing(data, cin_date("S47ActualStartDate").is_null() | late)


@cin_rule("8675Q", fields=("S47ActualStartDate", "DateOfInitialCPC", "ICPCnotRequired"))
def open_enquiry_not_overdue(data: ReturnData) -> pl.DataFrame:
    cut_off = working_days_before_end(data, ICPC_WORKING_DAYS)
    old = (cin_date("S47ActualStartDate") < pl.lit(cut_off)).fill_null(False)
    return _failing(data, open_enquiry() & old)


@cin_rule("8715", fields=("DateOfInitialCPC",))
def icpc_in_year(data: ReturnData) -> pl.DataFrame:
    return _both_levels(data, outside_year("DateOfInitialCPC", data))


@cin_rule("8740", fields=("S47ActualStartDate", "DateOfInitialCPC", "ICPCnotRequired"))
def open_enquiry_started_in_year(data: ReturnData) -> pl.DataFrame:
    return _failing(data, open_enquiry() & outside_year("S47ActualStartDate", data))


@cin_rule("8839", fields=("DateOfInitialCPC", "ICPCnotRequired"))
def one_open_enquiry(data: ReturnData) -> pl.DataFrame:
    open_ = _enquiries(data).filter(open_enquiry())
    return flag(open_.filter(pl.len().over(EPISODE) > 1), TABLE, "cin")


@cin_rule("8870Q", fields=("InitialCPCtarget",))
def icpc_target_on_weekday(data: ReturnData) -> pl.DataFrame:
    return _failing(data, weekend("InitialCPCtarget"))


@cin_rule("8875", fields=("DateOfInitialCPC",))
def icpc_on_weekday(data: ReturnData) -> pl.DataFrame:
    return _both_levels(data, weekend("DateOfInitialCPC"))


@cin_rule("8890", fields=("S47ActualStartDate", "DateOfInitialCPC"))
def one_enquiry_at_a_time(data: ReturnData) -> pl.DataFrame:
    enquiries = _enquiries(data).with_columns(
        cin_date("S47ActualStartDate").alias("_start"),
        cin_date("DateOfInitialCPC").alias("_end"),
        open_enquiry().alias("_open"),
    )
    others = enquiries.select(
        *EPISODE,
        pl.col("_row").alias("_other_row"),
        pl.col("_start").alias("_other_start"),
        pl.col("_end").alias("_other_end"),
        pl.col("_open").alias("_other_open"),
    )
    ongoing = pl.col("_other_open") | (pl.col("_start") < pl.col("_other_end")).fill_null(False)
    pairs = enquiries.join(others, on=list(EPISODE), how="inner").filter(
        (pl.col("_row") != pl.col("_other_row"))
        & (pl.col("_other_start") <= pl.col("_start")).fill_null(False)
        & ongoing
    )
    return flag(pairs, TABLE, "cin")
