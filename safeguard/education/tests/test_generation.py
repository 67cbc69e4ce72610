"""The children-out-of-school generator on children open to social care: volumes near its
docstring's rates, more for children at risk, and records the services' rules allow."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.cin.models import CINEpisode
from safeguard.core.actor import acting_as
from safeguard.education.models import Exclusion, MissingEducationEpisode
from safeguard.exploitation.services_carole import record_risk_assessment
from safeguard.synth.checker import RULES, Check
from safeguard.synth.checks import education as education_checks
from safeguard.synth.context import GenerationSettings, SynthContext
from safeguard.synth.journeys import education

END = dt.date(2026, 3, 31)
SETTINGS = GenerationSettings(scale=1.0, years=2, seed=7, end=END, la_code="886", la_name="T")
CHILDREN, AT_RISK = 300, 60

pytestmark = pytest.mark.django_db


def test_generated_records_follow_the_rates_and_the_rules(make_child):
    start = SETTINGS.start
    children = []
    for n in range(CHILDREN):
        child = make_child(date_of_birth=dt.date(2011, 1 + n % 12, 1 + n % 28))
        CINEpisode.objects.create(child=child, referral_date=start, referral_source="6")
        children.append(child)
    for child in children[:AT_RISK]:
        record_risk_assessment(
            child=child, assessed_on=start, risk_level="moderate", indicators=["cce"]
        )
    with acting_as(None):
        ctx = SynthContext(SETTINGS)
        education.generate(ctx)
        ctx.writer.flush()
    years = ((END - start).days + 1) / 365.25
    child_years = (CHILDREN + AT_RISK * (education.AT_RISK - 1)) * years
    suspensions = Exclusion.objects.filter(kind="suspension").count()
    assert suspensions == pytest.approx(education.SUSPENSIONS_A_YEAR * child_years, rel=0.25)
    risky = {c.pk for c in children[:AT_RISK]}
    by_risk = [
        Exclusion.objects.filter(child__in=risky).count() / AT_RISK,
        Exclusion.objects.exclude(child__in=risky).count() / (CHILDREN - AT_RISK),
    ]
    assert by_risk[0] > 2 * by_risk[1]
    assert MissingEducationEpisode.objects.exists()
    check = Check(today=END)
    found = [
        violation
        for rule_id, (_, fn) in RULES.items()
        if rule_id.startswith("EDU-")
        for violation in fn(check)
    ]
    assert found == []
    assert education_checks.cme_overlap in [fn for _, fn in RULES.values()]
