"""CIN census rules on Section 47 enquiries and initial child protection conferences."""

from __future__ import annotations

import pytest

from safeguard.returns.testing.builders import failing_rows
from safeguard.returns.tests.test_cin_rules_valid import CHILD, ENQUIRY, EPISODE, census, with_

FLAGGED = [("Section47", 70, CHILD)]
EPISODE_FLAGGED = [("CINdetails", 30, CHILD)]
OPEN = {"DateOfInitialCPC": None, "ICPCnotRequired": "false"}


@pytest.mark.parametrize(
    ("code", "values", "fails"),
    [
        ("1104", {"DateOfInitialCPC": "2023-05-01"}, True),
        ("1104", {"DateOfInitialCPC": "2023-05-02"}, False),
        ("2889", {"S47ActualStartDate": "2023-05-01"}, True),
        ("2889", {"S47ActualStartDate": "2023-05-02"}, False),
        ("8615", {"S47ActualStartDate": None}, True),
        ("8615", {"S47ActualStartDate": "2023-06-23"}, True),
        ("8615", {"S47ActualStartDate": "2023-06-22"}, False),
        ("8615", {"S47ActualStartDate": "2023-06-23", "DateOfInitialCPC": None}, False),
        # 15 working days before 31 March 2024 (Good Friday is 29 March) is 8 March.
        ("8675Q", {"S47ActualStartDate": "2024-03-07", **OPEN}, True),
        ("8675Q", {"S47ActualStartDate": "2024-03-08", **OPEN}, False),
        (
            "8675Q",
            {
                "S47ActualStartDate": "2024-03-07",
                "DateOfInitialCPC": None,
                "ICPCnotRequired": "true",
            },
            False,
        ),
        ("8715", {"DateOfInitialCPC": "2024-04-01"}, True),
        ("8715", {"DateOfInitialCPC": "2023-03-31"}, True),
        ("8715", {"DateOfInitialCPC": "2023-04-03"}, False),
        ("8740", {"S47ActualStartDate": "2023-03-31", **OPEN}, True),
        ("8740", {"S47ActualStartDate": "2023-04-01", **OPEN}, False),
        ("8740", {"S47ActualStartDate": "2023-03-31"}, False),  # conference held
        ("8870Q", {"InitialCPCtarget": "2023-06-24"}, True),  # Saturday
        ("8870Q", {"InitialCPCtarget": "2023-06-25"}, True),  # Sunday
        ("8870Q", {"InitialCPCtarget": "2023-06-26"}, False),  # Monday
        ("8875", {"DateOfInitialCPC": "2023-06-24"}, True),
        ("8875", {"DateOfInitialCPC": "2023-06-23"}, False),  # Friday
    ],
)
def test_section47_rules(code: str, values: dict[str, str | None], fails: bool) -> None:
    data = census(Section47=[with_(ENQUIRY, **values)])
    assert failing_rows("cin", code, data) == (FLAGGED if fails else [])


@pytest.mark.parametrize(
    ("code", "icpc", "fails"),
    [
        ("1104", "2023-05-01", True),
        ("1104", "2023-05-02", False),
        ("8715", "2023-03-31", True),
        ("8715", "2023-04-03", False),
        ("8875", "2023-06-25", True),
        ("8875", "2023-06-26", False),
    ],
)
def test_conference_recorded_on_the_episode(code: str, icpc: str, fails: bool) -> None:
    data = census(CINdetails=[with_(EPISODE, DateOfInitialCPC=icpc)], Section47=[])
    assert failing_rows("cin", code, data) == (EPISODE_FLAGGED if fails else [])


def test_2884_conference_recorded_at_both_levels() -> None:
    twice = census(CINdetails=[with_(EPISODE, DateOfInitialCPC="2023-06-22")])
    assert failing_rows("cin", "2884", twice) == EPISODE_FLAGGED + FLAGGED
    other = census(CINdetails=[with_(EPISODE, DateOfInitialCPC="2023-06-21")])
    assert failing_rows("cin", "2884", other) == []
    assert failing_rows("cin", "2884", census()) == []


def test_8839_two_open_enquiries_in_an_episode() -> None:
    first = with_(ENQUIRY, **OPEN)
    second = with_(first, S47ActualStartDate="2023-07-01", _row=71)
    assert failing_rows("cin", "8839", census(Section47=[first, second])) == [
        ("Section47", 70, CHILD),
        ("Section47", 71, CHILD),
    ]
    done = with_(second, ICPCnotRequired="true")
    assert failing_rows("cin", "8839", census(Section47=[first, done])) == []


@pytest.mark.parametrize(
    ("start", "flagged"),
    [
        ("2023-06-21", [71]),  # before the first enquiry's conference on 22 June
        ("2023-06-22", []),  # the day of that conference
        ("2023-06-05", [70, 71]),  # the same day
    ],
)
def test_8890_enquiry_starting_during_another(start: str, flagged: list[int]) -> None:
    second = with_(ENQUIRY, S47ActualStartDate=start, DateOfInitialCPC="2023-07-03", _row=71)
    expected = [("Section47", row, CHILD) for row in flagged]
    assert failing_rows("cin", "8890", census(Section47=[ENQUIRY, second])) == expected


def test_8890_enquiry_starting_after_an_open_one() -> None:
    first = with_(ENQUIRY, **OPEN)
    second = with_(ENQUIRY, S47ActualStartDate="2023-09-01", _row=71)
    assert failing_rows("cin", "8890", census(Section47=[first, second])) == [
        ("Section47", 71, CHILD)
    ]
    concluded = with_(first, ICPCnotRequired="true")
    assert failing_rows("cin", "8890", census(Section47=[concluded, second])) == []
