"""The annual CP report layout: every §2 table is there, each names registered measures,
and computing it for a financial year gives twelve months or the year's breakdowns."""

from __future__ import annotations

import pytest

from safeguard.performance.periods import Period
from safeguard.performance.products.cp_annual import SECTIONS
from safeguard.performance.products.sections import compute_sections
from safeguard.performance.registry import REGISTRY
from safeguard.performance.tests.protection_records import D, child, plan

#: measures.md §2, table by table, and the measures that answer it.
SECTION_2 = {
    "children conferenced and number of conferences": {"CP-01", "CP-02"},
    "ICPC timeliness per child by month": {"CP-03"},
    "children subject to a CP plan at each month end": {"CP-04"},
    "CP plan rate per 10,000 by month": {"OUT-S01"},
    "new and ceased plans per month, % within 2 years": {"CP-05", "CP-06", "CP-07"},
    "% of new plans that are repeats, within / over 2 years": {"OBA2-12", "CP-07", "CP-08"},
    "repeat plans by time since previous": {"CP-09"},
    "parenting factors in repeat plans": {"CP-10"},
    "plans by sex and age band, ethnicity, disability": {"CP-11", "CP-12", "CP-13", "CP-14"},
    "duration of open plans; % open 2 years or more": {"CP-15", "CP-16"},
    "children on a plan also looked after, per month end": {"CP-17"},
    "CP visit timeliness per month": {"OBA2-22"},
    "category of abuse": {"CP-18", "CP-19"},
    "advocacy for children aged 8+ being conferenced": {"CP-20", "OBA2-16"},
}


def shown() -> set[str]:
    return {measure_id for section in SECTIONS for measure_id in section.measure_ids}


def test_every_table_of_the_annual_report_is_laid_out() -> None:
    for table, needed in SECTION_2.items():
        assert needed <= shown(), table


def test_sections_name_registered_measures_in_a_known_shape() -> None:
    titles = [section.title for section in SECTIONS]
    assert len(titles) == len(set(titles))
    for section in SECTIONS:
        assert section.intro.endswith(".")
        assert section.shape in ("monthly", "period", "breakdown")
        for measure_id in section.measure_ids:
            assert measure_id in REGISTRY, measure_id
            assert REGISTRY[measure_id].has_data, measure_id


@pytest.mark.django_db
def test_computing_the_report_for_a_financial_year() -> None:
    plan(child(), D(2024, 4, 15), D(2024, 9, 2))
    plan(child(), D(2024, 12, 2), category="EMO")
    computed = compute_sections(SECTIONS, Period.financial_year(2024))
    by_title = {c.section.title: c for c in computed}
    for c in computed:
        if c.section.shape == "monthly":
            assert len(c.rows) == 12, c.section.title
        elif c.section.shape == "breakdown":
            assert all(figure.breakdown is not None for _, figure in c.breakdowns)
    on_plans = by_title["Children subject to a child protection plan"]
    month_ends = [cells[0].figure.value for _, _, cells in on_plans.rows]
    # April-August: the first plan; September-November: none; December-March: the second.
    assert month_ends == [1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1]
    categories = dict(by_title["Category of abuse"].breakdowns[0][1].breakdown or [])
    assert categories["Emotional abuse"] == 1  # at 31 March
