"""The DfE's published specifications, read once: rule lists, code lists and the XSD.

The files live in ``safeguard/specs`` (copies of the public specifications). Rules take
their messages and affected fields from here, so the text a user sees is the DfE's.
"""

from __future__ import annotations

import ast
import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from lxml import etree

SPECS = Path(__file__).resolve().parent.parent / "specs"
CIN_XSD = SPECS / "cin-census-2024.xsd"
CIN_RULES_CSV = SPECS / "cin-census-validation-rules.csv"
SSDA903_YML = SPECS / "ssda903-2024.yml"
SSDA903_RULES_CSV = SPECS / "ssda903-validation-rules-2024-25.csv"
ANNEX_A_YML = SPECS / "annex-a-data-map.yml"

XS = "{http://www.w3.org/2001/XMLSchema}"


@dataclass(frozen=True)
class RuleSpec:
    """One published rule: its code, message and (where published) affected fields."""

    code: str
    message: str
    fields: tuple[str, ...]
    tables: tuple[str, ...]
    details: str = ""


@cache
def cin_rule_specs() -> dict[str, RuleSpec]:
    with CIN_RULES_CSV.open(newline="", encoding="utf-8") as handle:
        return {
            row["code"]: RuleSpec(
                code=row["code"],
                message=row["message"].strip(),
                fields=(),
                tables=(row["module"],),
                details=row["details"].strip(),
            )
            for row in csv.DictReader(handle)
        }


def _table_name(raw: str) -> str:
    # The published list spells a few table names inconsistently ("MIssing", "HEader_last").
    fixes = {"MIssing": "Missing", "HEader_last": "Header_last", "OC2s": "OC2"}
    return fixes.get(raw, raw)


@cache
def ssda903_rule_specs() -> dict[str, RuleSpec]:
    with SSDA903_RULES_CSV.open(newline="", encoding="utf-8") as handle:
        return {
            row["Rule code"]: RuleSpec(
                code=row["Rule code"],
                message=row["Rule message"].strip(),
                fields=tuple(ast.literal_eval(row["Affected fields"] or "[]")),
                tables=tuple(_table_name(t) for t in ast.literal_eval(row["Tables"] or "[]")),
            )
            for row in csv.DictReader(handle)
        }


@cache
def _ssda903_column_map() -> dict[str, dict[str, dict[str, object]]]:
    with SSDA903_YML.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    column_map: dict[str, dict[str, dict[str, object]]] = data["column_map"]
    return column_map


def ssda903_codes(table: str, column: str) -> tuple[str, ...]:
    """The valid codes of a coded SSDA903 column (``SocialWorker`` is ``SWEpisodes``)."""
    name = "SocialWorker" if table == "SWEpisodes" else table
    spec = _ssda903_column_map()[name][column]
    category = spec.get("category")
    if not isinstance(category, list):
        raise KeyError(f"SSDA903 {table}.{column} is not a coded column")
    # The published list has a stray space after one code ("PCCHAN ").
    return tuple(str(item["code"]).strip() for item in category)


def ssda903_can_be_blank(table: str, column: str) -> bool:
    name = "SocialWorker" if table == "SWEpisodes" else table
    return bool(_ssda903_column_map()[name][column].get("canbeblank", True))


@cache
def cin_xsd() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(CIN_XSD)))


@cache
def cin_codes(simple_type: str) -> tuple[str, ...]:
    """The enumerated values of a CIN census XSD simple type (e.g. ``ethnicitytype``)."""
    tree = etree.parse(str(CIN_XSD))
    found = tree.find(f".//{XS}simpleType[@name='{simple_type}']")
    if found is None:
        raise KeyError(f"the CIN census XSD has no simple type {simple_type!r}")
    return tuple(str(e.get("value")) for e in found.iter(f"{XS}enumeration"))
