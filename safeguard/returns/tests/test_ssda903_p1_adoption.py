"""Part-1 SSDA903 rules on adoption (AD1) and decisions to place for adoption."""

from __future__ import annotations

import pytest

from safeguard.returns.testing.builders import failing_rows, ssda903_return

Row = dict[str, str | int | None]

AD1: Row = {
    "CHILD": "C1",
    "DOB": "01/06/2019",
    "DATE_INT": "01/02/2023",
    "DATE_MATCH": "01/03/2023",
    "FOSTER_CARE": "0",
    "NB_ADOPTR": "2",
    "SEX_ADOPTR": "MF",
    "LS_ADOPTR": "L0",
}
PLACED: Row = {"CHILD": "C1", "DOB": "01/06/2019", "DATE_PLACED": "01/09/2023"}
EPISODE: Row = {"CHILD": "C1", "DECOM": "01/05/2023", "RNE": "S", "LS": "C2", "PLACE": "U1"}


def ad1(**changes: str | int | None) -> Row:
    return {**AD1, **changes}


def placed(**changes: str | int | None) -> Row:
    return {**PLACED, **changes}


@pytest.mark.parametrize(
    ("code", "column", "good", "bad"),
    [
        ("112", "DATE_INT", "28/02/2023", "29/02/2023"),
        ("113", "DATE_MATCH", "01/03/2023", "1st March"),
        ("114", "FOSTER_CARE", "1", "2"),
        ("175", "NB_ADOPTR", "1", "3"),
        ("175", "NB_ADOPTR", "2", "0"),
        ("176", "SEX_ADOPTR", "FF", "F2"),
        ("177", "LS_ADOPTR", "L12", "L5"),
    ],
)
def test_adoption_item_is_valid(code: str, column: str, good: str, bad: str) -> None:
    assert failing_rows("ssda903", code, ssda903_return(AD1=[ad1(**{column: good})])) == []
    wrong = ssda903_return(AD1=[{**ad1(**{column: bad}), "_row": 2}])
    assert failing_rows("ssda903", code, wrong) == [("AD1", 2, "C1")]


@pytest.mark.parametrize(
    ("code", "column"),
    [
        ("112", "DATE_INT"),
        ("113", "DATE_MATCH"),
        ("114", "FOSTER_CARE"),
        ("175", "NB_ADOPTR"),
        ("176", "SEX_ADOPTR"),
        ("177", "LS_ADOPTR"),
    ],
)
def test_blank_adoption_items_are_left_to_151(code: str, column: str) -> None:
    assert failing_rows("ssda903", code, ssda903_return(AD1=[ad1(**{column: None})])) == []


def test_151_all_adoption_items_or_none() -> None:
    assert failing_rows("ssda903", "151", ssda903_return(AD1=[ad1()])) == []
    none = {"CHILD": "C1", "DOB": "01/06/2019"}
    assert failing_rows("ssda903", "151", ssda903_return(AD1=[none])) == []
    for column in ("DATE_INT", "LS_ADOPTR"):
        data = ssda903_return(AD1=[ad1(**{column: None})])
        assert failing_rows("ssda903", "151", data) == [("AD1", 1, "C1")]


@pytest.mark.parametrize(
    ("code", "changes", "fails"),
    [
        ("115", {}, False),
        ("115", {"DATE_PLACED": None}, True),
        ("115", {"DATE_PLACED": "01/09/23"}, True),
        ("116", {"DATE_PLACED_CEASED": "01/10/2023"}, False),
        ("116", {"DATE_PLACED_CEASED": None}, False),
        ("116", {"DATE_PLACED_CEASED": "41/10/2023"}, True),
        ("119", {}, False),
        ("119", {"DATE_PLACED_CEASED": "01/10/2023", "REASON_PLACED_CEASED": "RD1"}, False),
        ("119", {"DATE_PLACED_CEASED": "01/10/2023"}, True),
        ("119", {"REASON_PLACED_CEASED": "RD4"}, True),
        ("120", {"REASON_PLACED_CEASED": "RD4"}, False),
        ("120", {"REASON_PLACED_CEASED": None}, False),
        ("120", {"REASON_PLACED_CEASED": "RD5"}, True),
    ],
)
def test_placed_for_adoption_items(code: str, changes: Row, fails: bool) -> None:
    data = ssda903_return(PlacedAdoption=[placed(**changes)])
    assert failing_rows("ssda903", code, data) == ([("PlacedAdoption", 1, "C1")] if fails else [])


@pytest.mark.parametrize(("date_placed", "fails"), [("31/05/2019", True), ("01/06/2019", False)])
def test_184_decision_before_birth(date_placed: str, fails: bool) -> None:
    data = ssda903_return(
        Header=[{"CHILD": "C1", "DOB": "01/06/2019", "_row": 4}],
        PlacedAdoption=[placed(DATE_PLACED=date_placed, _row=7)],
    )
    expected = [("Header", 4, "C1"), ("PlacedAdoption", 7, "C1")] if fails else []
    assert failing_rows("ssda903", "184", data) == expected


