"""Part-1 SSDA903 rules on episodes of care."""

from __future__ import annotations

import polars as pl
import pytest

from safeguard.returns.testing.builders import failing_rows, ssda903_return

Row = dict[str, str | int | None]

EPISODE: Row = {
    "CHILD": "C1",
    "DECOM": "01/05/2023",
    "RNE": "S",
    "LS": "C2",
    "CIN": "N1",
    "PLACE": "U1",
    "PLACE_PROVIDER": "PR1",
    "REASON_PLACE_CHANGE": None,
}


def episode(**changes: str | int | None) -> Row:
    return {**EPISODE, **changes}


@pytest.mark.parametrize(
    ("code", "column", "good", "bad"),
    [
        ("141", "DECOM", "01/05/2023", "31/04/2023"),
        ("141", "DECOM", "01/05/2023", None),
        ("143", "RNE", "U", "X"),
        ("143", "RNE", "S", None),
        ("144", "LS", "V2", "C3"),
        ("144", "LS", "J3", None),
        ("145", "CIN", "N8", "N9"),
        ("145", "CIN", "N1", None),
        ("146", "PLACE", "K2", "K3"),
        ("146", "PLACE", "Z1", None),
        ("178", "PLACE_PROVIDER", "PR0", "PR6"),
        ("1009", "REASON_PLACE_CHANGE", "CUSTOD", "MOVED"),
    ],
)
def test_episode_item_is_valid(code: str, column: str, good: str, bad: str | None) -> None:
    ok = ssda903_return(Episodes=[episode(**{column: good})])
    assert failing_rows("ssda903", code, ok) == []
    wrong = ssda903_return(Episodes=[episode(**{column: bad, "_row": 5})])
    assert failing_rows("ssda903", code, wrong) == [("Episodes", 5, "C1")]


@pytest.mark.parametrize(
    ("code", "column"), [("178", "PLACE_PROVIDER"), ("1009", "REASON_PLACE_CHANGE"), ("149", "REC")]
)
def test_optional_codes_may_be_blank(code: str, column: str) -> None:
    assert failing_rows("ssda903", code, ssda903_return(Episodes=[episode(**{column: None})])) == []


@pytest.mark.parametrize(
    ("dec", "rec", "fails_147", "fails_148", "fails_149"),
    [
        ("31/12/2023", "E4A", False, False, False),
        (None, None, False, False, False),
        ("31/12/2023", None, False, True, False),
        (None, "E4A", False, True, False),
        ("31/13/2023", "E4A", True, False, False),
        ("31/12/2023", "E99", False, False, True),
    ],
)
def test_episode_end(
    dec: str | None, rec: str | None, fails_147: bool, fails_148: bool, fails_149: bool
) -> None:
    data = ssda903_return(Episodes=[episode(DEC=dec, REC=rec)])
    for code, fails in (("147", fails_147), ("148", fails_148), ("149", fails_149)):
        assert failing_rows("ssda903", code, data) == ([("Episodes", 1, "C1")] if fails else [])


def test_142_an_earlier_episode_left_open() -> None:
    first = episode(DECOM="01/05/2023", _row=2)
    second = episode(DECOM="01/06/2023", RNE="P", _row=3)
    data = ssda903_return(Episodes=[second, first])
    assert failing_rows("ssda903", "142", data) == [("Episodes", 2, "C1")]
    closed = {**first, "DEC": "01/06/2023", "REC": "X1"}
    assert failing_rows("ssda903", "142", ssda903_return(Episodes=[second, closed])) == []


def test_142_each_child_is_ordered_on_its_own() -> None:
    mine = episode(CHILD="C1", DECOM="01/05/2023")
    other = episode(CHILD="C2", DECOM="01/06/2023")
    assert failing_rows("ssda903", "142", ssda903_return(Episodes=[mine, other])) == []


def test_199_episode_after_adoption_this_year() -> None:
    adopted = episode(PLACE="A3", DEC="01/09/2023", REC="E11", _row=1)
    again = episode(DECOM="01/09/2023", RNE="S", _row=2)
    data = ssda903_return(Episodes=[adopted, again])
    assert failing_rows("ssda903", "199", data) == [("Episodes", 2, "C1")]
    returned_home = {**adopted, "REC": "E13"}
    assert failing_rows("ssda903", "199", ssda903_return(Episodes=[returned_home, again])) == []


def test_199_adopted_from_care_last_year() -> None:
    adopted = episode(DECOM="01/05/2021", PLACE="A3", DEC="01/09/2022", REC="E12")
    now = episode(DECOM="01/10/2023")
    data = ssda903_return(Episodes=[now], previous={"Episodes": [adopted]})
    assert failing_rows("ssda903", "199", data) == [("Episodes", 1, "C1")]
    assert failing_rows("ssda903", "199", ssda903_return(Episodes=[now])) == []


def providers() -> pl.DataFrame:
    return pl.DataFrame({"URN": ["SC123456", "1234567"]})


@pytest.mark.parametrize(
    ("urn", "fails"),
    [
        ("SC123456", False),
        (" SC123456 ", False),
        ("XXXXXXX", False),
        (None, False),
        ("SC999999", True),
    ],
)
def test_1008_urn_must_be_a_known_provider(urn: str | None, fails: bool) -> None:
    data = ssda903_return(Episodes=[episode(URN=urn)], reference={"provider_info": providers()})
    assert failing_rows("ssda903", "1008", data) == ([("Episodes", 1, "C1")] if fails else [])


def test_1008_passes_without_the_provider_list() -> None:
    assert failing_rows("ssda903", "1008", ssda903_return(Episodes=[episode(URN="SC999999")])) == []
