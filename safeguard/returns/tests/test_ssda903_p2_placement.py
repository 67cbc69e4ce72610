"""SSDA903 part 2 rules on placement details: provider, URN, postcodes, reason for change."""

from __future__ import annotations

import pytest

from safeguard.returns.tables import PROVIDER_INFO_COLUMNS, table_from_rows
from safeguard.returns.testing.builders import failing_rows, ssda903_return

CHILD = "C1"
Row = dict[str, str | int | None]
Flagged = list[tuple[str, int, str]]
FLAGGED = [("Episodes", 2, CHILD)]


def _ep(changes: dict[str, str | None] | None = None, *, row: int = 2, **values: str | None) -> Row:
    episode: Row = {
        "CHILD": CHILD,
        "DECOM": "01/05/2023",
        "RNE": "S",
        "LS": "C2",
        "PLACE": "K2",
        "PLACE_PROVIDER": "PR4",
        "HOME_POST": "AB1 2CD",
        "PL_POST": "LS1 4AP",
        "URN": "SC111111",
        "_row": row,
    }
    episode.update(changes or {})
    episode.update(values)
    return episode


PROVIDER: Row = {
    "URN": "SC111111",
    "PLACE_CODES": "K2,R1",
    "PROVIDER_CODES": "PR4, PR5",
    "POSTCODE": "LS14AP",
    "LA_CODE": "383",
    "REG_DATE": "01/01/2020",
    "REG_END": None,
}


def _fails(
    code: str, *episodes: Row, provider: Row | None = None, uasc: bool = False, la: str = "001"
) -> Flagged:
    reference = {}
    if provider is not None:
        reference["provider_info"] = table_from_rows(PROVIDER_INFO_COLUMNS, [provider])
    data = ssda903_return(
        year=2024,
        la_code=la,
        Episodes=list(episodes),
        UASC=[{"CHILD": CHILD}] if uasc else [],
        reference=reference,
    )
    return failing_rows("ssda903", code, data)


@pytest.mark.parametrize(
    ("code", "values", "fails"),
    [
        ("213", {"PLACE": "T2", "PLACE_PROVIDER": "PR1"}, True),
        ("213", {"PLACE": "Z1", "PLACE_PROVIDER": "PR4"}, True),
        ("213", {"PLACE": "T2", "PLACE_PROVIDER": None}, False),
        ("213", {"PLACE": "U4", "PLACE_PROVIDER": "PR1"}, False),
        ("214", {"LS": "V3", "URN": None}, True),
        ("214", {"LS": "V4", "PL_POST": None}, True),
        ("214", {"LS": "V3", "PL_POST": None, "URN": None}, False),
        ("214", {"LS": "V2"}, False),
        ("218", {"URN": None}, True),
        ("218", {"URN": "XXXXXXX"}, False),
        ("218", {"URN": None, "PLACE": "P1"}, False),
        ("218", {"URN": None, "PLACE_PROVIDER": "PR2"}, False),
        ("218", {"URN": None, "PL_POST": "EH1 1AA"}, False),  # Scotland
        ("218", {"URN": None, "PL_POST": "CF10 1AA"}, False),  # Wales
        ("218", {"URN": None, "DEC": "31/03/2023"}, False),  # ended before the year
        ("222", {"PLACE": "P1", "URN": "SC111111"}, True),
        ("222", {"PLACE": "T4", "URN": "SC111111"}, True),
        ("222", {"PLACE": "P1", "URN": "XXXXXXX"}, False),
        ("222", {"PLACE": "H5", "URN": "SC111111"}, False),
        ("222", {"PLACE": "K2", "URN": "SC111111"}, False),
        ("226", {"PLACE": "T1", "REASON_PLACE_CHANGE": "CARPL"}, True),
        ("226", {"PLACE": "T1", "REASON_PLACE_CHANGE": None}, False),
        ("226", {"PLACE": "U4", "REASON_PLACE_CHANGE": "CARPL"}, False),
        ("392b", {"HOME_POST": None}, True),
        ("392b", {"PL_POST": " "}, True),
        ("392b", {"HOME_POST": None, "LS": "V3"}, False),
        ("392b", {}, False),
        ("392c", {"HOME_POST": "AB1 2C"}, True),
        ("392c", {"PL_POST": "12345"}, True),
        ("392c", {"HOME_POST": "ab12cd", "PL_POST": "SW1A 1AA"}, False),
        ("392c", {"HOME_POST": None}, False),
        ("392d", {"HOME_POST": "LS14AP"}, True),
        ("392d", {"HOME_POST": "LS1 4AP", "PLACE": "P1"}, False),
        ("392d", {"HOME_POST": "LS1 4AQ"}, False),
        ("398", {"LS": "V4", "URN": None}, True),
        ("398", {"LS": "V4", "HOME_POST": None, "PL_POST": None}, False),
        ("398", {"LS": "C2"}, False),
    ],
)
def test_single_episode(code: str, values: dict[str, str | None], fails: bool) -> None:
    assert _fails(code, _ep(values)) == (FLAGGED if fails else [])


