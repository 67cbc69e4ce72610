"""Write the CIN census tables as the DfE's XML, in the XSD's element order.

The writer knows nothing of the records: it nests the flattened tables back by their keys
(LAchildID, CINdetailsID, AssessmentID, CPPID) in the order the tables give, so the same
tables always give the same bytes, and a file read by ``reader`` writes back as it was.
Null values are left out; whether what is left is a valid census is for the schema.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

import polars as pl
from lxml import etree

from safeguard.returns.spec import CIN_XSD, XS
from safeguard.returns.tables import CIN_TABLES

Rows = list[dict[str, Any]]

IDENTIFIERS = CIN_TABLES["ChildIdentifiers"][1:]
EPISODE_BEFORE_ASSESSMENTS = (
    "CINreferralDate",
    "ReferralSource",
    "PrimaryNeedCode",
    "CINclosureDate",
    "ReasonForClosure",
    "DateOfInitialCPC",
)
ASSESSMENT_DATES = CIN_TABLES["Assessments"][3:]
SECTION47 = CIN_TABLES["Section47"][2:]
CP_PLAN = CIN_TABLES["ChildProtectionPlans"][3:]


class CensusSchemaError(ValueError):
    """The census would not be valid against the XSD: it is not written."""


def _leaves(parent: etree._Element, row: Mapping[str, Any], names: Iterable[str]) -> None:
    for name in names:
        value = row.get(name)
        if value is not None:
            etree.SubElement(parent, name).text = str(value)


def _group(rows: Rows, *keys: str) -> dict[tuple[str, ...], Rows]:
    grouped: dict[tuple[str, ...], Rows] = defaultdict(list)
    for row in rows:
        grouped[tuple(row[k] for k in keys)].append(row)
    return grouped


def census_element(tables: Mapping[str, pl.DataFrame], *, date_time: str | None) -> etree._Element:
    """The ``Message`` element; ``date_time`` replaces the Header DateTime when given."""
    rows = {name: tables[name].to_dicts() if name in tables else [] for name in CIN_TABLES}
    message = etree.Element("Message")
    header_row = dict(rows["Header"][0]) if rows["Header"] else {}
    if date_time is not None:
        header_row["DateTime"] = date_time
    header = etree.SubElement(message, "Header")
    _leaves(
        etree.SubElement(header, "CollectionDetails"),
        header_row,
        ("Collection", "Year", "ReferenceDate"),
    )
    _leaves(etree.SubElement(header, "Source"), header_row, CIN_TABLES["Header"][3:])
    children = etree.SubElement(message, "Children")
    ethnicity = {r["LAchildID"]: r for r in rows["ChildCharacteristics"]}
    disabilities = _group(rows["Disabilities"], "LAchildID")
    episodes = _group(rows["CINdetails"], "LAchildID")
    below = {
        name: _group(rows[name], "LAchildID", "CINdetailsID")
        for name in ("Assessments", "CINplanDates", "Section47", "ChildProtectionPlans")
    }
    factors = _group(rows["AssessmentFactors"], "LAchildID", "CINdetailsID", "AssessmentID")
    reviews = _group(rows["Reviews"], "LAchildID", "CINdetailsID", "CPPID")
    for identifiers in rows["ChildIdentifiers"]:
        child_id = identifiers["LAchildID"]
        child = etree.SubElement(children, "Child")
        _leaves(
            etree.SubElement(child, "ChildIdentifiers"), identifiers, CIN_TABLES["ChildIdentifiers"]
        )
        characteristics = etree.SubElement(child, "ChildCharacteristics")
        _leaves(characteristics, ethnicity.get(child_id, {}), ("Ethnicity",))
        codes = disabilities.get((child_id,), [])
        if codes:
            listed = etree.SubElement(characteristics, "Disabilities")
            for code in codes:
                _leaves(listed, code, ("Disability",))
        for episode in episodes.get((child_id,), []):
            key = (child_id, episode["CINdetailsID"])
            details = etree.SubElement(child, "CINdetails")
            _leaves(details, episode, EPISODE_BEFORE_ASSESSMENTS)
            for assessment in below["Assessments"].get(key, []):
                element = etree.SubElement(details, "Assessments")
                _leaves(element, assessment, ASSESSMENT_DATES)
                found = factors.get((*key, assessment["AssessmentID"]), [])
                if found:
                    identified = etree.SubElement(element, "FactorsIdentifiedAtAssessment")
                    for factor in found:
                        _leaves(identified, factor, ("AssessmentFactors",))
            for plan in below["CINplanDates"].get(key, []):
                _leaves(
                    etree.SubElement(details, "CINPlanDates"),
                    plan,
                    ("CINPlanStartDate", "CINPlanEndDate"),
                )
            for s47 in below["Section47"].get(key, []):
                _leaves(etree.SubElement(details, "Section47"), s47, SECTION47)
            _leaves(details, episode, ("ReferralNFA",))
            for plan in below["ChildProtectionPlans"].get(key, []):
                element = etree.SubElement(details, "ChildProtectionPlans")
                _leaves(element, plan, CP_PLAN)
                held = reviews.get((*key, plan["CPPID"]), [])
                if held:
                    listed = etree.SubElement(element, "Reviews")
                    for review in held:
                        _leaves(listed, review, ("CPPreviewDate",))
    return message


@cache
def census_schema() -> etree.XMLSchema:
    """The published XSD, with one correction: ``NumberOfPreviousCPP`` may be 0.

    The copy of the 2024-25 XSD types it ``xs:positiveInteger``, which would make every
    child's first plan invalid; the DfE's guidance asks for 0 when the child has had no
    previous plan, so it is checked as ``xs:nonNegativeInteger``. Everything else is the
    published schema unchanged.
    """
    tree = etree.parse(str(CIN_XSD))
    for element in tree.iter(f"{XS}element"):
        if element.get("name") == "NumberOfPreviousCPP":
            element.set("type", "xs:nonNegativeInteger")
    return etree.XMLSchema(tree)


def schema_errors(message: etree._Element, limit: int = 10) -> list[str]:
    schema = census_schema()
    if schema.validate(message):
        return []
    log: Iterable[Any] = schema.error_log  # type: ignore[assignment]
    return [f"line {e.line}: {e.message}" for e in log][:limit]


def to_bytes(message: etree._Element) -> bytes:
    return bytes(etree.tostring(message, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def write_census(
    tables: Mapping[str, pl.DataFrame], *, generated_at: dt.datetime | None = None
) -> bytes:
    """The census XML; refuses (``CensusSchemaError``) anything the XSD would reject."""
    date_time = generated_at.strftime("%Y-%m-%dT%H:%M:%S") if generated_at else None
    message = census_element(tables, date_time=date_time)
    content = to_bytes(message)
    # Validate what is written (parsed back), so an error's line is the file's line.
    errors = schema_errors(etree.fromstring(content))
    if errors:
        raise CensusSchemaError(
            "The CIN census is not valid against the DfE schema, so it was not written: "
            + "; ".join(errors)
        )
    return content
