"""Part-4 SSDA903 rules on previous permanence (year 2023-24)."""

from __future__ import annotations

import pytest

from safeguard.returns.testing.builders import failing_rows, ssda903_return

Row = dict[str, str | int | None]

STARTED: Row = {"CHILD": "P1", "DECOM": "01/06/2023", "RNE": "S", "_row": 4}


# 630 -------------------------------------------------------------------------


def test_630_new_period_of_care_without_prevperm_fails() -> None:
    data = ssda903_return(Episodes=[STARTED])
    assert failing_rows("ssda903", "630", data) == [("Episodes", 4, "P1")]


def test_630_new_period_of_care_with_prevperm_passes() -> None:
    data = ssda903_return(Episodes=[STARTED], PrevPerm=[{"CHILD": "P1", "PREV_PERM": "Z1"}])
    assert failing_rows("ssda903", "630", data) == []


@pytest.mark.parametrize(
    ("episode", "fails"),
    [
        ({"DECOM": "31/03/2023"}, False),  # started last year
        ({"DECOM": "01/04/2023"}, True),
        ({"RNE": "P"}, False),  # a change of placement, not a new period of care
    ],
)
def test_630_boundaries(episode: dict[str, str], fails: bool) -> None:
    data = ssda903_return(Episodes=[{**STARTED, **episode}])
    assert bool(failing_rows("ssda903", "630", data)) is fails


# 631 -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "fails"), [("P1", False), ("Z1", False), ("P5", True), ("p1", True), (None, True)]
)
def test_631_previous_permanence_code(code: str | None, fails: bool) -> None:
    data = ssda903_return(PrevPerm=[{"CHILD": "P1", "PREV_PERM": code, "_row": 2}])
    assert failing_rows("ssda903", "631", data) == ([("PrevPerm", 2, "P1")] if fails else [])


# 632 -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date_perm", "fails"),
    [
        ("15/05/2020", False),
        ("zz/05/2020", False),
        ("zz/zz/2020", False),
        ("31/05/2023", False),  # the day before care began
        ("01/06/2023", True),  # the day care began
        ("zz/06/2023", True),  # June 2023 cannot be before 1 June 2023
        ("15/zz/2020", True),  # a day without a month is not a date
        ("31/02/2020", True),
        ("2020-05-15", True),
    ],
)
def test_632_previous_permanence_date(date_perm: str, fails: bool) -> None:
    data = ssda903_return(
        Episodes=[STARTED], PrevPerm=[{"CHILD": "P1", "DATE_PERM": date_perm, "_row": 3}]
    )
    assert failing_rows("ssda903", "632", data) == ([("PrevPerm", 3, "P1")] if fails else [])


def test_632_blank_date_passes() -> None:
    data = ssda903_return(Episodes=[STARTED], PrevPerm=[{"CHILD": "P1", "PREV_PERM": "Z1"}])
    assert failing_rows("ssda903", "632", data) == []


def test_632_no_start_of_care_in_return_checks_only_the_format() -> None:
    data = ssda903_return(
        Episodes=[{**STARTED, "RNE": "P"}], PrevPerm=[{"CHILD": "P1", "DATE_PERM": "01/01/2024"}]
    )
    assert failing_rows("ssda903", "632", data) == []


# 633 -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("la", "fails"),
    [
        ("202", False),
        ("838", False),
        ("943", False),
        ("SCO", False),
        ("NUK", False),
        (None, False),
        ("458", True),
        ("804", True),
        ("wal", True),
    ],
)
def test_633_local_authority_code(la: str | None, fails: bool) -> None:
    data = ssda903_return(PrevPerm=[{"CHILD": "P1", "LA_PERM": la, "_row": 2}])
    assert failing_rows("ssda903", "633", data) == ([("PrevPerm", 2, "P1")] if fails else [])


# 634 -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("decom", "fails"), [("31/03/2016", True), ("01/04/2016", False), ("01/06/2023", False)]
)
def test_634_care_began_before_april_2016(decom: str, fails: bool) -> None:
    data = ssda903_return(
        Episodes=[{"CHILD": "P1", "DECOM": decom}, {"CHILD": "P1", "DECOM": "01/06/2023"}],
        PrevPerm=[{"CHILD": "P1", "PREV_PERM": "P1", "_row": 2}],
    )
    assert failing_rows("ssda903", "634", data) == ([("PrevPerm", 2, "P1")] if fails else [])


def test_634_empty_prevperm_row_passes() -> None:
    data = ssda903_return(
        Episodes=[{"CHILD": "P1", "DECOM": "01/01/2015"}], PrevPerm=[{"CHILD": "P1"}]
    )
    assert failing_rows("ssda903", "634", data) == []


# 635 -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "fails"),
    [
        ({"PREV_PERM": "Z1", "LA_PERM": "202"}, True),
        ({"PREV_PERM": "Z1", "DATE_PERM": "01/01/2020"}, True),
        ({"PREV_PERM": "Z1"}, False),
        ({"PREV_PERM": "P2", "LA_PERM": "202", "DATE_PERM": "01/01/2020"}, False),
    ],
)
def test_635_no_details_for_z1(row: dict[str, str], fails: bool) -> None:
    data = ssda903_return(PrevPerm=[{"CHILD": "P1", "_row": 2, **row}])
    assert failing_rows("ssda903", "635", data) == ([("PrevPerm", 2, "P1")] if fails else [])
