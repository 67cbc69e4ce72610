"""SSDA903 part-2 rules on the placement's LA and distance, derived from the postcodes."""

from __future__ import annotations

import polars as pl
import pytest

from safeguard.returns.rules.registry import ReturnData, get
from safeguard.returns.testing.builders import failing_rows, ssda903_return

CHILD = "C1"
Row = dict[str, str | int | None]
Flagged = list[tuple[str, int, str]]

# Synthetic postcodes, east of HOME along one grid line. NEAR is 3.0 miles away in our LA
# (001); OUT 3.1 and OUT2 3.2 miles away in another (002). NOLA has a grid reference but
# no LA; NOGRID an LA but no grid reference. Any other postcode is not in the look-up.
HOME, NEAR, OUT, OUT2, NOLA, NOGRID = (
    "HH1 1AA",
    "NN1 1AA",
    "OO1 1AA",
    "OO2 2AA",
    "QA1 1AA",
    "GG1 1AA",
)
UNKNOWN = "ZZ9 9ZZ"
POSTCODES = pl.DataFrame(
    {
        "POSTCODE": [HOME, NEAR, OUT, OUT2, NOLA, NOGRID],
        "LA_CODE": ["001", "001", "002", "002", None, "001"],
        "EASTING": ["400000", "404828", "404989", "405150", "404828", None],
        "NORTHING": ["300000", "300000", "300000", "300000", "300000", None],
    }
)


def _ep(**values: str | int | None) -> Row:
    episode: Row = {
        "CHILD": CHILD,
        "DECOM": "01/02/2023",
        "RNE": "S",
        "LS": "C2",
        "PLACE": "U1",
        "PLACE_PROVIDER": "PR1",
        "HOME_POST": HOME,
        "PL_POST": NEAR,
        "_row": 2,
    }
    episode.update(values)
    return episode


def _return(
    *episodes: Row,
    last: list[Row] | None = None,
    uasc: bool = False,
    uasc_last: bool = False,
    look_up: bool = True,
) -> ReturnData:
    previous: dict[str, list[Row]] = {}
    if last is not None:
        previous["Episodes"] = last
    if uasc_last:
        previous["UASC"] = [{"CHILD": CHILD, "DOB": "01/01/2007", "SEX": "1"}]
    return ssda903_return(
        year=2024,
        la_code="001",
        Episodes=list(episodes),
        UASC=[{"CHILD": CHILD, "DOB": "01/01/2007", "SEX": "1"}] if uasc else [],
        previous=previous,
        reference={"postcodes": POSTCODES} if look_up else {},
    )


def _fails(code: str, data: ReturnData) -> Flagged:
    return failing_rows("ssda903", code, data)


FLAGGED = [("Episodes", 2, CHILD)]


@pytest.mark.parametrize(
    ("values", "fails"),
    [
        ({}, False),
        ({"PL_POST": UNKNOWN}, True),
        ({"PL_POST": "nn11aa"}, False),  # matched without spaces, in any case
        ({"HOME_POST": None}, True),
        ({"PL_POST": None}, True),
        ({"PL_POST": NOGRID}, True),  # an LA but nothing to measure from
        ({"PL_POST": NOLA}, False),  # no LA, but a distance (169 reports the LA)
        ({"PL_POST": HOME}, False),  # 0.0 miles is a distance
        ({"LS": "V3", "HOME_POST": None, "PL_POST": None}, False),
        ({"LS": "V4", "PL_POST": UNKNOWN}, False),
        ({"LS": None, "PL_POST": UNKNOWN}, True),
    ],
)
def test_392a_looked_after_child_has_a_distance(values: Row, fails: bool) -> None:
    assert _fails("392a", _return(_ep(**values))) == (FLAGGED if fails else [])


def test_392a_uasc_children_this_year_or_last_have_no_distance() -> None:
    assert _fails("392a", _return(_ep(HOME_POST=None), uasc=True)) == []
    assert _fails("392a", _return(_ep(HOME_POST=None), uasc_last=True)) == []
    assert _fails("392a", _return(_ep(HOME_POST=None))) == FLAGGED


@pytest.mark.parametrize(
    ("values", "fails"),
    [
        ({}, True),
        ({"PL_POST": HOME}, True),  # 0.0 miles is still a distance
        ({"HOME_POST": None}, False),
        ({"HOME_POST": UNKNOWN}, False),
        ({"PL_POST": NOGRID}, False),
        ({"LS": "V3"}, True),
    ],
)
def test_406_uasc_child_has_no_distance(values: Row, fails: bool) -> None:
    assert _fails("406", _return(_ep(**values), uasc=True)) == (FLAGGED if fails else [])


def test_406_applies_to_children_formerly_uasc_and_to_no_others() -> None:
    assert _fails("406", _return(_ep(), uasc_last=True)) == FLAGGED
    assert _fails("406", _return(_ep())) == []


