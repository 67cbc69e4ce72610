"""CIN census rules on ChildIdentifiers: who the child is, their UPN, sex and dates of life."""

from __future__ import annotations

import datetime as dt

import polars as pl

from safeguard.core.calendar import add_months
from safeguard.returns.rules.cin import upn
from safeguard.returns.rules.cin.common import CHILD
from safeguard.returns.rules.expr import blank, cin_date, one_of, present
from safeguard.returns.rules.registry import ReturnData, cin_rule, flag, no_failures
from safeguard.returns.spec import cin_codes

TABLE = "ChildIdentifiers"

#: GenderCurrent "not recorded or unborn".
SEX_NOT_RECORDED = "0"

#: UPNunknown UN1: under 6 and not yet at school; UN7: referral with no further action.
UNDER_SCHOOL_AGE = "UN1"
NFA_REFERRAL = "UN7"

#: 8770Q: from this age a child should have a UPN (UN1 means "under 6, not at school").
SCHOOL_AGE = 6


def _ids(data: ReturnData) -> pl.DataFrame:
    return data.table(TABLE)


def _failing(data: ReturnData, condition: pl.Expr) -> pl.DataFrame:
    return flag(_ids(data).filter(condition), TABLE, "cin")


def _aged_at_least(years: int, data: ReturnData) -> pl.Expr:
    """The child has had their ``years``-th birthday by the reference date."""
    birthday = cin_date("PersonBirthDate").dt.offset_by(f"{years}y")
    return (birthday <= pl.lit(data.collection_end)).fill_null(False)


def _unborn() -> pl.Expr:
    return blank("PersonBirthDate") & present("ExpectedPersonBirthDate")


@cin_rule("1510", fields=("UPN",))
def upn_check_letter(data: ReturnData) -> pl.DataFrame:
    expected = upn.expected_check_letter("UPN")
    wrong = present("UPN") & expected.is_not_null() & (upn.char("UPN", 1) != expected)
    return _failing(data, wrong.fill_null(False))


@cin_rule("1520", fields=("UPN",))
def upn_unique(data: ReturnData) -> pl.DataFrame:
    ids = _ids(data).filter(present("UPN"))
    return flag(ids.filter(upn.upn("UPN").is_duplicated()), TABLE, "cin")


@cin_rule("1530", fields=("UPN",))
def upn_la_number(data: ReturnData) -> pl.DataFrame:
    return _failing(data, present("UPN") & ~upn.la_number_ok("UPN"))


@cin_rule("1540", fields=("UPN",))
def upn_serial_numeric(data: ReturnData) -> pl.DataFrame:
    return _failing(data, present("UPN") & ~upn.digits_ok("UPN"))


@cin_rule("1550", fields=("UPN",))
def upn_last_character(data: ReturnData) -> pl.DataFrame:
    return _failing(data, present("UPN") & ~upn.last_ok("UPN"))


@cin_rule("1560Q", fields=("FormerUPN",))
def former_upn_format(data: ReturnData) -> pl.DataFrame:
    return _failing(data, present("FormerUPN") & ~upn.well_formed("FormerUPN"))


@cin_rule("1570", fields=("LAchildID",))
def la_child_id_length(data: ReturnData) -> pl.DataFrame:
    return _failing(data, (pl.col(CHILD).str.len_chars() > 20).fill_null(False))


@cin_rule("1580", fields=("LAchildID",))
def la_child_id_alphanumeric(data: ReturnData) -> pl.DataFrame:
    # An absent ID is 8500's error, not this one.
    odd = present(CHILD) & ~pl.col(CHILD).str.contains(r"^[A-Za-z0-9]+$").fill_null(False)
    return _failing(data, odd)


@cin_rule("2886Q", fields=("GenderCurrent",))
def sex_mostly_recorded(data: ReturnData) -> pl.DataFrame:
    born = _ids(data).filter(~_unborn())
    if born.height == 0:
        return no_failures()
    missing = born.filter(blank("GenderCurrent") | one_of("GenderCurrent", [SEX_NOT_RECORDED]))
    if missing.height * 100 <= born.height * 2:
        return no_failures()
    return flag(missing, TABLE, "cin")


@cin_rule("4180", fields=("GenderCurrent",))
def sex_valid(data: ReturnData) -> pl.DataFrame:
    return _failing(data, ~one_of("GenderCurrent", cin_codes("gendertype")))


