"""The LADO measures in the measure registry agree with the quarterly report."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.partnership.quarters import Quarter
from safeguard.partnership.selectors.lado_report import quarterly_report
from safeguard.performance.data import Data
from safeguard.performance.periods import Period
from safeguard.performance.products.self_evaluation import SECTIONS
from safeguard.performance.registry import REGISTRY

pytestmark = pytest.mark.django_db
Q1 = Period.quarter(2020, 1)


def test_the_measures_are_connected_and_in_the_self_evaluation_pack():
    for measure_id in ("SE-LADO-01", "SE-LADO-02", "SE-LADO-03"):
        assert REGISTRY[measure_id].has_data, measure_id
    ids = {i for section in SECTIONS for i in section.measure_ids}
    assert {"SE-LADO-01", "SE-LADO-02", "SE-LADO-03"} <= ids


def test_the_measures_count_as_the_quarterly_report_does(quarter_of_contacts):
    report = quarterly_report(Quarter(2020, 1), run_on=dt.date(2020, 7, 15))
    data = Data.for_periods([Q1])
    contacts = data.figure("SE-LADO-01", Q1)
    assert contacts.value == report.headline.contacts == 10
    by_role = dict(contacts.breakdown or [])
    assert by_role["Foster carer"] == 1 and by_role["Health professional"] == 0
    assert sum(by_role.values()) == report.headline.referrals
    conversion = data.figure("SE-LADO-02", Q1)
    assert conversion.value == pytest.approx(report.headline.conversion)
    on_time = data.figure("SE-LADO-03", Q1)
    assert (on_time.numerator_count, on_time.denominator_count) == (
        report.informed_on_time,
        report.informed_known,
    )


def test_the_drill_down_names_no_child_or_adult(quarter_of_contacts):
    figure = Data.for_periods([Q1]).figure("SE-LADO-01", Q1)
    rows = figure.numerator.to_dicts()
    assert len(rows) == 10
    assert all(r["record"].startswith("LADO-2020-") for r in rows)
    assert all("Someone" not in (r["detail"] or "") for r in rows)
    assert {r["child_id"] for r in rows} == {None}  # no officer allocated in these
