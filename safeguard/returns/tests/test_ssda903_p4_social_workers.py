"""Part-4 SSDA903 rules on social worker episodes (year 1 April 2023 to 31 March 2024)."""

from __future__ import annotations

from typing import Any, cast

import pytest

from safeguard.returns.testing.builders import failing_rows, ssda903_return

Row = dict[str, str | int | None]

IN_CARE: Row = {"CHILD": "S1", "DECOM": "01/01/2023", "LS": "C2", "_row": 2}
SW: Row = {
    "CHILD": "S1",
    "SW_ID": "SW123456",
    "SW_DECOM": "01/01/2023",
    "SW_REASON": "MANAGE",
    "_row": 2,
}


def fails(code: str, **tables: list[Row]) -> list[tuple[str, int, str]]:
    return failing_rows("ssda903", code, ssda903_return(**cast("dict[str, Any]", tables)))


# SW01 ------------------------------------------------------------------------


def test_sw01_in_care_without_social_worker() -> None:
    assert fails("SW01STG1", Episodes=[IN_CARE]) == [("Episodes", 2, "S1")]


@pytest.mark.parametrize(
    "episode",
    [
        {"DEC": "31/03/2024", "REC": "E8"},  # left care on 31 March
        {"LS": "V3"},  # short breaks
        {"DECOM": "01/04/2024"},  # starts after the year
    ],
)
def test_sw01_not_in_care_on_31_march(episode: Row) -> None:
    assert fails("SW01STG1", Episodes=[{**IN_CARE, **episode}]) == []


def test_sw01_with_social_worker_passes() -> None:
    assert fails("SW01STG1", Episodes=[IN_CARE], SWEpisodes=[SW]) == []


# SW02 SW03 SW04 SW05 SW13 ----------------------------------------------------


@pytest.mark.parametrize(
    ("sw_id", "failed"),
    [("SW123456", False), ("XX1", False), ("AB123", True), ("sw123", True), (None, False)],
)
def test_sw02_social_worker_id(sw_id: str | None, failed: bool) -> None:
    assert fails("SW02STG1", SWEpisodes=[{**SW, "SW_ID": sw_id}]) == (
        [("SWEpisodes", 2, "S1")] if failed else []
    )


@pytest.mark.parametrize("missing", ["SW_ID", "SW_DECOM", "SW_REASON"])
def test_sw03_incomplete_episode(missing: str) -> None:
    assert fails("SW03STG1", SWEpisodes=[{**SW, missing: None}]) == [("SWEpisodes", 2, "S1")]


def test_sw03_complete_episode_passes() -> None:
    assert fails("SW03STG1", SWEpisodes=[SW]) == []


@pytest.mark.parametrize(
    ("value", "failed"),
    [("01/01/2023", False), (None, False), ("31/02/2023", True), ("2023-01-01", True)],
)
def test_sw04_sw05_dates(value: str | None, failed: bool) -> None:
    expected = [("SWEpisodes", 2, "S1")] if failed else []
    assert fails("SW04STG1", SWEpisodes=[{**SW, "SW_DECOM": value}]) == expected
    assert fails("SW05STG1", SWEpisodes=[{**SW, "SW_DEC": value}]) == expected


@pytest.mark.parametrize(
    ("reason", "failed"),
    [("MANAGE", False), ("PCCHAN", False), ("OTHERS", False), ("BOGUS", True), (None, True)],
)
def test_sw13_reason(reason: str | None, failed: bool) -> None:
    assert fails("SW13STG1", SWEpisodes=[{**SW, "SW_REASON": reason}]) == (
        [("SWEpisodes", 2, "S1")] if failed else []
    )


# SW06 SW07 SW09 --------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "failed"), [("31/03/2024", False), ("01/04/2024", True), ("01/01/2015", False)]
)
def test_sw06_start_in_reporting_year(start: str, failed: bool) -> None:
    assert fails("SW06STG2", SWEpisodes=[{**SW, "SW_DECOM": start}]) == (
        [("SWEpisodes", 2, "S1")] if failed else []
    )


