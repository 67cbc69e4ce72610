"""The CIN census of a collection year as the records stood on its reference date.

The census is a snapshot at 31 March: anything recorded as happening after it (a closure,
an authorisation, a plan ending, a conference) is not yet known then and is left out, so
a census built for a past year is the one the authority would have sent that year, and
the DfE's "date after the reference date" rules pass (a child born after it is shown
unborn, due on the day of the birth). Which rows are in follows the DfE
guidance: every child with a CIN episode open at any point in the year (NFA referrals
included), and within each episode the assessments, CIN plans, section 47 enquiries and
CP plans that were open at some point in the year. Review dates are those held in the
year; an enquiry that needed no initial conference counts as ending when it started (its
decision date is not part of the return). NumberOfPreviousCPP counts every plan the
records hold for the child that started before this one, in any episode.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import Any

import polars as pl
from django.conf import settings

from safeguard.core.timescales import compute_due
from safeguard.returns.cin_census import SOFTWARE_CODE, release, selectors
from safeguard.returns.periods import collection_end, collection_start
from safeguard.returns.rules.registry import ReturnData
from safeguard.returns.tables import CIN_TABLES, ROW

Progress = Callable[[str], None]
Value = str | int | bool | dt.date | None
TableRows = dict[str, list[dict[str, Value]]]

#: Far past the end of any year: sorts open things (no end date) last.
_OPEN = dt.date.max


def text(value: Value) -> str | None:
    """A census value as the file holds it: ISO dates, ``true``/``false``, null for blank."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def frame(name: str, rows: Iterable[Mapping[str, Value]]) -> pl.DataFrame:
    """A contract table of rows that come from the records (``_row`` 0: no source line)."""
    columns = CIN_TABLES[name]
    listed = list(rows)
    data: dict[str, list[Any]] = {c: [text(r.get(c)) for r in listed] for c in columns}
    data[ROW] = [0] * len(listed)
    schema: dict[str, pl.DataType] = {c: pl.Utf8() for c in columns}
    schema[ROW] = pl.Int64()
    return pl.DataFrame(data, schema=schema)


@cache
def initial_cpc_target(strategy_discussion: dt.date) -> dt.date:
    """15 working days from the strategy discussion (timescale ``icpc``)."""
    due = compute_due("icpc", strategy_discussion).due
    return due.date() if isinstance(due, dt.datetime) else due


def header_row(year: int) -> dict[str, Value]:
    """The Header as this system writes it (the DateTime is added when the file is written)."""
    return {
        "Collection": "CIN",
        "Year": str(year),
        "ReferenceDate": collection_end(year),
        "SourceLevel": "L",
        "LEA": settings.SAFEGUARD_LA_CODE,
        "SoftwareCode": SOFTWARE_CODE,
        "Release": release(),
        "SerialNo": "001",
    }


