"""SSDA903 part 3: decisions that a child should be placed for adoption."""

from __future__ import annotations

import pytest

from safeguard.returns.testing.builders import failing_rows, ssda903_return

CHILD = "C1"
Row = dict[str, str | int | None]


def _decision(**values: str | int | None) -> Row:
    row: Row = {"CHILD": CHILD, "DOB": "01/01/2020", "DATE_PLACED": "01/05/2023", "_row": 2}
    row.update(values)
    return row


def _episode(**values: str | int | None) -> Row:
    row: Row = {"CHILD": CHILD, "DECOM": "01/06/2023", "RNE": "P", "LS": "E1", "PLACE": "A3"}
    row.update(values)
    return row


@pytest.mark.parametrize(
    ("ceased", "fails"),
    [("30/04/2023", True), ("01/05/2023", False), ("02/05/2023", False), (None, False)],
)
def test_522_decision_on_or_before_it_ceased(ceased: str | None, fails: bool) -> None:
    data = ssda903_return(PlacedAdoption=[_decision(DATE_PLACED_CEASED=ceased)])
    expected = [("PlacedAdoption", 2, CHILD)] if fails else []
    assert failing_rows("ssda903", "522", data) == expected


@pytest.mark.parametrize(
    ("code", "episode"),
    [
        ("551", {"PLACE": "A5", "LS": "C2"}),
        ("553", {"PLACE": "U1", "LS": "E1"}),
        ("555", {"PLACE": "U1", "LS": "D1"}),
    ],
)
def test_551_553_555_need_a_decision(code: str, episode: Row) -> None:
    eps = [_episode(**episode, _row=6)]
    with_decision = ssda903_return(Episodes=eps, PlacedAdoption=[_decision()])
    assert failing_rows("ssda903", code, with_decision) == []
    without = ssda903_return(Episodes=eps)
    assert failing_rows("ssda903", code, without) == [("Episodes", 6, CHILD)]
    undated = ssda903_return(Episodes=eps, PlacedAdoption=[_decision(DATE_PLACED=None)])
    assert failing_rows("ssda903", code, undated) == [
        ("Episodes", 6, CHILD),
        ("PlacedAdoption", 2, CHILD),
    ]


@pytest.mark.parametrize(
    ("code", "episode"),
    [
        ("551", {"PLACE": "U1", "LS": "C2"}),
        ("553", {"PLACE": "A3", "LS": "C2"}),
        ("555", {"PLACE": "A3", "LS": "E1"}),
    ],
)
def test_551_553_555_other_episodes_pass(code: str, episode: Row) -> None:
    data = ssda903_return(Episodes=[_episode(**episode)])
    assert failing_rows("ssda903", code, data) == []


@pytest.mark.parametrize(
    ("code", "episode"),
    [
        ("552", {"PLACE": "A4", "LS": "C2"}),
        ("554", {"PLACE": "U1", "LS": "E1"}),
        ("556", {"PLACE": "U1", "LS": "D1"}),
    ],
)
@pytest.mark.parametrize(
    ("date_placed", "fails"), [("31/05/2023", False), ("01/06/2023", False), ("02/06/2023", True)]
)
def test_552_554_556_decision_first(code: str, episode: Row, date_placed: str, fails: bool) -> None:
    data = ssda903_return(
        Episodes=[_episode(**episode, _row=6)],
        PlacedAdoption=[_decision(DATE_PLACED=date_placed)],
    )
    expected = [("Episodes", 6, CHILD), ("PlacedAdoption", 2, CHILD)] if fails else []
    assert failing_rows("ssda903", code, data) == expected


def test_554_compares_when_the_order_was_granted() -> None:
    data = ssda903_return(
        Episodes=[
            _episode(DECOM="01/06/2023", DEC="01/07/2023", REC="X1", PLACE="U1", _row=6),
            _episode(DECOM="01/07/2023", PLACE="A3", _row=7),
        ],
        PlacedAdoption=[_decision(DATE_PLACED="15/06/2023")],
    )
    assert failing_rows("ssda903", "554", data) == [
        ("Episodes", 6, CHILD),
        ("PlacedAdoption", 2, CHILD),
    ]
    assert failing_rows("ssda903", "552", data) == []


def _left(rec: str) -> list[Row]:
    return [
        _episode(DECOM="01/06/2023", DEC="01/09/2023", REC="X1", _row=6),
        _episode(DECOM="01/09/2023", DEC="01/12/2023", REC=rec, PLACE="U1", _row=7),
    ]


