"""SSDA903 part 2 rules on episode dates and the longest an episode may last."""

from __future__ import annotations

import polars as pl
import pytest

from safeguard.returns.rules.ssda903.history import CARE_HISTORY, CARE_HISTORY_COLUMNS
from safeguard.returns.testing.builders import Rows, failing_rows, ssda903_return

CHILD = "C1"
Row = dict[str, str | int | None]


def _episode(
    changes: dict[str, str | None] | None = None, *, row: int = 2, **values: str | None
) -> Row:
    episode: Row = {
        "CHILD": CHILD,
        "DECOM": "01/05/2023",
        "RNE": "S",
        "LS": "C2",
        "PLACE": "U4",
        "DEC": None,
        "REC": None,
        "_row": row,
    }
    episode.update(changes or {})
    episode.update(values)
    return episode


def _fails(
    code: str, *episodes: Row, header: Rows = (), previous_episodes: Rows | None = None
) -> list[tuple[str, int, str]]:
    previous = None if previous_episodes is None else {"Episodes": previous_episodes}
    data = ssda903_return(year=2024, Episodes=list(episodes), Header=header, previous=previous)
    return failing_rows("ssda903", code, data)


@pytest.mark.parametrize(("decom", "fails"), [("31/05/2010", True), ("01/06/2010", False)])
def test_302_first_episode_after_birth(decom: str, fails: bool) -> None:
    found = _fails(
        "302",
        _episode(DECOM=decom),
        _episode(row=3, DECOM="01/01/2011", RNE="P"),
        header=[{"CHILD": CHILD, "DOB": "01/06/2010"}],
    )
    assert found == ([("Episodes", 2, CHILD)] if fails else [])


@pytest.mark.parametrize(
    ("code", "values", "fails"),
    [
        ("353", {"DECOM": "13/10/1991"}, True),
        ("353", {"DECOM": "14/10/1991"}, False),
        ("354", {"DECOM": "01/04/2024"}, True),
        ("354", {"DECOM": "31/03/2024"}, False),
        ("385", {"DEC": "01/04/2024", "REC": "E8"}, True),
        ("385", {"DEC": "31/03/2024", "REC": "E8"}, False),
        ("355", {"DECOM": "01/05/2023", "DEC": "01/05/2023"}, True),
        ("355", {"DECOM": "01/05/2023", "DEC": "02/05/2023"}, False),
        ("356", {"DECOM": "01/05/2023", "DEC": "30/04/2023"}, True),
        ("356", {"DECOM": "01/05/2023", "DEC": "01/05/2023"}, False),
        ("356", {"DECOM": "01/05/2023", "DEC": None}, False),
        ("445", {"LS": "D1", "DECOM": "01/01/2006"}, True),
        ("445", {"LS": "D1", "DECOM": "31/12/2005"}, False),
        ("445", {"LS": "E1", "DECOM": "01/01/2006"}, False),
        ("446", {"LS": "E1", "DECOM": "30/11/2005"}, True),
        ("446", {"LS": "E1", "DECOM": "01/12/2005"}, False),
        ("446", {"LS": "D1", "DECOM": "30/11/2005"}, False),
        ("451", {"LS": "D1", "DECOM": "01/01/2005"}, True),
        ("451", {"LS": "D1", "DECOM": "01/01/2005", "DEC": "01/06/2023"}, True),
        ("451", {"LS": "D1", "DECOM": "01/01/2005", "DEC": "01/06/2023", "REC": "E11"}, False),
        ("451", {"LS": "C2"}, False),
    ],
)
def test_single_episode_dates(code: str, values: dict[str, str | None], fails: bool) -> None:
    assert _fails(code, _episode(values)) == ([("Episodes", 2, CHILD)] if fails else [])


@pytest.mark.parametrize(
    ("code", "column", "value", "days"),
    [
        ("361", "LS", "L1", 3),
        ("362", "LS", "L2", 21),
        ("363", "LS", "L3", 7),
        ("364", "LS", "J2", 21),
        ("365", "LS", "V3", 17),
        ("375", "PLACE", "T1", 42),
        ("376", "PLACE", "T3", 21),
        ("379", "PLACE", "T4", 7),
    ],
)
def test_longest_episode(code: str, column: str, value: str, days: int) -> None:
    def ended_after(n: int) -> Row:
        return _episode({column: value}, DEC=_day_after(n), REC="X1")

    assert _fails(code, ended_after(days + 1)) == [("Episodes", 2, CHILD)]
    assert _fails(code, ended_after(days)) == []
    # Another code lasting as long is not this rule's business.
    other = _episode({column: "C2" if column == "LS" else "U4"}, DEC=_day_after(days + 1))
    assert _fails(code, other) == []


