"""Part-1 SSDA903 rules on children looked after for 12 months (OC2)."""

from __future__ import annotations

import pytest

from safeguard.returns.testing.builders import failing_rows, ssda903_return

Row = dict[str, str | int | None]

# Collection year 2024: 1 April 2023 to 31 March 2024. C1 is 10 and in care since 2022.
IN_CARE: Row = {"CHILD": "C1", "DECOM": "01/05/2022", "RNE": "S", "LS": "C2", "PLACE": "U1"}
OC2: Row = {
    "CHILD": "C1",
    "DOB": "01/06/2013",
    "SDQ_SCORE": "12",
    "IMMUNISATIONS": "1",
    "TEETH_CHECK": "1",
    "HEALTH_ASSESSMENT": "1",
    "SUBSTANCE_MISUSE": "0",
    "CONVICTED": "0",
}
FAILS = [("OC2", 1, "C1")]


def oc2(**changes: str | int | None) -> Row:
    return {**OC2, **changes}


def run(code: str, row: Row, *episodes: Row) -> list:
    eps = list(episodes) if episodes else [IN_CARE]
    return failing_rows("ssda903", code, ssda903_return(OC2=[row], Episodes=eps))


def test_a_complete_record_passes_every_rule() -> None:
    for code in (
        "157",
        "158",
        "159",
        "180",
        "181",
        "182",
        "185",
        "186",
        "188",
        "189",
        "190",
        "191",
        "192",
        "193",
        "196",
        "197B",
        "197a",
        "198",
    ):
        assert run(code, oc2()) == [], code


@pytest.mark.parametrize(
    ("score", "fails"),
    [("0", False), ("40", False), ("41", True), ("-1", True), ("1.5", True), ("ten", True)],
)
def test_180_sdq_score(score: str, fails: bool) -> None:
    assert run("180", oc2(SDQ_SCORE=score)) == (FAILS if fails else [])


def test_196_sdq_reason_code() -> None:
    assert run("196", oc2(SDQ_SCORE=None, SDQ_REASON="SDQ5")) == []
    assert run("196", oc2(SDQ_SCORE=None, SDQ_REASON="SDQ6")) == FAILS


def test_197a_reason_not_needed_with_a_score() -> None:
    assert run("197a", oc2(SDQ_REASON="SDQ2")) == FAILS
    assert run("197a", oc2(SDQ_SCORE=None, SDQ_REASON="SDQ2")) == []


@pytest.mark.parametrize(("dob", "fails"), [("01/04/2020", True), ("31/03/2020", False)])
def test_188_under_4_at_the_end_of_the_year(dob: str, fails: bool) -> None:
    assert run("188", oc2(DOB=dob)) == (FAILS if fails else [])
    assert run("188", oc2(DOB=dob, SDQ_SCORE=None, SDQ_REASON="SDQ1")) == (FAILS if fails else [])
    assert run("188", oc2(DOB=dob, SDQ_SCORE=None)) == []


@pytest.mark.parametrize(("dob", "fails"), [("01/04/2006", True), ("02/04/2006", False)])
def test_189_17_or_over_at_the_start_of_the_year(dob: str, fails: bool) -> None:
    assert run("189", oc2(DOB=dob)) == (FAILS if fails else [])
    assert run("189", oc2(DOB=dob, SDQ_SCORE=None)) == []


# SDQ age: 4th birthday by 1 April 2023 and 17th birthday after 31 March 2024.
SDQ_AGE_EDGES = [
    ("01/04/2019", True),  # 4 on 1 April
    ("02/04/2019", False),  # 4 a day later
    ("01/04/2007", True),  # 17 on 1 April 2024
    ("31/03/2007", False),  # 17 on 31 March
]


@pytest.mark.parametrize(("dob", "sdq_age"), SDQ_AGE_EDGES)
def test_157_sdq1_for_a_child_of_sdq_age(dob: str, sdq_age: bool) -> None:
    row = oc2(DOB=dob, SDQ_SCORE=None, SDQ_REASON="SDQ1")
    assert run("157", row) == (FAILS if sdq_age else [])
    assert run("157", {**row, "SDQ_REASON": "SDQ2"}) == []


