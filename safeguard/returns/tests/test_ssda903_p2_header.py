"""SSDA903 part 2 rules on the Header: last year's agreement, dates of birth, UPN, mother."""

from __future__ import annotations

import pytest

from safeguard.returns.testing.builders import failing_rows, ssda903_return

CHILD = "C1"


def _header(**values: str | None) -> dict[str, str | int | None]:
    row: dict[str, str | int | None] = {
        "CHILD": CHILD,
        "SEX": "1",
        "DOB": "01/06/2010",
        "ETHNIC": "WBRI",
        "UPN": "A123456789012",
        "MOTHER": None,
        "_row": 2,
    }
    row.update(values)
    return row


@pytest.mark.parametrize(
    ("code", "column", "now", "last", "fails"),
    [
        ("202", "SEX", "1", "2", True),
        ("202", "SEX", "1", "1", False),
        ("203", "DOB", "01/06/2010", "02/06/2010", True),
        ("203", "DOB", "01/06/2010", "01/06/2010", False),
        ("203", "DOB", "1/6/2010", "01/06/2010", False),
        ("204", "ETHNIC", "WBRI", "WIRI", True),
        ("204", "ETHNIC", "WBRI", "WBRI", False),
        ("207", "MOTHER", "0", "1", True),
        ("207", "MOTHER", "1", "1", False),
        ("207", "MOTHER", "1", "0", False),
        ("208", "UPN", "B123456789012", "A123456789012", True),
        ("208", "UPN", "UN4", "A123456789012", True),
        ("208", "UPN", "A123456789012", "A123456789012", False),
        ("208", "UPN", "A123456789012", "UN1", False),
    ],
)
def test_agrees_with_last_year(code: str, column: str, now: str, last: str, fails: bool) -> None:
    data = ssda903_return(
        Header=[_header(**{column: now})],
        previous={"Header": [_header(**{column: last})]},
    )
    assert failing_rows("ssda903", code, data) == ([("Header", 2, CHILD)] if fails else [])


@pytest.mark.parametrize("code", ["202", "203", "204", "207", "208"])
def test_comparisons_pass_without_last_year(code: str) -> None:
    data = ssda903_return(Header=[_header(SEX="9", DOB="01/01/2000", UPN="X", MOTHER="0")])
    assert failing_rows("ssda903", code, data) == []


def test_comparison_ignores_a_child_new_this_year() -> None:
    data = ssda903_return(
        Header=[_header(SEX="1")], previous={"Header": [_header(CHILD="OTHER", SEX="2")]}
    )
    assert failing_rows("ssda903", "202", data) == []


@pytest.mark.parametrize(
    ("dob", "upn", "fails"),
    [
        ("31/08/2018", "UN1", True),  # 5 on 31/08/2023, the 31 August before 31/03/2024
        ("01/09/2018", "UN1", False),
        ("31/08/2018", "UN2", False),
    ],
)
def test_209_school_age_with_un1(dob: str, upn: str, fails: bool) -> None:
    data = ssda903_return(year=2024, Header=[_header(DOB=dob, UPN=upn)])
    assert failing_rows("ssda903", "209", data) == ([("Header", 2, CHILD)] if fails else [])


@pytest.mark.parametrize(
    ("decom", "dec", "upn", "fails"),
    [
        ("24/03/2024", None, "UN4", True),  # 7 days before 31 March
        ("25/03/2024", None, "UN4", False),
        ("24/03/2024", "30/03/2024", "UN4", False),  # no longer looked after
        ("24/03/2024", None, "UN5", False),
    ],
)
def test_210_un4_after_a_week(decom: str, dec: str | None, upn: str, fails: bool) -> None:
    data = ssda903_return(
        year=2024,
        Header=[_header(UPN=upn)],
        Episodes=[{"CHILD": CHILD, "DECOM": decom, "RNE": "S", "DEC": dec}],
    )
    assert failing_rows("ssda903", "210", data) == ([("Header", 2, CHILD)] if fails else [])


def test_210_counts_from_the_start_of_the_period_of_care() -> None:
    data = ssda903_return(
        year=2024,
        Header=[_header(UPN="UN4")],
        Episodes=[
            {"CHILD": CHILD, "DECOM": "01/03/2024", "RNE": "S", "DEC": "28/03/2024"},
            {"CHILD": CHILD, "DECOM": "28/03/2024", "RNE": "P"},
        ],
    )
    assert failing_rows("ssda903", "210", data) == [("Header", 2, CHILD)]


@pytest.mark.parametrize(
    ("dob", "fails"), [("01/04/2024", True), ("31/03/2024", False), ("xx/03/2024", False)]
)
def test_301_born_after_year_end(dob: str, fails: bool) -> None:
    data = ssda903_return(year=2024, Header=[_header(DOB=dob)])
    assert failing_rows("ssda903", "301", data) == ([("Header", 2, CHILD)] if fails else [])


@pytest.mark.parametrize(
    ("dob", "fails"),
    [("31/03/1998", True), ("01/04/1998", False)],  # 25 on 31/03/2023 vs on 01/04/2023
)
def test_351_over_25_at_year_start(dob: str, fails: bool) -> None:
    data = ssda903_return(year=2024, Header=[_header(DOB=dob)])
    assert failing_rows("ssda903", "351", data) == ([("Header", 2, CHILD)] if fails else [])


@pytest.mark.parametrize(
    ("sex", "dob", "mother", "ls", "fails"),
    [
        ("2", "31/03/2012", None, "C2", True),  # 12 on 31 March 2024
        ("2", "01/04/2012", None, "C2", False),
        ("2", "31/03/2012", "0", "C2", False),
        ("1", "31/03/2012", None, "C2", False),
        ("2", "31/03/2012", None, "V3", False),
    ],
)
def test_393_mother_recorded(sex: str, dob: str, mother: str | None, ls: str, fails: bool) -> None:
    data = ssda903_return(
        year=2024,
        Header=[_header(SEX=sex, DOB=dob, MOTHER=mother)],
        Episodes=[{"CHILD": CHILD, "DECOM": "01/05/2023", "RNE": "S", "LS": ls}],
    )
    assert failing_rows("ssda903", "393", data) == ([("Header", 2, CHILD)] if fails else [])


@pytest.mark.parametrize(("upn", "fails"), [(None, True), ("  ", True), ("UN1", False)])
def test_442_upn_recorded(upn: str | None, fails: bool) -> None:
    data = ssda903_return(
        Header=[_header(UPN=upn)],
        Episodes=[{"CHILD": CHILD, "DECOM": "01/05/2023", "RNE": "S", "LS": "C2"}],
    )
    assert failing_rows("ssda903", "442", data) == ([("Header", 2, CHILD)] if fails else [])
