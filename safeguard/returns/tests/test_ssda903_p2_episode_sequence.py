"""SSDA903 part 2 rules on how episodes follow each other."""

from __future__ import annotations

import pytest

from safeguard.returns.testing.builders import failing_rows, ssda903_return

CHILD = "C1"
Row = dict[str, str | int | None]


def _ep(row: int, decom: str, dec: str | None = None, **values: str | None) -> Row:
    episode: Row = {
        "CHILD": CHILD,
        "DECOM": decom,
        "DEC": dec,
        "RNE": "S",
        "LS": "C2",
        "PLACE": "U4",
        "PLACE_PROVIDER": "PR1",
        "PL_POST": "AB1 2CD",
        "URN": "SC111111",
        "REC": "X1" if dec else None,
        "_row": row,
    }
    episode.update(values)
    return episode


def _fails(code: str, *episodes: Row) -> list[tuple[str, int, str]]:
    return failing_rows("ssda903", code, ssda903_return(year=2024, Episodes=list(episodes)))


def _flagged(*rows: int) -> list[tuple[str, int, str]]:
    return [("Episodes", r, CHILD) for r in rows]


@pytest.mark.parametrize(
    ("code", "values", "fails"),
    [
        ("217", {"PLACE": "A5", "RNE": "P"}, True),
        ("217", {"PLACE": "A3", "RNE": "B"}, True),
        ("217", {"PLACE": "A5", "RNE": "T"}, False),
        ("217", {"PLACE": "A5", "RNE": "P", "DECOM": "31/03/2015"}, False),
        ("217", {"PLACE": "A6", "RNE": "P"}, False),
        ("366", {"LS": "V3", "RNE": "P"}, True),
        ("366", {"LS": "V3", "RNE": "S"}, False),
        ("366", {"LS": "V4", "RNE": "P"}, False),
        ("378", {"PLACE": "P1", "LS": "V2"}, True),
        ("378", {"PLACE": "P1", "LS": "C2"}, False),
        ("380", {"PLACE": "T4", "RNE": "S"}, True),
        ("380", {"PLACE": "T4", "RNE": "P"}, False),
        ("381", {"PLACE": "T1", "DEC": "01/06/2023", "REC": "E8"}, True),
        ("381", {"PLACE": "T1", "DEC": "01/06/2023", "REC": "X1"}, False),
        ("381", {"PLACE": "U4", "DEC": "01/06/2023", "REC": "E8"}, False),
        ("382", {"LS": "V4", "PLACE": "T0"}, True),
        ("382", {"LS": "V2", "PLACE": "T0"}, False),
        ("384", {"LS": "V3", "PLACE": "U1"}, True),
        ("384", {"LS": "V3", "PLACE": "U6"}, False),
        ("390", {"DEC": "01/06/2023", "REC": "E11", "PLACE": "U4"}, True),
        ("390", {"DEC": "01/06/2023", "REC": "E12", "PLACE": "A4"}, False),
        ("408", {"PLACE": "A6", "LS": "C2"}, True),
        ("408", {"PLACE": "A5", "LS": "E1"}, False),
        ("408", {"PLACE": "A4", "LS": "C2"}, False),
    ],
)
def test_single_episode(code: str, values: dict[str, str | None], fails: bool) -> None:
    episode = _ep(2, "01/05/2023")
    episode.update(values)
    assert _fails(code, episode) == (_flagged(2) if fails else [])


@pytest.mark.parametrize(("before", "fails"), [("K2", True), ("U6", False), ("A3", False)])
def test_336_fostered_before_adoption_with_carers(before: str, fails: bool) -> None:
    found = _fails(
        "336",
        _ep(2, "01/05/2023", "01/07/2023", PLACE=before),
        _ep(3, "01/07/2023", PLACE="A3", RNE="T"),
    )
    assert found == (_flagged(3) if fails else [])
    assert _fails("336", _ep(3, "01/07/2023", PLACE="A3", RNE="S")) == []


@pytest.mark.parametrize(("after", "fails"), [("K2", True), ("U4", False)])
def test_383_back_to_normal_placement(after: str, fails: bool) -> None:
    found = _fails(
        "383",
        _ep(2, "01/05/2023", "01/06/2023"),
        _ep(3, "01/06/2023", "08/06/2023", PLACE="T3", RNE="P"),
        _ep(4, "08/06/2023", PLACE=after, RNE="P"),
    )
    assert found == (_flagged(3) if fails else [])


