"""Part-1 SSDA903 rules derived from postcodes: placement LA, location and distance."""

from __future__ import annotations

import polars as pl
import pytest

from safeguard.returns.rules.registry import ReturnData
from safeguard.returns.testing.builders import failing_rows, ssda903_return

Row = dict[str, str | int | None]

# Synthetic postcodes: HOME and NEAR are in LA 001, 3 miles apart (4828 m); FAR is in
# LA 002, 1000.1 miles from HOME; NOLA has no LA.
POSTCODES = pl.DataFrame(
    {
        "POSTCODE": ["AA1 1AA", "AA1 2AA", "ZZ9 9ZZ", "AA1 3AA", "AA1 4AA"],
        "LA_CODE": ["001", "001", "002", None, "002"],
        "EASTING": ["400000", "404828", "400000", "400000", "400000"],
        "NORTHING": [
            "300000",
            "300000",
            str(300000 + round(1000.1 * 1609.344)),
            "300000",
            "1909184",
        ],
    }
)
HOME, NEAR, FAR, NOLA, EDGE = "AA1 1AA", "AA1 2AA", "ZZ9 9ZZ", "AA1 3AA", "AA1 4AA"

EPISODE: Row = {
    "CHILD": "C1",
    "DECOM": "01/05/2023",
    "LS": "C2",
    "PLACE": "U1",
    "PLACE_PROVIDER": "PR1",
    "HOME_POST": HOME,
    "PL_POST": NEAR,
}


def with_look_up(*episodes: Row, uasc: list[Row] | None = None) -> ReturnData:
    return ssda903_return(
        Episodes=list(episodes), UASC=uasc or [], reference={"postcodes": POSTCODES}
    )


def episode(**changes: str | int | None) -> Row:
    return {**EPISODE, **changes}


@pytest.mark.parametrize("code", ["169", "179"])
def test_placement_postcode_must_have_an_la(code: str) -> None:
    assert failing_rows("ssda903", code, with_look_up(episode())) == []
    assert failing_rows("ssda903", code, with_look_up(episode(PL_POST="aa12aa"))) == []
    assert failing_rows("ssda903", code, with_look_up(episode(PL_POST="QQ1 1QQ"))) == [
        ("Episodes", 1, "C1")
    ]
    assert failing_rows("ssda903", code, with_look_up(episode(PL_POST=NOLA))) == [
        ("Episodes", 1, "C1")
    ]
    # No placement postcode: another rule asks for it.
    assert failing_rows("ssda903", code, with_look_up(episode(PL_POST=None))) == []


@pytest.mark.parametrize("code", ["169", "179", "1015", "164"])
def test_postcode_rules_pass_without_the_look_up(code: str) -> None:
    data = ssda903_return(Episodes=[episode(PL_POST="QQ1 1QQ", HOME_POST=None)], la_code="001")
    assert failing_rows("ssda903", code, data) == []


def test_1015_own_provision_outside_own_la() -> None:
    def run(**changes: str | int | None) -> list[tuple[str, int, str]]:
        data = ssda903_return(
            Episodes=[episode(**changes)], reference={"postcodes": POSTCODES}, la_code="001"
        )
        return failing_rows("ssda903", "1015", data)

    assert run() == []
    assert run(PL_POST=FAR) == [("Episodes", 1, "C1")]
    assert run(PL_POST=FAR, PLACE_PROVIDER="PR2") == []
    assert run(PL_POST="QQ1 1QQ") == []  # unknown LA: 169 reports it


@pytest.mark.parametrize(
    ("changes", "fails"),
    [
        ({}, False),
        ({"PL_POST": HOME}, False),  # 0 miles
        ({"PL_POST": EDGE}, False),  # 999.9 miles
        ({"PL_POST": FAR}, True),  # 1000.1 miles
        ({"HOME_POST": None}, True),
        ({"PL_POST": "QQ1 1QQ"}, True),
        ({"HOME_POST": None, "LS": "V3"}, False),
        ({"HOME_POST": None, "LS": "V4"}, False),
    ],
)
def test_164_distance_must_be_valid(changes: Row, fails: bool) -> None:
    found = failing_rows("ssda903", "164", with_look_up(episode(**changes)))
    assert found == ([("Episodes", 1, "C1")] if fails else [])


def test_164_uasc_children_are_excepted() -> None:
    uasc: list[Row] = [{"CHILD": "C1", "SEX": "1", "DOB": "01/01/2008"}]
    data = with_look_up(episode(HOME_POST=None), uasc=uasc)
    assert failing_rows("ssda903", "164", data) == []
    data = ssda903_return(
        Episodes=[episode(HOME_POST=None)],
        reference={"postcodes": POSTCODES},
        previous={"UASC": uasc},
    )
    assert failing_rows("ssda903", "164", data) == []
