"""Part-1 SSDA903 rules on care leavers (OC3)."""

from __future__ import annotations

import polars as pl
import pytest

from safeguard.returns.rules.ssda903.history import CARE_HISTORY, CARE_HISTORY_COLUMNS
from safeguard.returns.testing.builders import failing_rows, ssda903_return

Row = dict[str, str | int | None]

# Collection year 2024: 1 April 2023 to 31 March 2024. C1 turns 18 on 1 June 2023.
LEAVER: Row = {"CHILD": "C1", "DOB": "01/06/2005", "IN_TOUCH": "YES", "ACTIV": "F1", "ACCOM": "B1"}
NO_DATA: Row = {"CHILD": "C1", "DOB": "01/06/2005"}
EPISODE: Row = {"CHILD": "C1", "DECOM": "01/05/2022", "RNE": "S", "LS": "C2", "PLACE": "U1"}
FAILS = [("OC3", 1, "C1")]


def leaver(**changes: str | int | None) -> Row:
    return {**LEAVER, **changes}


def episode(**changes: str | int | None) -> Row:
    return {**EPISODE, **changes}


@pytest.mark.parametrize(
    ("code", "column", "good", "bad"),
    [
        ("131", "IN_TOUCH", "RHOM", "MAYBE"),
        ("132", "ACTIV", "0", "F3"),
        ("133", "ACCOM", "Z2", "Z3"),
    ],
)
def test_care_leaver_item_is_valid(code: str, column: str, good: str, bad: str) -> None:
    assert failing_rows("ssda903", code, ssda903_return(OC3=[leaver(**{column: good})])) == []
    assert failing_rows("ssda903", code, ssda903_return(OC3=[leaver(**{column: bad})])) == FAILS
    assert failing_rows("ssda903", code, ssda903_return(OC3=[leaver(**{column: None})])) == []


def test_153_all_care_leaver_items_or_none() -> None:
    assert failing_rows("ssda903", "153", ssda903_return(OC3=[LEAVER])) == []
    assert failing_rows("ssda903", "153", ssda903_return(OC3=[NO_DATA])) == []
    assert failing_rows("ssda903", "153", ssda903_return(OC3=[leaver(ACTIV=None)])) == FAILS


@pytest.mark.parametrize("this_year", [True, False])
def test_1000_died_in_care(this_year: bool) -> None:
    died = episode(DEC="01/06/2023", REC="E2")
    now = [died] if this_year else []
    previous = {"Episodes": [died]} if not this_year else None
    data = ssda903_return(OC3=[LEAVER], Episodes=now, previous=previous)
    assert failing_rows("ssda903", "1000", data) == FAILS
    no_data = ssda903_return(OC3=[NO_DATA], Episodes=now, previous=previous)
    assert failing_rows("ssda903", "1000", no_data) == []


def test_1000_other_reasons_pass() -> None:
    data = ssda903_return(OC3=[LEAVER], Episodes=[episode(DEC="01/06/2023", REC="E4A")])
    assert failing_rows("ssda903", "1000", data) == []


def test_1002_no_episodes_in_either_year() -> None:
    other = episode(CHILD="C2")
    data = ssda903_return(OC3=[LEAVER], previous={"Episodes": [other]})
    assert failing_rows("ssda903", "1002", data) == FAILS
    data = ssda903_return(OC3=[LEAVER], previous={"Episodes": [episode()]})
    assert failing_rows("ssda903", "1002", data) == []
    data = ssda903_return(OC3=[LEAVER], Episodes=[episode()], previous={"Episodes": [other]})
    assert failing_rows("ssda903", "1002", data) == []


def test_1002_passes_without_last_year() -> None:
    assert failing_rows("ssda903", "1002", ssda903_return(OC3=[LEAVER])) == []


def care_history(child: str, **episode: str | None) -> pl.DataFrame:
    """``reference["care_history"]`` holding one episode (C2 LS unless given)."""
    row = {"CHILD": child, "DECOM": None, "DEC": None, "LS": "C2", "REC": None, **episode}
    return pl.DataFrame([row], schema=dict.fromkeys(CARE_HISTORY_COLUMNS, pl.Utf8()))


