"""SSDA903 part 3: placement type against placement provider."""

from __future__ import annotations

import pytest

from safeguard.returns.rules.registry import ReturnData
from safeguard.returns.testing.builders import failing_rows, ssda903_return

CHILD = "C1"
FLAG = [("Episodes", 4, CHILD)]


def _data(**values: str | None) -> ReturnData:
    row: dict[str, str | int | None] = {
        "CHILD": CHILD,
        "DECOM": "01/06/2023",
        "RNE": "S",
        "LS": "C2",
        "PLACE": "U1",
        "PLACE_PROVIDER": "PR1",
        "_row": 4,
    }
    row.update(values)
    return ssda903_return(Episodes=[row])


def _fails(code: str, **values: str | None) -> bool:
    found = failing_rows("ssda903", code, _data(**values))
    assert found in ([], FLAG)
    return bool(found)


@pytest.mark.parametrize(
    ("place", "rec", "fails"),
    [
        ("U1", "E45", False),
        ("U6", "E46", False),
        ("K2", "E45", True),
        ("R1", "E46", True),
        ("K2", "E8", False),
    ],
)
def test_516_former_foster_carers_from_foster_care(place: str, rec: str, fails: bool) -> None:
    assert _fails("516", PLACE=place, DEC="01/09/2023", REC=rec) is fails


@pytest.mark.parametrize(
    ("place", "provider", "fails"),
    [
        ("U1", None, True),
        ("U1", " ", True),
        ("U1", "PR1", False),
        ("T0", None, False),
        ("T4", None, False),
        ("Z1", None, False),
        (None, None, False),  # a blank placement type is another rule's error
    ],
)
def test_526_placement_provider_given(place: str | None, provider: str | None, fails: bool) -> None:
    assert _fails("526", PLACE=place, PLACE_PROVIDER=provider) is fails


CANNOT = {
    "527": ("PR1", ["P1", "R2", "R5"], ["U1", "K2", "R1"]),
    "528": ("PR2", ["P1", "R2", "R5"], ["U1", "K2", "R1"]),
    "529": (
        "PR3",
        ["P1", "A3", "A4", "A5", "A6", "K1", "K2", "U1", "U2", "U3", "U4", "U5", "U6"],
        ["R1", "R2", "S1", "H5"],
    ),
    "530": ("PR4", ["P1"], ["K2", "R1", "U4"]),
    "531": ("PR5", ["P1"], ["K2", "R1", "U4"]),
}


@pytest.mark.parametrize("code", sorted(CANNOT))
def test_provider_cannot_take_placement_types(code: str) -> None:
    provider, forbidden, allowed = CANNOT[code]
    for place in forbidden:
        assert _fails(code, PLACE=place, PLACE_PROVIDER=provider), place
    for place in allowed:
        assert not _fails(code, PLACE=place, PLACE_PROVIDER=provider), place
    assert not _fails(code, PLACE=forbidden[0], PLACE_PROVIDER="PR0" if code != "550" else "PR1")


@pytest.mark.parametrize(
    ("place", "provider", "fails"),
    [("P1", "PR0", False), ("P2", "PR0", True), ("U1", "PR0", True), ("U1", "PR1", False)],
)
def test_550_parents_provide_only_placement_with_parents(
    place: str, provider: str, fails: bool
) -> None:
    assert _fails("550", PLACE=place, PLACE_PROVIDER=provider) is fails
