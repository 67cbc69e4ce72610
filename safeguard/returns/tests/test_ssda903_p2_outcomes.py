"""SSDA903 part 2 rules on adoption, care leavers, outcomes and short breaks only."""

from __future__ import annotations

import pytest

from safeguard.returns.testing.builders import Rows, failing_rows, ssda903_return

CHILD = "C1"
Row = dict[str, str | int | None]


def _oc3(**values: str | None) -> Row:
    row: Row = {
        "CHILD": CHILD,
        "DOB": "15/06/2005",
        "IN_TOUCH": "YES",
        "ACTIV": "F2",
        "ACCOM": "D1",
        "_row": 4,
    }
    row.update(values)
    return row


OC3_FLAG = [("OC3", 4, CHILD)]


@pytest.mark.parametrize(
    ("oc2", "fails"), [({"HEALTH_CHECK": "1"}, True), ({"SDQ_SCORE": "12"}, False)]
)
def test_215_care_leaver_without_12_month_outcomes(oc2: dict[str, str], fails: bool) -> None:
    data = ssda903_return(year=2024, OC3=[_oc3()], OC2=[{"CHILD": CHILD, "_row": 6, **oc2}])
    assert failing_rows("ssda903", "215", data) == (
        [("OC2", 6, CHILD), ("OC3", 4, CHILD)] if fails else []
    )


@pytest.mark.parametrize(
    ("dob", "accom", "fails"),
    [
        ("01/04/2006", "Z1", True),  # 17 on 01/04/2023
        ("31/03/2007", "Z2", True),  # 17 on 31/03/2024
        ("31/03/2006", "Z1", False),  # 17 the day before the year
        ("01/04/2006", "D1", False),
    ],
)
def test_3001_no_staying_put_at_17(dob: str, accom: str, fails: bool) -> None:
    data = ssda903_return(year=2024, OC3=[_oc3(DOB=dob, ACCOM=accom)])
    assert failing_rows("ssda903", "3001", data) == (OC3_FLAG if fails else [])


def _adoption(**ad1: str | None) -> Rows:
    row: Row = {
        "CHILD": CHILD,
        "DATE_INT": "01/06/2023",
        "DATE_MATCH": "01/08/2023",
        "FOSTER_CARE": "0",
        "_row": 7,
    }
    row.update(ad1)
    return [row]


EPISODES: Rows = [
    {
        "CHILD": CHILD,
        "DECOM": "01/05/2023",
        "RNE": "S",
        "PLACE": "U4",
        "DEC": "01/09/2023",
        "REC": "X1",
        "_row": 2,
    },
    {"CHILD": CHILD, "DECOM": "01/09/2023", "RNE": "P", "PLACE": "A4", "_row": 3},
]


@pytest.mark.parametrize(
    ("code", "ad1", "expected"),
    [
        ("331", {"DATE_MATCH": "02/09/2023"}, [("AD1", 7, CHILD), ("Episodes", 3, CHILD)]),
        ("331", {"DATE_MATCH": "01/09/2023"}, []),
        ("333", {"DATE_INT": "02/08/2023"}, [("AD1", 7, CHILD)]),
        ("333", {"DATE_INT": "01/08/2023"}, []),
        ("334", {"DATE_INT": "30/04/2023"}, [("AD1", 7, CHILD), ("Episodes", 2, CHILD)]),
        ("334", {"DATE_INT": "01/05/2023"}, []),
        ("335", {"FOSTER_CARE": "1"}, [("AD1", 7, CHILD), ("Episodes", 3, CHILD)]),
        ("335", {"FOSTER_CARE": "0"}, []),
    ],
)
def test_adoption_dates_and_placement(code: str, ad1: dict[str, str], expected: object) -> None:
    data = ssda903_return(year=2024, AD1=_adoption(**ad1), Episodes=EPISODES)
    assert failing_rows("ssda903", code, data) == expected


def test_335_adopted_by_foster_carers() -> None:
    episodes = [dict(EPISODES[0]), {**EPISODES[1], "PLACE": "A5"}]
    assert (
        failing_rows(
            "ssda903",
            "335",
            ssda903_return(year=2024, AD1=_adoption(FOSTER_CARE="1"), Episodes=episodes),
        )
        == []
    )
    assert failing_rows(
        "ssda903",
        "335",
        ssda903_return(year=2024, AD1=_adoption(FOSTER_CARE="0"), Episodes=episodes),
    ) == [("AD1", 7, CHILD), ("Episodes", 3, CHILD)]


@pytest.mark.parametrize(
    ("code", "values", "fails"),
    [
        ("344", {"IN_TOUCH": "DIED"}, True),
        ("344", {"IN_TOUCH": "RHOM", "ACTIV": None}, True),
        ("344", {"IN_TOUCH": "DIED", "ACTIV": None, "ACCOM": None}, False),
        ("344", {"IN_TOUCH": "YES"}, False),
        ("345", {"ACTIV": "0"}, True),
        ("345", {"IN_TOUCH": "NREQ", "ACCOM": "0"}, True),
        ("345", {"IN_TOUCH": "NO", "ACTIV": "0", "ACCOM": "0"}, False),
        ("345", {}, False),
        ("347", {"ACCOM": "T1", "DOB": "01/04/2006"}, True),  # 17 at 31/03/2024
        ("347", {"ACCOM": "T2", "DOB": "31/03/2006"}, False),  # 18 at 31/03/2024
        ("347", {"ACCOM": "D1", "DOB": "01/04/2006"}, False),
        ("391", {"DOB": "01/04/2007"}, True),  # 16 at 31/03/2024
        ("391", {"DOB": "31/03/2007"}, False),  # 17 on 31/03/2024
        ("391", {"DOB": "01/04/2001"}, True),  # 22 on 01/04/2023, the year's first day
        ("391", {"DOB": "02/04/2001"}, False),  # still 21 on 01/04/2023
    ],
)
def test_care_leavers(code: str, values: dict[str, str | None], fails: bool) -> None:
    data = ssda903_return(year=2024, OC3=[_oc3(**values)])
    assert failing_rows("ssda903", code, data) == (OC3_FLAG if fails else [])


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (["V3", "V4"], [("Header", 1, CHILD), ("Reviews", 5, CHILD)]),
        (["V3", "C2"], []),
    ],
)
def test_399_short_breaks_only(statuses: list[str], expected: object) -> None:
    data = ssda903_return(
        year=2024,
        Header=[{"CHILD": CHILD, "MOTHER": "0", "_row": 1}],
        Reviews=[{"CHILD": CHILD, "REVIEW": "01/06/2023", "REVIEW_CODE": "PN1", "_row": 5}],
        Episodes=[
            {"CHILD": CHILD, "DECOM": f"0{i + 1}/05/2023", "RNE": "S", "LS": ls}
            for i, ls in enumerate(statuses)
        ],
    )
    assert failing_rows("ssda903", "399", data) == expected


def test_399_passes_blank_mother() -> None:
    data = ssda903_return(
        year=2024,
        Header=[{"CHILD": CHILD, "MOTHER": None}],
        Episodes=[{"CHILD": CHILD, "DECOM": "01/05/2023", "RNE": "S", "LS": "V3"}],
    )
    assert failing_rows("ssda903", "399", data) == []
