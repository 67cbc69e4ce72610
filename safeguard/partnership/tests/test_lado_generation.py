"""The LADO generator on a small authority: seed 004's volumes and the services' rules."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.partnership.models import DBS_OUTCOMES, Allegation, AllegationMeeting, Stage
from safeguard.partnership.quarters import Quarter
from safeguard.partnership.selectors.lado_report import quarterly_report
from safeguard.people.models import PersonKind
from safeguard.synth.context import GenerationSettings
from safeguard.synth.generate import generate_authority

END = dt.date(2026, 3, 31)
SETTINGS = GenerationSettings(
    scale=0.1, years=2, seed=5, end=END, la_code="886", la_name="Test Shire"
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
    quarters = Quarter.containing(END).recent(8)
    reports = [quarterly_report(q, run_on=END) for q in quarters]
    contacts = sum(r.headline.contacts for r in reports)
    referrals = sum(r.headline.referrals for r in reports)
    assert contacts == pytest.approx(104 * 0.1 * 8, rel=0.15)
    for report in reports:  # spread evenly: each quarter near 10.4
        assert 7 <= report.headline.contacts <= 14, report.quarter
    assert 0.10 <= referrals / contacts <= 0.26
    assert Allegation.objects.count() == contacts


@pytest.mark.django_db
def test_cases_keep_the_services_rules(authority):
    meetings: dict[object, list[dt.date]] = {}
    for allegation_id, held_on in AllegationMeeting.objects.values_list("allegation", "held_on"):
        meetings.setdefault(allegation_id, []).append(held_on)
    for a in Allegation.objects.prefetch_related("children__child"):
        assert a.lado_informed_on <= END
        assert a.reported_to_employer_on is None or a.reported_to_employer_on <= a.lado_informed_on
        assert all(n.child.kind == PersonKind.CHILD for n in a.children.all())
        held = sorted(meetings.get(a.pk, []))
        if a.stage == Stage.CONTACT:
            assert not held and not a.outcome
            assert a.closed_on is None or (a.contact_outcome and a.closed_on >= a.lado_informed_on)
            continue
        assert a.referral_on is not None and a.referral_on >= a.lado_informed_on
        assert all(day >= a.referral_on for day in held)
        dates = [a.referral_on, *held]
        if a.outcome:
            assert a.outcome_on is not None and a.outcome_on >= max(dates)
            dates.append(a.outcome_on)
        if a.dbs_referral:
            assert a.outcome in DBS_OUTCOMES and a.dbs_referred_on >= a.outcome_on
            dates.append(a.dbs_referred_on)
        if a.closed_on is not None:
            assert a.outcome and a.dbs_referral is not None and a.closed_on >= max(dates)
        assert max(dates) <= END


@pytest.mark.django_db
def test_references_run_in_order_each_year(authority):
    for year in (2024, 2025, 2026):
        refs = list(
            Allegation.objects.filter(lado_informed_on__year=year)
            .order_by("lado_informed_on", "reference")
            .values_list("reference", flat=True)
        )
        assert refs == [f"LADO-{year}-{n:04d}" for n in range(1, len(refs) + 1)]
