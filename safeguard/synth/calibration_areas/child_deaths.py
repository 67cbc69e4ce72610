"""Calibration targets for child death reviews (see ``safeguard.synth.calibration``).

The partnership's CDOP covers two authorities, so its volumes are the partnership's, not
this authority's alone (calibration.md: 25-34 reviewed a year, about half expected).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from dateutil.relativedelta import relativedelta

from safeguard.partnership.models import ChildDeath
from safeguard.synth.calibration import Target

GAP_DEATHS = "about 30 deaths a year at full scale, fewer when scaled: each moves it by points"
GAP_REVIEWS = "about 30 reviews a year at full scale, fewer when scaled: each moves it by points"
PARTNERSHIP = "(partnership area, 2 LAs)"
TARGETS: list[Target] = [
    Target(
        "cdop_reviews_pa",
        f"Child deaths reviewed a year {PARTNERSHIP}",
        25,
        34,
        "count",
        "CDOP panel reviews completed in the 12 months",
        "000 §3.2 (34, then 25); 001 CDOP (25 reviewed)",
    ),
    Target(
        "cdop_notified_pa",
        f"Child deaths notified a year {PARTNERSHIP}",
        25,
        34,
        "count",
        "deaths notified to CDOP in the 12 months",
        "000 §3.2; 001 CDOP (32 a year)",
    ),
    Target(
        "cdop_expected",
        "Child deaths that were expected",
        45,
        55,
        "%",
        "of the deaths notified in the 12 months",
        "000 §3.2 (13 of 25)",
        gap=GAP_DEATHS,
    ),
    Target(
        "cdop_modifiable",
        "Reviews with modifiable factors",
        40,
        50,
        "%",
        "of the panel reviews completed in the 12 months",
        "000 §3.3 (50%); 001 CDOP (10 of 25)",
        gap=GAP_REVIEWS,
    ),
    Target(
        "cdop_neonatal",
        "Neonatal deaths (first 27 days)",
        40,
        50,
        "%",
        "of the deaths notified in the 12 months",
        "001 CDOP (15 of 32)",
        gap=GAP_DEATHS,
    ),
]


def _pct(numerator: int, denominator: int) -> float | None:
    return 100.0 * numerator / denominator if denominator else None


def measures(as_at: dt.date) -> dict[str, Callable[[], float | None]]:
    year_ago = as_at - relativedelta(years=1)
    notified = ChildDeath.objects.filter(notified_on__gt=year_ago, notified_on__lte=as_at)
    reviewed = ChildDeath.objects.filter(reviewed_on__gt=year_ago, reviewed_on__lte=as_at)
    return {
        "cdop_reviews_pa": lambda: float(reviewed.count()),
        "cdop_notified_pa": lambda: float(notified.count()),
        "cdop_expected": lambda: _pct(
            notified.filter(expectation="expected").count(), notified.count()
        ),
        "cdop_modifiable": lambda: _pct(reviewed.filter(modifiable=True).count(), reviewed.count()),
        "cdop_neonatal": lambda: _pct(notified.filter(neonatal=True).count(), notified.count()),
    }
