"""Outcomes monitoring: quarters, the benchmark, the RAG rule and an indicator computed
from hand-built records (measures.md §3)."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.people.models import PopulationEstimate
from safeguard.performance import registry
from safeguard.performance.models import ComparatorValue, CorporateRisk, IndicatorCommentary
from safeguard.performance.periods import Period
from safeguard.performance.products.layout import Rag, Trend
from safeguard.performance.products.outcomes import (
    INDICATORS_BY_CODE,
    Benchmark,
    benchmark,
    compute_indicator,
    last_complete_quarter,
    outcome_rag,
    quarter_of,
)
from safeguard.performance.registry import Unit
from safeguard.performance.tests.protection_records import child, plan

D = dt.date
Q2_2025 = Period.quarter(2025, 2)  # July to September 2025


# -- quarters ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (D(2025, 4, 1), "2025-Q1"),
        (D(2025, 6, 30), "2025-Q1"),
        (D(2025, 7, 1), "2025-Q2"),
        (D(2025, 12, 31), "2025-Q3"),
        (D(2026, 1, 1), "2025-Q4"),
        (D(2026, 3, 31), "2025-Q4"),
    ],
)
def test_the_financial_quarter_a_day_is_in(day: dt.date, code: str) -> None:
    assert quarter_of(day).code == code


def test_the_default_is_the_last_complete_quarter() -> None:
    assert last_complete_quarter(D(2025, 4, 1)).code == "2024-Q4"
    assert last_complete_quarter(D(2025, 4, 1)).label == "Q4 2024-25"
    assert last_complete_quarter(D(2025, 11, 29)) == Period(
        D(2025, 7, 1), D(2025, 9, 30), "quarter"
    )


# -- RAG --------------------------------------------------------------------------------------


def _bench(value: float, unit: Unit = Unit.RATE) -> Benchmark:
    return Benchmark("England", 2017, value, unit)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (43.1, Rag.GREEN),
        (47.4, Rag.GREEN),  # 4.3 above: within 10% of 43.1 (4.31)
        (38.8, Rag.GREEN),  # 4.3 below: too low counts as far as too high
        (47.44, Rag.GREEN),  # shown as 47.4
        (47.46, Rag.AMBER),  # shown as 47.5: 4.4 away
        (51.7, Rag.AMBER),  # 8.6: within 20% (8.62)
        (34.5, Rag.AMBER),
        (51.8, Rag.RED),  # 8.7
        (34.4, Rag.RED),
        (None, Rag.NO_DATA),
    ],
)
def test_a_neutral_indicator_is_rated_by_its_distance_from_the_benchmark(value, expected):
    cp_rate = registry.get("OUT-S01")  # neither higher nor lower is better, no Good
    rating, basis = outcome_rag(cp_rate, value, _bench(43.1))
    assert rating == expected
    if value is not None:
        assert basis == "against the benchmark, England 43.1 (2017-18)"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (53.0, Rag.GREEN),
        (40.0, Rag.GREEN),  # lower is better: below the region is on track
        (58.3, Rag.AMBER),  # 5.3 worse: 10% of 53
        (58.4, Rag.RED),
    ],
)
def test_a_lower_is_better_indicator_is_rated_by_how_much_worse(value, expected):
    in_care_rate = registry.get("OUT-S02")
    assert outcome_rag(in_care_rate, value, _bench(53.0))[0] == expected


@pytest.mark.parametrize(
    ("value", "expected"), [(11.0, Rag.GREEN), (10.0, Rag.GREEN), (9.0, Rag.AMBER), (8.0, Rag.RED)]
)
def test_a_higher_is_better_measure_without_good_uses_the_benchmark(value, expected):
    through_sgo = registry.get("OUT-L4")  # a count, higher is better, no Good
    assert outcome_rag(through_sgo, value, _bench(10.0, Unit.COUNT))[0] == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(19.0, Rag.GREEN), (20.0, Rag.GREEN), (22.0, Rag.AMBER), (22.1, Rag.RED), (None, Rag.NO_DATA)],
)
def test_a_measure_with_good_is_rated_against_good_not_the_benchmark(value, expected):
    rereferrals = registry.get("OBA2-11")  # Good 20%, lower is better
    rating, basis = outcome_rag(rereferrals, value, _bench(50.0, Unit.PERCENT))
    assert (rating, basis) == (expected, "against Good (20.0%)")


def test_no_good_and_no_benchmark_is_not_rated() -> None:
    assert outcome_rag(registry.get("OUT-L1"), 276.7, None) == (
        Rag.NOT_RATED,
        "no Good target and no benchmark loaded",
    )


# -- the benchmark ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_benchmark_is_the_latest_year_on_or_before_the_quarters_year() -> None:
    cp_rate = registry.get("OUT-S01")
    for year, value in ((2017, 43.1), (2024, 41.0), (2026, 39.9)):
        ComparatorValue.objects.create(
            measure_id="OUT-S01", area="england", area_name="England", year=year, value=value
        )
    ComparatorValue.objects.create(measure_id="OUT-S02", area="region", year=2017, value=53)

    def text(quarter: Period) -> str | None:
        found = benchmark(cp_rate, "england", quarter)
        return found.text if found else None

    assert text(Period.quarter(2023, 2)) == "England 43.1 (2017-18)"
    # Q4 2024-25 is January to March 2025: still the 2024-25 financial year.
    assert text(Period.quarter(2024, 4)) == "England 41.0 (2024-25)"
    assert text(Q2_2025) == "England 41.0 (2024-25)"
    assert text(Period.quarter(2016, 4)) is None
    assert benchmark(cp_rate, "region", Q2_2025) is None
    # No area name loaded: the area's own name.
    found = benchmark(registry.get("OUT-S02"), "region", Q2_2025)
    assert found is not None and found.text == "Region 53.0 (2017-18)"


# -- an indicator from the records ------------------------------------------------------------


@pytest.fixture
def cp_records(db):
    make_cp_records()


def make_cp_records() -> None:
    """10,000 children; CP plans giving 1, 1, 1, 1, 1, 1, 2 and 3 children on a plan at
    the ends of the 8 quarters to September 2025 (rate per 10,000 = the count); England's
    CP plan rate for 2017-18, 2024-25 and 2026-27; three corporate risks."""
    PopulationEstimate.objects.create(year=2020, age=5, count=10_000)
    plan(child(), D(2023, 1, 10))  # open throughout
    plan(child(), D(2025, 4, 15), D(2025, 9, 30))  # ends on the last day: not at the end
    plan(child(), D(2025, 9, 30))  # starts on the last day: on a plan at the end
    repeat = child()
    plan(repeat, D(2020, 1, 1), D(2021, 1, 1))
    plan(repeat, D(2025, 7, 1))  # a second plan
    for year, value in ((2017, 43.1), (2024, 3.2), (2026, 9.9)):
        ComparatorValue.objects.create(
            measure_id="OUT-S01", area="england", area_name="England", year=year, value=value
        )
    CorporateRisk.objects.create(
        ref="CRR-01", description="Demand", score="HIGH", trend="WORSENING",
        measure_ids=["OUT-S01", "OBA2-02"],
    )  # fmt: skip
    CorporateRisk.objects.create(
        ref="CRR-02", description="Placements", score="LOW", trend="UNCHANGED",
        measure_ids=["OUT-S02"],
    )  # fmt: skip
    CorporateRisk.objects.create(ref="CRR-03", description="None", score="LOW", trend="UNCHANGED")


def test_an_indicator_for_a_quarter(cp_records) -> None:
    IndicatorCommentary.objects.create(
        measure_id="OUT-S01", period_code="2025-Q2", telling_us="Rising.", issues="Capacity."
    )
    report = compute_indicator(INDICATORS_BY_CODE["S01"], Q2_2025)

    headline = report.headline
    assert [p.code for p in report.periods] == [
        "2023-Q3", "2023-Q4", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2",
    ]  # fmt: skip
    assert [f.value for _, f in headline.row.series] == [1, 1, 1, 1, 1, 1, 2, 3]
    assert headline.row.current_text == "3.0"
    assert headline.trend == Trend.UP  # neither direction is better
    # The 2024-25 benchmark (2026's is not published as at this quarter): 3.0 is 0.2 from
    # 3.2, within 10% (0.32): on track.
    assert headline.benchmark is not None and headline.benchmark.text == "England 3.2 (2024-25)"
    assert (headline.rag, headline.rag_letter, headline.rag_meaning) == (Rag.GREEN, "G", "On track")
    # The chart's comparator: the latest year on or before each quarter's financial year.
    assert report.comparators == {"England": [43.1, 43.1] + [3.2] * 6}
    chart = report.chart()
    assert chart.table.headers == ("Period", "This authority", "England")
    assert chart.table.rows[-1] == ("Q2 2025-26", "3.0", "3.2")

    linked = {rated.measure.id: rated for rated in report.linked}
    assert list(linked) == ["OUT-L1", "OBA2-11", "OBA2-12"]
    # Every child on a plan has an open CIN episode from 2015: 4 children in need throughout.
    assert [f.value for _, f in linked["OUT-L1"].row.series] == [4.0] * 8
    assert linked["OUT-L1"].rag == Rag.NOT_RATED and linked["OUT-L1"].trend == Trend.UNCHANGED
    # No referrals in the quarter: no figure, rated ND against Good.
    assert linked["OBA2-11"].row.current.value is None and linked["OBA2-11"].rag == Rag.NO_DATA
    # Plans started July-September 2025: one of two is a second plan (50%), against Good
    # 18.4% (amber up to 20.24%); April-June: one first plan (0%).
    assert linked["OBA2-12"].row.current.value == 50.0
    assert linked["OBA2-12"].row.previous_value == 0.0
    assert (linked["OBA2-12"].rag, linked["OBA2-12"].trend) == (Rag.RED, Trend.WORSENING)
    assert linked["OBA2-12"].row.sparkline() is not None

    assert [r.ref for r in report.risks] == ["CRR-01"]
    assert report.commentary_fields == [
        ("telling_us", "What are the indicators/performance measures telling us?", "Rising."),
        ("what_changed", "What has changed and why?", ""),
        ("issues", "What are the issues and how can we address them?", "Capacity."),
    ]
    assert report.has_commentary


def test_an_indicator_with_no_benchmark_and_no_commentary(cp_records) -> None:
    report = compute_indicator(INDICATORS_BY_CODE["S02"], Q2_2025)
    assert report.headline.row.current.value == 0.0  # nobody in care
    assert report.headline.benchmark is None
    assert report.headline.rag == Rag.NOT_RATED
    assert [r.ref for r in report.risks] == ["CRR-02"]
    assert report.commentary is None and not report.has_commentary


def test_an_indicator_needs_a_quarter() -> None:
    with pytest.raises(ValueError, match="financial quarter"):
        compute_indicator(INDICATORS_BY_CODE["S01"], Period.month(2025, 8))
