"""CIN census rules on assessments and the factors identified at them."""

from __future__ import annotations

import pytest

from safeguard.returns.testing.builders import failing_rows
from safeguard.returns.tests.test_cin_rules_valid import (
    ASSESSMENT,
    CHILD,
    EPISODE,
    FACTORS,
    Row,
    census,
    with_,
)

FLAGGED = [("Assessments", 40, CHILD)]


def _factors(*codes: str, assessment: str = "1", first_row: int = 50) -> list[Row]:
    return [
        with_(FACTORS[0], AssessmentID=assessment, AssessmentFactors=code, _row=first_row + i)
        for i, code in enumerate(codes)
    ]


@pytest.mark.parametrize(
    ("code", "values", "fails"),
    [
        ("1103", {"AssessmentActualStartDate": "2023-05-01"}, True),
        ("1103", {"AssessmentActualStartDate": "2023-05-02"}, False),
        ("8608", {"AssessmentAuthorisationDate": "2023-05-02"}, True),
        ("8608", {"AssessmentAuthorisationDate": "2023-05-03"}, False),
        ("8696", {"AssessmentAuthorisationDate": "2024-04-01"}, True),
        ("8696", {"AssessmentAuthorisationDate": "2024-03-31"}, False),
        ("8696", {"AssessmentAuthorisationDate": None}, False),
        (
            "8736",
            {"AssessmentActualStartDate": "2023-03-31", "AssessmentAuthorisationDate": None},
            True,
        ),
        (
            "8736",
            {"AssessmentActualStartDate": "2023-04-01", "AssessmentAuthorisationDate": None},
            False,
        ),
        ("8736", {"AssessmentActualStartDate": "2023-03-31"}, False),  # completed
        # 45 working days before 31 March 2024 (skipping weekends and Good Friday, 29 March)
        # is Friday 26 January 2024.
        (
            "8670Q",
            {"AssessmentActualStartDate": "2024-01-25", "AssessmentAuthorisationDate": None},
            True,
        ),
        (
            "8670Q",
            {"AssessmentActualStartDate": "2024-01-26", "AssessmentAuthorisationDate": None},
            False,
        ),
        ("8670Q", {"AssessmentActualStartDate": "2023-06-01"}, False),  # completed
    ],
)
def test_assessment_rules(code: str, values: dict[str, str | None], fails: bool) -> None:
    data = census(Assessments=[with_(ASSESSMENT, **values)])
    assert failing_rows("cin", code, data) == (FLAGGED if fails else [])


def test_8614_factors_only_for_completed_assessment() -> None:
    open_ = [with_(ASSESSMENT, AssessmentAuthorisationDate=None)]
    assert failing_rows("cin", "8614", census(Assessments=open_)) == FLAGGED
    assert failing_rows("cin", "8614", census(Assessments=open_, AssessmentFactors=[])) == []
    assert failing_rows("cin", "8614", census()) == []


def test_8897q_completed_assessment_has_factors() -> None:
    assert failing_rows("cin", "8897Q", census(AssessmentFactors=[])) == FLAGGED
    blank_factor = _factors("")
    assert failing_rows("cin", "8897Q", census(AssessmentFactors=blank_factor)) == FLAGGED
    assert failing_rows("cin", "8897Q", census()) == []


def test_8869_no_factors_with_other_factors() -> None:
    mixed = census(AssessmentFactors=_factors("3A", "21"))
    assert failing_rows("cin", "8869", mixed) == [("AssessmentFactors", 51, CHILD)]
    assert failing_rows("cin", "8869", census(AssessmentFactors=_factors("21"))) == []
    # 21 on one assessment and 3A on another is fine.
    second = with_(ASSESSMENT, AssessmentID="2", _row=41)
    apart = _factors("21") + _factors("3A", assessment="2", first_row=52)
    data = census(Assessments=[ASSESSMENT, second], AssessmentFactors=apart)
    assert failing_rows("cin", "8869", data) == []