@pytest.mark.parametrize(("dob", "sdq_age"), SDQ_AGE_EDGES)
def test_186_and_197b_score_or_reason_for_a_child_of_sdq_age(dob: str, sdq_age: bool) -> None:
    neither = oc2(DOB=dob, SDQ_SCORE=None)
    assert run("186", neither) == (FAILS if sdq_age else [])
    assert run("197B", neither) == (FAILS if sdq_age else [])
    reason = oc2(DOB=dob, SDQ_SCORE=None, SDQ_REASON="SDQ2")
    assert run("186", reason) == (FAILS if sdq_age else [])
    assert run("197B", reason) == []
    assert run("186", oc2(DOB=dob)) == []


# Looked after for 12 months at 31 March: from 1 April 2023 (or before), still in care.
@pytest.mark.parametrize(
    ("episodes", "cla"),
    [
        ([IN_CARE], True),
        ([{**IN_CARE, "DECOM": "01/04/2023"}], True),
        ([{**IN_CARE, "DECOM": "02/04/2023"}], False),
        ([{**IN_CARE, "DEC": "31/03/2024", "REC": "E4A"}], False),
        ([{**IN_CARE, "DEC": "01/10/2023", "REC": "X1"}, {**IN_CARE, "DECOM": "01/10/2023"}], True),
        (
            [{**IN_CARE, "DEC": "01/10/2023", "REC": "E4A"}, {**IN_CARE, "DECOM": "02/10/2023"}],
            False,
        ),
        ([{**IN_CARE, "LS": "V3"}], False),
    ],
)
def test_looked_after_12_months(episodes: list[Row], cla: bool) -> None:
    assert run("185", oc2(), *episodes) == ([] if cla else FAILS)
    reason = oc2(SDQ_SCORE=None, SDQ_REASON="SDQ2")
    assert run("198", reason, *episodes) == ([] if cla else FAILS)
    assert run("190", oc2(SDQ_SCORE=None), *episodes) == ([] if cla else FAILS)
    assert run("191", oc2(TEETH_CHECK=None), *episodes) == (FAILS if cla else [])


def test_190_blank_items_pass_for_a_child_not_in_care_12_months() -> None:
    short = {**IN_CARE, "DECOM": "02/04/2023"}
    blank: Row = {"CHILD": "C1", "DOB": "01/06/2013"}
    assert run("190", blank, short) == []
    assert run("185", blank, short) == []


def test_181_items_are_0_or_1() -> None:
    assert run("181", oc2(HEALTH_CHECK=None)) == []
    assert run("181", oc2(CONVICTED="2")) == FAILS
    assert run("181", oc2(INTERVENTION_OFFERED="Y")) == FAILS


@pytest.mark.parametrize(
    "column", ["IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE"]
)
def test_182_core_items_or_nothing(column: str) -> None:
    assert run("182", oc2(**{column: None})) == FAILS
    nothing: Row = {"CHILD": "C1", "DOB": "01/06/2013", "SDQ_SCORE": "12"}
    assert run("182", nothing) == []


@pytest.mark.parametrize(
    ("misuse", "received", "offered", "fails_192", "fails_193", "fails_158", "fails_159"),
    [
        ("1", "1", None, False, False, False, False),
        ("1", None, None, True, False, False, False),
        ("1", "1", "1", False, False, True, False),
        ("1", "0", None, False, False, False, True),
        ("1", "0", "1", False, False, False, False),
        ("0", "1", None, False, True, False, False),
        ("0", None, "0", False, True, False, False),
        (None, "0", None, False, True, False, False),
        ("0", None, None, False, False, False, False),
    ],
)
def test_substance_misuse_interventions(
    misuse: str | None,
    received: str | None,
    offered: str | None,
    fails_192: bool,
    fails_193: bool,
    fails_158: bool,
    fails_159: bool,
) -> None:
    row = oc2(SUBSTANCE_MISUSE=misuse, INTERVENTION_RECEIVED=received, INTERVENTION_OFFERED=offered)
    for code, fails in (
        ("192", fails_192),
        ("193", fails_193),
        ("158", fails_158),
        ("159", fails_159),
    ):
        assert run(code, row) == (FAILS if fails else []), code
