"""SSDA903 rules on the child's Header: agreement with last year, dates of birth, UPN, mother."""

from __future__ import annotations

import datetime as dt

import polars as pl

from safeguard.returns.rules.expr import blank, d903, one_of, present
from safeguard.returns.rules.registry import ReturnData, flag, no_failures, ssda903_rule
from safeguard.returns.rules.ssda903.p2_common import (
    CHILD,
    RESPITE,
    age_at,
    birthday,
    episodes,
    header,
    header_rows,
    lit_date,
)


def _with_last_year(data: ReturnData, column: str) -> pl.DataFrame | None:
    """This year's Header joined to last year's value of ``column`` (``last``), or None."""
    last = data.last("Header")
    if last is None:
        return None
    previous = (
        last.filter(pl.col(CHILD).is_not_null())
        .group_by(CHILD)
        .agg(pl.col(column).first().alias("last"))
    )
    return data.table("Header").join(previous, on=CHILD, how="inner")


def _disagrees(data: ReturnData, column: str) -> pl.DataFrame:
    """Header rows whose ``column`` differs from last year's (both recorded)."""
    joined = _with_last_year(data, column)
    if joined is None:
        return no_failures()
    wrong = joined.filter(
        present(column)
        & present("last")
        & (pl.col(column).str.strip_chars() != pl.col("last").str.strip_chars())
    )
    return flag(wrong, "Header", "ssda903")


@ssda903_rule("202")
def sex_agrees_with_last_year(data: ReturnData) -> pl.DataFrame:
    return _disagrees(data, "SEX")


@ssda903_rule("203")
def dob_agrees_with_last_year(data: ReturnData) -> pl.DataFrame:
    joined = _with_last_year(data, "DOB")
    if joined is None:
        return no_failures()
    # Compare the dates, so "1/2/2010" and "01/02/2010" agree; unreadable dates are 301/format.
    wrong = joined.filter(d903("DOB") != d903("last"))
    return flag(wrong, "Header", "ssda903")


@ssda903_rule("204")
def ethnicity_agrees_with_last_year(data: ReturnData) -> pl.DataFrame:
    return _disagrees(data, "ETHNIC")


@ssda903_rule("207")
def mother_status_kept(data: ReturnData) -> pl.DataFrame:
    # Once recorded as a mother, a young woman stays one: 1 last year cannot become 0.
    joined = _with_last_year(data, "MOTHER")
    if joined is None:
        return no_failures()
    wrong = joined.filter(
        (pl.col("last").str.strip_chars() == "1") & (pl.col("MOTHER").str.strip_chars() == "0")
    )
    return flag(wrong, "Header", "ssda903")


UPN_UNKNOWN = ("UN1", "UN2", "UN3", "UN4", "UN5", "UN6", "UN7")


@ssda903_rule("208")
def upn_agrees_with_last_year(data: ReturnData) -> pl.DataFrame:
    # A real UPN last year must be given again; an unknown code last year may now be known.
    joined = _with_last_year(data, "UPN")
    if joined is None:
        return no_failures()
    last_known = present("last") & ~one_of("last", UPN_UNKNOWN)
    wrong = joined.filter(
        last_known
        & (
            blank("UPN")
            | (
                pl.col("UPN").str.strip_chars().str.to_uppercase()
                != pl.col("last").str.strip_chars().str.to_uppercase()
            )
        )
    )
    return flag(wrong, "Header", "ssda903")


@ssda903_rule("209")
def school_age_child_has_upn(data: ReturnData) -> pl.DataFrame:
    # UN1 is "under school age": a child 5 by the 31 August before the year's 31 March is in
    # school for the whole collection year.
    cutoff = dt.date(data.collection_end.year - 1, 8, 31)
    wrong = header(data).filter(
        one_of("UPN", ["UN1"]) & (age_at(pl.col("_dob"), lit_date(cutoff)) >= 5)
    )
    return flag(wrong, "Header", "ssda903")


@ssda903_rule("210")
def upn_obtained_after_a_week(data: ReturnData) -> pl.DataFrame:
    end = data.collection_end
    eps = episodes(data)
    # The current period of care started at the latest "started to be looked after" episode.
    care_start = eps.group_by(CHILD).agg(
        pl.col("_decom").filter(pl.col("RNE").str.strip_chars() == "S").max().alias("_start"),
        pl.col("_decom").min().alias("_first"),
        (pl.col("_dec").is_null() | (pl.col("_dec") > lit_date(end))).any().alias("_open"),
    )
    long_enough = care_start.filter(
        pl.col("_open") & (pl.coalesce("_start", "_first") <= lit_date(end - dt.timedelta(days=7)))
    )
    unknown = data.table("Header").filter(one_of("UPN", ["UN4"]))
    return flag(unknown.join(long_enough, on=CHILD, how="semi"), "Header", "ssda903")


@ssda903_rule("301")
def born_by_year_end(data: ReturnData) -> pl.DataFrame:
    wrong = header(data).filter(pl.col("_dob") > lit_date(data.collection_end))
    return flag(wrong, "Header", "ssda903")


@ssda903_rule("351")
def under_25_at_year_start(data: ReturnData) -> pl.DataFrame:
    wrong = header(data).filter(birthday(pl.col("_dob"), 25) < lit_date(data.collection_start))
    return flag(wrong, "Header", "ssda903")


@ssda903_rule("393")
def mother_recorded(data: ReturnData) -> pl.DataFrame:
    # MOTHER is asked of girls aged 12 or over at 31 March who are looked after other than
    # only under an agreed series of short breaks (V3/V4).
    looked_after = episodes(data).filter(~one_of("LS", RESPITE)).select(CHILD).unique()
    girls = header(data).filter(
        (pl.col("SEX").str.strip_chars() == "2")
        & (age_at(pl.col("_dob"), lit_date(data.collection_end)) >= 12)
        & blank("MOTHER")
    )
    return header_rows(data, girls.join(looked_after, on=CHILD, how="semi"))


@ssda903_rule("442")
def upn_recorded(data: ReturnData) -> pl.DataFrame:
    with_episodes = data.table("Episodes").select(CHILD).unique()
    wrong = data.table("Header").filter(blank("UPN")).join(with_episodes, on=CHILD, how="semi")
    return flag(wrong, "Header", "ssda903")
