"""`safeguard returns ssda903`: the SSDA903 return of a collection year, from the records.

``ssda903_tables`` is the return as the DfE's tables, which year-round validation runs
the rules on (``reference["children"]`` leads each CHILD back to the person, without a
column the DfE does not define); ``ssda903_files`` writes those same tables as the CSV
files, so what passes the rules on the live records is what is sent.

Which rows (DfE SSDA903 guidance, and ``care.selectors`` for our definitions):

- Episodes: every episode open at some time in the year; an episode still open at
  31 March has DEC, REC and REASON_PLACE_CHANGE blank. Earlier episodes of the same
  period of care that ended before 1 April were in earlier years' returns.
- Header: every child in any file: looked after at some time in the year, and the care
  leavers of OC3.
- Reviews held in the year; UASC: looked-after children who are or were UASC.
- OC2: looked after continuously for 12 months at 31 March (not on short breaks only).
- OC3: care leavers whose 17th to 21st birthday falls in the year; someone with a
  care-leaver contact in the birthday's window but no care history held (imported from
  another system's OC3) counts as one on the contact's word.
- AD1: adopted in the year; PlacedAdoption: decisions in force at some time in the year.
- PrevPerm: periods of care that started in the year (rule 630).
- Missing: episodes from care going on at some time in the year (MIS_END blank when the
  child had not returned by 31 March).
- SWEpisodes: the allocations (``workforce.Allocation``) in the year of children looked
  after at some time in it; SW_DEC blank when the allocation ran past 31 March. For a
  child who left care in the year, only up to the end of care; none of under a day
  (``ssda903.rows``).

Header values:

- UPN: the UPN, or the reason it is unknown. The records hold the CIN census reasons
  (UN1-UN7); the SSDA903 lists only UN1-UN5 (rule 168). UN6 ("aged under 6, not yet
  allocated a UPN") is the census's own finer reason for what the SSDA903 calls UN1
  ("not of school age, not yet allocated"), so it is sent as UN1 (``UPN_UNKNOWN_IN_903``).
  UN7 ("referral with no further action") is no reason for a looked-after child to lack
  a UPN and has no SSDA903 counterpart: it is sent as held, and rule 168 rightly asks for
  the record to be put right. The import reads a UN1 back as no change when UN6 is held,
  so that importing our own file leaves the record (and the CIN census) as it was.
- MOTHER, MC_DOB: from the family records (``ssda903.mothers``).

``reference["care_history"]`` is every episode of the return's children begun by 31 March:
the live records know the whole care history, as the DfE portal does, so the rules on care
histories (357, 1000-1002, 1007) judge by it rather than by the two years a file-based
check sees (``rules.ssda903.history``). It is not a file: the CSV files are the DfE's
eleven.

``reference["provider_info"]`` is left out: the records hold each episode's URN but not
Ofsted's registration of the provider (places, dates), so the rules needing it pass.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping
from typing import Any

import polars as pl
from django.conf import settings
from django.db.models import Q

from safeguard.people.models import Person
from safeguard.returns.periods import collection_end, collection_start
from safeguard.returns.rules.registry import ReturnData
from safeguard.returns.rules.ssda903.history import CARE_HISTORY, CARE_HISTORY_COLUMNS
from safeguard.returns.spec import ssda903_codes
from safeguard.returns.ssda903 import cohorts, mothers, selectors
from safeguard.returns.ssda903.cohorts import Value, Year, ddmmyyyy
from safeguard.returns.ssda903.rows import Draft, Progress, blank, build_drafts
from safeguard.returns.tables import ROW, SSDA903_FILES, SSDA903_TABLES

#: The columns of each table that hold dates (they order the rows after CHILD).
DATE_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "Header": ("DOB", "MC_DOB"),
    "Episodes": ("DECOM", "DEC"),
    "Reviews": ("REVIEW",),
    "UASC": ("DUC",),
    "OC2": (),
    "OC3": (),
    "AD1": ("DATE_INT", "DATE_MATCH"),
    "PlacedAdoption": ("DATE_PLACED", "DATE_PLACED_CEASED"),
    "PrevPerm": ("DATE_PERM",),
    "Missing": ("MIS_START", "MIS_END"),
    "SWEpisodes": ("SW_DECOM", "SW_DEC"),
}


def ssda903_tables(year: int, *, progress: Progress = None) -> ReturnData:
    """The return for the collection year ending 31 March ``year`` (``_row`` 0 throughout)."""
    span = Year(collection_start(year), collection_end(year))
    care = cohorts.care_years(selectors.care_in_year(span.start, span.end))
    drafts = build_drafts(span, progress, care)
    people = _people(span, drafts)
    looked_after = {d["_child"] for d in drafts["Episodes"]}
    motherhood = mothers.header_mothers(span, people, care)
    drafts["Header"] = [
        {"_child": child, **_header(p), **motherhood[child]} for child, p in people.items()
    ]
    drafts["UASC"] = [
        {
            "_child": child,
            "SEX": p["gender"] if p["gender"] in _SEXES else None,
            "DUC": ddmmyyyy(p["uasc_ceased_on"]),
        }
        for child, p in people.items()
        if (p["is_uasc"] or p["uasc_ceased_on"]) and child in looked_after
    ]
    if progress is not None:
        progress("Building the tables")
    tables = {name: _table(name, drafts.get(name, []), people) for name in SSDA903_TABLES}
    children = sorted((p["la_child_id"], str(p["id"])) for p in people.values())
    reference = {
        "children": pl.DataFrame(
            {"CHILD": [c for c, _ in children], "person_id": [i for _, i in children]},
            schema={"CHILD": pl.Utf8(), "person_id": pl.Utf8()},
        ),
        CARE_HISTORY: _care_history(span, people),
    }
    return ReturnData(
        kind="ssda903",
        tables=tables,
        collection_start=span.start,
        collection_end=span.end,
        la_code=settings.SAFEGUARD_LA_CODE,
        reference=reference,
    )


def ssda903_files(year: int, *, progress: Progress = None) -> dict[str, str]:
    """File name → CSV text: the DfE's column order, rows by CHILD then dates."""
    data = ssda903_tables(year, progress=progress)
    if progress is not None:
        progress("Writing the CSV files")
    files = {SSDA903_FILES[name]: as_csv(name, data.table(name)) for name in SSDA903_TABLES}
    _record_export(year, data)
    return files


