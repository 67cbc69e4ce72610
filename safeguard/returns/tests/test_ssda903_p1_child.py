"""Part-1 SSDA903 rules on the header, UASC, missing and review records."""

from __future__ import annotations

import pytest

from safeguard.returns.rules.registry import ReturnData, get
from safeguard.returns.testing.builders import failing_rows, ssda903_return

Row = dict[str, str | int | None]

GIRL: Row = {"CHILD": "C1", "SEX": "2", "DOB": "01/06/2008", "ETHNIC": "WBRI", "UPN": "UN1"}


def one_table(table: str, row: Row) -> ReturnData:
    """A return with one row in a table named at run time."""
    return ssda903_return(**{table: [row]})  # type: ignore[arg-type]


def header(**changes: str | int | None) -> Row:
    return {**GIRL, **changes}


@pytest.mark.parametrize(
    ("code", "column", "good", "bad"),
    [
        ("101", "SEX", "1", "3"),
        ("101", "SEX", "2", None),
        ("102", "DOB", "29/02/2008", "30/02/2008"),
        ("102", "DOB", "01/06/2008", None),
        ("102", "DOB", "01/06/2008", "2008-06-01"),
        ("103", "ETHNIC", "MWBA", "XXXX"),
        ("103", "ETHNIC", "NOBT", None),
        ("168", "UPN", "A12345678901B", "I12345678901B"),
        ("168", "UPN", "A123456789012", "A1234567890"),
        ("168", "UPN", "UN5", "UN6"),
        ("168", "UPN", "un2", None),
        ("171", "MC_DOB", "01/01/2024", "31/11/2023"),
    ],
)
def test_header_item_is_valid(code: str, column: str, good: str, bad: str | None) -> None:
    assert failing_rows("ssda903", code, ssda903_return(Header=[header(**{column: good})])) == []
    found = failing_rows("ssda903", code, ssda903_return(Header=[header(**{column: bad})]))
    assert found == [("Header", 1, "C1")]


def test_171_blank_mothers_child_date_passes() -> None:
    assert failing_rows("ssda903", "171", ssda903_return(Header=[header(MC_DOB=None)])) == []


def test_174_mothers_child_recorded_for_a_boy() -> None:
    boy = header(SEX="1", MC_DOB="01/01/2024")
    assert failing_rows("ssda903", "174", ssda903_return(Header=[boy])) == [("Header", 1, "C1")]
    girl = header(SEX="2", MC_DOB="01/01/2024")
    assert failing_rows("ssda903", "174", ssda903_return(Header=[girl])) == []
    assert failing_rows("ssda903", "174", ssda903_return(Header=[header(SEX="1")])) == []


def test_105_is_registered_with_its_reason() -> None:
    assert not get("ssda903", "105").implemented
    assert "UASC" in (get("ssda903", "105").not_implemented or "")


IN_CARE: Row = {"CHILD": "C1", "DECOM": "01/05/2023", "LS": "C2"}


@pytest.mark.parametrize(
    ("dob", "mother", "fails"),
    [
        ("01/06/2008", None, True),  # 15 and in care: status needed
        ("01/06/2008", "0", False),
        ("01/06/2008", "1", False),
        ("01/06/2008", "2", True),
        ("31/03/2012", None, True),  # 12 on 31 March: needed
        ("01/04/2012", None, False),  # 12 a day later: not yet
    ],
)
def test_165_girl_in_care_must_give_mother_status(
    dob: str, mother: str | None, fails: bool
) -> None:
    data = ssda903_return(Header=[header(DOB=dob, MOTHER=mother)], Episodes=[IN_CARE])
    assert failing_rows("ssda903", "165", data) == ([("Header", 1, "C1")] if fails else [])


def test_165_boys_and_children_not_in_care_need_no_status() -> None:
    boy = ssda903_return(Header=[header(SEX="1")], Episodes=[IN_CARE])
    assert failing_rows("ssda903", "165", boy) == []
    left_before = {**IN_CARE, "DECOM": "01/01/2022", "DEC": "31/03/2023", "REC": "E4A"}
    assert (
        failing_rows("ssda903", "165", ssda903_return(Header=[header()], Episodes=[left_before]))
        == []
    )
    ended_in_year = {**left_before, "DEC": "01/04/2023"}
    data = ssda903_return(Header=[header()], Episodes=[ended_in_year])
    assert failing_rows("ssda903", "165", data) == [("Header", 1, "C1")]


def test_165_short_breaks_only_are_not_asked() -> None:
    breaks = {**IN_CARE, "LS": "V3"}
    data = ssda903_return(Header=[header()], Episodes=[breaks])
    assert failing_rows("ssda903", "165", data) == []
    data = ssda903_return(Header=[header()], Episodes=[breaks, {**IN_CARE, "_row": 3}])
    assert failing_rows("ssda903", "165", data) == [("Header", 1, "C1")]


def test_165_care_leaver_not_in_care_is_not_asked() -> None:
    # Rule 628 forbids motherhood details for a care leaver with no episode this year, so
    # 165 cannot require them; a care leaver who was also in care this year is asked.
    leaver = {"CHILD": "C1", "IN_TOUCH": "YES", "ACTIV": "F1", "ACCOM": "B1"}
    data = ssda903_return(Header=[header(DOB="01/06/2004")], OC3=[leaver])
    assert failing_rows("ssda903", "165", data) == []
    assert failing_rows("ssda903", "628", data) == []
    data = ssda903_return(Header=[header(DOB="01/06/2004", MOTHER="0")], OC3=[leaver])
    assert failing_rows("ssda903", "628", data) == [("Header", 1, "C1")]
    data = ssda903_return(Header=[header(DOB="01/06/2004")], OC3=[leaver], Episodes=[IN_CARE])
    assert failing_rows("ssda903", "165", data) == [("Header", 1, "C1")]


@pytest.mark.parametrize(
    ("code", "table", "column", "good", "bad"),
    [
        ("104", "UASC", "DUC", "31/03/2024", "32/03/2024"),
        ("1004", "Missing", "MIS_START", "01/02/2024", "01/13/2024"),
        ("1004", "Missing", "MIS_START", "01/02/2024", None),
        ("1005", "Missing", "MIS_END", "02/02/2024", "2/2/24x"),
        ("1006", "Missing", "MISSING", "A", "X"),
        ("1006", "Missing", "MISSING", "M", None),
        ("166", "Reviews", "REVIEW", "15/06/2023", "15-06-2023"),
        ("166", "Reviews", "REVIEW", "15/06/2023", None),
        ("167", "Reviews", "REVIEW_CODE", "PN7", "PN8"),
        ("167", "Reviews", "REVIEW_CODE", "PN0", None),
    ],
)
def test_record_item_is_valid(
    code: str, table: str, column: str, good: str, bad: str | None
) -> None:
    base: Row = {"CHILD": "C1", "DOB": "01/06/2008", "_row": 3}
    ok = one_table(table, {**base, column: good})
    assert failing_rows("ssda903", code, ok) == []
    wrong = one_table(table, {**base, column: bad})
    assert failing_rows("ssda903", code, wrong) == [(table, 3, "C1")]


@pytest.mark.parametrize(("code", "column"), [("104", "DUC"), ("1005", "MIS_END")])
def test_optional_dates_may_be_blank(code: str, column: str) -> None:
    table = "UASC" if code == "104" else "Missing"
    data = one_table(table, {"CHILD": "C1", column: None})
    assert failing_rows("ssda903", code, data) == []
