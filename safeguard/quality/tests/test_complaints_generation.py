"""The complaints, compliments and feedback generator on a small authority: seed 004's
volumes and the services' rules (checked by the invariant checker's rules)."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.core.quarters import FinancialQuarter
from safeguard.quality.models import Complaint, Compliment, FamilyFeedback
from safeguard.quality.selectors.complaints_report import complaints_report
from safeguard.synth.calibration_areas.complaints import TARGETS, measures
from safeguard.synth.context import GenerationSettings
from safeguard.synth.generate import generate_authority

END = dt.date(2026, 3, 31)
SCALE = 0.2
SETTINGS = GenerationSettings(
    scale=SCALE, years=2, seed=11, end=END, la_code="886", la_name="Test Shire"
)


@pytest.fixture(scope="module")
def authority(django_db_setup, django_db_blocker):
    from django.core.management import call_command
    from django.db import connection

    with django_db_blocker.unblock():
        seeded = connection.creation.serialize_db_to_string()
        call_command("flush", interactive=False, verbosity=0)
        connection.creation.deserialize_db_from_string(seeded)
        yield generate_authority(SETTINGS)
        call_command("flush", interactive=False, verbosity=0)
        connection.creation.deserialize_db_from_string(seeded)


@pytest.mark.django_db
def test_volumes_follow_seed_004(authority):
    reports = [complaints_report(q, run_on=END) for q in FinancialQuarter.containing(END).recent(8)]
    formal = sum(r.new_formal for r in reports)
    informal = sum(r.new_informal for r in reports)
    assert formal == pytest.approx(10 * SCALE * 8, rel=0.3)
    assert informal == pytest.approx(28 * SCALE * 8, rel=0.2)
    answered = sum(r.answered for r in reports)
    on_time = sum(r.answered_on_time for r in reports)
    assert 0.88 <= on_time / answered <= 1.0
    assert Complaint.objects.filter(stage="stage_2").exists()  # a few escalate
    assert sum(r.compliments for r in reports) == pytest.approx(30 * SCALE * 8, rel=0.2)
    assert FamilyFeedback.objects.filter(occasion="closure").exists()
    assert FamilyFeedback.objects.filter(occasion="six_monthly").exists()
    assert Compliment.objects.filter(worker__isnull=False).exists()


@pytest.mark.django_db
def test_calibration_targets_are_met(authority):
    found = measures(END)
    for target in TARGETS:
        value = found[target.key]()
        scale = SCALE if target.scales else 1.0
        assert value is not None, target.key
        assert target.low * scale * 0.75 <= value <= target.high * scale * 1.25, (target.key, value)


@pytest.mark.django_db
def test_the_records_keep_the_services_rules(authority):
    from safeguard.synth.checker import check_invariants

    violations = [v for v in check_invariants(END) if v.rule.startswith(("CMP-", "FEEDBACK-"))]
    assert violations == []
    for year in (2024, 2025, 2026):
        refs = list(
            Complaint.objects.filter(received_on__year=year)
            .order_by("received_on", "reference")
            .values_list("reference", flat=True)
        )
        assert refs == [f"CMP-{year}-{n:04d}" for n in range(1, len(refs) + 1)]
