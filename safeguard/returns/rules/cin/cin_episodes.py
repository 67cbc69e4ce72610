"""CIN census rules across a child's episodes, and on what an episode holds for its outcome.

An episode closed "after assessment" or as a referral with no further action must not carry
later activity; a closed episode's work must be finished; a child has one open episode.
"""

from __future__ import annotations

import polars as pl

from safeguard.returns.rules.cin.common import (
    CHILD,
    CLOSED_AFTER_ASSESSMENT,
    EPISODE,
    flag_many,
    has_rows,
    open_enquiry,
    overlapping,
    with_episode,
    yes,
)
from safeguard.returns.rules.expr import blank, cin_date, one_of, present
from safeguard.returns.rules.registry import ReturnData, cin_rule, flag

TABLE = "CINdetails"


def _episodes_with(data: ReturnData, **parts: pl.DataFrame) -> pl.DataFrame:
    """CINdetails with a True/False column per named part: does the episode have any rows?"""
    frame = data.table(TABLE)
    for name, rows in parts.items():
        frame = frame.join(has_rows(rows, EPISODE, name), on=list(EPISODE), how="left")
        frame = frame.with_columns(pl.col(name).fill_null(False))
    return frame


@cin_rule(
    "2990",
    fields=("ReasonForClosure", "DateOfInitialCPC", "CINPlanStartDate", "CPPstartDate"),
)
def nothing_after_closed_after_assessment(data: ReturnData) -> pl.DataFrame:
    frame = _episodes_with(
        data,
        _s47=data.table("Section47"),
        _cpp=data.table("ChildProtectionPlans"),
        _cin_plan=data.table("CINplanDates"),
    )
    activity = pl.col("_s47") | pl.col("_cpp") | pl.col("_cin_plan") | present("DateOfInitialCPC")
    closed = one_of("ReasonForClosure", CLOSED_AFTER_ASSESSMENT)
    return flag(frame.filter(closed & activity), TABLE, "cin")


@cin_rule("2991Q", fields=("S47ActualStartDate", "AssessmentActualStartDate"))
def section47_has_assessment(data: ReturnData) -> pl.DataFrame:
    frame = _episodes_with(data, _s47=data.table("Section47"), _assessed=data.table("Assessments"))
    return flag(frame.filter(pl.col("_s47") & ~pl.col("_assessed")), TABLE, "cin")


@cin_rule("8825Q", fields=("ReasonForClosure",))
def closed_after_assessment_has_one(data: ReturnData) -> pl.DataFrame:
    frame = _episodes_with(data, _assessed=data.table("Assessments"))
    closed = one_of("ReasonForClosure", CLOSED_AFTER_ASSESSMENT)
    return flag(frame.filter(closed & ~pl.col("_assessed")), TABLE, "cin")


@cin_rule(
    "8831",
    fields=(
        "ReferralNFA",
        "AssessmentActualStartDate",
        "AssessmentAuthorisationDate",
        "S47ActualStartDate",
        "DateOfInitialCPC",
    ),
)
def nothing_after_nfa(data: ReturnData) -> pl.DataFrame:
    assessments = data.table("Assessments").filter(
        present("AssessmentActualStartDate") | present("AssessmentAuthorisationDate")
    )
    enquiries = data.table("Section47").filter(present("S47ActualStartDate"))
    frame = _episodes_with(data, _assessed=assessments, _s47=enquiries)
    activity = pl.col("_assessed") | pl.col("_s47") | present("DateOfInitialCPC")
    return flag(frame.filter(yes("ReferralNFA") & activity), TABLE, "cin")


@cin_rule("8867", fields=("CINclosureDate", "AssessmentAuthorisationDate"))
def closed_episode_assessments_complete(data: ReturnData) -> pl.DataFrame:
    open_assessments = data.table("Assessments").filter(blank("AssessmentAuthorisationDate"))
    frame = _episodes_with(data, _open=open_assessments)
    return flag(frame.filter(present("CINclosureDate") & pl.col("_open")), TABLE, "cin")


@cin_rule("8868", fields=("CINclosureDate", "DateOfInitialCPC", "ICPCnotRequired"))
def closed_episode_enquiries_complete(data: ReturnData) -> pl.DataFrame:
    frame = _episodes_with(data, _open=data.table("Section47").filter(open_enquiry()))
    return flag(frame.filter(present("CINclosureDate") & pl.col("_open")), TABLE, "cin")


def _open_further_action(data: ReturnData) -> pl.DataFrame:
    return data.table(TABLE).filter(present(CHILD) & blank("CINclosureDate") & ~yes("ReferralNFA"))


@cin_rule("8815", fields=("CINclosureDate", "ReferralNFA"))
def one_open_episode(data: ReturnData) -> pl.DataFrame:
    open_episodes = _open_further_action(data)
    return flag(open_episodes.filter(pl.len().over(CHILD) > 1), TABLE, "cin")


@cin_rule("8816", fields=("CINclosureDate", "CINreferralDate", "ReferralNFA"))
def open_episode_is_latest(data: ReturnData) -> pl.DataFrame:
    latest = (
        data.table(TABLE)
        .group_by(CHILD)
        .agg(cin_date("CINreferralDate").max().alias("_latest_referral"))
    )
    open_episodes = _open_further_action(data).join(latest, on=CHILD, how="inner")
    superseded = (cin_date("CINreferralDate") < pl.col("_latest_referral")).fill_null(False)
    return flag(open_episodes.filter(superseded), TABLE, "cin")


@cin_rule("8820", fields=("CINreferralDate", "CINclosureDate"))
def episodes_do_not_overlap(data: ReturnData) -> pl.DataFrame:
    frame = data.table(TABLE).filter(present(CHILD))
    clash = overlapping(frame, [CHILD], cin_date("CINreferralDate"), cin_date("CINclosureDate"))
    return flag(clash, TABLE, "cin")


#: 8565: the dates of each table that must not fall after the episode's closure.
ACTIVITY_DATES: dict[str, tuple[str, ...]] = {
    "Assessments": ("AssessmentActualStartDate", "AssessmentAuthorisationDate"),
    "CINplanDates": ("CINPlanStartDate", "CINPlanEndDate"),
    "Section47": ("S47ActualStartDate", "DateOfInitialCPC"),
    "ChildProtectionPlans": ("CPPstartDate", "CPPendDate"),
    "Reviews": ("CPPreviewDate",),
}


@cin_rule(
    "8565",
    fields=("CINclosureDate", *dict.fromkeys(c for cs in ACTIVITY_DATES.values() for c in cs)),
)
def no_activity_after_closure(data: ReturnData) -> pl.DataFrame:
    parts = []
    for table, columns in ACTIVITY_DATES.items():
        rows = with_episode(data.table(table), data)
        late = pl.any_horizontal(
            [(cin_date(c) > pl.col("_closure")).fill_null(False) for c in columns]
        )
        parts.append(flag(rows.filter(late), table, "cin"))
    episodes = data.table(TABLE)
    late_icpc = (cin_date("DateOfInitialCPC") > cin_date("CINclosureDate")).fill_null(False)
    parts.append(flag(episodes.filter(late_icpc), TABLE, "cin"))
    return flag_many(*parts)
