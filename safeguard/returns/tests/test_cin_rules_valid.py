"""A clean CIN census record, shared by the CIN rule tests: each test breaks one thing.

The child was referred in May 2023, assessed, had a short CIN plan, a Section 47 enquiry and
an initial conference on 22 June 2023 (a Thursday) that started a protection plan still open
at the reference date (31 March 2024). Every rule passes it; the other test modules change
one value and expect exactly the row that value is on.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl

from safeguard.people.identifiers import upn_check_letter
from safeguard.returns.rules.registry import ReturnData, rules, validate
from safeguard.returns.tables import CIN_TABLES, ROW
from safeguard.returns.testing.builders import cin_return

Row = dict[str, str | int | None]

CHILD = "C1"
UPN_BODY = "201123456789"
UPN = upn_check_letter(UPN_BODY) + UPN_BODY

HEADER: Row = {"ReferenceDate": "2024-03-31", ROW: 3}
IDENT: Row = {
    "LAchildID": CHILD,
    "UPN": UPN,
    "PersonBirthDate": "2015-06-10",
    "GenderCurrent": "1",
    ROW: 10,
}
CHARACTERISTICS: Row = {"LAchildID": CHILD, "Ethnicity": "WBRI", ROW: 20}
DISABILITY: Row = {"LAchildID": CHILD, "Disability": "NONE", ROW: 22}
EPISODE: Row = {
    "LAchildID": CHILD,
    "CINdetailsID": "1",
    "CINreferralDate": "2023-05-02",
    "ReferralSource": "1A",
    "PrimaryNeedCode": "N1",
    "ReferralNFA": "false",
    ROW: 30,
}
ASSESSMENT: Row = {
    "LAchildID": CHILD,
    "CINdetailsID": "1",
    "AssessmentID": "1",
    "AssessmentActualStartDate": "2023-05-03",
    "AssessmentAuthorisationDate": "2023-06-01",
    ROW: 40,
}
FACTORS: list[Row] = [
    {"LAchildID": CHILD, "CINdetailsID": "1", "AssessmentID": "1", "AssessmentFactors": "3A"},
    {"LAchildID": CHILD, "CINdetailsID": "1", "AssessmentID": "1", "AssessmentFactors": "4B"},
]
CIN_PLAN: Row = {
    "LAchildID": CHILD,
    "CINdetailsID": "1",
    "CINPlanStartDate": "2023-06-01",
    "CINPlanEndDate": "2023-06-22",
    ROW: 60,
}
ENQUIRY: Row = {
    "LAchildID": CHILD,
    "CINdetailsID": "1",
    "S47ActualStartDate": "2023-06-05",
    "InitialCPCtarget": "2023-06-23",
    "DateOfInitialCPC": "2023-06-22",
    "ICPCnotRequired": "false",
    ROW: 70,
}
PROTECTION: Row = {
    "LAchildID": CHILD,
    "CINdetailsID": "1",
    "CPPID": "1",
    "CPPstartDate": "2023-06-22",
    "InitialCategoryOfAbuse": "NEG",
    "LatestCategoryOfAbuse": "NEG",
    "NumberOfPreviousCPP": "0",
    ROW: 80,
}
REVIEW: Row = {
    "LAchildID": CHILD,
    "CINdetailsID": "1",
    "CPPID": "1",
    "CPPreviewDate": "2023-09-14",
    ROW: 90,
}

BASE: Mapping[str, Sequence[Row]] = {
    "Header": [HEADER],
    "ChildIdentifiers": [IDENT],
    "ChildCharacteristics": [CHARACTERISTICS],
    "Disabilities": [DISABILITY],
    "CINdetails": [EPISODE],
    "Assessments": [ASSESSMENT],
    "AssessmentFactors": [{**f, ROW: 50 + i} for i, f in enumerate(FACTORS)],
    "CINplanDates": [CIN_PLAN],
    "Section47": [ENQUIRY],
    "ChildProtectionPlans": [PROTECTION],
    "Reviews": [REVIEW],
}

#: Queries about the whole return, which one child cannot satisfy (tested on their own).
RETURN_LEVEL = {"2887Q", "2888Q"}


def census(year: int = 2024, **tables: Sequence[Row]) -> ReturnData:
    """The clean census with some tables replaced."""
    merged: dict[str, Any] = {**BASE, **tables}
    return cin_return(year=year, **merged)


def with_(row: Row, **values: str | int | None) -> Row:
    """``row`` with some values changed (None removes a value)."""
    return {**row, **values}


def test_the_clean_record_passes_every_rule() -> None:
    codes = {r.code for r in rules("cin")} - RETURN_LEVEL
    assert validate(census(), codes=codes).height == 0


def test_a_clean_child_with_no_protection_plan_passes_every_rule() -> None:
    data = census(
        Section47=[with_(ENQUIRY, DateOfInitialCPC=None, ICPCnotRequired="true")],
        ChildProtectionPlans=[],
        Reviews=[],
        CINplanDates=[with_(CIN_PLAN, CINPlanEndDate=None)],
    )
    codes = {r.code for r in rules("cin")} - RETURN_LEVEL
    assert validate(data, codes=codes).to_dicts() == []


def _big_census(children: int) -> ReturnData:
    """The clean record copied for many children, as tables (no per-row Python in rules)."""
    tables: dict[str, pl.DataFrame] = {}
    small = census()
    ids = pl.DataFrame({"_n": list(range(children))})
    for name in CIN_TABLES:
        frame = small.table(name)
        if name == "Header":
            tables[name] = frame
            continue
        copies = ids.join(frame, how="cross").with_columns(
            (pl.lit("C") + pl.col("_n").cast(pl.Utf8)).alias("LAchildID"),
            (pl.col("_n") * 100 + pl.col(ROW)).alias(ROW),
        )
        if name == "ChildIdentifiers":
            copies = copies.with_columns(pl.lit(None, dtype=pl.Utf8).alias("UPN"))
        tables[name] = copies.select(*CIN_TABLES[name], ROW)
    return ReturnData(
        kind="cin",
        tables=tables,
        collection_start=small.collection_start,
        collection_end=small.collection_end,
    )


def test_all_cin_rules_run_in_under_five_seconds_on_20000_children() -> None:
    data = _big_census(20_000)
    assert data.table("CINdetails").height == 20_000
    started = time.perf_counter()
    report = validate(data)
    elapsed = time.perf_counter() - started
    assert elapsed < 5, f"CIN rules took {elapsed:.1f}s"
    # Without UPNs every school-age child is queried, and nothing else fails.
    assert set(report["code"].unique()) == {"8770Q", "2887Q"}
    assert report.filter(pl.col("code") == "8770Q").height == 20_000
