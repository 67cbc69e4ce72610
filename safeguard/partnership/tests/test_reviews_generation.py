"""The practice review generator: seed 001's volumes (about 9 rapid reviews a year across
the two authorities, a third progressing to a local CSPR), scaled; action plans, themes
and learning products; and records the services and the invariant checker accept.

The journey needs nothing from the others (the children are known by initials only), so
it runs alone here."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.partnership.models import ReviewAction, SeriousIncident
from safeguard.partnership.selectors.reviews import timescales
from safeguard.synth.calibration_areas import reviews as calibration
from safeguard.synth.checker import RULES, Check
from safeguard.synth.context import GenerationSettings, SynthContext
from safeguard.synth.journeys import practice_reviews

pytestmark = pytest.mark.django_db
END = dt.date(2026, 3, 31)


def run(scale: float, years: int) -> SynthContext:
    settings = GenerationSettings(
        scale=scale, years=years, seed=7, end=END, la_code="886", la_name="Test Shire"
    )
    ctx = SynthContext(settings)
    practice_reviews.generate(ctx)
    ctx.writer.flush()
    return ctx


def test_volumes_and_proportions_follow_seed_001():
    run(1.0, 6)
    incidents = list(SeriousIncident.objects.prefetch_related("themes"))
    assert len(incidents) == pytest.approx(9 * 6, abs=2)
    reviewed = [i for i in incidents if i.rapid_review_held_on is not None]
    cspr = [i for i in reviewed if i.decision == "local_cspr"]
    assert 0.2 <= len(cspr) / len(reviewed) <= 0.5
    on_time = [t.state == "met" for i in reviewed for t in timescales(i, END)[1:2]]
    assert sum(on_time) / len(on_time) >= 0.75
    assert all(2 <= i.themes.count() <= 4 for i in reviewed)
    assert any(i.published_on for i in cspr)
    actions = list(ReviewAction.objects.all())
    complete = sum(a.status == "complete" for a in actions)
    overdue = sum(a.status != "complete" and a.due_on < END for a in actions)
    assert complete > len(actions) / 2 and overdue > 0
    found = calibration.measures(END)
    assert 5 <= found["rapid_reviews_pa"]() <= 13
    assert {i.la_area for i in incidents} == {"ours", "neighbour"}
    assert all(not any(ch.isdigit() for ch in i.child_identifier) for i in incidents)


def test_the_records_keep_the_services_rules():
    run(1.0, 4)
    check = Check(today=END)
    found = [
        v for rule_id, (_, fn) in RULES.items() if rule_id.startswith("SI-") for v in fn(check)
    ]
    assert found == []
    future = [v for v in RULES["G-FUTURE"][1](check) if v.model.startswith("partnership.")]
    assert future == []


def test_it_scales_and_repeats():
    run(0.2, 2)
    first = list(SeriousIncident.objects.order_by("reference").values_list("reference", "aware_on"))
    assert len(first) == round(9 * 0.2 * 2 * 731 / 730.5) or len(first) in (3, 4)
    SeriousIncident.objects.all().delete()
    run(0.2, 2)
    assert first == list(
        SeriousIncident.objects.order_by("reference").values_list("reference", "aware_on")
    )
