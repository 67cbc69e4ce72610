"""SSDA903 part 3: the run of episodes within the year and on from last year's return."""

from __future__ import annotations

import polars as pl
import pytest

from safeguard.returns.rules.registry import ReturnData
from safeguard.returns.testing.builders import failing_rows, ssda903_return

CHILD = "C1"
Row = dict[str, str | int | None]


def _episode(**values: str | int | None) -> Row:
    row: Row = {
        "CHILD": CHILD,
        "DECOM": "01/01/2023",
        "RNE": "S",
        "LS": "C2",
        "CIN": "N1",
        "PLACE": "U1",
        "PLACE_PROVIDER": "PR1",
        "URN": "SC111111",
        "HOME_POST": "AB1 1AA",
        "PL_POST": "AB2 2AA",
    }
    row.update(values)
    return row


@pytest.mark.parametrize(
    ("second_start", "fails"),
    [("10/06/2023", True), ("11/06/2023", False), ("12/06/2023", False)],
)
def test_501_new_episode_before_previous_ends(second_start: str, fails: bool) -> None:
    data = ssda903_return(
        Episodes=[
            _episode(DECOM="01/05/2023", DEC="11/06/2023", REC="X1", _row=2),
            _episode(DECOM=second_start, RNE="P", _row=3),
        ]
    )
    assert failing_rows("ssda903", "501", data) == ([("Episodes", 3, CHILD)] if fails else [])


def test_501_compares_each_child_on_their_own() -> None:
    data = ssda903_return(
        Episodes=[
            _episode(DECOM="01/05/2023", DEC="11/06/2023", REC="X1", _row=2),
            _episode(CHILD="C2", DECOM="01/06/2023", _row=3),
        ]
    )
    assert failing_rows("ssda903", "501", data) == []


def _carried(
    last: Row, now: Row, *, reference: dict[str, object] | None = None, la_code: str = "001"
) -> ReturnData:
    return ssda903_return(
        previous={"Episodes": [last]}, Episodes=[now], reference=reference, la_code=la_code
    )


@pytest.mark.parametrize(
    ("this_year_start", "fails"), [("01/01/2023", False), ("02/01/2023", True)]
)
def test_502_first_episode_starts_as_open_one(this_year_start: str, fails: bool) -> None:
    data = _carried(_episode(), _episode(DECOM=this_year_start, _row=5))
    assert failing_rows("ssda903", "502", data) == ([("Episodes", 5, CHILD)] if fails else [])


def test_502_closed_episode_last_year_or_no_last_year_passes() -> None:
    closed = _carried(_episode(DEC="01/03/2023", REC="E8"), _episode(DECOM="01/05/2023"))
    assert failing_rows("ssda903", "502", closed) == []
    alone = ssda903_return(Episodes=[_episode(DECOM="01/05/2023")])
    assert failing_rows("ssda903", "502", alone) == []


def test_502_uses_last_years_latest_episode() -> None:
    data = ssda903_return(
        previous={
            "Episodes": [
                _episode(DECOM="01/01/2022", DEC="01/01/2023", REC="X1"),
                _episode(DECOM="01/01/2023", RNE="P"),
            ]
        },
        Episodes=[_episode(DECOM="01/01/2023", RNE="P", _row=2)],
    )
    assert failing_rows("ssda903", "502", data) == []


@pytest.mark.parametrize(
    ("code", "column", "changed"),
    [
        ("503A", "RNE", "P"),
        ("503B", "LS", "E1"),
        ("503C", "CIN", "N2"),
        ("503D", "PLACE", "U2"),
        ("503E", "PLACE_PROVIDER", "PR2"),
        ("503F", "URN", "SC222222"),
    ],
)
def test_503_first_episode_details_carried_on(code: str, column: str, changed: str) -> None:
    same = _carried(_episode(), _episode(_row=4))
    assert failing_rows("ssda903", code, same) == []
    changes: Row = {column: changed, "_row": 4}
    different = _carried(_episode(), _episode(**changes))
    assert failing_rows("ssda903", code, different) == [("Episodes", 4, CHILD)]
    blanked: Row = {column: None, "_row": 4}
    blank_now = _carried(_episode(), _episode(**blanked))
    assert failing_rows("ssda903", code, blank_now) == [("Episodes", 4, CHILD)]


