"""The fostering generator on a small authority (workforce, then fostering only): the
volumes stated in its docstring and the services' date rules."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.core.actor import acting_as
from safeguard.fostering import selectors
from safeguard.fostering.models import FosterHousehold, FosteringAssessment, FosteringEnquiry
from safeguard.synth import workforce
from safeguard.synth.context import GenerationSettings, SynthContext
from safeguard.synth.journeys import fostering

END = dt.date(2026, 3, 31)
SETTINGS = GenerationSettings(
    scale=0.2, years=2, seed=5, end=END, la_code="886", la_name="Test Shire"
)

pytestmark = pytest.mark.django_db


def test_generated_journeys_follow_the_calibration_and_rules():
    ctx = SynthContext(SETTINGS)
    with acting_as(None):
        workforce.generate(ctx)
        ctx.writer.flush()
        fostering.generate(ctx)
        ctx.writer.flush()
    enquiries = FosteringEnquiry.objects.count()
    assert enquiries == pytest.approx(25 * 0.2 * 24, rel=0.1)
    report = selectors.sufficiency_report(SETTINGS.start, END, today=END)
    assert report.conversion_percent is not None and 4 <= report.conversion_percent <= 20
    assert report.median_months_to_approval is not None
    assert 5 <= report.median_months_to_approval <= 9
    for a in FosteringAssessment.objects.select_related("enquiry"):
        assert a.enquiry.received_on <= a.stage_one_started_on <= END
        dates = [
            a.stage_one_started_on,
            a.stage_one_completed_on,
            a.stage_two_started_on,
            a.stage_two_completed_on,
            a.panel_on,
            a.decided_on,
        ]
        known = [d for d in dates if d is not None]
        assert known == sorted(known) and known[-1] <= END
    for h in FosterHousehold.objects.prefetch_related("reviews"):
        assert h.vacancies <= h.children_approved and h.age_from <= h.age_to
        assert all(h.approved_on < r.held_on <= END for r in h.reviews.all())
    assert FosterHousehold.objects.filter(assessment__isnull=True).count() == 40
