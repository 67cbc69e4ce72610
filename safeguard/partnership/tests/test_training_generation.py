"""The training generator (scale 1.0, two years): seed 001's volumes and rates, and the
services' rules (places, waiting lists, attendance, evaluations)."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.core.actor import acting_as
from safeguard.partnership.models.training import BookingStatus, TrainingBooking
from safeguard.partnership.quarters import Quarter
from safeguard.partnership.selectors.training_report import quarterly_report
from safeguard.synth.calibration_areas.training import measures
from safeguard.synth.checker import RULES, Check
from safeguard.synth.context import GenerationSettings, SynthContext
from safeguard.synth.journeys import training

END = dt.date(2026, 3, 31)
SCALE = 1.0
SETTINGS = GenerationSettings(
    scale=SCALE, years=2, seed=5, end=END, la_code="886", la_name="Test Shire"
)


@pytest.fixture(scope="module")
def authority(django_db_setup, django_db_blocker):
    """The training journey alone (it reads no social-care records), rolled back after."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        ctx = SynthContext(SETTINGS)
        with acting_as(None):
            training.generate(ctx)
            ctx.writer.flush()
        yield ctx
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_volumes_and_rates_follow_seed_001(authority):
    found = {key: fn() for key, fn in measures(END).items()}
    assert found["training_sessions_pa"] == pytest.approx(95 * SCALE, rel=0.1)
    assert found["training_attendees_pa"] == pytest.approx(1725 * SCALE, rel=0.1)
    assert 88 <= found["training_booking_rate"] <= 100
    assert 85 <= found["training_occupancy"] <= 96
    assert 50 <= found["training_feedback"] <= 70
    assert 85 <= found["training_good"] <= 99
    report = quarterly_report(Quarter.containing(END).previous(), run_on=END)
    assert report.current.figures.courses > 0 and report.total.attendance > 0
    assert sum(line.total for line in report.by_agency) == report.total.attendance


@pytest.mark.django_db
def test_the_invariant_checks_pass(authority):
    check = Check(today=END)
    for rule_id in ("TRAINING-PLACES", "TRAINING-BOOKING-DATES", "TRAINING-EVALUATIONS"):
        _, fn = RULES[rule_id]
        assert list(fn(check)) == [], rule_id


@pytest.mark.django_db
def test_there_are_waiting_lists_planned_sessions_and_synthetic_delegates(authority):
    assert TrainingBooking.objects.filter(status=BookingStatus.WAITING).exists()
    assert TrainingBooking.objects.filter(session__starts_on__gt=END).exists()
    assert not TrainingBooking.objects.filter(
        session__starts_on__gt=END, attendance__gt=""
    ).exists()
    emails = TrainingBooking.objects.values_list("delegate_email", flat=True)[:50]
    assert all(e.endswith(".example.org") for e in emails)
