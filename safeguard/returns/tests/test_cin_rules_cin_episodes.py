"""CIN census rules across episodes, and on what an episode holds given how it ended."""

from __future__ import annotations

from typing import Any

import pytest

from safeguard.returns.testing.builders import failing_rows
from safeguard.returns.tests.test_cin_rules_valid import (
    ASSESSMENT,
    BASE,
    CHILD,
    ENQUIRY,
    EPISODE,
    census,
    with_,
)

FLAGGED = [("CINdetails", 30, CHILD)]
CLOSED = {"CINclosureDate": "2024-01-05", "ReasonForClosure": "RC8"}
NOTHING_BUT_ASSESSMENT: dict[str, Any] = {
    "CINplanDates": [],
    "Section47": [],
    "ChildProtectionPlans": [],
    "Reviews": [],
}


@pytest.mark.parametrize("reason", ["RC8", "RC9"])
def test_2990_closed_after_assessment_has_no_later_work(reason: str) -> None:
    closed = [with_(EPISODE, CINclosureDate="2024-01-05", ReasonForClosure=reason)]
    assert failing_rows("cin", "2990", census(CINdetails=closed)) == FLAGGED
    for table in ("CINplanDates", "Section47", "ChildProtectionPlans"):
        only: dict[str, Any] = {**NOTHING_BUT_ASSESSMENT, table: BASE[table]}
        assert failing_rows("cin", "2990", census(CINdetails=closed, **only)) == FLAGGED
    clean = census(CINdetails=closed, **NOTHING_BUT_ASSESSMENT)
    assert failing_rows("cin", "2990", clean) == []
    icpc = [with_(closed[0], DateOfInitialCPC="2023-06-22")]
    assert failing_rows("cin", "2990", census(CINdetails=icpc, **NOTHING_BUT_ASSESSMENT)) == FLAGGED


def test_2990_other_reasons_may_follow_work() -> None:
    closed = [with_(EPISODE, CINclosureDate="2024-01-05", ReasonForClosure="RC7")]
    assert failing_rows("cin", "2990", census(CINdetails=closed)) == []


def test_2991q_section47_without_assessment() -> None:
    assert failing_rows("cin", "2991Q", census(Assessments=[], AssessmentFactors=[])) == FLAGGED
    assert failing_rows("cin", "2991Q", census()) == []
    assert failing_rows("cin", "2991Q", census(Assessments=[], Section47=[])) == []


def test_8825q_closed_after_assessment_without_one() -> None:
    closed = [with_(EPISODE, **CLOSED)]
    assert failing_rows("cin", "8825Q", census(CINdetails=closed, Assessments=[])) == FLAGGED
    assert failing_rows("cin", "8825Q", census(CINdetails=closed)) == []
    other = [with_(EPISODE, CINclosureDate="2024-01-05", ReasonForClosure="RC7")]
    assert failing_rows("cin", "8825Q", census(CINdetails=other, Assessments=[])) == []


def test_8831_nfa_referral_has_no_activity() -> None:
    nfa = [with_(EPISODE, ReferralNFA="true")]
    assert failing_rows("cin", "8831", census(CINdetails=nfa)) == FLAGGED
    bare = census(CINdetails=nfa, Assessments=[], Section47=[])
    assert failing_rows("cin", "8831", bare) == []
    only_assessment = census(CINdetails=nfa, Section47=[])
    assert failing_rows("cin", "8831", only_assessment) == FLAGGED
    icpc = [with_(nfa[0], DateOfInitialCPC="2023-06-22")]
    assert failing_rows("cin", "8831", census(CINdetails=icpc, Assessments=[], Section47=[])) == (
        FLAGGED
    )
    assert failing_rows("cin", "8831", census()) == []


def test_8867_closed_episode_with_open_assessment() -> None:
    closed = [with_(EPISODE, CINclosureDate="2024-01-05", ReasonForClosure="RC7")]
    open_assessment = [with_(ASSESSMENT, AssessmentAuthorisationDate=None)]
    data = census(CINdetails=closed, Assessments=open_assessment)
    assert failing_rows("cin", "8867", data) == FLAGGED
    assert failing_rows("cin", "8867", census(CINdetails=closed)) == []
    assert failing_rows("cin", "8867", census(Assessments=open_assessment)) == []


