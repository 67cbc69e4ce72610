"""CIN census rules on Assessments and the factors identified at assessment."""

from __future__ import annotations

import polars as pl

from safeguard.returns.rules.cin.common import (
    ASSESSMENT,
    CLOSED_AFTER_ASSESSMENT,
    EPISODE,
    has_rows,
    outside_year,
    with_episode,
    working_days_before_end,
)
from safeguard.returns.rules.expr import blank, cin_date, present
from safeguard.returns.rules.registry import ReturnData, cin_rule, flag

TABLE = "Assessments"
FACTORS = "AssessmentFactors"

#: Factor 21: no factors identified (so no further action).
NO_FACTORS = "21"

#: An assessment should be completed within 45 working days (Working Together).
ASSESSMENT_WORKING_DAYS = 45


def _factor() -> pl.Expr:
    return pl.col(FACTORS).str.strip_chars().str.to_uppercase()


def _factors(data: ReturnData) -> pl.DataFrame:
    return data.table(FACTORS).filter(present(FACTORS))


def _failing(data: ReturnData, condition: pl.Expr) -> pl.DataFrame:
    return flag(data.table(TABLE).filter(condition), TABLE, "cin")


def _with_factors(data: ReturnData) -> pl.DataFrame:
    """Assessments with ``_factored``: any factor recorded for the assessment."""
    factored = has_rows(_factors(data), ASSESSMENT, "_factored")
    return (
        data.table(TABLE)
        .join(factored, on=list(ASSESSMENT), how="left")
        .with_columns(pl.col("_factored").fill_null(False))
    )


@cin_rule("1103", fields=("AssessmentActualStartDate", "CINreferralDate"))
def assessment_after_referral(data: ReturnData) -> pl.DataFrame:
    rows = with_episode(data.table(TABLE), data)
    early = (cin_date("AssessmentActualStartDate") < pl.col("_referral")).fill_null(False)
    return flag(rows.filter(early), TABLE, "cin")


@cin_rule("8608", fields=("AssessmentActualStartDate", "AssessmentAuthorisationDate"))
def assessment_start_before_end(data: ReturnData) -> pl.DataFrame:
    start, end = cin_date("AssessmentActualStartDate"), cin_date("AssessmentAuthorisationDate")
    return _failing(data, (start > end).fill_null(False))


@cin_rule("8614", fields=("AssessmentFactors", "AssessmentAuthorisationDate"))
def factors_only_when_complete(data: ReturnData) -> pl.DataFrame:
    frame = _with_factors(data)
    return flag(
        frame.filter(pl.col("_factored") & blank("AssessmentAuthorisationDate")), TABLE, "cin"
    )


@cin_rule("8670Q", fields=("AssessmentActualStartDate", "AssessmentAuthorisationDate"))
def open_assessment_not_overdue(data: ReturnData) -> pl.DataFrame:
    cut_off = working_days_before_end(data, ASSESSMENT_WORKING_DAYS)
    old = (cin_date("AssessmentActualStartDate") < pl.lit(cut_off)).fill_null(False)
    return _failing(data, blank("AssessmentAuthorisationDate") & old)


@cin_rule("8696", fields=("AssessmentAuthorisationDate",))
def assessment_end_in_year(data: ReturnData) -> pl.DataFrame:
    return _failing(data, outside_year("AssessmentAuthorisationDate", data))


@cin_rule("8736", fields=("AssessmentActualStartDate", "AssessmentAuthorisationDate"))
def open_assessment_started_in_year(data: ReturnData) -> pl.DataFrame:
    return _failing(
        data,
        blank("AssessmentAuthorisationDate") & outside_year("AssessmentActualStartDate", data),
    )


@cin_rule("8863Q", fields=("AssessmentActualStartDate", "AssessmentAuthorisationDate"))
def one_assessment_at_a_time(data: ReturnData) -> pl.DataFrame:
    # "On or between" the other's start and authorisation (or the reference date if open).
    assessments = data.table(TABLE).with_columns(
        cin_date("AssessmentActualStartDate").alias("_start"),
        cin_date("AssessmentAuthorisationDate").alias("_end"),
    )
    ongoing = assessments.select(
        *EPISODE,
        pl.col("AssessmentID").alias("_other"),
        pl.col("_start").alias("_other_start"),
        pl.col("_end").alias("_other_end"),
    )
    pairs = assessments.join(ongoing, on=list(EPISODE), how="inner").filter(
        (pl.col("AssessmentID") != pl.col("_other"))
        & (pl.col("_other_start") <= pl.col("_start"))
        & (pl.col("_other_end").is_null() | (pl.col("_start") <= pl.col("_other_end")))
    )
    return flag(pairs, TABLE, "cin")


@cin_rule("8869", fields=("AssessmentFactors",))
def no_factors_alone(data: ReturnData) -> pl.DataFrame:
    factors = _factors(data)
    mixed = factors.filter(
        (_factor() == NO_FACTORS) & (_factor() != NO_FACTORS).any().over(ASSESSMENT)
    )
    return flag(mixed, FACTORS, "cin")


@cin_rule("8873Q", fields=("AssessmentFactors", "ReasonForClosure"))
def no_factors_closes_after_assessment(data: ReturnData) -> pl.DataFrame:
    # Read as: the episode was closed, but for a reason other than RC8/RC9 (an episode still
    # open at the reference date may be closed after it).
    assessments = data.table(TABLE).filter(pl.len().over(EPISODE) == 1)
    only_21 = (
        _factors(data)
        .group_by(ASSESSMENT)
        .agg((_factor() == NO_FACTORS).all().alias("_only_21"))
        .filter(pl.col("_only_21"))
    )
    rows = with_episode(assessments.join(only_21, on=list(ASSESSMENT), how="semi"), data)
    wrong = pl.col("_reason").is_not_null() & ~pl.col("_reason").is_in(CLOSED_AFTER_ASSESSMENT)
    return flag(rows.filter(present("AssessmentAuthorisationDate") & wrong), TABLE, "cin")


@cin_rule("8896", fields=("AssessmentAuthorisationDate",))
def one_open_assessment(data: ReturnData) -> pl.DataFrame:
    open_ = data.table(TABLE).filter(blank("AssessmentAuthorisationDate"))
    return flag(open_.filter(pl.len().over(EPISODE) > 1), TABLE, "cin")


@cin_rule("8897Q", fields=("AssessmentFactors", "AssessmentAuthorisationDate"))
def complete_assessment_has_factors(data: ReturnData) -> pl.DataFrame:
    frame = _with_factors(data)
    return flag(
        frame.filter(present("AssessmentAuthorisationDate") & ~pl.col("_factored")), TABLE, "cin"
    )


@cin_rule("8898", fields=("AssessmentFactors",))
def factor_once(data: ReturnData) -> pl.DataFrame:
    factors = _factors(data)
    return flag(factors.filter(pl.len().over(*ASSESSMENT, _factor()) > 1), FACTORS, "cin")


def _retired_factor(data: ReturnData, code: str) -> pl.DataFrame:
    return flag(_factors(data).filter(_factor() == code), FACTORS, "cin")


@cin_rule("8945Q", fields=("AssessmentFactors",))
def physical_abuse_factor_split(data: ReturnData) -> pl.DataFrame:
    return _retired_factor(data, "18A")


@cin_rule("8950Q", fields=("AssessmentFactors",))
def sexual_abuse_factor_split(data: ReturnData) -> pl.DataFrame:
    return _retired_factor(data, "19A")
