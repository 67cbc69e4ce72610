"""Every product refers only to registered measures, and the demo reference data loads."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.performance.loading import DEMO_RISKS, load_demo_reference
from safeguard.performance.models import ComparatorValue, CorporateRisk
from safeguard.performance.periods import Period
from safeguard.performance.products import cp_annual, outcomes, self_evaluation
from safeguard.performance.products.sections import compute_sections
from safeguard.performance.registry import REGISTRY


def test_report_layouts_name_only_registered_measures() -> None:
    ids = [i for s in (*cp_annual.SECTIONS, *self_evaluation.SECTIONS) for i in s.measure_ids]
    ids += [i.measure_id for i in outcomes.INDICATORS]
    ids += [linked for i in outcomes.INDICATORS for linked in i.linked]
    ids += [measure_id for *_, measure_ids in DEMO_RISKS for measure_id in measure_ids]
    assert [i for i in ids if i not in REGISTRY] == []


def test_the_self_evaluation_pack_covers_six_and_twelve_months() -> None:
    six, twelve = self_evaluation.spans(dt.date(2020, 7, 31))
    assert (six.start, twelve.start) == (dt.date(2020, 2, 1), dt.date(2019, 8, 1))


@pytest.mark.django_db
def test_sections_compute_on_an_empty_database_without_inventing_figures() -> None:
    computed = compute_sections(self_evaluation.SECTIONS, Period.months_to(dt.date(2025, 7, 31), 6))
    exploitation = next(c for c in computed if c.section.title == "Exploitation")
    assert exploitation.has_data  # SE-EXP-01..03 count CAROLE records: none here, so 0
    assert {cell.text for _, _, cells in exploitation.rows for cell in cells} == {"0"}
    complaints = [
        cell
        for section in computed
        for _, _, cells in section.rows
        for cell in cells
        if cell.measure.id == "SE-CMP-01"
    ]
    # No complaint answered in an empty authority: no figure, not "no data yet" (issue 9).
    assert complaints and {cell.text for cell in complaints} == {"\u2013"}
    front_door = computed[0]
    contacts = front_door.rows[0][2][0]
    assert contacts.measure.id == "OBA1-04" and contacts.figure.value == 0


@pytest.mark.django_db
def test_demo_reference_loads_once() -> None:
    load_demo_reference()
    load_demo_reference()
    assert ComparatorValue.objects.count() == 4
    assert ComparatorValue.objects.get(measure_id="OUT-S02").area_name == "South West"
    assert CorporateRisk.objects.count() == len(DEMO_RISKS)
