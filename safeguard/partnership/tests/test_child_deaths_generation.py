"""The child death generator: calibration.md's volumes (25-34 a year across the two
authorities, about half expected, modifiable factors in 40-50% of reviews, neonatal the
largest group), scaled, and records the services and the invariant checker accept.

The journey needs nothing from the others (its children are not linked to person
records), so it runs alone here, at full scale over six years for steady proportions."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from safeguard.partnership.models import ChildDeath
from safeguard.partnership.selectors.child_deaths_report import annual_statistics
from safeguard.synth.checker import RULES, Check
from safeguard.synth.context import GenerationSettings, SynthContext
from safeguard.synth.journeys import child_deaths

pytestmark = pytest.mark.django_db
END = dt.date(2026, 3, 31)


def run(scale: float, years: int) -> SynthContext:
    settings = GenerationSettings(
        scale=scale, years=years, seed=7, end=END, la_code="886", la_name="Test Shire"
    )
    ctx = SynthContext(settings)
    child_deaths.generate(ctx)
    ctx.writer.flush()
    return ctx


def test_volumes_and_proportions_follow_the_calibration():
    run(1.0, 6)
    for year in range(2020, 2026):
        stats = annual_statistics(year, run_on=END)
        assert 22 <= stats.notifications <= 37, year
    deaths = list(ChildDeath.objects.all())
    assert len(deaths) == pytest.approx(29.5 * 6, rel=0.05)
    expected = sum(d.expectation == "expected" for d in deaths) / len(deaths)
    assert 0.42 <= expected <= 0.62
    reviewed = [d for d in deaths if d.reviewed_on is not None]
    assert len(reviewed) > 0.8 * len(deaths) - 30  # the last months' are still open
    modifiable = sum(bool(d.modifiable) for d in reviewed) / len(reviewed)
    assert 0.38 <= modifiable <= 0.55
    bands = Counter(d.age_band for d in deaths)
    assert bands.most_common(1)[0][0] == "0-27d"
    assert bands["0-27d"] + bands["28-364d"] > len(deaths) / 2  # most are infants
    areas = Counter(d.resident_area for d in deaths)
    assert areas["ours"] > areas["out_of_area"] and areas["neighbour"] > areas["out_of_area"]
    assert all(d.person_id is None for d in deaths)


def test_the_records_keep_the_services_rules():
    run(1.0, 3)
    check = Check(today=END)
    found = [
        v for rule_id, (_, fn) in RULES.items() if rule_id.startswith("CDOP-") for v in fn(check)
    ]
    assert found == []
    for d in ChildDeath.objects.prefetch_related("factors"):
        assert d.notified_on <= END and d.date_of_death <= d.notified_on
        assert (d.jar_started_on is not None) <= (d.expectation == "unexpected")
        if d.reviewed_on is not None:
            assert d.review_meeting_held and d.reviewed_on <= END and d.category
            assert bool(d.modifiable) == bool(d.factors.count())
        dates = (d.review_meeting_on, d.panel_on, d.coroner_notice_on, d.registrar_particulars_on)
        assert max(filter(None, dates), default=END) <= END  # nothing dated ahead
    refs = list(
        ChildDeath.objects.filter(notified_on__year=2025)
        .order_by("notified_on", "reference")
        .values_list("reference", flat=True)
    )
    assert refs == [f"CDOP-2025-{n:04d}" for n in range(1, len(refs) + 1)]


def test_it_scales_and_repeats():
    run(0.2, 2)
    first = list(ChildDeath.objects.order_by("reference").values_list("reference", "date_of_death"))
    assert len(first) == round(29.5 * 0.2 * 2 * (730 / 730.5))
    ChildDeath.objects.all().delete()
    run(0.2, 2)
    assert first == list(
        ChildDeath.objects.order_by("reference").values_list("reference", "date_of_death")
    )