@pytest.mark.parametrize(
    ("end", "failed"),
    [
        ("31/03/2023", True),
        ("01/04/2023", False),
        ("31/03/2024", False),
        ("01/04/2024", True),
        (None, False),
    ],
)
def test_sw07_end_in_reporting_year(end: str | None, failed: bool) -> None:
    assert fails("SW07STG2", SWEpisodes=[{**SW, "SW_DEC": end}]) == (
        [("SWEpisodes", 2, "S1")] if failed else []
    )


@pytest.mark.parametrize(
    ("end", "failed"),
    [("01/01/2023", True), ("31/12/2022", True), ("02/01/2023", False), (None, False)],
)
def test_sw09_under_a_day(end: str | None, failed: bool) -> None:
    assert fails("SW09STG2", SWEpisodes=[{**SW, "SW_DEC": end}]) == (
        [("SWEpisodes", 2, "S1")] if failed else []
    )


# SW108 SW10 SW11 SW14 (sequence) ---------------------------------------------


def test_sw108_earlier_episode_left_open() -> None:
    rows = [
        {**SW, "SW_DECOM": "01/06/2023", "SW_ID": "SW2", "_row": 2},
        {**SW, "SW_DECOM": "01/01/2023", "_row": 3},  # earlier, listed second, still open
    ]
    assert fails("SW108STG2", SWEpisodes=rows) == [("SWEpisodes", 3, "S1")]


def test_sw108_earlier_episode_ended_passes() -> None:
    rows = [
        {**SW, "SW_DEC": "01/06/2023", "_row": 2},
        {**SW, "SW_DECOM": "01/06/2023", "SW_ID": "SW2", "_row": 3},
    ]
    assert fails("SW108STG2", SWEpisodes=rows) == []


@pytest.mark.parametrize(
    ("next_start", "failed"), [("31/05/2023", True), ("01/06/2023", False), ("02/06/2023", False)]
)
def test_sw10_overlap(next_start: str, failed: bool) -> None:
    rows = [
        {**SW, "SW_DEC": "01/06/2023", "_row": 2},
        {**SW, "SW_DECOM": next_start, "SW_ID": "SW2", "_row": 3},
    ]
    assert fails("SW10STG2", SWEpisodes=rows) == ([("SWEpisodes", 3, "S1")] if failed else [])


def test_sw10_other_childs_episode_is_not_compared() -> None:
    rows = [
        {**SW, "SW_DEC": "01/06/2023", "_row": 2},
        {**SW, "CHILD": "S2", "SW_DECOM": "01/05/2023", "_row": 3},
    ]
    assert fails("SW10STG2", SWEpisodes=rows) == []


@pytest.mark.parametrize(
    ("end", "failed"), [("30/03/2024", True), ("31/03/2024", False), (None, False)]
)
def test_sw11_last_episode_ends_before_31_march(end: str | None, failed: bool) -> None:
    rows = [{**SW, "SW_DEC": end}]
    assert fails("SW11STG2", Episodes=[IN_CARE], SWEpisodes=rows) == (
        [("SWEpisodes", 2, "S1")] if failed else []
    )


def test_sw11_child_who_left_care_passes() -> None:
    left = {**IN_CARE, "DEC": "30/03/2024", "REC": "E8"}
    assert fails("SW11STG2", Episodes=[left], SWEpisodes=[{**SW, "SW_DEC": "30/03/2024"}]) == []


def test_sw14_open_episode_for_child_out_of_care() -> None:
    left = {**IN_CARE, "DEC": "30/11/2023", "REC": "E8"}
    assert fails("SW14STG2", Episodes=[left], SWEpisodes=[SW]) == [("SWEpisodes", 2, "S1")]


