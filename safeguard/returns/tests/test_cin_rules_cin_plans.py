"""CIN census rules on CIN plans and how they sit beside child protection plans."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeguard.returns.testing.builders import failing_rows
from safeguard.returns.tests.test_cin_rules_valid import (
    CHILD,
    CIN_PLAN,
    EPISODE,
    IDENT,
    PROTECTION,
    REVIEW,
    census,
    with_,
)

FLAGGED = [("CINplanDates", 60, CHILD)]
DAYS = st.dates(min_value=dt.date(2023, 4, 1), max_value=dt.date(2024, 3, 31))


@pytest.mark.parametrize(
    ("code", "values", "fails"),
    [
        ("4010", {"CINPlanStartDate": None}, True),
        ("4010", {"CINPlanStartDate": "2024-04-01"}, True),
        ("4010", {"CINPlanStartDate": "2024-03-31", "CINPlanEndDate": None}, False),
        ("4011", {"CINPlanEndDate": "2023-05-31"}, True),
        ("4011", {"CINPlanEndDate": "2023-06-01"}, False),
        ("4012Q", {"CINPlanEndDate": "2023-06-01"}, True),
        ("4012Q", {"CINPlanEndDate": "2023-06-02"}, False),
        ("4013", {"CINPlanEndDate": "2024-04-01"}, True),
        ("4013", {"CINPlanStartDate": "2023-01-01", "CINPlanEndDate": "2023-03-31"}, True),
        ("4013", {"CINPlanEndDate": "2024-03-31"}, False),
        ("4013", {"CINPlanEndDate": None}, False),
        ("4015", {"CINPlanStartDate": "2023-05-01"}, True),
        ("4015", {"CINPlanStartDate": "2023-05-02"}, False),
    ],
)
def test_cin_plan_rules(code: str, values: dict[str, str | None], fails: bool) -> None:
    data = census(CINplanDates=[with_(CIN_PLAN, **values)])
    assert failing_rows("cin", code, data) == (FLAGGED if fails else [])


def test_4000_no_cin_plan_for_an_nfa_referral() -> None:
    nfa = [with_(EPISODE, ReferralNFA="1")]
    assert failing_rows("cin", "4000", census(CINdetails=nfa)) == FLAGGED
    assert failing_rows("cin", "4000", census()) == []


def test_4001_open_cin_plan_and_open_protection_plan() -> None:
    open_plan = [with_(CIN_PLAN, CINPlanEndDate=None)]
    assert failing_rows("cin", "4001", census(CINplanDates=open_plan)) == FLAGGED
    ended = [with_(PROTECTION, CPPendDate="2024-01-05")]
    assert (
        failing_rows("cin", "4001", census(CINplanDates=open_plan, ChildProtectionPlans=ended))
        == []
    )
    assert failing_rows("cin", "4001", census()) == []


@pytest.mark.parametrize(
    ("review", "cpp_end", "fails"),
    [
        ("2023-06-21", None, True),
        ("2023-06-01", None, True),  # the day the CIN plan starts
        ("2023-06-22", None, False),  # the day it ends
        ("2023-06-21", "2023-06-21", False),  # the review that ended the protection plan
    ],
)
def test_4003_review_during_cin_plan(review: str, cpp_end: str | None, fails: bool) -> None:
    data = census(
        Reviews=[with_(REVIEW, CPPreviewDate=review)],
        ChildProtectionPlans=[with_(PROTECTION, CPPstartDate="2023-05-10", CPPendDate=cpp_end)],
    )
    assert failing_rows("cin", "4003", data) == ([("Reviews", 90, CHILD)] if fails else [])


def test_4004_two_open_cin_plans() -> None:
    first = with_(CIN_PLAN, CINPlanEndDate=None)
    second = with_(first, CINPlanStartDate="2023-07-01", _row=61)
    assert failing_rows("cin", "4004", census(CINplanDates=[first, second])) == [
        ("CINplanDates", 60, CHILD),
        ("CINplanDates", 61, CHILD),
    ]
    assert failing_rows("cin", "4004", census(CINplanDates=[CIN_PLAN, second])) == []


@pytest.mark.parametrize(
    ("code", "death", "fails"),
    [
        ("4008", "2023-05-31", True),
        ("4008", "2023-06-01", False),
        ("4009Q", "2023-06-21", True),
        ("4009Q", "2023-06-22", False),
    ],
)
def test_cin_plan_and_death(code: str, death: str, fails: bool) -> None:
    data = census(ChildIdentifiers=[with_(IDENT, PersonDeathDate=death)])
    assert failing_rows("cin", code, data) == (FLAGGED if fails else [])


@pytest.mark.parametrize(
    ("second_start", "second_end", "fails"),
    [
        ("2023-06-22", "2023-07-01", False),  # starts the day the first ends
        ("2023-06-21", "2023-07-01", True),
        ("2023-05-02", "2023-06-01", False),  # ends the day the first starts
        ("2023-06-10", None, True),
    ],
)
def test_4014_overlapping_cin_plans(second_start: str, second_end: str | None, fails: bool) -> None:
    second = with_(CIN_PLAN, CINPlanStartDate=second_start, CINPlanEndDate=second_end, _row=61)
    expected = [("CINplanDates", 60, CHILD), ("CINplanDates", 61, CHILD)] if fails else []
    assert failing_rows("cin", "4014", census(CINplanDates=[CIN_PLAN, second])) == expected


@given(DAYS, DAYS, DAYS, DAYS)
def test_4014_flags_exactly_overlapping_pairs(
    a_start: dt.date, a_end: dt.date, b_start: dt.date, b_end: dt.date
) -> None:
    first = with_(CIN_PLAN, CINPlanStartDate=a_start.isoformat(), CINPlanEndDate=a_end.isoformat())
    second = with_(first, CINPlanStartDate=b_start.isoformat(), CINPlanEndDate=b_end.isoformat())
    second = with_(second, _row=61)
    overlap = a_start < a_end and b_start < b_end and a_start < b_end and b_start < a_end
    expected = [("CINplanDates", 60, CHILD), ("CINplanDates", 61, CHILD)] if overlap else []
    assert failing_rows("cin", "4014", census(CINplanDates=[first, second])) == expected


@given(DAYS, DAYS)
def test_4011_flags_exactly_plans_ending_before_they_start(start: dt.date, end: dt.date) -> None:
    plan = with_(CIN_PLAN, CINPlanStartDate=start.isoformat(), CINPlanEndDate=end.isoformat())
    expected = FLAGGED if end < start else []
    assert failing_rows("cin", "4011", census(CINplanDates=[plan])) == expected


@pytest.mark.parametrize(
    ("plan_start", "cpp_end", "fails"),
    [
        ("2023-06-22", None, True),  # the day the protection plan starts
        ("2023-06-21", None, False),
        ("2024-03-31", None, True),  # open protection plan: up to the reference date
        ("2023-08-01", "2023-08-01", False),  # the day the protection plan ends
        ("2023-07-31", "2023-08-01", True),
    ],
)
def test_4016_cin_plan_starting_during_protection(
    plan_start: str, cpp_end: str | None, fails: bool
) -> None:
    data = census(
        CINplanDates=[with_(CIN_PLAN, CINPlanStartDate=plan_start, CINPlanEndDate=None)],
        ChildProtectionPlans=[with_(PROTECTION, CPPendDate=cpp_end)],
    )
    assert failing_rows("cin", "4016", data) == (FLAGGED if fails else [])


@pytest.mark.parametrize(
    ("cpp_start", "plan_end", "fails"),
    [
        ("2023-06-22", "2023-06-22", False),  # the protection plan replaces the CIN plan
        ("2023-06-21", "2023-06-22", True),
        ("2023-06-01", "2023-06-22", True),  # the day the CIN plan starts
        ("2023-05-31", "2023-06-22", False),
        ("2024-03-31", None, True),  # open CIN plan: up to the reference date
    ],
)
def test_4017_protection_starting_during_cin_plan(
    cpp_start: str, plan_end: str | None, fails: bool
) -> None:
    data = census(
        CINplanDates=[with_(CIN_PLAN, CINPlanEndDate=plan_end)],
        ChildProtectionPlans=[with_(PROTECTION, CPPstartDate=cpp_start)],
    )
    expected = [("ChildProtectionPlans", 80, CHILD)] if fails else []
    assert failing_rows("cin", "4017", data) == expected
