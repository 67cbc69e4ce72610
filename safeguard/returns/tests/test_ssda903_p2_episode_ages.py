"""SSDA903 part 2 rules on the child's age at an episode's start or end, and at a review."""

from __future__ import annotations

import pytest

from safeguard.returns.testing.builders import failing_rows, ssda903_return

CHILD = "C1"
DOB = "15/06/2008"  # 4 on 15/06/2012, 10 in 2018, 14 in 2022, 16 in 2024, 18 in 2026


def _on_birthday(age: int, days: int = 0) -> str:
    """The day the child turns ``age``, moved by ``days``."""
    import datetime as dt

    return (dt.date(2008 + age, 6, 15) + dt.timedelta(days=days)).strftime("%d/%m/%Y")


def _fails(code: str, year: int, **episode: str | None) -> list[tuple[str, int, str]]:
    row: dict[str, str | int | None] = {
        "CHILD": CHILD,
        "RNE": "S",
        "LS": "C2",
        "PLACE": "U4",
        "_row": 2,
    }
    row.update(episode)
    data = ssda903_return(year=year, Header=[{"CHILD": CHILD, "DOB": DOB}], Episodes=[row])
    return failing_rows("ssda903", code, data)


@pytest.mark.parametrize(
    ("code", "column", "value", "age"),
    [
        ("352", "RNE", "S", 18),
        ("358", "LS", "J1", 10),
        ("358", "LS", "J3", 10),
        ("371", "PLACE", "H5", 16),
        ("372", "PLACE", "R5", 10),
        ("373", "PLACE", "S1", 4),
        ("374", "PLACE", "P3", 14),
    ],
)
def test_age_at_start(code: str, column: str, value: str, age: int) -> None:
    year = 2008 + age + 1
    if code == "352":  # started at 18 or over
        found = _fails(code, year, DECOM=_on_birthday(age), **{column: value})
        assert found == [("Episodes", 2, CHILD)]
        assert _fails(code, year, DECOM=_on_birthday(age, -1), **{column: value}) == []
        assert _fails(code, year, DECOM=_on_birthday(age), RNE="P") == []
        return
    assert _fails(code, year, DECOM=_on_birthday(age, -1), **{column: value}) == [
        ("Episodes", 2, CHILD)
    ]
    assert _fails(code, year, DECOM=_on_birthday(age), **{column: value}) == []
    assert _fails(code, year, DECOM=_on_birthday(age, -1)) == []


@pytest.mark.parametrize(
    ("code", "rec", "age", "too_old"),
    [
        ("386", "E11", 18, True),
        ("386", "E12", 18, True),
        ("407", "E45", 18, True),
        ("407", "E48", 18, True),
        ("387", "E5", 14, False),
        ("387", "E6", 14, False),
        ("389", "E7", 16, False),
        ("460", "E17", 18, False),
    ],
)
def test_age_at_end(code: str, rec: str, age: int, too_old: bool) -> None:
    on, before = _on_birthday(age), _on_birthday(age, -1)
    wrong, right = (on, before) if too_old else (before, on)
    common = {"DECOM": "01/01/2010", "REC": rec}
    assert _fails(code, 2030, DEC=wrong, **common) == [("Episodes", 2, CHILD)]
    assert _fails(code, 2030, DEC=right, **common) == []
    assert _fails(code, 2030, DEC=wrong, DECOM="01/01/2010", REC="E8") == []


@pytest.mark.parametrize(
    ("year", "ls", "place", "dec", "fails"),
    [
        (2027, "C2", "U4", None, True),  # 18 on 15/06/2026, still in care at 31/03/2027
        (2027, "V2", "K2", None, False),
        (2027, "V2", "U4", None, True),
        (2027, "C2", "U4", "01/03/2027", False),  # left before 31 March
        (2026, "C2", "U4", None, False),  # still 17 at 31/03/2026
    ],
)
def test_359_over_18_in_community_home(
    year: int, ls: str, place: str, dec: str | None, fails: bool
) -> None:
    rec = "E8" if dec else None
    found = _fails("359", year, DECOM="01/01/2020", LS=ls, PLACE=place, DEC=dec, REC=rec)
    assert found == ([("Episodes", 2, CHILD)] if fails else [])


@pytest.mark.parametrize(
    ("code", "review_code", "review", "fails"),
    [
        ("440", "PN0", "15/06/2012", True),  # 4th birthday
        ("440", "PN0", "14/06/2012", False),
        ("440", "PN1", "15/06/2012", False),
        ("441", "PN1", "14/06/2012", True),
        ("441", "PN7", "14/06/2012", True),
        ("441", "PN1", "15/06/2012", False),
        ("441", "PN0", "14/06/2012", False),
    ],
)
def test_review_participation_by_age(code: str, review_code: str, review: str, fails: bool) -> None:
    data = ssda903_return(
        Reviews=[
            {"CHILD": CHILD, "DOB": DOB, "REVIEW": review, "REVIEW_CODE": review_code, "_row": 5}
        ]
    )
    assert failing_rows("ssda903", code, data) == ([("Reviews", 5, CHILD)] if fails else [])
