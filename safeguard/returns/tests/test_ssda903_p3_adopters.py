"""SSDA903 part 3: adopters (AD1) and how the adoption fits the episodes and decisions."""

from __future__ import annotations

import pytest

from safeguard.returns.testing.builders import failing_rows, ssda903_return

CHILD = "C1"
Row = dict[str, str | int | None]
AD1_FLAG = [("AD1", 3, CHILD)]


def _ad1(**values: str | None) -> Row:
    row: Row = {
        "CHILD": CHILD,
        "DOB": "01/01/2020",
        "DATE_INT": "01/05/2023",
        "DATE_MATCH": "01/07/2023",
        "FOSTER_CARE": "0",
        "NB_ADOPTR": "2",
        "SEX_ADOPTR": "MF",
        "LS_ADOPTR": "L11",
        "_row": 3,
    }
    row.update(values)
    return row


@pytest.mark.parametrize(
    ("number", "genders", "fails"),
    [
        ("2", "MF", False),
        ("2", "MM", False),
        ("2", "FF", False),
        ("2", "M1", True),
        ("2", "F1", True),
        ("2", None, True),
        ("1", "M1", False),
    ],
)
def test_511_two_adopters_are_a_couple(number: str, genders: str | None, fails: bool) -> None:
    data = ssda903_return(AD1=[_ad1(NB_ADOPTR=number, SEX_ADOPTR=genders)])
    assert failing_rows("ssda903", "511", data) == (AD1_FLAG if fails else [])


@pytest.mark.parametrize(
    ("code", "status", "genders", "fails"),
    [
        ("514", "L0", "MF", True),
        ("514", "L0", "FF", True),
        ("514", "L0", "F1", False),
        ("514", "L11", "MF", False),
        ("517", "L3", "MF", False),
        ("517", "L3", "MM", True),
        ("517", "L3", "F1", True),
        ("517", "L4", "MM", False),
        ("518", "L4", "MM", False),
        ("518", "L4", "FF", False),
        ("518", "L4", "MF", True),
        ("518", "L4", None, True),
        ("518", "L3", "MF", False),
        ("519", "L2", "MM", False),
        ("519", "L2", "MF", False),
        ("519", "L2", "M1", True),
        ("519", "L0", "M1", False),
        ("520", "L11", "MF", False),
        ("520", "L11", "FF", True),
        ("520", "L11", "MM", True),
        ("520", "L12", "MM", False),
        ("524", "L12", "FF", False),
        ("524", "L12", "MF", True),
        ("524", "L11", "MF", False),
    ],
)
def test_adopters_legal_status_and_genders(
    code: str, status: str, genders: str | None, fails: bool
) -> None:
    data = ssda903_return(AD1=[_ad1(LS_ADOPTR=status, SEX_ADOPTR=genders)])
    assert failing_rows("ssda903", code, data) == (AD1_FLAG if fails else [])


def _episode(**values: str | int | None) -> Row:
    row: Row = {"CHILD": CHILD, "DECOM": "01/06/2023", "RNE": "P", "LS": "E1", "PLACE": "A3"}
    row.update(values)
    return row


@pytest.mark.parametrize(
    ("date_int", "place", "fails"),
    [
        ("01/06/2023", "A3", False),  # the same day
        ("31/05/2023", "A5", False),
        ("02/06/2023", "A4", True),
        ("02/06/2023", "A6", True),
        ("02/06/2023", "U1", False),  # not placed for adoption
    ],
)
def test_521_best_interests_on_or_before_placement(date_int: str, place: str, fails: bool) -> None:
    data = ssda903_return(AD1=[_ad1(DATE_INT=date_int)], Episodes=[_episode(PLACE=place, _row=5)])
    expected = [("AD1", 3, CHILD), ("Episodes", 5, CHILD)] if fails else []
    assert failing_rows("ssda903", "521", data) == expected


@pytest.mark.parametrize(("date_placed", "fails"), [("01/05/2023", False), ("02/05/2023", True)])
def test_523_best_interests_same_day_as_decision(date_placed: str, fails: bool) -> None:
    data = ssda903_return(
        AD1=[_ad1()], PlacedAdoption=[{"CHILD": CHILD, "DATE_PLACED": date_placed, "_row": 4}]
    )
    expected = [("AD1", 3, CHILD), ("PlacedAdoption", 4, CHILD)] if fails else []
    assert failing_rows("ssda903", "523", data) == expected


def test_523_compares_the_latest_decision() -> None:
    data = ssda903_return(
        AD1=[_ad1()],
        PlacedAdoption=[
            {"CHILD": CHILD, "DATE_PLACED": "01/02/2022", "DATE_PLACED_CEASED": "01/03/2022"},
            {"CHILD": CHILD, "DATE_PLACED": "01/05/2023"},
        ],
    )
    assert failing_rows("ssda903", "523", data) == []


@pytest.mark.parametrize(
    ("ceased", "reason", "ad1", "fails"),
    [
        ("01/08/2023", "RD1", {}, True),
        (None, "RD1", {}, True),
        (None, None, {}, False),
        (
            "01/08/2023",
            "RD1",
            {c: None for c in ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR")}
            | {"SEX_ADOPTR": None, "LS_ADOPTR": None},
            False,
        ),
        ("01/08/2023", "RD1", {c: None for c in ("DATE_INT", "DATE_MATCH")}, True),
    ],
)
def test_525_reversed_decision_not_adopted(
    ceased: str | None, reason: str | None, ad1: dict[str, None], fails: bool
) -> None:
    decision: Row = {
        "CHILD": CHILD,
        "DATE_PLACED": "01/05/2023",
        "DATE_PLACED_CEASED": ceased,
        "REASON_PLACED_CEASED": reason,
        "_row": 2,
    }
    data = ssda903_return(AD1=[_ad1(**ad1)], PlacedAdoption=[decision])
    expected = [("AD1", 3, CHILD), ("PlacedAdoption", 2, CHILD)] if fails else []
    assert failing_rows("ssda903", "525", data) == expected


@pytest.mark.parametrize(
    ("match", "rec", "fails"),
    [
        ("01/09/2023", "E11", True),
        ("01/09/2023", "E12", True),
        ("31/08/2023", "E11", False),
        ("01/09/2023", "E8", False),  # not adopted
    ],
)
def test_582_matched_before_adoption(match: str, rec: str, fails: bool) -> None:
    data = ssda903_return(
        AD1=[_ad1(DATE_MATCH=match)],
        Episodes=[_episode(DEC="01/09/2023", REC=rec, _row=8)],
    )
    expected = [("AD1", 3, CHILD), ("Episodes", 8, CHILD)] if fails else []
    assert failing_rows("ssda903", "582", data) == expected