@pytest.mark.parametrize(
    ("episode", "sw_dec"),
    [({}, None), ({"DEC": "30/11/2023", "REC": "E8"}, "30/11/2023")],
)
def test_sw14_passes(episode: Row, sw_dec: str | None) -> None:
    data = {"Episodes": [{**IN_CARE, **episode}], "SWEpisodes": [{**SW, "SW_DEC": sw_dec}]}
    assert fails("SW14STG2", **data) == []


# SW12 SW15 -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("decom", "sw_start", "failed"),
    [
        ("01/01/2023", "01/04/2023", False),  # in care all year, covered from 1 April
        ("01/01/2023", "02/04/2023", True),
        ("01/10/2023", "01/10/2023", False),  # came into care in the year
        ("01/10/2023", "02/10/2023", True),
    ],
)
def test_sw12_episodes_cover_the_year(decom: str, sw_start: str, failed: bool) -> None:
    data = {
        "Episodes": [{**IN_CARE, "DECOM": decom}],
        "SWEpisodes": [{**SW, "SW_DECOM": sw_start, "_row": 4}],
    }
    assert fails("SW12STG2", **data) == ([("SWEpisodes", 4, "S1")] if failed else [])


def test_sw12_child_not_in_care_on_31_march_passes() -> None:
    left = {**IN_CARE, "DEC": "30/11/2023", "REC": "E8"}
    assert fails("SW12STG2", Episodes=[left], SWEpisodes=[{**SW, "SW_DECOM": "01/06/2023"}]) == []


@pytest.mark.parametrize(
    ("start", "reason", "failed"),
    [
        ("01/04/2023", None, True),
        ("31/03/2023", None, False),  # open on 1 April, began earlier
        ("01/04/2023", "CHCHAN", False),
    ],
)
def test_sw15_reason_for_change_in_year(start: str, reason: str | None, failed: bool) -> None:
    rows = [{**SW, "SW_DECOM": start, "SW_REASON": reason}]
    assert fails("SW15STG2", SWEpisodes=rows) == ([("SWEpisodes", 2, "S1")] if failed else [])


# SW16a/b/c (last year's open episode) -----------------------------------------

LAST_OPEN: Row = {
    "CHILD": "S1",
    "SW_ID": "SW123456",
    "SW_DECOM": "01/01/2023",
    "SW_REASON": "MANAGE",
}


@pytest.mark.parametrize(
    ("code", "change"),
    [
        ("SW16aSTG2", {"SW_ID": "SW999"}),
        ("SW16bSTG2", {"SW_DECOM": "02/01/2023"}),
        ("SW16cSTG2", {"SW_REASON": "OTHERS"}),
        ("SW16cSTG2", {"SW_REASON": None}),
    ],
)
def test_sw16_first_episode_differs_from_last_years_open_one(code: str, change: Row) -> None:
    data = ssda903_return(
        SWEpisodes=[{**SW, **change, "_row": 3}, {**SW, "SW_DECOM": "01/09/2023", "_row": 4}],
        previous={
            "SWEpisodes": [
                {**LAST_OPEN, "SW_DECOM": "01/01/2022", "SW_DEC": "01/01/2023"},
                LAST_OPEN,
            ]
        },
    )
    assert failing_rows("ssda903", code, data) == [("SWEpisodes", 3, "S1")]


@pytest.mark.parametrize("code", ["SW16aSTG2", "SW16bSTG2", "SW16cSTG2"])
def test_sw16_passes(code: str) -> None:
    same = ssda903_return(SWEpisodes=[SW], previous={"SWEpisodes": [LAST_OPEN]})
    closed_last_year = ssda903_return(
        SWEpisodes=[{**SW, "SW_ID": "SW9"}],
        previous={"SWEpisodes": [{**LAST_OPEN, "SW_DEC": "01/03/2023"}]},
    )
    no_last_year = ssda903_return(SWEpisodes=[{**SW, "SW_ID": "SW9"}])
    for data in (same, closed_last_year, no_last_year):
        assert failing_rows("ssda903", code, data) == []
