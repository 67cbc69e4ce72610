"""Frames read from a real database: every registered frame, typed the same on any engine."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from safeguard.access.testing.world import build_world
from safeguard.core import clock
from safeguard.people.tests.journey import full_history
from safeguard.performance.data import Data
from safeguard.performance.frames import FRAMES
from safeguard.performance.periods import Period
from safeguard.performance.registry import REGISTRY

pytestmark = pytest.mark.django_db


def test_every_frame_reads_from_an_empty_database() -> None:
    data = Data()
    for name in FRAMES:
        assert isinstance(data.frame(name), pl.DataFrame), name
    windowed = Data(since=dt.date(2025, 1, 1))
    for name in FRAMES:
        assert isinstance(windowed.frame(name), pl.DataFrame), name


def test_every_measure_computes_on_an_empty_database() -> None:
    data = Data()
    period = Period.month(2025, 8)
    for measure_id, measure in REGISTRY.items():
        figure = data.figure(measure_id, period)
        assert figure.numerator.columns == ["child_id", "record", "on", "detail"], measure_id
        if not measure.has_data:
            assert figure.value is None and figure.note == measure.awaiting


def test_ids_dates_and_times_are_typed_whatever_the_engine() -> None:
    world = build_world()
    child = world.child_allocated
    full_history(child, world.workers["social_worker"])
    data = Data()
    children = data.frame("children")
    assert child.pk.hex in children["child_id"].to_list()
    assert children.schema["date_of_birth"] == pl.Date
    assert children.schema["disabled"] == pl.Boolean
    missing = data.frame("missing_episodes")
    assert missing.schema["started_at"] == pl.Datetime("us", "Europe/London")
    assert missing.schema["started_on"] == pl.Date
    assert set(missing["child_id"]) == {child.pk.hex}


def test_population_falls_back_to_the_latest_earlier_estimate() -> None:
    from safeguard.people.models import PopulationEstimate

    PopulationEstimate.objects.create(year=2023, age=5, count=700)
    PopulationEstimate.objects.create(year=2023, age=18, count=900)  # not a child: left out
    PopulationEstimate.objects.create(year=2024, age=5, count=750)
    data = Data()
    assert data.population(2024) == 750
    assert data.population(2026) == 750
    assert data.population(2020) == 700  # before any estimate: the earliest


def test_working_days_skip_weekends_and_bank_holidays() -> None:
    data = Data()
    frame = pl.DataFrame(
        {
            "start": [dt.date(2025, 12, 19), dt.date(2025, 8, 22)],
            "end": [dt.date(2026, 1, 2), dt.date(2025, 8, 29)],
        }
    )
    counted = frame.select(data.working_days_between(pl.col("start"), pl.col("end")))
    # 22-24 Dec, 29-31 Dec, 2 Jan (25, 26 Dec and 1 Jan are bank holidays) = 7
    # 26-29 Aug (25 Aug 2025 is the summer bank holiday) = 4
    assert counted.to_series().to_list() == [7, 4]


def test_reading_only_the_window_never_changes_a_figure(make_child) -> None:
    """Every measure gives the same figure whether the run reads all the records or only
    the window ``Data.for_periods`` reads (a full history plus older and newer records)."""
    world = build_world()
    full_history(world.child_allocated, world.workers["social_worker"])
    from safeguard.cin.models import CINEpisode

    old = make_child(first_name="Old", last_name="Referral")
    CINEpisode.objects.create(
        child=old,
        referral_date=dt.date(2015, 5, 1),
        referral_source="6",
        closure_date=dt.date(2015, 9, 1),
        reason_for_closure="RC8",
    )
    month = Period.month(clock.today().year - 1, 6)
    periods = month.trailing(13)
    everything, window = Data(), Data.for_periods(periods)
    assert window.since is not None
    for measure_id, measure in REGISTRY.items():
        if not measure.has_data:
            continue
        for period in periods:
            whole, part = everything.figure(measure_id, period), window.figure(measure_id, period)
            assert whole.value == part.value, (measure_id, period)
            assert whole.numerator_count == part.numerator_count, (measure_id, period)