def test_1001_judges_by_the_care_history_when_supplied() -> None:
    # From before last year's collection: from 14 (1 June 2019) to 16 and beyond.
    relevant = care_history("C1", DECOM="01/01/2019", DEC="01/07/2021", REC="E4A")
    short = care_history("C1", DECOM="01/05/2021", DEC="01/07/2021", REC="E4A")
    judged = {
        name: failing_rows(
            "ssda903", "1001", ssda903_return(OC3=[LEAVER], reference={CARE_HISTORY: h})
        )
        for name, h in (("relevant", relevant), ("short", short))
    }
    assert judged == {"relevant": [], "short": FAILS}


def test_1002_judges_by_the_care_history_when_supplied() -> None:
    # Left care years ago: no episode in either year's file, but the history holds one.
    history = care_history("C1", DECOM="01/02/2018", DEC="01/06/2021", REC="E4A")
    other = care_history("C2", DECOM="01/02/2018", DEC="01/06/2021", REC="E4A")
    cared_for = ssda903_return(OC3=[LEAVER], reference={CARE_HISTORY: history})
    never = ssda903_return(OC3=[LEAVER], reference={CARE_HISTORY: other})
    assert failing_rows("ssda903", "1002", cared_for) == []
    assert failing_rows("ssda903", "1002", never) == FAILS


# C1's 14th birthday is 1 June 2019, 16th 1 June 2021.
@pytest.mark.parametrize(
    ("decom", "dec", "fails"),
    [
        ("01/05/2021", "01/07/2021", True),  # 61 days since 14 (under 13 weeks)
        ("01/04/2021", "01/07/2021", False),  # 91 days
        ("02/04/2021", "01/07/2021", True),  # 90 days
        ("01/01/2021", "01/06/2021", True),  # left care on the 16th birthday
        ("01/01/2021", "02/06/2021", False),  # a day after it
    ],
)
def test_1001_relevant_child(decom: str, dec: str, fails: bool) -> None:
    past = episode(DECOM=decom, DEC=dec, REC="E4A")
    data = ssda903_return(OC3=[LEAVER], previous={"Episodes": [past]})
    assert failing_rows("ssda903", "1001", data) == (FAILS if fails else [])


def test_1001_short_breaks_do_not_count_and_last_year_is_needed() -> None:
    respite = episode(DECOM="01/01/2021", DEC="01/01/2022", REC="E4A", LS="V3")
    short = episode(DECOM="01/05/2021", DEC="01/07/2021", REC="E4A")
    data = ssda903_return(OC3=[LEAVER], previous={"Episodes": [respite, short]})
    assert failing_rows("ssda903", "1001", data) == FAILS
    assert failing_rows("ssda903", "1001", ssda903_return(OC3=[LEAVER], Episodes=[short])) == []


def test_1001_only_short_breaks_is_not_relevant_and_no_dob_is_not_judged() -> None:
    respite = episode(DECOM="01/01/2020", DEC="01/01/2023", REC="E4A", LS="V4")
    data = ssda903_return(OC3=[LEAVER], previous={"Episodes": [respite]})
    assert failing_rows("ssda903", "1001", data) == FAILS
    data = ssda903_return(OC3=[leaver(DOB=None)], previous={"Episodes": [respite]})
    assert failing_rows("ssda903", "1001", data) == []
    # No episodes at all is 1002's to report.
    assert (
        failing_rows("ssda903", "1001", ssda903_return(OC3=[LEAVER], previous={"Episodes": []}))
        == []
    )


