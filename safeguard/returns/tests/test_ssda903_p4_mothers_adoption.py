"""Part-4 SSDA903 rules on adoption details and looked-after mothers (year 2023-24)."""

from __future__ import annotations

import pytest

from safeguard.returns.testing.builders import failing_rows, ssda903_return

Row = dict[str, str | int | None]

AD1_COMPLETE: Row = {
    "CHILD": "C1",
    "DATE_INT": "01/06/2022",
    "DATE_MATCH": "01/09/2022",
    "FOSTER_CARE": "0",
    "NB_ADOPTR": "2",
    "SEX_ADOPTR": "MF",
    "LS_ADOPTR": "L0",
    "_row": 2,
}
ADOPTED: Row = {"CHILD": "C1", "DECOM": "01/01/2022", "DEC": "10/10/2023", "REC": "E11", "_row": 3}


# 601 -------------------------------------------------------------------------


def test_601_adoption_without_ad1_flags_the_episode() -> None:
    data = ssda903_return(Episodes=[ADOPTED])
    assert failing_rows("ssda903", "601", data) == [("Episodes", 3, "C1")]


def test_601_incomplete_ad1_flags_episode_and_ad1() -> None:
    data = ssda903_return(Episodes=[ADOPTED], AD1=[{**AD1_COMPLETE, "LS_ADOPTR": None}])
    assert failing_rows("ssda903", "601", data) == [("AD1", 2, "C1"), ("Episodes", 3, "C1")]


def test_601_complete_ad1_passes() -> None:
    data = ssda903_return(Episodes=[ADOPTED], AD1=[AD1_COMPLETE])
    assert failing_rows("ssda903", "601", data) == []


@pytest.mark.parametrize(("dec", "fails"), [("31/03/2023", False), ("01/04/2023", True)])
def test_601_only_adoptions_in_the_year(dec: str, fails: bool) -> None:
    data = ssda903_return(Episodes=[{**ADOPTED, "DEC": dec}])
    assert bool(failing_rows("ssda903", "601", data)) is fails


def test_601_other_reason_for_leaving_is_not_an_adoption() -> None:
    data = ssda903_return(Episodes=[{**ADOPTED, "REC": "E13"}])
    assert failing_rows("ssda903", "601", data) == []


# 602 -------------------------------------------------------------------------


def test_602_ad1_without_adoption_fails() -> None:
    data = ssda903_return(Episodes=[{**ADOPTED, "REC": "E4A"}], AD1=[AD1_COMPLETE])
    assert failing_rows("ssda903", "602", data) == [("AD1", 2, "C1")]


def test_602_ad1_with_adoption_passes() -> None:
    data = ssda903_return(Episodes=[ADOPTED], AD1=[AD1_COMPLETE])
    assert failing_rows("ssda903", "602", data) == []


@pytest.mark.parametrize(("dec", "fails"), [("31/03/2024", False), ("01/04/2024", True)])
def test_602_adoption_must_be_in_the_year(dec: str, fails: bool) -> None:
    data = ssda903_return(Episodes=[{**ADOPTED, "DEC": dec, "REC": "E12"}], AD1=[AD1_COMPLETE])
    assert bool(failing_rows("ssda903", "602", data)) is fails


# 607 -------------------------------------------------------------------------

CEASED: Row = {"CHILD": "G1", "DECOM": "01/05/2022", "DEC": "01/12/2023", "REC": "E8", "LS": "C2"}


def test_607_girl_leaving_care_without_mother_fails() -> None:
    data = ssda903_return(
        Header=[{"CHILD": "G1", "SEX": "2", "_row": 5}], Episodes=[{**CEASED, "_row": 7}]
    )
    assert failing_rows("ssda903", "607", data) == [("Episodes", 7, "G1"), ("Header", 5, "G1")]


@pytest.mark.parametrize(
    ("header", "episode"),
    [
        ({"MOTHER": "0"}, {}),  # mother given
        ({"SEX": "1"}, {}),  # a boy
        ({}, {"REC": "X1"}),  # only a change of episode, still in care
        ({}, {"LS": "V3"}),  # short breaks
        ({}, {"DEC": None, "REC": None}),  # still looked after
        ({}, {"DEC": "31/03/2023"}),  # left last year
    ],
)
def test_607_passes(header: dict[str, str | None], episode: dict[str, str | None]) -> None:
    data = ssda903_return(
        Header=[{"CHILD": "G1", "SEX": "2", **header}], Episodes=[{**CEASED, **episode}]
    )
    assert failing_rows("ssda903", "607", data) == []


# 611 612 620 621 -------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "fails"),
    [
        ({"MOTHER": "1", "MC_DOB": None}, True),
        ({"MOTHER": "1", "MC_DOB": " "}, True),
        ({"MOTHER": "1", "MC_DOB": "01/01/2023"}, False),
        ({"MOTHER": "0", "MC_DOB": None}, False),
    ],
)
def test_611_mother_needs_childs_birth_date(row: dict[str, str | None], fails: bool) -> None:
    data = ssda903_return(Header=[{"CHILD": "M1", "SEX": "2", "_row": 2, **row}])
    assert failing_rows("ssda903", "611", data) == ([("Header", 2, "M1")] if fails else [])


