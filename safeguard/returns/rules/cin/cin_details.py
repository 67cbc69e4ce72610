"""CIN census rules on one CIN episode (CINdetails): its codes, referral and closure."""

from __future__ import annotations

import datetime as dt

import polars as pl

from safeguard.core.calendar import add_working_days
from safeguard.returns.rules.cin.common import (
    CHILD,
    children,
    no,
    outside_year,
    yes,
)
from safeguard.returns.rules.expr import blank, cin_date, one_of, present
from safeguard.returns.rules.registry import ReturnData, cin_rule, flag
from safeguard.returns.spec import cin_codes

TABLE = "CINdetails"

#: Reason for closure RC2: the child died.
DIED = "RC2"

#: 8606: a referral may come at most 40 weeks before the birth (a pre-birth referral).
PRE_BIRTH_DAYS = 280


def _failing(data: ReturnData, condition: pl.Expr) -> pl.DataFrame:
    return flag(data.table(TABLE).filter(condition), TABLE, "cin")


def _with_child(data: ReturnData) -> pl.DataFrame:
    """Episodes with the child's dates (null where the child has no identifiers)."""
    return data.table(TABLE).join(children(data), on=CHILD, how="left")


@cin_rule("8555Q", fields=("CINreferralDate", "PersonDeathDate"))
def referral_before_death(data: ReturnData) -> pl.DataFrame:
    late = (cin_date("CINreferralDate") > pl.col("_death")).fill_null(False)
    return flag(_with_child(data).filter(late), TABLE, "cin")


@cin_rule("8568", fields=("ReferralNFA",))
def nfa_flag_valid(data: ReturnData) -> pl.DataFrame:
    return _failing(data, ~one_of("ReferralNFA", cin_codes("yesnotype")))


def nfa_cut_off(data: ReturnData) -> dt.date:
    """One working day before the collection year starts: older referrals cannot be NFA."""
    return add_working_days(data.collection_start, -1)


@cin_rule("8569Q", fields=("CINreferralDate", "ReferralNFA"))
def old_referral_not_nfa(data: ReturnData) -> pl.DataFrame:
    old = (cin_date("CINreferralDate") < pl.lit(nfa_cut_off(data))).fill_null(False)
    return _failing(data, old & yes("ReferralNFA"))


@cin_rule("8585Q", fields=("ReasonForClosure", "PersonDeathDate"))
def died_has_death_date(data: ReturnData) -> pl.DataFrame:
    died = one_of("ReasonForClosure", [DIED]) & pl.col("_death").is_null()
    return flag(_with_child(data).filter(died), TABLE, "cin")


@cin_rule("8600", fields=("CINreferralDate",))
def referral_in_period(data: ReturnData) -> pl.DataFrame:
    referral = cin_date("CINreferralDate")
    bad = referral.is_null() | (referral > pl.lit(data.collection_end))
    return _failing(data, bad)


@cin_rule("8606", fields=("CINreferralDate", "PersonBirthDate", "ExpectedPersonBirthDate"))
def referral_not_long_before_birth(data: ReturnData) -> pl.DataFrame:
    referral = cin_date("CINreferralDate")
    before = pl.duration(days=PRE_BIRTH_DAYS)
    early = (referral < pl.col("_birth") - before).fill_null(False) | (
        referral < pl.col("_expected_birth") - before
    ).fill_null(False)
    return flag(_with_child(data).filter(early), TABLE, "cin")


@cin_rule("8610", fields=("PrimaryNeedCode", "ReferralNFA"))
def primary_need_for_further_action(data: ReturnData) -> pl.DataFrame:
    return _failing(data, no("ReferralNFA") & blank("PrimaryNeedCode"))


@cin_rule("8620", fields=("CINclosureDate",))
def closure_in_year(data: ReturnData) -> pl.DataFrame:
    return _failing(data, outside_year("CINclosureDate", data))


@cin_rule("8630", fields=("CINclosureDate", "CINreferralDate"))
def closure_after_referral(data: ReturnData) -> pl.DataFrame:
    early = (cin_date("CINclosureDate") < cin_date("CINreferralDate")).fill_null(False)
    return _failing(data, early)


@cin_rule("8640", fields=("ReasonForClosure",))
def closure_reason_valid(data: ReturnData) -> pl.DataFrame:
    codes = cin_codes("reasonforclosuretype")
    return _failing(data, present("ReasonForClosure") & ~one_of("ReasonForClosure", codes))


@cin_rule("8650", fields=("PrimaryNeedCode",))
def primary_need_valid(data: ReturnData) -> pl.DataFrame:
    codes = cin_codes("primaryneedcodetype")
    return _failing(data, present("PrimaryNeedCode") & ~one_of("PrimaryNeedCode", codes))


@cin_rule("8805", fields=("CINclosureDate", "ReasonForClosure"))
def closure_has_reason(data: ReturnData) -> pl.DataFrame:
    return _failing(data, present("CINclosureDate") & blank("ReasonForClosure"))


@cin_rule("8810", fields=("ReasonForClosure", "CINclosureDate"))
def reason_has_closure(data: ReturnData) -> pl.DataFrame:
    return _failing(data, present("ReasonForClosure") & blank("CINclosureDate"))


@cin_rule("8866", fields=("ReferralSource",))
def referral_source_valid(data: ReturnData) -> pl.DataFrame:
    return _failing(data, ~one_of("ReferralSource", cin_codes("referralsourcetype")))
