"""SSDA903 part 3 building blocks: frames derived once per return, periods of care."""

from __future__ import annotations

import datetime as dt

import polars as pl

from safeguard.returns.rules.ssda903.p3_common import (
    age_on,
    episodes,
    looked_after_12_months,
    with_period,
)
from safeguard.returns.testing.builders import failing_rows, ssda903_return


def test_derived_frames_are_per_return() -> None:
    first = ssda903_return(Episodes=[{"CHILD": "A", "DECOM": "01/05/2023"}])
    second = ssda903_return(Episodes=[{"CHILD": "B", "DECOM": "01/05/2023"}])
    assert episodes(first) is episodes(first)
    assert episodes(first)["CHILD"].to_list() == ["A"]
    assert episodes(second)["CHILD"].to_list() == ["B"]
    assert episodes(first)["CHILD"].to_list() == ["A"]


def test_rules_see_each_return_afresh() -> None:
    bad = ssda903_return(
        Episodes=[
            {"CHILD": "A", "DECOM": "01/05/2023", "DEC": "01/07/2023", "REC": "X1"},
            {"CHILD": "A", "DECOM": "01/06/2023", "_row": 2},
        ]
    )
    good = ssda903_return(Episodes=[{"CHILD": "A", "DECOM": "01/06/2023", "_row": 2}])
    assert failing_rows("ssda903", "501", bad) == [("Episodes", 2, "A")]
    assert failing_rows("ssda903", "501", good) == []
    assert failing_rows("ssda903", "501", bad) == [("Episodes", 2, "A")]


def test_periods_break_on_gap_new_period_or_child() -> None:
    data = ssda903_return(
        Episodes=[
            {"CHILD": "A", "DECOM": "01/05/2023", "DEC": "01/06/2023", "RNE": "S"},
            {"CHILD": "A", "DECOM": "01/06/2023", "DEC": "01/07/2023", "RNE": "P"},
            {"CHILD": "A", "DECOM": "02/07/2023", "DEC": "01/08/2023", "RNE": "P"},
            {"CHILD": "A", "DECOM": "01/08/2023", "RNE": "S"},
            {"CHILD": "B", "DECOM": "01/09/2023", "RNE": "P"},
        ]
    )
    assert with_period(episodes(data))["_period"].to_list() == [1, 1, 2, 3, 4]


def test_age_on_birthday_boundaries() -> None:
    frame = pl.DataFrame({"DOB": ["31/03/2014", "01/04/2014", "29/02/2016", None]})
    ages = frame.select(
        age_on(pl.col("DOB").str.strptime(pl.Date, "%d/%m/%Y"), dt.date(2024, 3, 31))
    )
    assert ages.to_series().to_list() == [10, 9, 8, None]


def test_looked_after_12_months_ignores_short_breaks_and_earlier_periods() -> None:
    data = ssda903_return(
        Episodes=[
            {"CHILD": "A", "DECOM": "01/04/2023", "LS": "C2"},
            {"CHILD": "B", "DECOM": "02/04/2023", "LS": "C2"},
            {"CHILD": "C", "DECOM": "01/01/2023", "LS": "V4"},
            {"CHILD": "D", "DECOM": "01/01/2022", "DEC": "01/05/2023", "REC": "E8", "LS": "C2"},
            {"CHILD": "D", "DECOM": "01/06/2023", "LS": "C2", "RNE": "S"},
        ]
    )
    assert looked_after_12_months(data)["CHILD"].to_list() == ["A"]
