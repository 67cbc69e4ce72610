"""The supervision and practice meeting generator on a small authority: volumes, rising
on-time rate, attendance near the seed, and the checker's rules hold."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.quality.models import (
    SUPERVISEE_ROLES,
    Invitation,
    PracticeMeeting,
    Supervision,
    SupervisionCase,
)
from safeguard.synth.calibration_areas import supervision as calibration
from safeguard.synth.checker import RULES, Check
from safeguard.synth.context import GenerationSettings
from safeguard.synth.generate import generate_authority
from safeguard.workforce.models import Worker

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
def test_supervision_volumes_and_rates(authority):
    workers = (
        Worker.objects.filter(role__in=SUPERVISEE_ROLES, started_on__lte=END)
        .exclude(left_on__lt=END)
        .count()
    )  # posts filled at the end: about one worker a post over the two years
    supervisions = Supervision.objects.count()
    assert 0.5 * workers * 2 * 13 <= supervisions <= 1.2 * workers * 2 * 13
    held = Supervision.objects.filter(held_on__isnull=False)
    cases = SupervisionCase.objects.count()
    assert cases >= 2 * held.count()
    first_year = Supervision.objects.filter(due_on__lt=END - dt.timedelta(days=365))
    last_year = Supervision.objects.filter(due_on__gte=END - dt.timedelta(days=365))

    def on_time(rows):
        return sum(1 for r in rows if r.on_time) / len(rows)

    assert 0.30 <= on_time(first_year) <= 0.55
    assert on_time(first_year) < on_time(last_year) <= 0.75
    figures = calibration.measures(END)
    assert 85 <= figures["supervision_completed"]() <= 96


@pytest.mark.django_db
def test_meetings_and_attendance(authority):
    assert PracticeMeeting.objects.filter(kind="qa_meeting").count() in range(22, 26)
    assert PracticeMeeting.objects.filter(kind="diagonal_slice").count() in range(7, 10)
    assert Invitation.objects.exists()
    figures = calibration.measures(END)
    assert 65 <= figures["diagonal_slice"]() <= 90
    assert 65 <= figures["qa_meeting"]() <= 88


@pytest.mark.django_db
def test_the_checkers_rules_hold(authority):
    check = Check(today=END)
    for rule_id in (
        "SUPERVISION-DUE-ON-CYCLE",
        "SUPERVISION-CASES-ON-CASELOAD",
        "MEETING-RESPONSES",
    ):
        assert list(RULES[rule_id][1](check)) == [], rule_id