@pytest.mark.parametrize(
    ("values", "fails"),
    [
        ({"LS": "V3"}, True),
        ({"LS": "V4", "PL_POST": OUT}, True),
        ({"LS": "V3", "PL_POST": NOGRID}, True),  # the LA is known without a distance
        ({"LS": "C2"}, False),
        ({"LS": "V3", "PL_POST": None}, False),
        ({"LS": "V3", "PL_POST": UNKNOWN}, False),  # no LA (214 reports the postcode)
        ({"LS": "V3", "PL_POST": NOLA}, False),
    ],
)
def test_420_no_placement_la_for_short_breaks(values: Row, fails: bool) -> None:
    assert _fails("420", _return(_ep(**values))) == (FLAGGED if fails else [])


@pytest.mark.parametrize(
    ("code", "values", "uasc"),
    [
        ("392a", {"PL_POST": UNKNOWN}, False),
        ("406", {}, True),
        ("420", {"LS": "V3"}, False),
        ("452", {"PL_POST": OUT}, False),
        ("453", {"PL_POST": OUT2}, False),
    ],
)
def test_location_rules_pass_without_the_look_up(code: str, values: Row, uasc: bool) -> None:
    episode = _ep(**values)
    assert _fails(code, _return(episode, last=[OPEN_LAST], uasc=uasc)) == FLAGGED
    assert _fails(code, _return(episode, last=[OPEN_LAST], uasc=uasc, look_up=False)) == []


def test_411_is_not_run_because_location_is_derived_from_the_la() -> None:
    rule = get("ssda903", "411")
    assert not rule.implemented
    assert rule.not_implemented is not None and "derived" in rule.not_implemented


# Last year's latest episode, still open at 31 March 2023: placed NEAR, 3.0 miles from home.
OPEN_LAST = _ep(_row=5)


@pytest.mark.parametrize(
    ("now", "fails"),
    [
        ({}, False),
        ({"PL_POST": OUT}, True),
        ({"PL_POST": NOGRID}, False),  # another postcode, the same LA
        ({"PL_POST": UNKNOWN}, True),  # an LA last year and none now
        ({"PL_POST": None}, True),
        ({"PL_POST": OUT, "RNE": "P"}, False),  # not the same episode carried on
        ({"PL_POST": OUT, "RNE": None}, False),
    ],
)
def test_452_placement_la_carried_on_from_last_year(now: Row, fails: bool) -> None:
    data = _return(_ep(**now), last=[OPEN_LAST])
    assert _fails("452", data) == (FLAGGED if fails else [])


def test_452_needs_last_years_episode_still_open() -> None:
    closed = _ep(DEC="31/03/2023", REC="E8", _row=5)
    assert _fails("452", _return(_ep(PL_POST=OUT), last=[closed])) == []
    assert _fails("452", _return(_ep(PL_POST=OUT))) == []  # no previous return


def test_452_compares_first_episode_now_with_latest_episode_last_year() -> None:
    last = [
        _ep(DECOM="01/06/2022", DEC="01/02/2023", REC="X1", PL_POST=OUT, _row=4),
        _ep(DECOM="01/02/2023", RNE="P", _row=5),
    ]
    later = _ep(DECOM="01/06/2023", RNE="P", PL_POST=OUT, _row=2)
    first = _ep(DECOM="01/02/2023", DEC="01/06/2023", REC="X1", RNE="P", _row=3)
    assert _fails("452", _return(later, first, last=last)) == []
    moved = _ep(DECOM="01/02/2023", DEC="01/06/2023", REC="X1", RNE="P", PL_POST=OUT, _row=3)
    assert _fails("452", _return(later, moved, last=last)) == [("Episodes", 3, CHILD)]


def test_452_compares_each_child_with_their_own_last_year() -> None:
    other = _ep(CHILD="C2", PL_POST=OUT, _row=3)
    assert _fails("452", _return(_ep(), other, last=[OPEN_LAST])) == []


@pytest.mark.parametrize(
    ("now", "fails"),
    [
        ({}, False),
        ({"PL_POST": OUT}, False),  # 3.1 miles: 0.1 from last year's 3.0
        ({"PL_POST": OUT2}, True),  # 3.2 miles: 0.2 is a contradiction
        ({"PL_POST": NOLA}, False),  # another postcode at the same distance
        ({"PL_POST": NOGRID}, True),  # a distance last year and none now
        ({"HOME_POST": None}, True),
        ({"PL_POST": OUT2, "RNE": "B"}, False),
    ],
)
def test_453_distance_carried_on_from_last_year(now: Row, fails: bool) -> None:
    data = _return(_ep(**now), last=[OPEN_LAST])
    assert _fails("453", data) == (FLAGGED if fails else [])


def test_453_a_shorter_distance_contradicts_too() -> None:
    last = [_ep(PL_POST=OUT2, _row=5)]
    assert _fails("453", _return(_ep(), last=last)) == FLAGGED
    assert _fails("453", _return(_ep(PL_POST=OUT), last=last)) == []


def test_453_no_distance_in_either_year_is_no_contradiction() -> None:
    last = [_ep(HOME_POST=None, _row=5)]
    assert _fails("453", _return(_ep(HOME_POST=None), last=last)) == []
    assert _fails("453", _return(_ep(), last=last)) == FLAGGED


def test_453_needs_last_years_episode_still_open() -> None:
    closed = _ep(DEC="31/03/2023", REC="E8", _row=5)
    assert _fails("453", _return(_ep(PL_POST=OUT2), last=[closed])) == []
    assert _fails("453", _return(_ep(PL_POST=OUT2))) == []