@pytest.mark.parametrize(("next_start", "fails"), [("02/06/2023", True), ("01/06/2023", False)])
def test_388_continuation_episode(next_start: str, fails: bool) -> None:
    found = _fails("388", _ep(2, "01/05/2023", "01/06/2023"), _ep(3, next_start, RNE="P"))
    assert found == (_flagged(2) if fails else [])


def test_388_last_episode_ending_x1() -> None:
    assert _fails("388", _ep(2, "01/05/2023", "01/06/2023")) == _flagged(2)
    assert _fails("388", _ep(2, "01/05/2023", "01/06/2023", REC="E8")) == []


@pytest.mark.parametrize(("second", "fails"), [("V4", True), ("V3", False)])
def test_426_one_kind_of_respite(second: str, fails: bool) -> None:
    found = _fails(
        "426",
        _ep(2, "01/05/2023", "03/05/2023", LS="V3", REC="E8"),
        _ep(3, "01/08/2023", LS=second),
        _ep(4, "01/09/2023", LS="C2"),
    )
    assert found == (_flagged(2, 3) if fails else [])


@pytest.mark.parametrize(
    ("code", "first_rec", "second_start", "rne", "fails"),
    [
        ("431", "E8", "01/06/2023", "S", True),
        ("431", "E8", "02/06/2023", "S", False),
        ("432", "E8", "02/06/2023", "P", True),
        ("432", "E8", "02/06/2023", "S", False),
        ("432", "X1", "01/06/2023", "P", False),
        ("433", "X1", "02/06/2023", "P", True),
        ("433", "X1", "01/06/2023", "L", False),
        ("433", "X1", "02/06/2023", "S", False),
    ],
)
def test_reason_for_new_episode_follows_previous(
    code: str, first_rec: str, second_start: str, rne: str, fails: bool
) -> None:
    found = _fails(
        code,
        _ep(2, "01/05/2023", "01/06/2023", REC=first_rec),
        _ep(3, second_start, RNE=rne, LS="V2", PLACE="K2"),
    )
    assert found == (_flagged(3) if fails else [])


@pytest.mark.parametrize(
    ("code", "rne", "changes", "fails"),
    [
        ("434", "L", {"LS": "E1"}, False),
        ("434", "L", {}, True),
        ("434", "L", {"LS": "E1", "URN": "SC222222"}, True),
        ("435", "P", {"PLACE": "U6"}, False),
        ("435", "T", {"PL_POST": "AB1 9ZZ"}, False),
        ("435", "P", {}, True),
        ("435", "P", {"PLACE": "U6", "LS": "E1"}, True),
        ("436", "B", {"PLACE": "U6", "LS": "E1"}, False),
        ("436", "U", {"PLACE_PROVIDER": "PR4", "LS": "E1"}, False),
        ("436", "B", {"LS": "E1"}, True),
        ("436", "U", {"PLACE": "U6"}, True),
    ],
)
def test_reason_for_new_episode_matches_changes(
    code: str, rne: str, changes: dict[str, str], fails: bool
) -> None:
    found = _fails(
        code, _ep(2, "01/05/2023", "01/06/2023"), _ep(3, "01/06/2023", RNE=rne, **changes)
    )
    assert found == (_flagged(3) if fails else [])


def test_434_compares_postcodes_ignoring_case() -> None:
    found = _fails(
        "434",
        _ep(2, "01/05/2023", "01/06/2023"),
        _ep(3, "01/06/2023", RNE="L", LS="E1", PL_POST="ab1 2cd"),
    )
    assert found == []


@pytest.mark.parametrize(("rec", "fails"), [("E2", True), ("E15", True), ("E8", False)])
def test_437_no_episode_after_death(rec: str, fails: bool) -> None:
    found = _fails(
        "437", _ep(2, "01/05/2023", "01/06/2023", REC=rec), _ep(3, "01/09/2023", RNE="S")
    )
    assert found == (_flagged(2) if fails else [])
    assert _fails("437", _ep(2, "01/05/2023", "01/06/2023", REC=rec)) == []