@pytest.mark.parametrize(
    ("row", "fails"),
    [
        ({"MOTHER": "0", "MC_DOB": "01/01/2023"}, True),
        ({"MOTHER": "1", "MC_DOB": "01/01/2023"}, False),
        ({"MOTHER": "0", "MC_DOB": None}, False),
    ],
)
def test_612_childs_birth_date_only_for_mothers(row: dict[str, str | None], fails: bool) -> None:
    data = ssda903_return(Header=[{"CHILD": "M1", "SEX": "2", "_row": 2, **row}])
    assert failing_rows("ssda903", "612", data) == ([("Header", 2, "M1")] if fails else [])


@pytest.mark.parametrize(
    ("dob", "mother", "fails"),
    [
        ("02/04/2012", "1", True),  # 11 the day after the year starts
        ("01/04/2012", "1", False),  # 11 on 1 April 2023
        ("01/04/2010", "1", False),
        ("02/04/2012", "0", False),
    ],
)
def test_620_mother_under_eleven(dob: str, mother: str, fails: bool) -> None:
    data = ssda903_return(Header=[{"CHILD": "M1", "DOB": dob, "MOTHER": mother, "_row": 3}])
    assert failing_rows("ssda903", "620", data) == ([("Header", 3, "M1")] if fails else [])


@pytest.mark.parametrize(
    ("mc_dob", "fails"),
    [("01/01/2007", True), ("01/02/2007", False), ("01/01/2023", False), (None, False)],
)
def test_621_mother_younger_than_child(mc_dob: str | None, fails: bool) -> None:
    data = ssda903_return(Header=[{"CHILD": "M1", "DOB": "01/02/2007", "MC_DOB": mc_dob}])
    assert failing_rows("ssda903", "621", data) == ([("Header", 1, "M1")] if fails else [])


# 624 626 (last year's Header) ------------------------------------------------


@pytest.mark.parametrize(
    ("now", "last", "fails"),
    [
        ("01/01/2023", "02/01/2023", True),
        ("01/01/2023", "01/01/2023", False),
        ("01/01/2023", None, False),
        (None, "01/01/2023", False),
    ],
)
def test_624_childs_birth_date_unchanged(now: str | None, last: str | None, fails: bool) -> None:
    data = ssda903_return(
        Header=[{"CHILD": "M1", "MC_DOB": now, "_row": 4}],
        previous={"Header": [{"CHILD": "M1", "MC_DOB": last}]},
    )
    assert failing_rows("ssda903", "624", data) == ([("Header", 4, "M1")] if fails else [])


def test_624_passes_without_last_year() -> None:
    data = ssda903_return(Header=[{"CHILD": "M1", "MC_DOB": "01/01/2023"}])
    assert failing_rows("ssda903", "624", data) == []


@pytest.mark.parametrize(
    ("mc_dob", "mother_last", "fails"),
    [
        ("31/03/2023", "0", True),
        ("01/04/2023", "0", False),  # born this year: consistent
        ("31/03/2023", "1", False),  # already a mother last year
    ],
)
def test_626_new_mother(mc_dob: str, mother_last: str, fails: bool) -> None:
    data = ssda903_return(
        Header=[{"CHILD": "M1", "MOTHER": "1", "MC_DOB": mc_dob, "_row": 2}],
        previous={"Header": [{"CHILD": "M1", "MOTHER": mother_last}]},
    )
    assert failing_rows("ssda903", "626", data) == ([("Header", 2, "M1")] if fails else [])


def test_626_passes_without_last_year() -> None:
    data = ssda903_return(Header=[{"CHILD": "M1", "MOTHER": "1", "MC_DOB": "01/01/2020"}])
    assert failing_rows("ssda903", "626", data) == []


# 625 -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mc_dob", "dec", "fails"),
    [
        ("01/04/2024", None, True),  # after the year
        ("31/03/2024", None, False),
        ("02/12/2023", "01/12/2023", True),  # after she left care
        ("01/12/2023", "01/12/2023", False),
    ],
)
def test_625_first_child_born_by_end(mc_dob: str, dec: str | None, fails: bool) -> None:
    data = ssda903_return(
        Header=[{"CHILD": "M1", "MC_DOB": mc_dob, "_row": 2}],
        Episodes=[
            {"CHILD": "M1", "DECOM": "01/01/2020", "DEC": "01/05/2021", "_row": 2},
            {"CHILD": "M1", "DECOM": "01/06/2023", "DEC": dec, "_row": 3},
        ],
    )
    expected = [("Episodes", 3, "M1"), ("Header", 2, "M1")]
    assert failing_rows("ssda903", "625", data) == (expected if fails else [])


# 628 -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mother", "episodes", "fails"),
    [("0", [], True), (None, [], False), ("0", [{"CHILD": "L1", "DECOM": "01/06/2023"}], False)],
)
def test_628_care_leaver_not_in_care(
    mother: str | None, episodes: list[dict[str, str]], fails: bool
) -> None:
    data = ssda903_return(
        Header=[{"CHILD": "L1", "MOTHER": mother, "_row": 6}],
        OC3=[{"CHILD": "L1", "IN_TOUCH": "YES"}],
        Episodes=episodes,
    )
    assert failing_rows("ssda903", "628", data) == ([("Header", 6, "L1")] if fails else [])


def test_628_not_a_care_leaver_passes() -> None:
    data = ssda903_return(Header=[{"CHILD": "L1", "MOTHER": "0"}])
    assert failing_rows("ssda903", "628", data) == []