def test_open_episode_is_measured_to_year_end() -> None:
    assert _fails("361", _episode(LS="L1", DECOM="27/03/2024")) == [("Episodes", 2, CHILD)]
    assert _fails("361", _episode(LS="L1", DECOM="28/03/2024")) == []


def _day_after(days: int) -> str:
    import datetime as dt

    return (dt.date(2023, 5, 1) + dt.timedelta(days=days)).strftime("%d/%m/%Y")


@pytest.mark.parametrize(
    ("rne", "decom", "fails"),
    [("P", "01/05/2023", True), ("S", "01/05/2023", False), ("P", "01/03/2023", False)],
)
def test_357_first_episode_without_last_year(rne: str, decom: str, fails: bool) -> None:
    found = _fails("357", _episode(RNE=rne, DECOM=decom), _episode(row=3, DECOM="01/06/2023"))
    assert found == ([("Episodes", 2, CHILD)] if fails else [])


def test_357_uses_last_years_episodes() -> None:
    carried = _episode(RNE="P", DECOM="01/03/2023")
    earlier = _episode(RNE="S", DECOM="01/01/2023", DEC="01/03/2023", REC="X1")
    first_ever = _fails("357", carried, previous_episodes=[carried])
    continued = _fails("357", carried, previous_episodes=[earlier, carried])
    assert (first_ever, continued) == ([("Episodes", 2, CHILD)], [])


@pytest.mark.parametrize(("first_ever", "fails"), [("01/05/2023", True), ("01/01/2019", False)])
def test_357_uses_the_care_history_when_supplied(first_ever: str, fails: bool) -> None:
    # In care since before last year's collection: neither year's file holds the first
    # episode, but the care history (the portal's, or the live records') does.
    carried = _episode(RNE="P", DECOM="01/05/2023")
    history = pl.DataFrame(
        {"CHILD": [CHILD], "DECOM": [first_ever], "DEC": [None], "LS": ["C2"], "REC": [None]},
        schema=dict.fromkeys(CARE_HISTORY_COLUMNS, pl.Utf8()),
    )
    data = ssda903_return(
        year=2024,
        Episodes=[carried],
        previous={"Episodes": [carried]},
        reference={CARE_HISTORY: history},
    )
    assert failing_rows("ssda903", "357", data) == ([("Episodes", 2, CHILD)] if fails else [])


@pytest.mark.parametrize(("second_dec", "fails"), [("06/12/2023", True), ("05/12/2023", False)])
def test_367_respite_75_days(second_dec: str, fails: bool) -> None:
    # 01/05-11/05 (10 nights) + 01/10-... ; 65 nights more reaches 75.
    found = _fails(
        "367",
        _episode(LS="V3", DECOM="01/05/2023", DEC="11/05/2023", REC="E8"),
        _episode(row=3, LS="V3", DECOM="01/10/2023", DEC=second_dec, REC="E8"),
    )
    assert found == ([("Episodes", 2, CHILD), ("Episodes", 3, CHILD)] if fails else [])


def test_367_counts_only_nights_within_the_year() -> None:
    # From 01/01/2023 the episode is far longer than 75 nights, but only those from 1 April
    # count: 75 nights to 15/06/2023, 76 to 16/06/2023.
    found = _fails("367", _episode(LS="V3", DECOM="01/01/2023", DEC="15/06/2023", REC="E8"))
    assert found == []
    found = _fails("367", _episode(LS="V3", DECOM="01/01/2023", DEC="16/06/2023", REC="E8"))
    assert found == [("Episodes", 2, CHILD)]


@pytest.mark.parametrize(("count", "fails"), [(3, True), (2, False)])
def test_377_two_foster_carer_holidays(count: int, fails: bool) -> None:
    starts = ["01/05/2023", "01/08/2023", "01/11/2023"][:count]
    eps = [_episode(row=i + 2, PLACE="T3", DECOM=d) for i, d in enumerate(starts)]
    expected = [("Episodes", i + 2, CHILD) for i in range(count)] if fails else []
    assert _fails("377", *eps) == expected
