"""Child deaths reviewed by the partnership's CDOP (both authorities of the partnership).

Calibration (calibration.md; seed 000 §3, seed 001's CDOP section): 25 to 34 deaths a
year across the two authorities at scale 1.0 (scaled by ``scale``), about half expected;
the panel finds modifiable factors in 40-50% of its reviews; most deaths are of infants,
neonatal deaths the largest group, with deaths concentrated at the youngest and oldest
ages and more boys than girls. About half the children lived in this authority, most of
the rest in the neighbouring one, a few out of area.

Each death runs as the services allow: notified within days; an unexpected death has a
Joint Agency Response and usually the coroner (whose notice mostly arrives within 3
working days); the registrar's particulars mostly within 7 days of registration; the
child death review meeting one to six months after the death, the panel one to four
months after that, with the category and factors fitting the age and circumstances.
Anything after the end of the history is left open, with no date ahead of it (the
checker's G-FUTURE: nothing recorded is dated after today).
The children are not linked to person records: a review never touches the child's
social care record.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from safeguard.core import calendar
from safeguard.core.timescales import compute_due
from safeguard.partnership.models import ChildDeath, Expectation, ModifiableFactor
from safeguard.partnership.services.child_deaths_checks import (
    age_band,
    ensure_standard_factors,
    is_neonatal,
)
from safeguard.synth.context import SynthContext
from safeguard.synth.draws import weighted
from safeguard.synth.families import ETHNICITY_WEIGHTS
from safeguard.synth.writer import build

STREAM = "child_deaths"
DEATHS_PER_YEAR = 29.5  # 25 to 34 (seed 000: 34 then 25; seed 001: 32 and 32)
AREAS = (("ours", 0.5), ("neighbour", 0.45), ("out_of_area", 0.05))
SEXES = (("1", 0.57), ("2", 0.43))
#: (age group, share of deaths, chance the death was expected, age range in days).
AGES: tuple[tuple[str, float, float, tuple[int, int]], ...] = (
    ("neonatal", 0.42, 0.72, (0, 27)),
    ("infant", 0.18, 0.40, (28, 364)),
    ("young", 0.12, 0.55, (365, 5 * 365)),
    ("child", 0.07, 0.60, (5 * 365 + 2, 10 * 365)),
    ("older", 0.09, 0.50, (10 * 365 + 3, 15 * 365)),
    ("teen", 0.12, 0.25, (15 * 365 + 4, 18 * 365 - 10)),
)
#: Category of death by age group and expected / unexpected.
CATEGORIES: dict[tuple[str, bool], tuple[tuple[str, float], ...]] = {
    ("neonatal", True): (("8", 0.65), ("7", 0.35)),
    ("neonatal", False): (("8", 0.55), ("10", 0.2), ("9", 0.15), ("1", 0.1)),
    ("infant", True): (("7", 0.5), ("6", 0.3), ("5", 0.2)),
    ("infant", False): (("10", 0.55), ("9", 0.25), ("1", 0.1), ("3", 0.1)),
    ("other", True): (("4", 0.35), ("6", 0.35), ("7", 0.2), ("5", 0.1)),
    ("other", False): (("3", 0.45), ("5", 0.25), ("9", 0.2), ("1", 0.1)),
    ("teen", False): (("3", 0.4), ("2", 0.35), ("5", 0.1), ("9", 0.05), ("1", 0.1)),
}
#: Chance the panel finds modifiable factors, by category; and the factors it cites.
MODIFIABLE = {"1": 0.95, "2": 0.8, "3": 0.8, "4": 0.05, "5": 0.3, "6": 0.2, "7": 0.15,
              "8": 0.5, "9": 0.35, "10": 0.9}  # fmt: skip
FACTORS: dict[str, tuple[str, ...]] = {
    "1": ("domestic_abuse", "substance_misuse", "mental_health", "alcohol"),
    "2": ("mental_health", "bullying", "substance_misuse"),
    "3": ("road_safety", "water_safety", "alcohol"),
    "8": ("smoking_in_pregnancy", "maternal_obesity", "access_to_healthcare"),
    "10": ("co_sleeping", "unsafe_sleeping", "household_smoking", "alcohol"),
}
OTHER_FACTORS = ("access_to_healthcare", "household_smoking", "other")
LEARNING = {
    "8": "Support to stop smoking and for a healthy weight in pregnancy.",
    "10": "Safer sleep messages repeated, especially at holiday times.",
    "2": "Earlier referral of young people to mental health services.",
    "3": "Road and water safety messages through schools.",
}
JAR_LEADS = (
    "Designated paediatrician for unexpected deaths",
    "Police senior investigating officer, Wessex Vale Police",
    "Consultant paediatrician, Wessex Vale NHS Trust",
)
#: Chances: the coroner's notice within 3 working days; the particulars within 7 days.
CORONER_ON_TIME = 0.85
REGISTRAR_ON_TIME = 0.9


def _days(rng: np.random.Generator, low: int, high: int) -> dt.timedelta:
    return dt.timedelta(days=int(rng.integers(low, high + 1)))


def _place(rng: np.random.Generator, group: str, expected: bool, category: str) -> str:
    if group == "neonatal":
        return weighted(rng, (("neonatal_unit", 0.75), ("hospital", 0.2), ("home", 0.05)))
    if expected:
        return weighted(rng, (("hospital", 0.5), ("hospice", 0.25), ("home", 0.25)))
    if category == "3":
        return weighted(rng, (("public_place", 0.6), ("hospital", 0.3), ("home", 0.1)))
    return weighted(rng, (("home", 0.5), ("hospital", 0.4), ("public_place", 0.1)))


def _notifier(rng: np.random.Generator, place: str, expected: bool) -> str:
    if place in {"hospital", "neonatal_unit"}:
        return "hospital"
    if place == "hospice":
        return "hospice"
    if expected:
        return weighted(rng, (("community_health", 0.7), ("hospice", 0.3)))
    return weighted(rng, (("police", 0.5), ("ambulance", 0.4), ("coroner", 0.1)))


def _death_days(settings: Any) -> list[dt.date]:
    span = (settings.end - settings.start).days + 1
    n = round(DEATHS_PER_YEAR * settings.scale * span / 365.25)
    return [settings.start + dt.timedelta(days=int((i + 0.5) * span / n)) for i in range(n)]


def generate(ctx: SynthContext) -> None:
    settings = ctx.settings
    rng = ctx.stream(STREAM)
    fake = ctx.faker(STREAM)
    ensure_standard_factors()
    factors = {f.code: f for f in ModifiableFactor.objects.all()}
    ethnicities = list(ETHNICITY_WEIGHTS.items())
    ages = [(group, share) for group, share, _, _ in AGES]
    spec = {group: (expected, span) for group, _, expected, span in AGES}
    numbers: dict[int, int] = {}
    links: list[tuple[ChildDeath, list[str]]] = []
    for base in _death_days(settings):
        died = max(settings.start, min(settings.end, base + _days(rng, -5, 5)))
        notified = died + _days(rng, 0, 3)
        if notified > settings.end:
            continue
        group = weighted(rng, ages)
        chance, (low, high) = spec[group]
        expected = bool(rng.random() < chance)
        born = died - _days(rng, low, high)
        key = (group if group in {"neonatal", "infant"} else "other", expected)
        if group == "teen" and not expected:
            key = ("teen", False)
        category = weighted(rng, CATEGORIES[key])
        place = _place(rng, group, expected, category)
        numbers[notified.year] = numbers.get(notified.year, 0) + 1
        sex = weighted(rng, SEXES)
        values: dict[str, Any] = {
            "reference": f"CDOP-{notified.year}-{numbers[notified.year]:04d}",
            "first_name": fake.first_name_male() if sex == "1" else fake.first_name_female(),
            "last_name": fake.last_name(),
            "date_of_birth": born,
            "date_of_death": died,
            "sex": sex,
            "ethnicity": weighted(rng, ethnicities),
            "resident_area": weighted(rng, AREAS),
            "age_band": age_band(born, died),
            "neonatal": is_neonatal(born, died),
            "known_to_social_care": bool(rng.random() < (0.08 if expected else 0.25)),
            "notified_on": notified,
            "notified_by": _notifier(rng, place, expected),
            "place_of_death": place,
            "expectation": Expectation.EXPECTED if expected else Expectation.UNEXPECTED,
        }
        values |= _after(rng, settings.end, died, expected)
        chosen: list[str] = []
        if values.get("reviewed_on") is not None:
            modifiable = bool(rng.random() < MODIFIABLE[category])
            if modifiable:
                pool = FACTORS.get(category, OTHER_FACTORS)
                count = min(len(pool), 1 + int(rng.integers(0, 3)))
                chosen = [str(c) for c in rng.choice(pool, size=count, replace=False)]
            values |= {
                "category": category,
                "modifiable": modifiable,
                "learning": LEARNING.get(category, "") if modifiable else "",
            }
        death = ctx.writer.add(
            build(ChildDeath, **values), id=ctx.new_id(STREAM), at=ctx.at(notified, 11)
        )
        links.append((death, chosen))
    ctx.writer.flush()
    through = ChildDeath.factors.through
    through.objects.bulk_create(
        [
            through(childdeath_id=death.pk, modifiablefactor_id=factors[code].pk)
            for death, chosen in links
            for code in chosen
        ]
    )


def _after(rng: np.random.Generator, end: dt.date, died: dt.date, expected: bool) -> dict[str, Any]:
    """The Joint Agency Response, coroner, registrar, review meeting and panel, each
    only when it falls by ``end``."""
    out: dict[str, Any] = {}
    coroner = rng.random() < (0.05 if expected else 0.85)
    if not expected:
        started = died + _days(rng, 0, 1)
        if started <= end:
            out |= {"jar_started_on": started, "jar_lead": str(rng.choice(JAR_LEADS))}
    if coroner:
        decision = died + _days(rng, 0, 4)
        if decision <= end:
            due = compute_due("coroner_notice", decision).due_date
            notice = (
                decision + _days(rng, 0, max(0, (due - decision).days))
                if rng.random() < CORONER_ON_TIME
                else calendar.add_working_days(decision, int(rng.integers(4, 11)))
            )
            out |= {
                "coroner_decision_on": decision,
                "coroner_investigation": True,
                "post_mortem": bool(rng.random() < 0.9),
                "coroner_notice_on": notice if notice <= end else None,
            }
    registered = died + (_days(rng, 20, 90) if coroner else _days(rng, 2, 5))
    if registered <= end:
        late = rng.random() >= REGISTRAR_ON_TIME
        particulars = registered + (_days(rng, 8, 20) if late else _days(rng, 1, 7))
        out |= {
            "registered_on": registered,
            "registrar_particulars_on": particulars if particulars <= end else None,
        }
    meeting = died + (_days(rng, 40, 120) if expected else _days(rng, 60, 180))
    if meeting > end:
        return out
    out |= {"review_meeting_on": meeting, "review_meeting_held": True}
    panel = meeting + _days(rng, 30, 120)
    if panel <= end:
        out |= {"panel_on": panel, "reviewed_on": panel}
    return out
