"""The case audit generator on a small authority: seed 003's programme and the services'
rules (checked by the invariant checker's QA rules and the report)."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.quality.models import AuditKind, CaseAudit, CaseAuditAction, Grade
from safeguard.quality.selectors.audits_report import ReportPeriod, audit_report
from safeguard.synth.context import GenerationSettings
from safeguard.synth.generate import generate_authority

END = dt.date(2026, 3, 31)
SETTINGS = GenerationSettings(
    scale=0.1, years=2, seed=7, end=END, la_code="886", la_name="Test Shire"
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
def test_the_programme_follows_seed_003(authority):
    audits = CaseAudit.objects.filter(cancelled_on__isnull=True)
    case_audits = audits.filter(kind=AuditKind.CASE_AUDIT).count()
    assert 0.7 * 25 * 0.1 * 24 <= case_audits <= 1.3 * 25 * 0.1 * 24  # ~25 a month at 1.0
    assert audits.filter(group__isnull=False).exists()  # thematic and multi-agency
    assert audits.filter(kind=AuditKind.DIP_SAMPLE).count() > case_audits  # each manager monthly
    first = audit_report(ReportPeriod.parse("2024-Q2"), run_on=END)
    last = audit_report(ReportPeriod.parse("2025-Q4"), run_on=END)
    assert first.average is not None and last.average is not None
    assert 4.6 <= first.average <= 5.7 and 5.4 <= last.average <= 6.4
    assert last.average > first.average
    grades = dict(last.grades)
    assert grades["Requires improvement"] > grades["Good"] + grades["Inadequate"]
    assert grades["Outstanding"] <= grades["Good"]


@pytest.mark.django_db
def test_the_records_keep_the_services_rules(authority):
    from safeguard.synth.checker import check_invariants

    violations = [v for v in check_invariants(END) if v.rule.startswith("QA-")]
    assert violations == []
    actions = CaseAuditAction.objects.filter(due_on__lte=END)
    assert actions.filter(completed_on__isnull=False).count() >= 0.7 * actions.count()
    assert CaseAudit.objects.filter(moderated_grade=Grade.REQUIRES_IMPROVEMENT).exists()