def test_503_compares_only_the_first_episode_this_year() -> None:
    data = ssda903_return(
        previous={"Episodes": [_episode()]},
        Episodes=[
            _episode(DEC="01/06/2023", REC="X1", _row=2),
            _episode(DECOM="01/06/2023", RNE="P", PLACE="U2", _row=3),
        ],
    )
    assert failing_rows("ssda903", "503D", data) == []


def _postcodes() -> pl.DataFrame:
    rows = [
        ("AB1 1AA", "001", "400000", "300000"),
        ("AB2 2AA", "001", "403000", "304000"),  # 5 km from AB1 1AA
        ("AB3 3AA", "002", "406000", "308000"),  # 10 km from AB1 1AA, another LA
        ("AB4 4AA", "001", "400000", "305000"),  # 5 km from AB1 1AA
    ]
    return pl.DataFrame(rows, schema=["POSTCODE", "LA_CODE", "EASTING", "NORTHING"], orient="row")


@pytest.mark.parametrize(
    ("pl_post", "fails_g", "fails_h", "fails_j"),
    [
        ("AB2 2AA", False, False, False),
        ("AB4 4AA", False, False, False),  # moved, but the same distance and LA
        ("AB3 3AA", True, True, True),
    ],
)
def test_503g_h_j_derived_placement_details(
    pl_post: str, fails_g: bool, fails_h: bool, fails_j: bool
) -> None:
    data = _carried(
        _episode(),
        _episode(PL_POST=pl_post, _row=6),
        reference={"postcodes": _postcodes()},
        la_code="001",
    )
    for code, fails in (("503G", fails_g), ("503H", fails_h), ("503J", fails_j)):
        assert failing_rows("ssda903", code, data) == ([("Episodes", 6, CHILD)] if fails else [])


def test_503g_passes_without_the_postcode_look_up() -> None:
    data = _carried(_episode(), _episode(PL_POST="AB3 3AA"))
    assert failing_rows("ssda903", "503G", data) == []


def test_504_category_of_need_kept_through_period() -> None:
    data = ssda903_return(
        Episodes=[
            _episode(DECOM="01/05/2023", DEC="01/06/2023", REC="X1", _row=2),
            _episode(DECOM="01/06/2023", DEC="01/07/2023", RNE="P", CIN="N2", REC="X1", _row=3),
            _episode(DECOM="01/07/2023", RNE="P", CIN="N1", _row=4),
        ]
    )
    assert failing_rows("ssda903", "504", data) == [("Episodes", 3, CHILD)]


@pytest.mark.parametrize(
    ("start", "rne"),
    [("02/06/2023", "P"), ("01/06/2023", "S")],  # a gap, or marked as a new period
)
def test_504_new_period_may_have_new_category(start: str, rne: str) -> None:
    data = ssda903_return(
        Episodes=[
            _episode(DECOM="01/05/2023", DEC="01/06/2023", REC="E8", _row=2),
            _episode(DECOM=start, RNE=rne, CIN="N2", _row=3),
        ]
    )
    assert failing_rows("ssda903", "504", data) == []


@pytest.mark.parametrize(
    ("start", "in_last_year", "fails"),
    [
        ("31/03/2023", False, True),
        ("31/03/2023", True, False),
        ("01/04/2023", False, False),  # started this year
    ],
)
def test_562_earlier_episode_in_last_year(start: str, in_last_year: bool, fails: bool) -> None:
    last = [_episode(DECOM="31/03/2023")] if in_last_year else [_episode(DECOM="01/01/2022")]
    data = ssda903_return(previous={"Episodes": last}, Episodes=[_episode(DECOM=start, _row=7)])
    assert failing_rows("ssda903", "562", data) == ([("Episodes", 7, CHILD)] if fails else [])


def test_562_passes_without_last_year() -> None:
    data = ssda903_return(Episodes=[_episode(DECOM="31/03/2023")])
    assert failing_rows("ssda903", "562", data) == []