@pytest.mark.parametrize(
    ("icpc", "not_required", "fails"),
    [(None, "false", True), (None, "true", False), ("2023-06-22", "false", False)],
)
def test_8868_closed_episode_with_open_enquiry(
    icpc: str | None, not_required: str, fails: bool
) -> None:
    closed = [with_(EPISODE, CINclosureDate="2024-01-05", ReasonForClosure="RC7")]
    enquiry = [with_(ENQUIRY, DateOfInitialCPC=icpc, ICPCnotRequired=not_required)]
    data = census(CINdetails=closed, Section47=enquiry)
    assert failing_rows("cin", "8868", data) == (FLAGGED if fails else [])


def _second(**values: str | None) -> dict[str, str | int | None]:
    return with_(EPISODE, CINdetailsID="2", _row=31, **values)


def test_8815_two_open_episodes() -> None:
    both_open = census(CINdetails=[EPISODE, _second(CINreferralDate="2024-01-10")])
    assert failing_rows("cin", "8815", both_open) == [
        ("CINdetails", 30, CHILD),
        ("CINdetails", 31, CHILD),
    ]
    nfa = census(CINdetails=[EPISODE, _second(CINreferralDate="2024-01-10", ReferralNFA="1")])
    assert failing_rows("cin", "8815", nfa) == []


def test_8816_open_episode_must_be_the_latest() -> None:
    later = _second(
        CINreferralDate="2024-01-10", CINclosureDate="2024-01-11", ReasonForClosure="RC7"
    )
    assert failing_rows("cin", "8816", census(CINdetails=[EPISODE, later])) == FLAGGED
    earlier = _second(
        CINreferralDate="2023-04-10", CINclosureDate="2023-04-11", ReasonForClosure="RC7"
    )
    assert failing_rows("cin", "8816", census(CINdetails=[EPISODE, earlier])) == []


@pytest.mark.parametrize(
    ("closure", "fails"), [("2023-05-01", False), ("2023-05-02", False), ("2023-05-03", True)]
)
def test_8820_episodes_overlap(closure: str, fails: bool) -> None:
    earlier = _second(CINreferralDate="2023-04-03", CINclosureDate=closure, ReasonForClosure="RC7")
    expected = [("CINdetails", 30, CHILD), ("CINdetails", 31, CHILD)] if fails else []
    assert failing_rows("cin", "8820", census(CINdetails=[EPISODE, earlier])) == expected


def test_8820_other_children_do_not_overlap() -> None:
    other = _second(LAchildID="C2", CINreferralDate="2023-04-03")
    assert failing_rows("cin", "8820", census(CINdetails=[EPISODE, other])) == []


@pytest.mark.parametrize(
    ("closure", "expected"),
    [
        ("2023-09-14", []),
        ("2023-09-13", [("Reviews", 90, CHILD)]),
        (
            "2023-06-21",
            [
                ("CINplanDates", 60, CHILD),
                ("ChildProtectionPlans", 80, CHILD),
                ("Reviews", 90, CHILD),
                ("Section47", 70, CHILD),
            ],
        ),
    ],
)
def test_8565_no_activity_after_closure(closure: str, expected: list[object]) -> None:
    closed = [with_(EPISODE, CINclosureDate=closure, ReasonForClosure="RC7")]
    assert failing_rows("cin", "8565", census(CINdetails=closed)) == expected


def test_8565_episode_level_conference_after_closure() -> None:
    closed = with_(EPISODE, CINclosureDate="2023-09-14", ReasonForClosure="RC7")
    late = [with_(closed, DateOfInitialCPC="2023-09-15")]
    assert failing_rows("cin", "8565", census(CINdetails=late)) == FLAGGED
    assert failing_rows("cin", "8565", census()) == []  # open episode