@pytest.mark.parametrize(
    ("rec", "ceased", "reason", "fails"),
    [
        ("E8", None, None, True),
        ("E8", "01/12/2023", None, True),
        ("E8", None, "RD1", True),
        ("E8", "01/12/2023", "RD1", False),
        ("E11", None, None, False),  # adopted
        ("E12", None, None, False),
    ],
)
def test_557_reversed_when_leaving_care_unadopted(
    rec: str, ceased: str | None, reason: str | None, fails: bool
) -> None:
    decision = _decision(DATE_PLACED_CEASED=ceased, REASON_PLACED_CEASED=reason)
    data = ssda903_return(Episodes=_left(rec), PlacedAdoption=[decision])
    expected = [("Episodes", 7, CHILD), ("PlacedAdoption", 2, CHILD)] if fails else []
    assert failing_rows("ssda903", "557", data) == expected


def test_557_still_in_care_or_decision_after_leaving_passes() -> None:
    in_care = [
        _episode(DECOM="01/06/2023", DEC="01/09/2023", REC="X1"),
        _episode(DECOM="01/09/2023"),
    ]
    data = ssda903_return(Episodes=in_care, PlacedAdoption=[_decision()])
    assert failing_rows("ssda903", "557", data) == []
    later = ssda903_return(
        Episodes=_left("E8"), PlacedAdoption=[_decision(DATE_PLACED="02/12/2023")]
    )
    assert failing_rows("ssda903", "557", later) == []


@pytest.mark.parametrize(
    ("rec", "ceased", "fails"),
    [
        ("E11", "01/12/2023", True),
        ("E12", "01/12/2023", True),
        ("E11", None, False),
        ("E8", "01/12/2023", False),
    ],
)
def test_558_adopted_decision_not_reversed(rec: str, ceased: str | None, fails: bool) -> None:
    data = ssda903_return(
        Episodes=_left(rec), PlacedAdoption=[_decision(DATE_PLACED_CEASED=ceased)]
    )
    expected = [("Episodes", 7, CHILD), ("PlacedAdoption", 2, CHILD)] if fails else []
    assert failing_rows("ssda903", "558", data) == expected


def test_558_earlier_reversed_decision_is_history() -> None:
    decisions = [
        _decision(DATE_PLACED="01/01/2022", DATE_PLACED_CEASED="01/02/2022", _row=2),
        _decision(DATE_PLACED="01/05/2023", _row=3),
    ]
    data = ssda903_return(Episodes=_left("E11"), PlacedAdoption=decisions)
    assert failing_rows("ssda903", "558", data) == []


@pytest.mark.parametrize(
    ("placed", "ceased", "reason", "fails"),
    [
        (None, "01/12/2023", None, True),
        (None, None, "RD2", True),
        ("01/05/2023", "01/12/2023", "RD2", False),
        (None, None, None, False),
    ],
)
def test_563_reversed_decision_has_date(
    placed: str | None, ceased: str | None, reason: str | None, fails: bool
) -> None:
    decision = _decision(DATE_PLACED=placed, DATE_PLACED_CEASED=ceased, REASON_PLACED_CEASED=reason)
    data = ssda903_return(PlacedAdoption=[decision])
    assert failing_rows("ssda903", "563", data) == ([("PlacedAdoption", 2, CHILD)] if fails else [])


@pytest.mark.parametrize(
    ("first_ceased", "second_placed", "fails"),
    [
        (None, "01/06/2023", True),  # the first is still open
        ("01/06/2023", "31/05/2023", True),  # overlaps
        ("01/06/2023", "01/06/2023", False),
        ("01/06/2023", "02/06/2023", False),
    ],
)
def test_579_decisions_do_not_overlap(
    first_ceased: str | None, second_placed: str, fails: bool
) -> None:
    decisions = [
        _decision(DATE_PLACED=second_placed, _row=3),
        _decision(DATE_PLACED="01/01/2023", DATE_PLACED_CEASED=first_ceased, _row=2),
    ]
    data = ssda903_return(PlacedAdoption=decisions)
    assert failing_rows("ssda903", "579", data) == ([("PlacedAdoption", 3, CHILD)] if fails else [])


def test_579_single_open_decision_passes() -> None:
    assert failing_rows("ssda903", "579", ssda903_return(PlacedAdoption=[_decision()])) == []


@pytest.mark.parametrize(("first_ceased", "fails"), [(None, True), ("01/06/2023", False)])
def test_583_earlier_decision_revoked(first_ceased: str | None, fails: bool) -> None:
    decisions = [
        _decision(DATE_PLACED="01/01/2023", DATE_PLACED_CEASED=first_ceased, _row=2),
        _decision(DATE_PLACED="01/07/2023", _row=3),
    ]
    data = ssda903_return(PlacedAdoption=decisions)
    assert failing_rows("ssda903", "583", data) == ([("PlacedAdoption", 2, CHILD)] if fails else [])


def test_583_one_open_decision_per_child_passes() -> None:
    decisions = [_decision(_row=2), _decision(CHILD="C2", _row=3)]
    assert failing_rows("ssda903", "583", ssda903_return(PlacedAdoption=decisions)) == []
