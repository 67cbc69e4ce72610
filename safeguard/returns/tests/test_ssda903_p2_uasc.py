"""SSDA903 part 2 UASC rules: status this year against last year's, DUC by the 18th birthday."""

from __future__ import annotations

import pytest

from safeguard.returns.rules.registry import ReturnData
from safeguard.returns.testing.builders import Rows, failing_rows, ssda903_return

CHILD = "C1"
BOTH = [("Header", 2, CHILD), ("UASC", 3, CHILD)]
#: A DUC, None (listed without a DUC) or False (not listed in that year's UASC file).
Duc = str | bool | None
Flagged = list[tuple[str, int, str]]


def _uasc(duc: str | None, row: int = 3) -> dict[str, str | int | None]:
    return {"CHILD": CHILD, "DOB": "01/06/2006", "SEX": "1", "DUC": duc, "_row": row}


def _data(now: Duc, last: Duc, in_last: bool = True) -> ReturnData:
    previous: dict[str, Rows] = {
        "Header": [{"CHILD": CHILD}] if in_last else [{"CHILD": "OTHER"}],
        "UASC": [] if last is False else [_uasc(last if isinstance(last, str) else None)],
    }
    return ssda903_return(
        year=2024,
        Header=[{"CHILD": CHILD, "DOB": "01/06/2006", "_row": 2}],
        UASC=[] if now is False else [_uasc(now if isinstance(now, str) else None)],
        previous=previous,
    )


@pytest.mark.parametrize(
    ("now", "last", "expected"),
    [
        ("10/10/2022", "10/10/2022", []),  # ceased during 2022-23, same both years
        (False, "10/10/2022", []),  # ceased last year, no longer listed
        (False, None, [("Header", 2, CHILD)]),  # UASC last year, gone without a DUC
        ("10/10/2021", "10/10/2021", []),  # ceased before last year: not UASC then either
        ("31/03/2023", "31/03/2023", []),  # last day of last year
        ("11/10/2022", "10/10/2022", BOTH),  # the date changed
    ],
)
def test_205a_uasc_ceased_last_year(now: Duc, last: Duc, expected: Flagged) -> None:
    data = _data(now, last)
    assert failing_rows("ssda903", "205A", data) == expected


def test_205a_no_longer_uasc_without_a_duc_last_year() -> None:
    # Not UASC this year (DUC before 1 April 2023) but last year's file had no DUC.
    data = _data("10/10/2022", None)
    assert failing_rows("ssda903", "205A", data) == BOTH


@pytest.mark.parametrize(
    ("now", "last", "expected"),
    [
        (None, None, []),
        ("01/06/2024", "01/06/2024", []),  # projected 18th birthday, both years
        ("01/12/2023", "01/06/2024", []),  # ceased this year
        ("01/05/2024", "01/06/2024", BOTH),  # changed to another date outside this year
        ("01/04/2023", "31/03/2023", BOTH),  # last year said it ceased last year
    ],
)
def test_205b_uasc_continues(now: Duc, last: Duc, expected: Flagged) -> None:
    data = _data(now, last)
    assert failing_rows("ssda903", "205B", data) == expected


@pytest.mark.parametrize(
    ("now", "last", "in_last", "expected"),
    [
        ("01/01/2023", False, True, BOTH),
        ("01/01/2023", "01/01/2023", True, []),  # UASC last year
        ("01/01/2023", False, False, []),  # not in last year's return
        ("01/04/2023", False, True, []),  # UASC this year (205D's business)
    ],
)
def test_205c_duc_without_uasc(now: Duc, last: Duc, in_last: bool, expected: Flagged) -> None:
    data = _data(now, last, in_last)
    assert failing_rows("ssda903", "205C", data) == expected


@pytest.mark.parametrize(
    ("now", "last", "in_last", "expected"),
    [
        (None, False, True, BOTH),
        (None, "01/03/2022", True, BOTH),  # formerly UASC before last year
        (None, None, True, []),
        (None, False, False, []),
    ],
)
def test_205d_uasc_not_recorded_last_year(
    now: Duc, last: Duc, in_last: bool, expected: Flagged
) -> None:
    data = _data(now, last, in_last)
    assert failing_rows("ssda903", "205D", data) == expected


@pytest.mark.parametrize("code", ["205A", "205B", "205C", "205D"])
def test_205_passes_without_last_year(code: str) -> None:
    data = ssda903_return(Header=[{"CHILD": CHILD}], UASC=[_uasc("01/01/2000")])
    assert failing_rows("ssda903", code, data) == []


@pytest.mark.parametrize(
    ("duc", "fails"), [("02/06/2024", True), ("01/06/2024", False), (None, False)]
)
def test_304_duc_by_18th_birthday(duc: str | None, fails: bool) -> None:
    data = ssda903_return(UASC=[_uasc(duc)])
    assert failing_rows("ssda903", "304", data) == ([("UASC", 3, CHILD)] if fails else [])
