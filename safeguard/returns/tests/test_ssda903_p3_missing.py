"""SSDA903 part 3: periods missing or away from placement without authorisation."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from safeguard.returns.rules.registry import ReturnData
from safeguard.returns.testing.builders import Rows, failing_rows, ssda903_return

CHILD = "C1"
Row = dict[str, str | int | None]
FLAG = [("Missing", 4, CHILD)]


def _period(**values: str | int | None) -> Row:
    row: Row = {
        "CHILD": CHILD,
        "DOB": "01/01/2010",
        "MISSING": "M",
        "MIS_START": "01/06/2023",
        "MIS_END": "03/06/2023",
        "_row": 4,
    }
    row.update(values)
    return row


def _episode(**values: str | int | None) -> Row:
    row: Row = {"CHILD": CHILD, "DECOM": "01/05/2023", "RNE": "S", "LS": "C2", "_row": 7}
    row.update(values)
    return row


def _data(
    periods: list[Row], eps: list[Row] | None = None, previous: Mapping[str, Rows] | None = None
) -> ReturnData:
    return ssda903_return(
        year=2024,
        Missing=periods,
        Episodes=[_episode()] if eps is None else eps,
        Header=[{"CHILD": CHILD, "DOB": "01/01/2010", "_row": 2}],
        previous=previous,
    )


def _fails(code: str, data: ReturnData) -> bool:
    found = failing_rows("ssda903", code, data)
    assert found in ([], FLAG)
    return bool(found)


@pytest.mark.parametrize(
    ("code", "values", "fails"),
    [
        ("564", {"MIS_START": None}, True),
        ("564", {"MIS_START": None, "MISSING": None}, False),
        ("564", {}, False),
        ("565", {"MISSING": None}, True),
        ("565", {"MISSING": None, "MIS_START": None}, False),
        ("565", {}, False),
        ("566", {"MISSING": None, "MIS_START": None}, True),
        ("566", {"MISSING": None, "MIS_START": None, "MIS_END": None}, False),
        ("566", {"MISSING": "A"}, False),
    ],
)
def test_564_565_566_items_go_together(code: str, values: Row, fails: bool) -> None:
    assert _fails(code, _data([_period(**values)])) is fails


@pytest.mark.parametrize(
    ("end", "fails"), [("31/05/2023", True), ("01/06/2023", False), (None, False)]
)
def test_567_period_ends_after_it_starts(end: str | None, fails: bool) -> None:
    assert _fails("567", _data([_period(MIS_END=end)])) is fails


@pytest.mark.parametrize(
    ("start", "fails"), [("31/03/2024", False), ("01/04/2024", True), ("bad", False)]
)
def test_570_period_starts_by_end_of_year(start: str, fails: bool) -> None:
    assert _fails("570", _data([_period(MIS_START=start, MIS_END=None)])) is fails


@pytest.mark.parametrize(
    ("end", "fails"),
    [
        ("31/03/2023", True),
        ("01/04/2023", False),
        ("31/03/2024", False),
        ("01/04/2024", True),
        (None, False),
    ],
)
def test_571_period_ends_in_year(end: str | None, fails: bool) -> None:
    assert _fails("571", _data([_period(MIS_START="01/03/2023", MIS_END=end)])) is fails


@pytest.mark.parametrize(
    ("first_end", "second_start", "fails"),
    [
        (None, "10/06/2023", True),  # the first is still open
        ("10/06/2023", "09/06/2023", True),
        ("10/06/2023", "10/06/2023", False),
        ("10/06/2023", "11/06/2023", False),
    ],
)
def test_574_periods_do_not_overlap(first_end: str | None, second_start: str, fails: bool) -> None:
    periods = [
        _period(MIS_START=second_start, MIS_END="20/06/2023", _row=4),
        _period(MIS_START="05/06/2023", MIS_END=first_end, _row=3),
    ]
    assert _fails("574", _data(periods)) is fails


@pytest.mark.parametrize(
    ("episode_end", "missing_end", "fails"),
    [
        ("10/06/2023", None, True),
        ("01/06/2023", None, False),  # went missing from the next placement
        (None, None, False),
        ("10/06/2023", "05/06/2023", False),
    ],
)
def test_575_period_ends_with_placement(
    episode_end: str | None, missing_end: str | None, fails: bool
) -> None:
    eps = [_episode(DEC=episode_end, REC="X1" if episode_end else None)]
    assert _fails("575", _data([_period(MIS_END=missing_end)], eps)) is fails


def test_576_open_period_carried_on_from_last_year() -> None:
    last = {"Missing": [_period(MIS_START="01/03/2023", MIS_END=None)]}
    carried = _data([_period(MIS_START="01/03/2023", MIS_END="02/04/2023")], previous=last)
    assert failing_rows("ssda903", "576", carried) == []
    other = _data([_period()], previous=last)
    assert failing_rows("ssda903", "576", other) == FLAG
    none = _data([], previous=last)
    assert failing_rows("ssda903", "576", none) == [("Header", 2, CHILD)]


def test_576_closed_period_or_no_last_year_passes() -> None:
    last = {"Missing": [_period(MIS_START="01/03/2023", MIS_END="02/03/2023")]}
    assert failing_rows("ssda903", "576", _data([], previous=last)) == []
    assert failing_rows("ssda903", "576", _data([])) == []


@pytest.mark.parametrize(
    ("rec", "missing_end", "fails"),
    [
        ("E8", None, True),
        ("E8", "01/09/2023", False),
        ("X1", None, False),  # still in care
    ],
)
def test_577_period_ends_when_care_ends(rec: str, missing_end: str | None, fails: bool) -> None:
    eps = [_episode(DEC="01/09/2023", REC=rec)]
    assert _fails("577", _data([_period(MIS_END=missing_end)], eps)) is fails


def test_577_back_in_care_passes() -> None:
    eps = [
        _episode(DEC="01/09/2023", REC="E8"),
        _episode(DECOM="01/10/2023", _row=8),
    ]
    assert not _fails("577", _data([_period(MIS_END=None)], eps))


@pytest.mark.parametrize(
    ("start", "fails"),
    [("01/09/2023", False), ("02/09/2023", True), ("01/10/2023", False)],
)
def test_578_period_starts_before_care_ends(start: str, fails: bool) -> None:
    eps = [
        _episode(DEC="01/09/2023", REC="E8"),
        _episode(DECOM="01/10/2023", _row=8),
    ]
    assert _fails("578", _data([_period(MIS_START=start, MIS_END=None)], eps)) is fails


@pytest.mark.parametrize(
    ("rec", "missing_end", "fails"),
    [
        ("E4A", None, True),
        ("E4A", "01/09/2023", True),  # missing until the day care ended
        ("E8", None, False),
        ("E4A", "31/08/2023", False),  # back before care ended
        ("X1", None, False),  # not leaving care
    ],
)
def test_580_missing_when_leaving_care(rec: str, missing_end: str | None, fails: bool) -> None:
    eps = [_episode(DEC="01/09/2023", REC=rec)]
    data = _data([_period(MIS_START="20/08/2023", MIS_END=missing_end)], eps)
    assert failing_rows("ssda903", "580", data) == ([("Episodes", 7, CHILD)] if fails else [])


@pytest.mark.parametrize(("start", "fails"), [("30/04/2023", True), ("01/05/2023", False)])
def test_581_period_starts_after_care_starts(start: str, fails: bool) -> None:
    assert _fails("581", _data([_period(MIS_START=start)])) is fails


@pytest.mark.parametrize(
    ("start", "end", "fails"),
    [
        ("31/12/2009", None, True),
        ("01/01/2010", "31/12/2009", True),
        ("01/01/2010", None, False),
    ],
)
def test_586_period_after_birth(start: str, end: str | None, fails: bool) -> None:
    assert _fails("586", _data([_period(MIS_START=start, MIS_END=end)])) is fails