def test_392b_not_asked_of_uasc_children() -> None:
    assert _fails("392b", _ep(HOME_POST=None), uasc=True) == []


@pytest.mark.parametrize(
    ("code", "values", "provider", "fails"),
    [
        ("219", {"PLACE": "U4"}, {}, True),
        ("219", {"PLACE": "R1"}, {}, False),
        ("219", {"PLACE": "U4", "URN": "XXXXXXX"}, {}, False),
        ("219", {"PLACE": "U4", "URN": "SC999999"}, {}, False),  # not in the list
        ("221", {"PL_POST": "LS1 4AQ"}, {}, True),
        ("221", {"PL_POST": "ls1 4ap"}, {}, False),
        ("224", {"PLACE_PROVIDER": "PR1"}, {}, True),
        ("224", {"PLACE_PROVIDER": "PR5"}, {}, False),
        ("227", {"DECOM": "31/12/2019"}, {}, True),
        ("227", {"DECOM": "01/01/2020"}, {}, False),
        ("227", {"DECOM": "02/05/2023"}, {"REG_END": "01/05/2023"}, True),
        ("227", {"DECOM": "01/05/2023"}, {"REG_END": "01/05/2023"}, False),
        ("228", {"DEC": "02/06/2023", "REC": "E8"}, {"REG_END": "01/06/2023"}, True),
        ("228", {"DEC": "01/06/2023", "REC": "E8"}, {"REG_END": "01/06/2023"}, False),
        ("228", {}, {"REG_END": "30/03/2024"}, True),  # open: judged at 31 March
        ("228", {}, {"REG_END": "31/03/2024"}, False),
        ("229", {"PLACE_PROVIDER": "PR1"}, {"LA_CODE": "383"}, True),
        ("229", {"PLACE_PROVIDER": "PR1"}, {"LA_CODE": "001"}, False),
        ("229", {"PLACE_PROVIDER": "PR2"}, {"LA_CODE": "001"}, True),
        ("229", {"PLACE_PROVIDER": "PR2"}, {"LA_CODE": "383"}, False),
        ("229", {"PLACE_PROVIDER": "PR4"}, {"LA_CODE": "001"}, False),
    ],
)
def test_against_provider_list(
    code: str, values: dict[str, str | None], provider: Row, fails: bool
) -> None:
    listed = {**PROVIDER, **provider}
    assert _fails(code, _ep(values), provider=listed) == (FLAGGED if fails else [])
    # Without Ofsted's list the rule passes.
    assert _fails(code, _ep(values)) == []


@pytest.mark.parametrize(
    ("values", "next_values", "fails"),
    [
        ({}, {"RNE": "P"}, True),
        ({"REASON_PLACE_CHANGE": "CARPL"}, {"RNE": "P"}, False),
        ({}, {"RNE": "L"}, False),  # legal status change only
        ({"PLACE": "T1"}, {"RNE": "P"}, False),  # from a temporary placement
        ({}, {"RNE": "T", "PLACE": "T3"}, False),  # to a temporary placement
        ({"DEC": "31/03/2016"}, {"RNE": "B", "DECOM": "31/03/2016"}, False),
        ({"DEC": "01/04/2016"}, {"RNE": "B", "DECOM": "01/04/2016"}, True),
    ],
)
def test_225_reason_for_placement_change(
    values: dict[str, str | None], next_values: dict[str, str | None], fails: bool
) -> None:
    first = _ep(DECOM="01/01/2016", DEC="01/06/2023", REC="X1")
    first.update(values)
    second = _ep(row=3, DECOM=str(first["DEC"]), PLACE="U4")
    second.update(next_values)
    assert _fails("225", first, second) == (FLAGGED if fails else [])
