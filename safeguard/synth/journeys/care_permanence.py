"""Previous permanence (SSDA903 PrevPerm): had a child starting care an order before?

The DfE asks, of every child who starts a period of care (RNE S) since 1 April 2016, whether
they had previously left care, or been kept out of it, through adoption (P1), a special
guardianship order (P2) or a residence / child arrangements order (P3), or whether that is
not known (P4); Z1 is none (rule 630; 631-635 on the details). Each written period of care
starting on or after that day gets one ``PreviousPermanence`` (written as the service's
``record_previous_permanence`` would take it: Z1 and P4 with no authority or date, an order
date after birth and before the period began).

Rates (approximate): the DfE's looked-after statistics (children starting to be looked after
by previous permanence arrangement, SSDA903, 2017-2023) show roughly 1% previously adopted,
2-3% under an SGO and about 1% under a residence or child arrangements order, a few per cent
not known, the rest none. Breakdowns come later in childhood (adoption breakdown is mostly
in adolescence), so by age at entry (``OPTIONS``) infants have none; at 10-15 adoption is
3%, SGO 3.5%, RO/CAO 2%; P4 is 3% from age 1 (overall ~1.7% / 2.4% / 1.4% / 2.5%, ~92% Z1).
A child whose earlier period of care in the records ended in adoption (E11, E12), an SGO
(E43-E48) or a residence / child arrangements order (E41) has that option, dated the day the
earlier period ended and arranged by this authority.

The order: adoption at 1-5 (adoption orders come a year or two after entry, in early
childhood), an SGO or a CAO from 6 months old; always at least 60 days before the new
period. The arranging authority (LA_PERM) is this one for about half of adoptions (children
adopted from elsewhere move in) and 60% of SGOs; for a CAO (a private-law order) it is often
not recorded (20%). The authority's own code is given when it is a DfE number; the
generated default (001) is not, so its schools' number (935, ``SCHOOLS_LA_NUMBER``) stands
for it, as in UPNs. Draws come from the stream ``care_permanence`` only.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import numpy as np
from dateutil.relativedelta import relativedelta

from safeguard.care.models import PreviousPermanence
from safeguard.returns.rules.cin.upn import LA_NUMBERS
from safeguard.synth.context import SynthContext
from safeguard.synth.families import SCHOOLS_LA_NUMBER
from safeguard.synth.journeys.care_plan import OTHER_LAS, _age, pick
from safeguard.synth.writer import build

if TYPE_CHECKING:
    from safeguard.synth.journeys.care import LookedAfter

STREAM = "care_permanence"
#: PrevPerm is collected for periods of care starting from this day (SSDA903 634).
COLLECTED_FROM = dt.date(2016, 4, 1)
#: Previous permanence option by age at entry (lowest age of the band): P1 adoption, P2
#: SGO, P3 residence / child arrangements order, P4 not known, Z1 none.
OPTIONS: dict[int, dict[str, float]] = {
    0: {"Z1": 1.0},
    1: {"P1": 0.005, "P2": 0.02, "P3": 0.01, "P4": 0.03},
    5: {"P1": 0.015, "P2": 0.04, "P3": 0.02, "P4": 0.03},
    10: {"P1": 0.03, "P2": 0.035, "P3": 0.02, "P4": 0.03},
    16: {"P1": 0.02, "P2": 0.02, "P3": 0.015, "P4": 0.03},
}
#: An earlier period's reason for ending -> the option it left the child with.
FROM_ENDING = {
    "E11": "P1",
    "E12": "P1",
    "E41": "P3",
    "E43": "P2",
    "E44": "P2",
    "E45": "P2",
    "E46": "P2",
    "E47": "P2",
    "E48": "P2",
}
#: Share of orders arranged by this authority; for a CAO, the share with no authority given.
OWN_AUTHORITY = {"P1": 0.5, "P2": 0.6, "P3": 0.5}
CAO_UNRECORDED = 0.2
#: The order is made at least this long before the new period of care.
BEFORE_ENTRY = dt.timedelta(days=60)


def generate(ctx: SynthContext, children: list[LookedAfter]) -> None:
    rng = ctx.stream(STREAM)
    own = ctx.settings.la_code if ctx.settings.la_code in LA_NUMBERS else SCHOOLS_LA_NUMBER
    others = [code for code in OTHER_LAS if code != own]
    endings: dict[object, list[tuple[dt.date, str]]] = {}
    for la in sorted(children, key=lambda la: la.stay.entry):
        stay, period = la.stay, la.period
        earlier = endings.setdefault(la.child.id, [])
        if stay.exit is not None:
            earlier.append((stay.exit, stay.reason))
        if stay.entry < COLLECTED_FROM:
            continue
        before = [(day, FROM_ENDING[r]) for day, r in earlier if r in FROM_ENDING]
        before = [(day, option) for day, option in before if day < stay.entry]
        option, la_code, order = "Z1", "", None
        if before:
            order, option = before[-1]
            la_code = own
        else:
            option, order = _drawn(rng, stay.dob, stay.entry)
            if option in OWN_AUTHORITY:
                if option == "P3" and rng.random() < CAO_UNRECORDED:
                    la_code = ""
                elif rng.random() < OWN_AUTHORITY[option]:
                    la_code = own
                else:
                    la_code = others[int(rng.integers(len(others)))]
        ctx.writer.add(
            build(
                PreviousPermanence,
                period=period,
                option=option,
                la_code=la_code,
                order_date=order,
            ),
            id=ctx.new_id(STREAM),
            at=ctx.at(stay.entry, 10, 30),
        )


def _drawn(rng: np.random.Generator, dob: dt.date, entry: dt.date) -> tuple[str, dt.date | None]:
    """An option by age at entry, and the order's date (Z1 when no date could fit)."""
    age = _age(dob, entry)
    weights = dict(OPTIONS[max(k for k in OPTIONS if k <= age)])
    weights.setdefault("Z1", 1.0 - sum(weights.values()))
    option = pick(rng, weights)
    if option in {"Z1", "P4"}:
        return option, None
    latest = entry - BEFORE_ENTRY
    earliest = dob + relativedelta(months=6)
    if option == "P1":
        earliest = dob + relativedelta(years=1)
        latest = min(latest, dob + relativedelta(years=6))
    if latest <= earliest:
        return "Z1", None
    return option, earliest + dt.timedelta(days=int(rng.integers(0, (latest - earliest).days)))