@cin_rule("8500", fields=("LAchildID",))
def la_child_id_present(data: ReturnData) -> pl.DataFrame:
    return _failing(data, blank(CHILD))


@cin_rule("8510", fields=("LAchildID",))
def la_child_id_unique(data: ReturnData) -> pl.DataFrame:
    ids = _ids(data).filter(present(CHILD))
    return flag(ids.filter(pl.col(CHILD).str.strip_chars().is_duplicated()), TABLE, "cin")


@cin_rule("8520", fields=("PersonBirthDate",))
def born_by_reference_date(data: ReturnData) -> pl.DataFrame:
    late = cin_date("PersonBirthDate") > pl.lit(data.collection_end)
    return _failing(data, late.fill_null(False))


@cin_rule("8525Q", fields=("PersonBirthDate", "ExpectedPersonBirthDate"))
def one_birth_date(data: ReturnData) -> pl.DataFrame:
    return _failing(data, present("PersonBirthDate") == present("ExpectedPersonBirthDate"))


@cin_rule("8530Q", fields=("ExpectedPersonBirthDate", "ReferenceDate"))
def expected_birth_in_range(data: ReturnData) -> pl.DataFrame:
    earliest = data.collection_end - dt.timedelta(days=30)
    latest = add_months(data.collection_end, 9)
    inside = cin_date("ExpectedPersonBirthDate").is_between(pl.lit(earliest), pl.lit(latest))
    return _failing(data, present("ExpectedPersonBirthDate") & ~inside.fill_null(False))


@cin_rule("8535Q", fields=("PersonDeathDate", "PersonBirthDate"))
def death_after_birth(data: ReturnData) -> pl.DataFrame:
    early = cin_date("PersonDeathDate") < cin_date("PersonBirthDate")
    return _failing(data, early.fill_null(False))


@cin_rule("8545Q", fields=("PersonDeathDate",))
def death_in_year(data: ReturnData) -> pl.DataFrame:
    death = cin_date("PersonDeathDate")
    inside = death.is_between(pl.lit(data.collection_start), pl.lit(data.collection_end))
    return _failing(data, present("PersonDeathDate") & ~inside.fill_null(False))


@cin_rule("8590", fields=("LAchildID",))
def child_has_episode(data: ReturnData) -> pl.DataFrame:
    with_episode = data.table("CINdetails").select(CHILD).unique()
    ids = _ids(data).filter(present(CHILD))
    return flag(ids.join(with_episode, on=CHILD, how="anti"), TABLE, "cin")


@cin_rule("8750", fields=("GenderCurrent",))
def unborn_sex_unknown(data: ReturnData) -> pl.DataFrame:
    return _failing(data, _unborn() & ~one_of("GenderCurrent", [SEX_NOT_RECORDED]))


@cin_rule("8770Q", fields=("UPN", "UPNunknown"))
def school_age_upn(data: ReturnData) -> pl.DataFrame:
    # A child of 6 or more (UN1 means "under 6") referred for further action should have a
    # UPN, or a reason for its absence other than UN1.
    reasons = [code for code in cin_codes("unknownupntype") if code != UNDER_SCHOOL_AGE]
    further_action = _further_action_children(data)
    school_age = _aged_at_least(SCHOOL_AGE, data)
    missing = school_age & blank("UPN") & ~one_of("UPNunknown", reasons)
    return flag(_ids(data).filter(missing).join(further_action, on=CHILD, how="semi"), TABLE, "cin")


def _further_action_children(data: ReturnData) -> pl.DataFrame:
    """Children with an episode that is not a referral with no further action."""
    episodes = data.table("CINdetails")
    return episodes.filter(one_of("ReferralNFA", ("false", "FALSE", "0"))).select(CHILD).unique()


@cin_rule("8772", fields=("UPNunknown", "ReferralNFA"))
def nfa_upn_reason(data: ReturnData) -> pl.DataFrame:
    claimed = _ids(data).filter(one_of("UPNunknown", [NFA_REFERRAL]))
    further_action = _further_action_children(data)
    return flag(claimed.join(further_action, on=CHILD, how="semi"), TABLE, "cin")


@cin_rule("8775Q", fields=("PersonBirthDate",))
def not_over_25(data: ReturnData) -> pl.DataFrame:
    # "Over 25" is read as 26 or older in whole years at the reference date.
    return _failing(data, _aged_at_least(26, data))
