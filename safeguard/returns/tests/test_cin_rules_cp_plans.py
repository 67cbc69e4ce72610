"""CIN census rules on child protection plans and their reviews."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeguard.returns.testing.builders import failing_rows
from safeguard.returns.tests.test_cin_rules_valid import (
    CHILD,
    ENQUIRY,
    EPISODE,
    IDENT,
    PROTECTION,
    REVIEW,
    census,
    with_,
)

FLAGGED = [("ChildProtectionPlans", 80, CHILD)]
REVIEW_FLAGGED = [("Reviews", 90, CHILD)]
DAYS = st.dates(min_value=dt.date(2023, 4, 1), max_value=dt.date(2024, 3, 31))


@pytest.mark.parametrize(
    ("code", "values", "fails"),
    [
        ("1105", {"CPPstartDate": "2023-05-01"}, True),
        ("1105", {"CPPstartDate": "2023-05-02"}, False),
        ("8720", {"CPPstartDate": None}, True),
        ("8720", {"CPPstartDate": "2024-04-01"}, True),
        ("8720", {"CPPstartDate": "2024-03-31"}, False),
        ("8730", {"NumberOfPreviousCPP": None}, True),
        ("8730", {"NumberOfPreviousCPP": "two"}, True),
        ("8730", {"NumberOfPreviousCPP": "2"}, False),
        ("8840", {"CPPendDate": "2023-06-22"}, True),
        ("8840", {"CPPendDate": "2023-06-23"}, False),
        ("8905", {"InitialCategoryOfAbuse": "NEGLECT"}, True),
        ("8905", {"InitialCategoryOfAbuse": None}, True),
        ("8905", {"InitialCategoryOfAbuse": "MUL"}, False),
        ("8910", {"LatestCategoryOfAbuse": "XXX"}, True),
        ("8910", {"LatestCategoryOfAbuse": None}, True),
        ("8910", {"LatestCategoryOfAbuse": "EMO"}, False),
        ("8925", {"CPPendDate": "2023-06-21"}, True),
        ("8925", {"CPPendDate": "2023-06-22"}, False),
        ("8930", {"CPPendDate": "2024-04-01"}, True),
        ("8930", {"CPPendDate": "2024-03-31"}, False),
    ],
)
def test_protection_plan_rules(code: str, values: dict[str, str | None], fails: bool) -> None:
    data = census(ChildProtectionPlans=[with_(PROTECTION, **values)])
    assert failing_rows("cin", code, data) == (FLAGGED if fails else [])


@pytest.mark.parametrize(
    ("code", "death", "end", "fails"),
    [
        ("8915", "2023-06-21", None, True),
        ("8915", "2023-06-22", None, False),
        ("8920", "2023-08-01", "2023-08-02", True),
        ("8920", "2023-08-01", "2023-08-01", False),
    ],
)
def test_protection_plan_and_death(code: str, death: str, end: str | None, fails: bool) -> None:
    data = census(
        ChildIdentifiers=[with_(IDENT, PersonDeathDate=death)],
        ChildProtectionPlans=[with_(PROTECTION, CPPendDate=end)],
    )
    assert failing_rows("cin", code, data) == (FLAGGED if fails else [])


def test_8832_no_protection_plan_for_nfa_referral() -> None:
    nfa = [with_(EPISODE, ReferralNFA="true")]
    assert failing_rows("cin", "8832", census(CINdetails=nfa)) == FLAGGED
    assert failing_rows("cin", "8832", census()) == []


def test_2883_more_plans_than_conferences() -> None:
    second = with_(PROTECTION, CPPID="2", CPPstartDate="2023-12-01", _row=81)
    first = with_(PROTECTION, CPPendDate="2023-11-30")
    data = census(ChildProtectionPlans=[first, second])
    assert failing_rows("cin", "2883", data) == [("ChildProtectionPlans", None, None)]
    second_conference = with_(ENQUIRY, S47ActualStartDate="2023-11-20", _row=71)
    second_conference = with_(second_conference, DateOfInitialCPC="2023-12-01")
    data = census(ChildProtectionPlans=[first, second], Section47=[ENQUIRY, second_conference])
    assert failing_rows("cin", "2883", data) == []
    # A plan that started before the year is not counted.
    old = with_(PROTECTION, CPPID="2", CPPstartDate="2023-03-31", _row=81)
    assert failing_rows("cin", "2883", census(ChildProtectionPlans=[first, old])) == []


@pytest.mark.parametrize(
    ("s47_icpc", "episode_icpc", "cpp_start", "fails"),
    [
        ("2023-06-22", None, "2023-06-22", False),
        ("2023-06-22", None, "2023-06-23", True),
        (None, "2023-06-23", "2023-06-23", False),  # conference recorded on the episode
        (None, None, "2023-06-23", True),
        (None, None, "2023-03-31", False),  # started before the year
    ],
)
def test_2885_plan_starts_on_the_conference_day(
    s47_icpc: str | None, episode_icpc: str | None, cpp_start: str, fails: bool
) -> None:
    data = census(
        Section47=[with_(ENQUIRY, DateOfInitialCPC=s47_icpc)],
        CINdetails=[with_(EPISODE, DateOfInitialCPC=episode_icpc)],
        ChildProtectionPlans=[with_(PROTECTION, CPPstartDate=cpp_start)],
    )
    assert failing_rows("cin", "2885", data) == (FLAGGED if fails else [])


def test_8935_two_open_protection_plans() -> None:
    second = with_(PROTECTION, CINdetailsID="2", CPPID="1", CPPstartDate="2023-09-01", _row=81)
    assert failing_rows("cin", "8935", census(ChildProtectionPlans=[PROTECTION, second])) == [
        ("ChildProtectionPlans", 80, CHILD),
        ("ChildProtectionPlans", 81, CHILD),
    ]
    ended = with_(PROTECTION, CPPendDate="2023-08-31")
    assert failing_rows("cin", "8935", census(ChildProtectionPlans=[ended, second])) == []


@given(DAYS, DAYS, DAYS, st.one_of(st.none(), DAYS))
def test_8940_flags_exactly_overlapping_plans(
    a_start: dt.date, a_end: dt.date, b_start: dt.date, b_end: dt.date | None
) -> None:
    first = with_(PROTECTION, CPPstartDate=a_start.isoformat(), CPPendDate=a_end.isoformat())
    second = with_(
        PROTECTION,
        CPPID="2",
        CPPstartDate=b_start.isoformat(),
        CPPendDate=b_end.isoformat() if b_end else None,
        _row=81,
    )
    far = dt.date(9999, 12, 31)
    b_stop = b_end or far
    overlap = a_start < a_end and b_start < b_stop and a_start < b_stop and b_start < a_end
    expected = [("ChildProtectionPlans", 80, CHILD), ("ChildProtectionPlans", 81, CHILD)]
    data = census(ChildProtectionPlans=[first, second])
    assert failing_rows("cin", "8940", data) == (expected if overlap else [])


@pytest.mark.parametrize(
    ("review", "fails"), [("2023-06-21", True), ("2023-06-22", True), ("2023-06-23", False)]
)
def test_8841_review_after_plan_start(review: str, fails: bool) -> None:
    data = census(Reviews=[with_(REVIEW, CPPreviewDate=review)])
    assert failing_rows("cin", "8841", data) == (REVIEW_FLAGGED if fails else [])


def test_8842q_review_without_a_date() -> None:
    data = census(Reviews=[with_(REVIEW, CPPreviewDate=None)])
    assert failing_rows("cin", "8842Q", data) == REVIEW_FLAGGED
    assert failing_rows("cin", "8842Q", census()) == []