@pytest.mark.parametrize(("date_placed", "fails"), [("30/04/2023", True), ("01/05/2023", False)])
def test_1003_decision_before_care_started(date_placed: str, fails: bool) -> None:
    data = ssda903_return(Episodes=[EPISODE], PlacedAdoption=[placed(DATE_PLACED=date_placed)])
    assert failing_rows("ssda903", "1003", data) == ([("PlacedAdoption", 1, "C1")] if fails else [])


def test_1003_only_a_start_of_care_counts() -> None:
    moved = {**EPISODE, "RNE": "P"}
    data = ssda903_return(Episodes=[moved], PlacedAdoption=[placed(DATE_PLACED="30/04/2023")])
    assert failing_rows("ssda903", "1003", data) == []


@pytest.mark.parametrize(
    ("changes", "fails"),
    [
        ({"DATE_PLACED": "31/03/2024"}, False),
        ({"DATE_PLACED": "01/04/2024"}, True),
        ({"DATE_PLACED_CEASED": "01/04/2024", "REASON_PLACED_CEASED": "RD1"}, True),
    ],
)
def test_117_decision_beyond_the_year(changes: Row, fails: bool) -> None:
    data = ssda903_return(Episodes=[EPISODE], PlacedAdoption=[placed(**changes)])
    assert failing_rows("ssda903", "117", data) == ([("PlacedAdoption", 1, "C1")] if fails else [])


@pytest.mark.parametrize(
    ("rec", "date_placed", "fails"),
    [("E4A", "01/12/2023", False), ("E4A", "02/12/2023", True), ("X1", "02/12/2023", False)],
)
def test_117_decision_after_care_ended(rec: str, date_placed: str, fails: bool) -> None:
    ended = {**EPISODE, "DEC": "01/12/2023", "REC": rec, "_row": 3}
    data = ssda903_return(Episodes=[ended], PlacedAdoption=[placed(DATE_PLACED=date_placed)])
    expected = [("Episodes", 3, "C1"), ("PlacedAdoption", 1, "C1")] if fails else []
    assert failing_rows("ssda903", "117", data) == expected


@pytest.mark.parametrize(
    ("ceased", "fails"),
    [("31/03/2023", True), ("01/04/2023", True), ("30/04/2023", True), ("01/05/2023", False)],
)
def test_118_ceased_before_year_or_care(ceased: str, fails: bool) -> None:
    # Care started 1 May 2023 (a short break before it does not count).
    respite = {**EPISODE, "DECOM": "01/04/2023", "LS": "V3", "DEC": "02/04/2023", "REC": "E4A"}
    data = ssda903_return(
        Episodes=[respite, EPISODE],
        PlacedAdoption=[placed(DATE_PLACED_CEASED=ceased, REASON_PLACED_CEASED="RD1")],
    )
    assert failing_rows("ssda903", "118", data) == ([("PlacedAdoption", 1, "C1")] if fails else [])


def test_118_before_the_year_fails_without_episodes() -> None:
    data = ssda903_return(PlacedAdoption=[placed(DATE_PLACED_CEASED="31/03/2023")])
    assert failing_rows("ssda903", "118", data) == [("PlacedAdoption", 1, "C1")]
    data = ssda903_return(PlacedAdoption=[placed(DATE_PLACED_CEASED="01/04/2023")])
    assert failing_rows("ssda903", "118", data) == []


LEAVER: Row = {"CHILD": "C1", "DOB": "01/06/2005", "IN_TOUCH": "YES", "ACTIV": "F1", "ACCOM": "B1"}


def test_134_adoption_data_for_a_care_leaver() -> None:
    data = ssda903_return(OC3=[LEAVER], AD1=[ad1(_row=2)])
    assert failing_rows("ssda903", "134", data) == [("AD1", 2, "C1"), ("OC3", 1, "C1")]
    assert failing_rows("ssda903", "134", ssda903_return(OC3=[LEAVER], AD1=[ad1(CHILD="C2")])) == []
    blank_leaver = {"CHILD": "C1", "DOB": "01/06/2005"}
    assert failing_rows("ssda903", "134", ssda903_return(OC3=[blank_leaver], AD1=[ad1()])) == []


@pytest.mark.parametrize(("decom", "fails"), [("01/04/2023", True), ("02/04/2023", False)])
def test_187_oc2_child_with_adoption_or_leaver_data(decom: str, fails: bool) -> None:
    in_care = {**EPISODE, "DECOM": decom}
    data = ssda903_return(Episodes=[in_care], AD1=[ad1(_row=2)], OC3=[LEAVER])
    expected = [("AD1", 2, "C1"), ("OC3", 1, "C1")] if fails else []
    assert failing_rows("ssda903", "187", data) == expected
