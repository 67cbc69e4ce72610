"""The CP measures as registry entries, and the vectorised rules they share checked against
the core calendar and timescale registry they must agree with."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safeguard.core import calendar
from safeguard.core.codes import codelist
from safeguard.core.timescales import compute_due
from safeguard.performance.data import Data
from safeguard.performance.measures.protection_common import (
    DURATION_BANDS,
    age_band,
    age_on,
    duration_band,
)
from safeguard.performance.measures.protection_plans import FACTOR_GROUPS
from safeguard.performance.measures.protection_visits import first_due
from safeguard.performance.periods import Period
from safeguard.performance.registry import REGISTRY, Unit

CP_IDS = {
    "OBA2-10",
    "OBA2-12",
    "OBA2-16",
    "OBA2-17",
    "OBA2-22",
    "OUT-S01",
    *(f"CP-{n:02d}" for n in range(1, 21)),
    "SE-CP-01",
    "SE-CP-02",
    "SE-CP-03",
    "SE-S47-01",
    "SE-S47-02",
    "SE-S47-03",
}
days = st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31))


def test_every_cp_measure_is_registered_with_a_computation() -> None:
    missing = CP_IDS - set(REGISTRY)
    assert not missing
    for measure_id in CP_IDS:
        measure = REGISTRY[measure_id]
        assert measure.has_data, measure_id
        assert measure.name and measure.cohort and measure.numerator and measure.source
        if measure.unit in (Unit.PERCENT, Unit.RATE):
            assert measure.denominator, measure_id


@pytest.mark.django_db
def test_breakdowns_keep_every_category_when_nothing_is_recorded() -> None:
    data = Data()
    for measure_id in sorted(CP_IDS):
        figure = data.figure(measure_id, Period.financial_year(2024))
        assert figure.numerator.columns == ["child_id", "record", "on", "detail"]
        if figure.breakdown is not None:
            assert figure.breakdown, measure_id
            assert all(value == 0 for _, value in figure.breakdown), measure_id
            assert figure.value == 0


def test_parenting_factor_codes_are_dfe_assessment_factors() -> None:
    factors = codelist("assessment_factor")
    for _, codes in FACTOR_GROUPS:
        assert all(code in factors for code in codes)


@settings(max_examples=300, deadline=None)
@given(dob=days, day=days)
def test_age_agrees_with_the_core_calendar(dob: dt.date, day: dt.date) -> None:
    frame = pl.DataFrame({"date_of_birth": [dob], "expected_date_of_birth": [None]})
    frame = frame.with_columns(pl.col("expected_date_of_birth").cast(pl.Date))
    found = frame.select(age=age_on(day), band=age_band(day)).row(0, named=True)
    if dob > day:
        assert found["band"] == "Unborn"
        return
    age = calendar.age_on(dob, day)
    assert found["age"] == age
    assert (found["band"] == "18 or over") == (age >= 18)


@settings(max_examples=300, deadline=None)
@given(since=days, weeks=st.sampled_from([1, 2, 4]))
def test_visit_due_dates_agree_with_the_timescale_registry(since: dt.date, weeks: int) -> None:
    frame = pl.DataFrame({"since": [since], "weeks": [weeks]})
    due = frame.select(first_due(pl.col("since"), pl.col("weeks"))).item()
    assert due == compute_due("cp_visit", since, frequency=weeks).due


@settings(max_examples=300, deadline=None)
@given(start=days, length=st.integers(0, 1200))
def test_duration_bands_use_calendar_months(start: dt.date, length: int) -> None:
    end = start + dt.timedelta(days=length)
    frame = pl.DataFrame({"start": [start], "end": [end]})
    band = frame.select(duration_band(pl.col("start"), pl.col("end"))).item()
    limits = [calendar.add_months(start, n) for n in (3, 6, 12, 24)]
    expected = DURATION_BANDS[sum(end >= limit for limit in limits)]
    assert band == expected
