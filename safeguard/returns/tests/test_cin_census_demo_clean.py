"""A generated authority's CIN census passes the DfE's checks in every year it holds.

Issue 7: a generator that produces an invalid return is a generator bug. Every year of the
history is exported and checked against the XSD (as the writer checks it: the published
schema with NumberOfPreviousCPP allowed to be 0) and every CIN rule: no error at all, and
only the queries below, each the census asking about something a real authority has too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import pytest
from lxml import etree

from safeguard.returns.cin_census.export import cin_census_tables, cin_census_xml
from safeguard.returns.cin_census.writer import census_schema
from safeguard.returns.periods import year_of
from safeguard.returns.rules.registry import rules, validate
from safeguard.returns.spec import cin_xsd
from safeguard.synth.context import GenerationSettings
from safeguard.synth.generate import generate_authority

END = dt.date(2026, 3, 31)
NOW = dt.datetime(2026, 4, 2, 9, 0, 0)
#: A small authority whose three years hold every part of the census (checked at the end);
#: seed 12 since issue 8 re-drew the contact sources (seed 11 then held no unborn child).
SETTINGS = GenerationSettings(scale=0.05, years=3, seed=12, end=END, la_code="001", la_name="Test")

#: Queries a clean return may still raise, and why they are not generator bugs.
ALLOWED_QUERIES = {
    "2991Q": "a section 47 enquiry whose initial conference falls after 1 April, following an "
    "assessment completed (with the outcome 'strategy discussion') before it",
    "8670Q": "an assessment running late across 31 March (10-16% take over 45 working days, "
    "as in the seed authority)",
    "8675Q": "a section 47 enquiry still awaiting its initial conference or outcome on "
    "31 March, more than 15 working days after it began (19% of conferences are late)",
}

#: The published schema's one disagreement with the DfE guidance (a first plan is 0).
PUBLISHED_XSD_ONLY = {
    "Element 'NumberOfPreviousCPP': '0' is not a valid value of the atomic type "
    "'xs:positiveInteger'."
}


def published_schema_errors(content: bytes) -> set[str]:
    schema = cin_xsd()
    schema.validate(etree.fromstring(content))
    log: Any = schema.error_log
    return {e.message for e in log}


@pytest.mark.django_db
def test_every_year_of_a_generated_authority_passes_the_xsd_and_every_rule() -> None:
    generate_authority(SETTINGS)
    assert all(rule.implemented for rule in rules("cin"))
    years = range(year_of(SETTINGS.start), year_of(END) + 1)
    seen: dict[str, int] = {}
    for year in years:
        content = cin_census_xml(year, generated_at=NOW)
        assert census_schema().validate(etree.fromstring(content)), year
        assert published_schema_errors(content) <= PUBLISHED_XSD_ONLY, year
        data = cin_census_tables(year)
        report = validate(data)
        errors = report.filter(pl.col("severity") == "error")
        assert errors.is_empty(), (year, errors.group_by("code").len().to_dicts())
        queries = report.filter(pl.col("severity") == "query")
        unexpected = set(queries["code"]) - set(ALLOWED_QUERIES)
        assert not unexpected, (year, queries.filter(pl.col("code").is_in(unexpected)))
        # A handful, not a pattern: about 1% of children at scale 1; siblings share their
        # assessments and enquiries, so a small authority's share swings more.
        assert queries.height <= data.tables["ChildIdentifiers"].height * 3 // 100, year
        for name, table in data.tables.items():
            seen[name] = seen.get(name, 0) + table.height
        tables = data.tables
        seen["enquiries needing no conference"] = seen.get("enquiries needing no conference", 0) + (
            tables["Section47"].filter(pl.col("ICPCnotRequired") == "true").height
        )
        several = tables["Disabilities"].group_by("LAchildID").len().filter(pl.col("len") > 1)
        seen["children with several disabilities"] = (
            seen.get("children with several disabilities", 0) + several.height
        )
        unborn = tables["ChildIdentifiers"].filter(pl.col("ExpectedPersonBirthDate").is_not_null())
        seen["unborn children"] = seen.get("unborn children", 0) + unborn.height
    # The years hold every part of the census and the cases that were wrong before (an
    # enquiry ended without a conference, a baby expected), so passing says something.
    assert all(count > 0 for count in seen.values()), seen
