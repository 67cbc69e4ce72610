"""Part-4 SSDA903 integrity checks between the Header and the other files (year 2023-24)."""

from __future__ import annotations

from typing import Any, cast

import pytest

from safeguard.returns.rules.registry import ReturnData
from safeguard.returns.rules.ssda903.p4_integrity import (
    CHILD_IN_HEADER,
    DOB_AS_HEADER,
    ONCE_PER_CHILD,
)
from safeguard.returns.testing.builders import failing_rows, ssda903_return

Row = dict[str, str | int | None]


def with_tables(tables: dict[str, list[Row]]) -> ReturnData:
    """A return with tables named at run time (the builder takes them as keywords)."""
    return ssda903_return(**cast("dict[str, Any]", tables))


HEADER: list[Row] = [{"CHILD": "A1", "DOB": "01/02/2010", "SEX": "1", "_row": 2}]


@pytest.mark.parametrize(("code", "table"), sorted(CHILD_IN_HEADER.items()))
def test_child_must_be_in_header(code: str, table: str) -> None:
    data = with_tables(
        {"Header": HEADER, table: [{"CHILD": "A1", "_row": 2}, {"CHILD": "Z9", "_row": 3}]}
    )
    assert failing_rows("ssda903", code, data) == [(table, 3, "Z9")]


@pytest.mark.parametrize(("code", "table"), sorted(CHILD_IN_HEADER.items()))
def test_child_in_header_passes(code: str, table: str) -> None:
    data = with_tables({"Header": HEADER, table: [{"CHILD": "A1"}]})
    assert failing_rows("ssda903", code, data) == []


@pytest.mark.parametrize(("code", "table"), sorted(DOB_AS_HEADER.items()))
def test_dob_differs_from_header(code: str, table: str) -> None:
    data = with_tables({"Header": HEADER, table: [{"CHILD": "A1", "DOB": "02/02/2010"}]})
    expected = sorted([("Header", 2, "A1"), (table, 1, "A1")])
    assert failing_rows("ssda903", code, data) == expected


@pytest.mark.parametrize(("code", "table"), sorted(DOB_AS_HEADER.items()))
@pytest.mark.parametrize("dob", ["01/02/2010", "1/2/2010", None])
def test_dob_as_header_passes(code: str, table: str, dob: str | None) -> None:
    data = with_tables({"Header": HEADER, table: [{"CHILD": "A1", "DOB": dob}]})
    assert failing_rows("ssda903", code, data) == []


def test_int21_sex_in_uasc_differs() -> None:
    data = ssda903_return(Header=HEADER, UASC=[{"CHILD": "A1", "SEX": "2", "_row": 5}])
    assert failing_rows("ssda903", "INT21", data) == [("Header", 2, "A1"), ("UASC", 5, "A1")]


def test_int21_same_sex_passes() -> None:
    data = ssda903_return(Header=HEADER, UASC=[{"CHILD": "A1", "SEX": "1"}])
    assert failing_rows("ssda903", "INT21", data) == []


@pytest.mark.parametrize(("code", "table"), sorted(ONCE_PER_CHILD.items()))
def test_child_repeated(code: str, table: str) -> None:
    rows: list[Row] = [
        {"CHILD": "A1", "_row": 2},
        {"CHILD": "B1", "_row": 3},
        {"CHILD": "A1", "_row": 4},
    ]
    data = with_tables({table: rows})
    assert failing_rows("ssda903", code, data) == [(table, 2, "A1"), (table, 4, "A1")]


@pytest.mark.parametrize(("code", "table"), sorted(ONCE_PER_CHILD.items()))
def test_child_once_passes(code: str, table: str) -> None:
    data = with_tables({table: [{"CHILD": "A1"}, {"CHILD": "B1"}]})
    assert failing_rows("ssda903", code, data) == []


def test_epi_child_without_episodes() -> None:
    data = ssda903_return(
        Header=[{"CHILD": "A1", "_row": 2}, {"CHILD": "B1", "_row": 3}],
        Episodes=[{"CHILD": "A1", "DECOM": "01/05/2023"}],
    )
    assert failing_rows("ssda903", "EPI", data) == [("Header", 3, "B1")]


def test_epi_care_leaver_without_episodes_passes() -> None:
    """A care leaver of OC3 left care in an earlier year: that return holds the episodes."""
    data = ssda903_return(
        Header=[{"CHILD": "A1", "_row": 2}, {"CHILD": "B1", "_row": 3}, {"CHILD": "C1", "_row": 4}],
        Episodes=[{"CHILD": "A1", "DECOM": "01/05/2023"}],
        OC3=[{"CHILD": "B1", "IN_TOUCH": "YES", "ACTIV": "F1", "ACCOM": "B1", "_row": 2}],
    )
    assert failing_rows("ssda903", "EPI", data) == [("Header", 4, "C1")]


@pytest.mark.parametrize(
    ("decom", "last", "fails"),
    [
        ("31/03/2023", [], True),  # began last year, but last year's return lacks the child
        ("31/03/2023", [{"CHILD": "A1", "DECOM": "31/03/2023"}], False),
        ("01/04/2023", [], False),  # began this year
    ],
)
def test_noe_episodes_last_year(decom: str, last: list[dict[str, str]], fails: bool) -> None:
    data = ssda903_return(
        Episodes=[{"CHILD": "A1", "DECOM": decom, "_row": 2}],
        previous={"Episodes": last, "Header": [{"CHILD": "Z9"}]},
    )
    assert failing_rows("ssda903", "NoE", data) == ([("Episodes", 2, "A1")] if fails else [])


def test_noe_passes_without_last_year() -> None:
    data = ssda903_return(Episodes=[{"CHILD": "A1", "DECOM": "01/01/2020"}])
    assert failing_rows("ssda903", "NoE", data) == []
