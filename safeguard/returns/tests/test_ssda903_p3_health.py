"""SSDA903 part 3: outcomes of children looked after for 12 months (OC2)."""

from __future__ import annotations

import pytest

from safeguard.returns.rules.registry import ReturnData
from safeguard.returns.testing.builders import failing_rows, ssda903_return

CHILD = "C1"
Row = dict[str, str | int | None]
FLAG = [("OC2", 5, CHILD)]

HEALTH = {
    "IMMUNISATIONS": "1",
    "TEETH_CHECK": "1",
    "HEALTH_ASSESSMENT": "1",
    "SUBSTANCE_MISUSE": "0",
}

#: In care since 2022 and still in care at 31 March 2024.
IN_CARE_ALL_YEAR: list[Row] = [{"CHILD": CHILD, "DECOM": "01/01/2022", "RNE": "S", "LS": "C2"}]


def _data(
    dob: str, oc2: Row, episodes: list[Row] | None = None, header_dob: str | None = None
) -> ReturnData:
    row: Row = {"CHILD": CHILD, "DOB": dob, "_row": 5, **oc2}
    return ssda903_return(
        year=2024,
        Header=[{"CHILD": CHILD, "DOB": header_dob or dob}],
        OC2=[row],
        Episodes=IN_CARE_ALL_YEAR if episodes is None else episodes,
    )


def _fails(code: str, data: ReturnData) -> bool:
    found = failing_rows("ssda903", code, data)
    assert found in ([], FLAG)
    return bool(found)


@pytest.mark.parametrize(
    ("dob", "convicted", "fails"),
    [
        ("01/04/2014", "0", True),  # 9 at 31 March 2024, 10 the next day
        ("31/03/2014", "0", False),  # 10 on 31 March 2024
        ("01/04/2014", None, False),
        ("bad", "1", False),
    ],
)
def test_542_no_convictions_under_10(dob: str, convicted: str | None, fails: bool) -> None:
    assert _fails("542", _data(dob, {"CONVICTED": convicted, **HEALTH})) is fails


def test_542_uses_header_date_of_birth() -> None:
    data = _data("31/03/2014", {"CONVICTED": "0"}, header_dob="01/04/2014")
    assert _fails("542", data)


@pytest.mark.parametrize(
    ("dob", "convicted", "fails"),
    [
        ("31/03/2014", None, True),
        ("31/03/2014", "0", False),
        ("01/04/2014", None, False),  # still 9
    ],
)
def test_543_convictions_for_10_and_over(dob: str, convicted: str | None, fails: bool) -> None:
    assert _fails("543", _data(dob, {"CONVICTED": convicted})) is fails


@pytest.mark.parametrize(
    "episodes",
    [
        [{"CHILD": CHILD, "DECOM": "02/04/2023", "RNE": "S", "LS": "C2"}],  # started in the year
        [{"CHILD": CHILD, "DECOM": "01/01/2022", "DEC": "01/03/2024", "REC": "E8", "LS": "C2"}],
        [
            {"CHILD": CHILD, "DECOM": "01/01/2022", "DEC": "01/06/2023", "REC": "E8"},
            {"CHILD": CHILD, "DECOM": "02/06/2023", "RNE": "S", "LS": "C2"},
        ],
        [{"CHILD": CHILD, "DECOM": "01/01/2022", "RNE": "S", "LS": "V3"}],  # short breaks
    ],
)
def test_543_only_children_looked_after_12_months(episodes: list[Row]) -> None:
    assert not _fails("543", _data("31/03/2010", {}, episodes=episodes))


def test_543_looked_after_12_months_across_episodes() -> None:
    episodes: list[Row] = [
        {"CHILD": CHILD, "DECOM": "01/04/2023", "DEC": "01/06/2023", "REC": "X1", "LS": "C2"},
        {"CHILD": CHILD, "DECOM": "01/06/2023", "RNE": "P", "LS": "C2"},
    ]
    assert _fails("543", _data("31/03/2010", {}, episodes=episodes))


@pytest.mark.parametrize(("code", "item"), [("544", "CONVICTED"), ("547", "HEALTH_CHECK")])
def test_544_547_come_with_health_items(code: str, item: str) -> None:
    assert not _fails(code, _data("01/01/2012", {item: "1", **HEALTH}))
    assert not _fails(code, _data("01/01/2012", {item: None, "TEETH_CHECK": None}))
    for missing in HEALTH:
        assert _fails(code, _data("01/01/2012", {item: "0", **HEALTH, missing: None})), missing


@pytest.mark.parametrize(
    ("dob", "check", "fails"),
    [
        ("01/04/2019", None, True),  # 4 at 31 March 2024
        ("31/03/2019", None, False),  # 5 on 31 March 2024
        ("01/04/2019", "1", False),
    ],
)
def test_545_health_promotion_for_under_5(dob: str, check: str | None, fails: bool) -> None:
    assert _fails("545", _data(dob, {"HEALTH_CHECK": check})) is fails


def test_545_only_children_looked_after_12_months() -> None:
    started: list[Row] = [{"CHILD": CHILD, "DECOM": "02/04/2023", "RNE": "S", "LS": "C2"}]
    assert not _fails("545", _data("01/01/2021", {}, episodes=started))


@pytest.mark.parametrize(
    ("dob", "check", "fails"),
    [
        ("31/03/2019", "1", True),
        ("01/04/2019", "1", False),
        ("31/03/2019", None, False),
    ],
)
def test_546_no_health_promotion_for_5_and_over(dob: str, check: str | None, fails: bool) -> None:
    assert _fails("546", _data(dob, {"HEALTH_CHECK": check})) is fails