def test_1010_open_last_year_but_no_episodes_now() -> None:
    data = ssda903_return(OC3=[LEAVER], previous={"Episodes": [episode()]})
    assert failing_rows("ssda903", "1010", data) == FAILS
    closed = episode(DEC="31/03/2023", REC="E4A")
    assert (
        failing_rows(
            "ssda903", "1010", ssda903_return(OC3=[LEAVER], previous={"Episodes": [closed]})
        )
        == []
    )
    now = ssda903_return(OC3=[LEAVER], Episodes=[episode()], previous={"Episodes": [episode()]})
    assert failing_rows("ssda903", "1010", now) == []
    assert failing_rows("ssda903", "1010", ssda903_return(OC3=[LEAVER])) == []


def test_1011_final_episode_transferred() -> None:
    first = episode(DEC="01/05/2023", REC="E3")
    final = episode(DECOM="01/05/2023", RNE="S", DEC="01/08/2023", REC="E4A")
    assert failing_rows("ssda903", "1011", ssda903_return(OC3=[LEAVER], Episodes=[first])) == FAILS
    both = ssda903_return(OC3=[LEAVER], Episodes=[first, final])
    assert failing_rows("ssda903", "1011", both) == []


# 1007 and 1016: C1 turns 18 on 1 June 2023.
@pytest.mark.parametrize(
    ("episodes", "fails_1007", "fails_1016"),
    [
        ([{}], True, False),  # in care on the birthday and still
        ([{"DEC": "02/06/2023", "REC": "E4A"}], False, True),  # left a day after it
        ([{"DEC": "01/06/2023", "REC": "E4A"}], False, False),  # left on the birthday
        ([{"DECOM": "02/06/2023"}], False, False),  # came into care after it
        ([{"LS": "V3"}], False, False),  # short breaks only
    ],
)
def test_1007_and_1016_looked_after_on_the_birthday(
    episodes: list[Row], fails_1007: bool, fails_1016: bool
) -> None:
    data = ssda903_return(OC3=[LEAVER], Episodes=[episode(**e) for e in episodes])
    assert failing_rows("ssda903", "1007", data) == (FAILS if fails_1007 else [])
    if episodes[0].get("LS") != "V3":
        assert failing_rows("ssda903", "1016", data) == (FAILS if fails_1016 else [])


@pytest.mark.parametrize(
    ("dob", "fails"),
    [
        ("31/03/2007", True),  # 17 on 31 March
        ("01/04/2007", False),  # 16
        ("01/04/2005", True),  # 18 since 1 April 2023
        ("31/03/2005", False),  # 19 on 31 March
    ],
)
def test_1007_only_17_and_18_year_olds(dob: str, fails: bool) -> None:
    data = ssda903_return(OC3=[leaver(DOB=dob)], Episodes=[episode(DECOM="01/01/2004")])
    assert failing_rows("ssda903", "1007", data) == (FAILS if fails else [])


def test_1012_care_leaver_with_other_records() -> None:
    review: Row = {"CHILD": "C1", "REVIEW": "01/06/2023", "REVIEW_CODE": "PN1", "_row": 2}
    missing: Row = {"CHILD": "C1", "MISSING": "M", "MIS_START": "01/06/2023", "_row": 3}
    data = ssda903_return(OC3=[NO_DATA], Reviews=[review], Missing=[missing])
    assert failing_rows("ssda903", "1012", data) == [("Missing", 3, "C1"), ("Reviews", 2, "C1")]
    data = ssda903_return(OC3=[NO_DATA], Reviews=[review], Episodes=[episode()])
    assert failing_rows("ssda903", "1012", data) == []


def test_1014_uasc_data_for_care_leaver() -> None:
    uasc: Row = {"CHILD": "C1", "DOB": "01/06/2005", "SEX": "1", "_row": 4}
    data = ssda903_return(OC3=[LEAVER], UASC=[uasc])
    assert failing_rows("ssda903", "1014", data) == [("OC3", 1, "C1"), ("UASC", 4, "C1")]
    data = ssda903_return(OC3=[LEAVER], UASC=[uasc], Episodes=[episode()])
    assert failing_rows("ssda903", "1014", data) == []
    assert failing_rows("ssda903", "1014", ssda903_return(OC3=[LEAVER])) == []
