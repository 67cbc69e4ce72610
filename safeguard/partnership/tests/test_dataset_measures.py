"""OBA3-06 (partner experience) in the measure registry, and the ten basic metrics: the
registry's figures for the quarter and the one before, with the direction of change."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.partnership.quarters import Quarter
from safeguard.partnership.selectors.dataset import survey_year
from safeguard.partnership.selectors.dataset_metrics import (
    METRIC_IDS,
    THEMATIC,
    change_of,
    ten_metrics,
)
from safeguard.partnership.services.dataset import record_survey_response
from safeguard.performance import registry
from safeguard.performance.data import Data
from safeguard.performance.periods import Period
from safeguard.performance.products.layout import Row
from safeguard.performance.registry import REGISTRY, Figure

pytestmark = pytest.mark.django_db
YEAR = Period.financial_year(2024)


def test_oba3_06_is_computed_not_awaiting():
    m = REGISTRY["OBA3-06"]
    assert m.has_data and not m.awaiting
    assert (m.area, m.frequency, m.unit) == ("Partnership", "Annual", registry.Unit.PERCENT)
    assert m.polarity == registry.Polarity.HIGHER


def test_oba3_06_is_good_or_better_over_the_years_responses():
    for day, rating in [
        (dt.date(2024, 4, 1), "excellent"),
        (dt.date(2024, 9, 9), "good"),
        (dt.date(2025, 1, 20), "adequate"),
        (dt.date(2025, 3, 31), "poor"),
        (dt.date(2025, 2, 2), "good"),
        (dt.date(2024, 3, 31), "poor"),  # the year before
        (dt.date(2025, 4, 1), "poor"),  # the year after
    ]:
        record_survey_response(agency="health", responded_on=day, rating=rating)
    figure = Data.for_periods([YEAR]).figure("OBA3-06", YEAR)
    assert figure.value == pytest.approx(60.0)
    assert (figure.numerator_count, figure.denominator_count) == (3, 5)
    rows = figure.numerator.to_dicts()
    assert {r["child_id"] for r in rows} == {None}  # no child in the drill-down
    assert {r["record"] for r in rows} == {"Health"}
    summary = survey_year(2024)
    assert (summary.responses, summary.good_or_better, summary.measure_text) == (5, 3, "60.0%")
    assert dict(summary.by_rating) == {"Excellent": 1, "Good": 2, "Adequate": 1, "Poor": 1}


def test_a_year_without_responses_has_no_figure():
    assert Data.for_periods([YEAR]).figure("OBA3-06", YEAR).value is None


def test_the_ten_metrics_are_the_registrys_figures_for_both_quarters():
    assert len(METRIC_IDS) == 10 and len(set(METRIC_IDS)) == 10
    assert all(REGISTRY[mid].has_data for mid in (*METRIC_IDS, *THEMATIC))
    quarter = Quarter(2024, 3)
    found = ten_metrics(quarter)
    assert [m.measure.id for m in found.metrics] == list(METRIC_IDS)
    now, before = Period.of_quarter(quarter), Period.of_quarter(quarter.previous())
    data = Data.for_periods([before, now])
    for metric in found.metrics:
        assert metric.current_value == data.figure(metric.measure.id, now).value
        assert metric.previous_value == data.figure(metric.measure.id, before).value
    assert [b.measure.id for b in found.thematic] == list(THEMATIC)
    levels = [label for label, _, _ in found.thematic[0].lines]
    assert levels == ["Significant", "Moderate", "Emerging"]
    # No population loaded: the rates have no figure and the page says why.
    assert "No child population is loaded for this year." in found.notes


def _row(measure_id: str, before: float | None, now: float | None) -> Row:
    q = Period.quarter(2024, 3)
    return Row(REGISTRY[measure_id], q, [(q.previous(), Figure(before)), (q, Figure(now))])


@pytest.mark.parametrize(
    ("measure_id", "before", "now", "text"),
    [
        ("OBA2-11", 25.0, 28.0, "Up (worsening)"),  # re-referrals: lower is better
        ("OBA2-11", 28.0, 25.0, "Down (improving)"),
        ("OBA2-01", 80.0, 85.0, "Up (improving)"),  # assessments on time: higher is better
        ("OBA1-04", 900.0, 1000.0, "Up"),  # contacts: neither
        ("OBA2-01", 85.04, 85.01, "Unchanged"),  # the same as displayed (85.0%)
        ("OBA2-01", None, 85.0, "No comparison"),
    ],
)
def test_the_direction_of_change(measure_id, before, now, text):
    assert change_of(_row(measure_id, before, now)).text == text
