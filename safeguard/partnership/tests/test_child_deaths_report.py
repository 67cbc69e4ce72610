"""The annual CDOP statistics, the NCMD extract (no names, documented columns) and the
measures in the registry, which count as the statistics do."""

from __future__ import annotations

import csv
import io

import pytest

from safeguard.partnership.selectors.child_deaths_report import (
    NCMD_COLUMNS,
    annual_statistics,
    ncmd_rows,
)
from safeguard.partnership.tests.test_child_deaths_support import D, notify, reviewed
from safeguard.partnership.views.child_deaths_exports import ncmd_csv, statistics_csv
from safeguard.performance.data import Data
from safeguard.performance.periods import Period
from safeguard.performance.registry import REGISTRY

pytestmark = pytest.mark.django_db
FY = Period.financial_year(2020)


@pytest.fixture
def year_of_deaths():
    """2020-21: six notifications, four reviewed in the year (two with factors); one
    notified the year before, reviewed in this one; one next year."""
    made = [
        notify(),  # neonatal, ours, expected, male
        notify(date_of_death=D(2020, 3, 2), notified_on=D(2020, 5, 1), sex="2"),
        notify(
            date_of_birth=D(2019, 1, 1), date_of_death=D(2020, 6, 1), notified_on=D(2020, 6, 2),
            resident_area="neighbour", expectation="unexpected", place_of_death="home",
        ),
        notify(
            date_of_birth=D(2004, 9, 1), date_of_death=D(2020, 9, 1), notified_on=D(2020, 9, 2),
            resident_area="neighbour", expectation="unexpected", sex="2",
        ),
        notify(
            date_of_birth=D(2012, 1, 1), date_of_death=D(2021, 1, 4), notified_on=D(2021, 1, 5),
            resident_area="out_of_area",
        ),
        notify(
            date_of_birth=D(2021, 3, 1), date_of_death=D(2021, 3, 2), notified_on=D(2021, 3, 31)
        ),
    ]  # fmt: skip
    before = notify(notified_on=D(2020, 3, 20))
    notify(notified_on=D(2021, 4, 1))
    reviewed(made[0], on=D(2020, 10, 1), factors=("smoking_in_pregnancy", "maternal_obesity"))
    reviewed(made[2], on=D(2020, 12, 1), category="10", factors=("co_sleeping",))
    reviewed(made[3], on=D(2021, 2, 1), category="2")
    reviewed(before, on=D(2020, 7, 1))
    reviewed(made[1], on=D(2021, 4, 20))  # next year's review
    return made


def test_the_statistics_count_notifications_and_reviews(year_of_deaths):
    stats = annual_statistics(2020, run_on=D(2021, 6, 1))
    assert stats.notifications == 6 and stats.previous_notifications == 7 - 6
    assert {r.key: r.count for r in stats.by_area} == {"ours": 3, "neighbour": 2, "out_of_area": 1}
    assert {r.key: r.count for r in stats.by_sex} == {"1": 4, "2": 2, "9": 0, "0": 0}
    ages = {r.key: r.count for r in stats.by_age_band}
    assert ages == {"0-27d": 3, "28-364d": 0, "1-4": 1, "5-9": 1, "10-14": 0, "15-17": 1}
    assert stats.neonatal == 3 and stats.neonatal_percent == 50
    assert {r.key: r.count for r in stats.by_expectation} == {"expected": 4, "unexpected": 2}
    assert stats.joint_agency_responses == 2
    assert stats.reviews_completed == 4 and stats.with_modifiable == 2
    assert stats.modifiable_percent == 50
    categories = {r.key: r.count for r in stats.by_category}
    assert (categories["8"], categories["10"], categories["2"], categories["1"]) == (2, 1, 1, 0)
    factors = {r.key: r.count for r in stats.by_factor}
    assert factors["co_sleeping"] == 1 and factors["smoking_in_pregnancy"] == 1
    assert factors["alcohol"] == 0
    # Open at 31 March 2021: notified by then, not reviewed by then.
    assert stats.open_at_end == 3
    text = statistics_csv(stats)
    assert "2020-21,Summary,This year,Reviews with modifiable factors %,50.0" in text


def test_the_ncmd_extract_has_one_row_per_reviewed_death_and_no_name(year_of_deaths):
    content, count = ncmd_csv(2020)
    table = list(csv.reader(io.StringIO(content)))
    assert table[0] == [name for name, _ in NCMD_COLUMNS] and count == 4 == len(table) - 1
    assert "Alex" not in content and "Example" not in content
    first = dict(zip(table[0], table[1], strict=True))
    assert first["case_reference"] == "CDOP-2020-0005"  # notified March 2020
    assert first["panel_review_date"] == "2020-07-01"  # the oldest review first
    row = dict(zip(table[0], table[2], strict=True))
    assert row["age_band"] == "0-27d" and row["neonatal"] == "Y" and row["sex_code"] == "1"
    assert row["modifiable_factors"] == "maternal_obesity;smoking_in_pregnancy"
    assert row["category_code"] == "8" and row["category"] == "Perinatal/neonatal event"
    assert len(ncmd_rows(None)) == 5


def test_the_measures_count_as_the_statistics_do(year_of_deaths):
    for measure_id in ("PA-CDOP-01", "PA-CDOP-02", "PA-CDOP-03", "PA-CDOP-04"):
        measure = REGISTRY[measure_id]
        assert measure.has_data and measure.area == "Partnership"
        assert measure.source.startswith("001 Partnership annual report")
    stats = annual_statistics(2020, run_on=D(2021, 6, 1))
    data = Data.for_periods([FY])
    notified = data.figure("PA-CDOP-01", FY)
    assert notified.value == stats.notifications
    assert dict(notified.breakdown or [])["The neighbouring authority in the partnership"] == 2
    assert data.figure("PA-CDOP-02", FY).value == stats.neonatal
    assert data.figure("PA-CDOP-03", FY).value == stats.reviews_completed
    modifiable = data.figure("PA-CDOP-04", FY)
    assert modifiable.value == pytest.approx(stats.modifiable_percent)
    assert (modifiable.numerator_count, modifiable.denominator_count) == (2, 4)
    rows = notified.numerator.to_dicts()
    assert {r["child_id"] for r in rows} == {None}
    assert all(r["record"].startswith("CDOP-") and "Alex" not in r["detail"] for r in rows)