class _Census:
    """The projection for one year; each ``add_*`` reads one selector."""

    def __init__(self, year: int, progress: Progress | None) -> None:
        self.start = collection_start(year)
        self.end = collection_end(year)
        self.progress = progress or (lambda message: None)
        self.rows: TableRows = {name: [] for name in CIN_TABLES}

    def known(self, day: dt.date | None) -> dt.date | None:
        """A date as known on the reference date (a later one has not happened yet)."""
        return day if day is not None and day <= self.end else None

    def overlaps(self, first: dt.date, last: dt.date | None) -> bool:
        return first <= self.end and (last is None or last >= self.start)

    def build(self) -> tuple[TableRows, dict[str, str]]:
        start, end = self.start, self.end
        self.progress("Reading children")
        people = sorted(selectors.children(start, end), key=lambda p: p["la_child_id"])
        disabilities: dict[Any, list[str]] = defaultdict(list)
        for row in selectors.disabilities(start, end):
            disabilities[row["person_key"]].append(row["code"])
        self.progress("Reading CIN episodes")
        episodes_by_child: dict[Any, list[dict[str, Any]]] = defaultdict(list)
        for row in selectors.episodes(start, end):
            episodes_by_child[row["child_key"]].append(row)
        below = self._read_below_episodes()
        self.progress(f"Building the census for {len(people):,} children")
        person_ids: dict[str, str] = {}
        for person in people:
            child = person["la_child_id"]
            person_ids[child] = person["key"]
            self._child(person, sorted(disabilities[person["key"]]))
            episodes = sorted(
                episodes_by_child[person["key"]],
                key=lambda e: (e["referral_date"], e["closure_date"] or _OPEN, str(e["key"])),
            )
            for number, episode in enumerate(episodes, start=1):
                self._episode(child, str(number), episode, below)
        return self.rows, person_ids

    def _read_below_episodes(self) -> dict[str, dict[Any, list[dict[str, Any]]]]:
        start, end = self.start, self.end
        self.progress("Reading assessments, plans, enquiries and conferences")
        grouped: dict[str, dict[Any, list[dict[str, Any]]]] = {}
        sources: dict[str, tuple[Callable[[dt.date, dt.date], list[dict[str, Any]]], str]] = {
            "assessments": (selectors.assessments, "episode_key"),
            "factors": (selectors.assessment_factors, "assessment_key"),
            "cin_plans": (selectors.cin_plans, "episode_key"),
            "section47s": (selectors.section47s, "episode_key"),
            "initial_conferences": (selectors.initial_conferences, "episode_key"),
            "cp_plans": (selectors.cp_plans, "episode_key"),
            "plan_starts": (selectors.cp_plan_starts, "child_key"),
            "category_changes": (selectors.category_changes, "plan_key"),
            "reviews": (selectors.review_conferences, "plan_key"),
        }
        for name, (read, key) in sources.items():
            by_key: dict[Any, list[dict[str, Any]]] = defaultdict(list)
            for row in read(start, end):
                by_key[row[key]].append(row)
            grouped[name] = by_key
        return grouped

    def _child(self, person: Mapping[str, Any], disability_codes: list[str]) -> None:
        child = person["la_child_id"]
        self.rows["ChildIdentifiers"].append(
            {
                "LAchildID": child,
                "UPN": person["upn"],
                "FormerUPN": person["former_upn"],
                "UPNunknown": person["upn_unknown_reason"],
                **self._birth(person),
                "PersonDeathDate": self.known(person["date_of_death"]),
            }
        )
        self.rows["ChildCharacteristics"].append(
            {"LAchildID": child, "Ethnicity": person["ethnicity"]}
        )
        for code in disability_codes:
            self.rows["Disabilities"].append({"LAchildID": child, "Disability": code})

    def _birth(self, person: Mapping[str, Any]) -> dict[str, Value]:
        """Birth as known on the reference date: a child born after it was still unborn.

        Recording the birth clears the expected date (never both, 8525Q), so the birth
        itself stands in for the expected date a past year's census held, and the sex was
        not yet known (8750).
        """
        born = person["date_of_birth"]
        if born is not None and born > self.end:
            return {"PersonBirthDate": None, "ExpectedPersonBirthDate": born, "GenderCurrent": "0"}
        return {
            "PersonBirthDate": born,
            "ExpectedPersonBirthDate": person["expected_date_of_birth"],
            "GenderCurrent": person["gender"],
        }

    def _episode(
        self,
        child: str,
        number: str,
        episode: Mapping[str, Any],
        below: Mapping[str, Mapping[Any, list[dict[str, Any]]]],
    ) -> None:
        key = {"LAchildID": child, "CINdetailsID": number}
        closed = self.known(episode["closure_date"])
        conferences = below["initial_conferences"][episode["key"]]
        icpc_by_s47 = {
            c["section47_key"]: c["held_on"] for c in conferences if c["section47_key"] is not None
        }
        unlinked = sorted(
            c["held_on"]
            for c in conferences
            if c["section47_key"] is None and self.known(c["held_on"])
        )
        self.rows["CINdetails"].append(
            {
                **key,
                "CINreferralDate": episode["referral_date"],
                "ReferralSource": episode["referral_source"],
                "PrimaryNeedCode": episode["primary_need"],
                "CINclosureDate": closed,
                "ReasonForClosure": episode["reason_for_closure"] if closed else None,
                "DateOfInitialCPC": unlinked[0] if unlinked else None,
                "ReferralNFA": bool(episode["referral_nfa"]),
            }
        )
        self._assessments(key, below["assessments"][episode["key"]], below["factors"])
        for plan in sorted(below["cin_plans"][episode["key"]], key=lambda p: p["start_date"]):
            if self.overlaps(plan["start_date"], plan["end_date"]):
                self.rows["CINplanDates"].append(
                    {
                        **key,
                        "CINPlanStartDate": plan["start_date"],
                        "CINPlanEndDate": self.known(plan["end_date"]),
                    }
                )
        self._section47s(key, below["section47s"][episode["key"]], icpc_by_s47)
        self._cp_plans(key, episode, below)

    def _assessments(
        self,
        key: Mapping[str, str],
        assessments: list[dict[str, Any]],
        factors: Mapping[Any, list[dict[str, Any]]],
    ) -> None:
        kept = [a for a in assessments if self.overlaps(a["start_date"], a["authorised_on"])]
        kept.sort(key=lambda a: (a["start_date"], a["authorised_on"] or _OPEN, str(a["key"])))
        for number, assessment in enumerate(kept, start=1):
            ids = {**key, "AssessmentID": str(number)}
            authorised = self.known(assessment["authorised_on"])
            self.rows["Assessments"].append(
                {
                    **ids,
                    "AssessmentActualStartDate": assessment["start_date"],
                    "AssessmentInternalReviewDate": self.known(assessment["internal_review_date"]),
                    "AssessmentAuthorisationDate": authorised,
                }
            )
            if authorised is None:
                continue  # factors are identified when the assessment is completed
            for code in sorted(f["code"] for f in factors[assessment["key"]]):
                self.rows["AssessmentFactors"].append({**ids, "AssessmentFactors": code})

    def _section47s(
        self,
        key: Mapping[str, str],
        enquiries: list[dict[str, Any]],
        icpc_by_s47: Mapping[Any, dt.date],
    ) -> None:
        for s47 in sorted(enquiries, key=lambda s: (s["start_date"], str(s["key"]))):
            icpc = icpc_by_s47.get(s47["key"])
            decided = s47["outcome_date"]
            not_required = bool(s47["icpc_not_required"]) and (
                decided is None or decided <= self.end
            )
            # An enquiry that needed no conference ends when it starts, for the census:
            # its decision date is not part of the return, so the year it belongs to
            # must not depend on it.
            concluded = icpc or (s47["start_date"] if s47["icpc_not_required"] else None)
            if not self.overlaps(s47["start_date"], concluded):
                continue
            counted_from = s47["strategy_discussion__held_on"] or s47["start_date"]
            self.rows["Section47"].append(
                {
                    **key,
                    "S47ActualStartDate": s47["start_date"],
                    "InitialCPCtarget": initial_cpc_target(counted_from),
                    "DateOfInitialCPC": self.known(icpc),
                    "ICPCnotRequired": not_required,
                }
            )

    def _cp_plans(
        self,
        key: Mapping[str, str],
        episode: Mapping[str, Any],
        below: Mapping[str, Mapping[Any, list[dict[str, Any]]]],
    ) -> None:
        starts = [p["start_date"] for p in below["plan_starts"][episode["child_key"]]]
        plans = [
            p
            for p in below["cp_plans"][episode["key"]]
            if self.overlaps(p["start_date"], p["end_date"])
        ]
        plans.sort(key=lambda p: (p["start_date"], str(p["key"])))
        for number, plan in enumerate(plans, start=1):
            ids = {**key, "CPPID": str(number)}
            self.rows["ChildProtectionPlans"].append(
                {
                    **ids,
                    "CPPstartDate": plan["start_date"],
                    "CPPendDate": self.known(plan["end_date"]),
                    "InitialCategoryOfAbuse": plan["initial_category"],
                    "LatestCategoryOfAbuse": self._category_on_reference_date(
                        plan, below["category_changes"][plan["key"]]
                    ),
                    "NumberOfPreviousCPP": sum(1 for s in starts if s < plan["start_date"]),
                }
            )
            held = sorted(
                {
                    r["held_on"]
                    for r in below["reviews"][plan["key"]]
                    if self.start <= r["held_on"] <= self.end
                }
            )
            for day in held:
                self.rows["Reviews"].append({**ids, "CPPreviewDate": day})

    def _category_on_reference_date(
        self, plan: Mapping[str, Any], changes: list[dict[str, Any]]
    ) -> str:
        """The latest category as it stood on 31 March (a later change undone)."""
        later = sorted(
            (c for c in changes if c["changed_on"] > self.end), key=lambda c: c["changed_on"]
        )
        return str(later[0]["from_category"] if later else plan["latest_category"])


def census_from_records(year: int, *, progress: Progress | None = None) -> ReturnData:
    """The census tables for the year ending 31 March ``year``, with LA child id → person."""
    rows, person_ids = _Census(year, progress).build()
    rows["Header"] = [header_row(year)]
    tables = {name: frame(name, rows[name]) for name in CIN_TABLES}
    children = pl.DataFrame(
        {"LAchildID": list(person_ids), "person_id": list(person_ids.values())},
        schema={"LAchildID": pl.Utf8(), "person_id": pl.Utf8()},
    )
    return ReturnData(
        kind="cin",
        tables=tables,
        collection_start=collection_start(year),
        collection_end=collection_end(year),
        la_code=settings.SAFEGUARD_LA_CODE,
        reference={"children": children},
    )
