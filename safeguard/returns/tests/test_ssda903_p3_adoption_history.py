"""SSDA903 part 3: this year's adoption decisions against last year's return."""

from __future__ import annotations

import pytest

from safeguard.returns.rules.registry import ReturnData
from safeguard.returns.testing.builders import failing_rows, ssda903_return

CHILD = "C1"
Row = dict[str, str | int | None]
FLAG = [("PlacedAdoption", 4, CHILD)]


def _decision(placed: str | None, ceased: str | None = None, **values: str | int) -> Row:
    row: Row = {
        "CHILD": CHILD,
        "DOB": "01/01/2020",
        "DATE_PLACED": placed,
        "DATE_PLACED_CEASED": ceased,
        "REASON_PLACED_CEASED": "RD1" if ceased else None,
        "_row": 4,
    }
    row.update(values)
    return row


def _data(now: list[Row], last: list[Row] | None) -> ReturnData:
    previous = None if last is None else {"PlacedAdoption": last}
    return ssda903_return(year=2024, PlacedAdoption=now, previous=previous)


@pytest.mark.parametrize(
    ("placed", "last", "fails"),
    [
        ("31/03/2023", [], True),
        ("31/03/2023", [_decision("31/03/2023")], False),
        ("31/03/2023", [_decision(None)], True),  # last year's decision had no date
        ("01/04/2023", [], False),  # made this year
    ],
)
def test_559_earlier_decision_in_last_year(placed: str, last: list[Row], fails: bool) -> None:
    data = _data([_decision(placed)], last)
    assert failing_rows("ssda903", "559", data) == (FLAG if fails else [])


@pytest.mark.parametrize("code", ["559", "560", "561", "584"])
def test_history_rules_pass_without_last_year(code: str) -> None:
    assert failing_rows("ssda903", code, _data([_decision("01/01/2020")], None)) == []


@pytest.mark.parametrize(
    ("now", "fails"),
    [
        ([_decision("01/02/2023")], False),
        ([_decision("01/02/2023", "01/06/2023")], False),  # reversed this year, same date
        ([_decision("02/02/2023")], True),
        ([_decision("01/02/2023", "01/06/2023", _row=3), _decision("01/07/2023")], False),
    ],
)
def test_560_open_decision_keeps_its_date(now: list[Row], fails: bool) -> None:
    data = _data(now, [_decision("01/02/2023")])
    assert failing_rows("ssda903", "560", data) == (FLAG if fails else [])


def test_560_reversed_last_year_may_change() -> None:
    data = _data([_decision("02/02/2023")], [_decision("01/02/2023", "01/03/2023")])
    assert failing_rows("ssda903", "560", data) == []


@pytest.mark.parametrize(
    ("last", "fails"),
    [
        ([_decision("01/02/2022", "01/03/2022")], True),
        ([_decision("01/02/2022", None, REASON_PLACED_CEASED="RD3")], True),
        ([_decision("01/02/2022")], False),  # still open last year
        ([_decision("02/02/2022", "01/03/2022")], False),
    ],
)
def test_561_reversed_decision_not_reported_again(last: list[Row], fails: bool) -> None:
    data = _data([_decision("01/02/2022")], last)
    assert failing_rows("ssda903", "561", data) == (FLAG if fails else [])


@pytest.mark.parametrize(
    ("placed", "fails"),
    [("31/01/2022", True), ("01/02/2022", False), ("02/02/2022", False)],
)
def test_584_new_decision_after_reversed_one(placed: str, fails: bool) -> None:
    data = _data([_decision(placed)], [_decision("01/02/2022", "01/03/2022")])
    assert failing_rows("ssda903", "584", data) == (FLAG if fails else [])


def test_584_earlier_decision_open_last_year_is_not_new() -> None:
    last = [_decision("01/01/2021", _row=2), _decision("01/02/2022", "01/03/2022")]
    data = _data([_decision("01/01/2021")], last)
    assert failing_rows("ssda903", "584", data) == []
