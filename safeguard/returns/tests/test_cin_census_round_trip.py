"""Round trip on a generated authority: export, empty the records, import, export again.

The census of a year names how many CP plans each child had before (NumberOfPreviousCPP)
but not the plans themselves, so a single year's file cannot rebuild that count; like an
authority moving systems, the test loads every census year back to the first CP plan,
oldest first. Then each year's export is byte for byte what it was.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.db.models import Min
from lxml import etree

from safeguard.people.models import Person
from safeguard.protection.models import CPPlan
from safeguard.returns.cin_census.export import cin_census_tables, cin_census_xml
from safeguard.returns.cin_census.importer import import_cin_census
from safeguard.returns.cin_census.reader import read_cin_census
from safeguard.returns.periods import year_of
from safeguard.returns.spec import cin_xsd
from safeguard.synth.context import GenerationSettings
from safeguard.synth.generate import generate_authority
from safeguard.workforce.models import Allocation

END = dt.date(2026, 3, 31)
NOW = dt.datetime(2026, 4, 2, 9, 0, 0)
#: Every app holding a child's case records (and the people themselves).
CASE_APPS = (
    "frontdoor",
    "earlyhelp",
    "cin",
    "assessment",
    "protection",
    "care",
    "exploitation",
    "partnership",
    "fostering",
    "education",
    "quality",
    "people",
)


def empty_the_case_records() -> None:
    """Delete every person and case record (foreign keys are checked at commit, which a
    test never reaches, so the order does not matter)."""
    installed = {config.label for config in apps.get_app_configs()}
    for label in (label for label in CASE_APPS if label in installed):
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            model._default_manager.all()._raw_delete(using="default")
    Allocation.objects.all()._raw_delete(using="default")


def schema_errors(content: bytes) -> set[str]:
    schema = cin_xsd()
    schema.validate(etree.fromstring(content))
    log: Any = schema.error_log
    return {e.message for e in log}


@pytest.mark.django_db
def test_export_import_export_gives_the_same_census(tmp_path: Path) -> None:
    generate_authority(
        GenerationSettings(scale=0.02, years=1, seed=7, end=END, la_code="001", la_name="Test")
    )
    first_plan = CPPlan.objects.aggregate(first=Min("start_date"))["first"]
    years = list(range(year_of(first_plan), year_of(END) + 1))
    files: dict[int, Path] = {}
    for year in years:
        content = cin_census_xml(year, generated_at=NOW)
        # Valid against the published XSD but for first plans (NumberOfPreviousCPP 0).
        assert schema_errors(content) <= {
            "Element 'NumberOfPreviousCPP': '0' is not a valid value of the atomic type "
            "'xs:positiveInteger'."
        }
        files[year] = tmp_path / f"cin-{year}.xml"
        files[year].write_bytes(content)
    last = years[-1]
    exported = cin_census_tables(last)
    children = exported.tables["ChildIdentifiers"].height
    assert children > 20
    assert exported.tables["ChildProtectionPlans"].height > 0
    # The file read back is the export's tables.
    read = read_cin_census(files[last])
    for name, table in exported.tables.items():
        if name != "Header":
            assert read.tables[name].drop("_row").equals(table.drop("_row")), name

    empty_the_case_records()
    assert not Person.objects.exists()
    for year in years:
        summary = import_cin_census(files[year])
        assert summary.rejected == []
    assert Person.objects.count() >= children

    for year in years:
        assert cin_census_xml(year, generated_at=NOW) == files[year].read_bytes(), year

    again = import_cin_census(files[last])
    assert not again.changed
    assert again.unchanged["children"] == children