def as_csv(name: str, table: pl.DataFrame) -> str:
    """One table as the DfE's CSV: header row, blank for null, no ``_row``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = SSDA903_TABLES[name]
    writer.writerow(columns)
    for row in table.select(columns).iter_rows():
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue()


def _record_export(year: int, data: ReturnData) -> None:
    from safeguard.audit.services import record_event

    rows = sum(t.height for t in data.tables.values())
    record_event(
        action="export",
        summary=f"SSDA903 {year - 1}-{year % 100:02d} exported ({rows:,} rows)",
        row_count=rows,
    )


# --- people and tables --------------------------------------------------------------------

_SEXES = frozenset(ssda903_codes("Header", "SEX"))
#: Reasons a UPN is unknown that the SSDA903 names differently (module docstring).
UPN_UNKNOWN_IN_903: Mapping[str, str] = {"UN6": "UN1"}


def _care_history(span: Year, people: Mapping[Any, Mapping[str, Any]]) -> pl.DataFrame:
    """Every episode of the return's children begun by 31 March, as the portal holds them
    (an end after 31 March is not known yet, so blank)."""
    rows = [
        (
            people[e["child_id"]]["la_child_id"],
            ddmmyyyy(e["started_on"]),
            ddmmyyyy(e["ended_on"]) if e["ended_on"] and e["ended_on"] <= span.end else None,
            e["legal_status"],
            (e["reason_ceased"] or None) if e["ended_on"] and e["ended_on"] <= span.end else None,
        )
        for e in selectors.care_history(span.end)
        if e["child_id"] in people
    ]
    return pl.DataFrame(rows, schema=dict.fromkeys(CARE_HISTORY_COLUMNS, pl.Utf8()), orient="row")


def _people(span: Year, drafts: Mapping[str, list[Draft]]) -> dict[Any, dict[str, Any]]:
    """The children of the return, each once: everyone any file mentions."""
    wanted = {d["_child"] for rows in drafts.values() for d in rows}
    fields = (
        "id",
        "la_child_id",
        "gender",
        "date_of_birth",
        "ethnicity",
        "upn",
        "upn_unknown_reason",
        "is_uasc",
        "uasc_ceased_on",
    )
    found = {
        p["id"]: p
        for p in Person.objects.filter(
            Q(id__in=selectors.looked_after_children(span.start, span.end))
            | Q(id__in=selectors.care_leaver_candidates(*cohorts.oc3_candidates(span)).values("id"))
        ).values(*fields)
        if p["id"] in wanted
    }
    missing = list(wanted - found.keys())
    for chunk in range(0, len(missing), 500):
        for p in Person.objects.filter(id__in=missing[chunk : chunk + 500]).values(*fields):
            found[p["id"]] = p
    return found


def _header(person: Mapping[str, Any]) -> dict[str, Value]:
    """SEX, ETHNIC and UPN (MOTHER and MC_DOB come from ``mothers``)."""
    unknown = person["upn_unknown_reason"]
    return {
        "SEX": person["gender"] if person["gender"] in _SEXES else None,
        "ETHNIC": blank(person["ethnicity"]),
        "UPN": blank(person["upn"]) or blank(UPN_UNKNOWN_IN_903.get(unknown, unknown)),
    }


def _table(name: str, drafts: list[Draft], people: Mapping[Any, Mapping[str, Any]]) -> pl.DataFrame:
    columns = SSDA903_TABLES[name]
    rows = []
    for draft in drafts:
        person = people[draft["_child"]]
        rows.append(
            {
                **draft,
                "CHILD": person["la_child_id"],
                "DOB": ddmmyyyy(person["date_of_birth"]),
            }
        )
    rows.sort(key=lambda row: _order(name, row))
    data: dict[str, list[Any]] = {c: [row.get(c) for row in rows] for c in columns}
    data[ROW] = [0] * len(rows)
    schema: dict[str, pl.DataType] = {c: pl.Utf8() for c in columns}
    schema[ROW] = pl.Int64()
    return pl.DataFrame(data, schema=schema)


def _order(name: str, row: Mapping[str, Any]) -> tuple[Any, ...]:
    dates = tuple(_sortable(row.get(c)) for c in DATE_COLUMNS[name])
    rest = tuple(row.get(c) or "" for c in SSDA903_TABLES[name] if c not in DATE_COLUMNS[name])
    return (row["CHILD"], *dates, *rest)


def _sortable(text: str | None) -> dt.date:
    if text is None:
        return dt.date.max
    return dt.datetime.strptime(text, "%d/%m/%Y").date()
