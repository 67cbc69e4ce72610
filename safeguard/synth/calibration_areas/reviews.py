"""Calibration targets for serious incidents and practice reviews (see
``safeguard.synth.calibration``).

The partnership covers two authorities, so these are the partnership's volumes (seed 001:
nine rapid reviews completed in 2020/21 across both local authority areas, within the
Panel's timeframes; three progressing to a local CSPR).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from dateutil.relativedelta import relativedelta

from safeguard.core.timescales import compute_due
from safeguard.partnership.models import SeriousIncident
from safeguard.synth.calibration import Target

SEED = "001 Multi-agency Child Safeguarding Practice Reviews (9 rapid reviews, 3 to a CSPR)"
GAP = "about 9 rapid reviews a year at full scale, fewer when scaled: each moves it by points"
TARGETS: list[Target] = [
    Target(
        "rapid_reviews_pa",
        "Rapid reviews completed a year (partnership area, 2 LAs)",
        6,
        12,
        "count",
        "rapid reviews held in the 12 months",
        SEED,
    ),
    Target(
        "rapid_reviews_cspr",
        "Rapid reviews progressed to a local CSPR",
        20,
        50,
        "%",
        "of the rapid reviews held in the 12 months",
        SEED,
        gap=GAP,
    ),
    Target(
        "rapid_reviews_on_time",
        "Rapid reviews sent to the Panel within 15 working days",
        75,
        100,
        "%",
        "of the rapid reviews held in the 12 months",
        f"{SEED}; 'within timeframes set by the national CSPR Panel'",
        gap=GAP,
    ),
]


def _pct(numerator: int, denominator: int) -> float | None:
    return 100.0 * numerator / denominator if denominator else None


def measures(as_at: dt.date) -> dict[str, Callable[[], float | None]]:
    year_ago = as_at - relativedelta(years=1)
    held = SeriousIncident.objects.filter(
        rapid_review_held_on__gt=year_ago, rapid_review_held_on__lte=as_at
    )

    def on_time() -> float | None:
        met = total = 0
        for i in held.exclude(panel_notified_on=None):
            assert i.panel_notified_on is not None
            total += 1
            sent = i.rapid_review_sent_on
            if sent is not None and compute_due("rapid_review", i.panel_notified_on).is_met_by(
                sent
            ):
                met += 1
        return _pct(met, total)

    return {
        "rapid_reviews_pa": lambda: float(held.count()),
        "rapid_reviews_cspr": lambda: _pct(
            held.filter(decision="local_cspr").count(), held.count()
        ),
        "rapid_reviews_on_time": on_time,
    }