def test_8898_same_factor_twice() -> None:
    twice = census(AssessmentFactors=_factors("3A", "4B", "3a"))
    assert failing_rows("cin", "8898", twice) == [
        ("AssessmentFactors", 50, CHILD),
        ("AssessmentFactors", 52, CHILD),
    ]
    assert failing_rows("cin", "8898", census()) == []


@pytest.mark.parametrize(
    ("code", "retired", "current"), [("8945Q", "18A", "18B"), ("8950Q", "19A", "19C")]
)
def test_retired_abuse_factors(code: str, retired: str, current: str) -> None:
    data = census(AssessmentFactors=_factors("3A", retired))
    assert failing_rows("cin", code, data) == [("AssessmentFactors", 51, CHILD)]
    assert failing_rows("cin", code, census(AssessmentFactors=_factors("3A", current))) == []


@pytest.mark.parametrize(
    ("reason", "factors", "assessments", "fails"),
    [
        ("RC7", ("21",), 1, True),
        ("RC8", ("21",), 1, False),
        ("RC9", ("21",), 1, False),
        (None, ("21",), 1, False),  # still open at the reference date
        ("RC7", ("3A",), 1, False),
        ("RC7", ("21",), 2, False),  # more than one assessment
    ],
)
def test_8873q_no_factors_closes_after_assessment(
    reason: str | None, factors: tuple[str, ...], assessments: int, fails: bool
) -> None:
    closure = "2024-01-05" if reason else None
    episode = [with_(EPISODE, CINclosureDate=closure, ReasonForClosure=reason)]
    rows = [ASSESSMENT, with_(ASSESSMENT, AssessmentID="2", _row=41)][:assessments]
    data = census(CINdetails=episode, Assessments=rows, AssessmentFactors=_factors(*factors))
    assert failing_rows("cin", "8873Q", data) == (FLAGGED if fails else [])


def test_8896_two_open_assessments_in_an_episode() -> None:
    open_ = with_(ASSESSMENT, AssessmentAuthorisationDate=None)
    second = with_(open_, AssessmentID="2", AssessmentActualStartDate="2023-07-01", _row=41)
    data = census(Assessments=[open_, second])
    assert failing_rows("cin", "8896", data) == [
        ("Assessments", 40, CHILD),
        ("Assessments", 41, CHILD),
    ]
    other_episode = with_(second, CINdetailsID="2")
    assert failing_rows("cin", "8896", census(Assessments=[open_, other_episode])) == []


@pytest.mark.parametrize(
    ("start", "flagged"),
    [
        ("2023-05-03", [40, 41]),  # the same day: each is ongoing when the other starts
        ("2023-05-31", [41]),
        ("2023-06-01", [41]),  # the day the first is authorised: "on or between"
        ("2023-06-02", []),
        ("2023-05-02", [40]),  # the first starts while the second is ongoing
    ],
)
def test_8863q_assessment_starting_during_another(start: str, flagged: list[int]) -> None:
    # The first assessment runs 3 May to 1 June 2023; the second ends 1 July.
    second = with_(
        ASSESSMENT,
        AssessmentID="2",
        AssessmentActualStartDate=start,
        AssessmentAuthorisationDate="2023-07-01",
        _row=41,
    )
    expected = [("Assessments", row, CHILD) for row in flagged]
    assert failing_rows("cin", "8863Q", census(Assessments=[ASSESSMENT, second])) == expected


def test_8863q_starting_after_an_open_assessment() -> None:
    open_ = with_(ASSESSMENT, AssessmentAuthorisationDate=None)
    second = with_(ASSESSMENT, AssessmentID="2", AssessmentActualStartDate="2024-01-02", _row=41)
    data = census(Assessments=[open_, second])
    assert failing_rows("cin", "8863Q", data) == [("Assessments", 41, CHILD)]
