"""CIN census rules on ethnicity and disabilities."""

from __future__ import annotations

import pytest

from safeguard.returns.testing.builders import failing_rows
from safeguard.returns.tests.test_cin_rules_valid import (
    CHARACTERISTICS,
    CHILD,
    DISABILITY,
    IDENT,
    Row,
    census,
    with_,
)

ALL_BUT_NONE = ("MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH")


def _disabilities(*codes: str | None, child: str = CHILD, first_row: int = 22) -> list[Row]:
    return [
        with_(DISABILITY, LAchildID=child, Disability=code, _row=first_row + i)
        for i, code in enumerate(codes)
    ]


@pytest.mark.parametrize(
    ("ethnicity", "fails"), [("WBRI", False), ("NOBT", False), ("WBR", True), (None, True)]
)
def test_4220_ethnicity(ethnicity: str | None, fails: bool) -> None:
    data = census(ChildCharacteristics=[with_(CHARACTERISTICS, Ethnicity=ethnicity)])
    expected = [("ChildCharacteristics", 20, CHILD)] if fails else []
    assert failing_rows("cin", "4220", data) == expected


@pytest.mark.parametrize(
    ("code", "fails"), [("NONE", False), ("AUT", False), ("AUTISM", True), (None, True)]
)
def test_8540_disability_code(code: str | None, fails: bool) -> None:
    data = census(Disabilities=_disabilities(code))
    assert failing_rows("cin", "8540", data) == ([("Disabilities", 22, CHILD)] if fails else [])


def test_8790_none_with_other_codes() -> None:
    mixed = census(Disabilities=_disabilities("NONE", "MOB"))
    assert failing_rows("cin", "8790", mixed) == [
        ("Disabilities", 22, CHILD),
        ("Disabilities", 23, CHILD),
    ]
    assert failing_rows("cin", "8790", census(Disabilities=_disabilities("MOB", "HAND"))) == []
    # NONE for one child and MOB for another is fine.
    two = _disabilities("NONE") + _disabilities("MOB", child="C2", first_row=30)
    assert failing_rows("cin", "8790", census(Disabilities=two)) == []


def test_8794_same_code_twice() -> None:
    twice = census(Disabilities=_disabilities("MOB", "HAND", "mob"))
    assert failing_rows("cin", "8794", twice) == [
        ("Disabilities", 22, CHILD),
        ("Disabilities", 24, CHILD),
    ]
    assert failing_rows("cin", "8794", census(Disabilities=_disabilities("MOB", "HAND"))) == []


def test_2887q_fewer_than_eight_codes_in_the_return() -> None:
    seven = census(Disabilities=_disabilities(*ALL_BUT_NONE[:7], "NONE"))
    eight = census(Disabilities=_disabilities(*ALL_BUT_NONE[:8]))
    assert failing_rows("cin", "2887Q", seven) == [("Disabilities", None, None)]
    assert failing_rows("cin", "2887Q", eight) == []
    assert failing_rows("cin", "2887Q", census(ChildIdentifiers=[], Disabilities=[])) == []


def test_2888q_nobody_has_more_than_one_disability() -> None:
    second = with_(IDENT, LAchildID="C2", _row=11)
    one_each = _disabilities("MOB") + _disabilities("HAND", child="C2", first_row=30)
    data = census(ChildIdentifiers=[IDENT, second], Disabilities=one_each)
    assert failing_rows("cin", "2888Q", data) == [("Disabilities", None, None)]
    several = _disabilities("MOB", "HAND") + _disabilities("HAND", child="C2", first_row=30)
    data = census(ChildIdentifiers=[IDENT, second], Disabilities=several)
    assert failing_rows("cin", "2888Q", data) == []
    assert failing_rows("cin", "2888Q", census()) == []  # only NONE recorded
