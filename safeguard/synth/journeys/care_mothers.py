"""Young mothers in and leaving care: a baby, and the girl recorded as its parent.

The SSDA903 asks whether each looked-after girl of 12 or over is a mother (MOTHER) and the
date of birth of her first child (MC_DOB). The records hold that as people: the baby is a
``Person`` (from the shared ``FamilyFactory``, named and sexed at birth, surname and
ethnicity her mother's) and the girl is her ``Relationship`` PARENT, with parental
responsibility, from the day of the birth; the export derives MOTHER and MC_DOB from it.

Rates. The DfE's looked-after statistics count a few hundred looked-after mothers a year,
about 2% of looked-after girls aged 12 or over (SSDA903 MOTHER, "Children looked after in
England including adoptions", 2019-2023); motherhood is far more common among care leavers
than in their age group (Fallon and Broadhurst, "Preventing unplanned pregnancy and
improving preparation for parenthood for care-experienced young people", Coram BAAF 2015):
we aim at about 10% of care leavers aged 17-21. A first birth has a yearly hazard by the
mother's age (``FIRST_BIRTH_HAZARD``: 1% at 15, 3% at 16, 4.5% at 17, 2% from 18), over
the time the authority knows her: from her 15th birthday (a girl may come into care as a
young mother) to the end of her last stay, or for a care leaver to her 26th birthday; births
before the history are kept (she was a mother already). At scale 0.5, seed 3, that gives an
expected 1.8-2.3% of looked-after girls 12+ on 31 March and 11-12% of care-leaving young
women 17-21 (the calculation behind docs/synthetic-authority.md).

One first child each (a second child does not change MOTHER or MC_DOB). The return asks
only about her time in care: the export counts a child born by 31 March or by the day she
left care in the year (rule 625), so a baby born after she left is in the records but not in
that return. MC_DOB is then after her 15th birthday (620: at least 11), after her own birth
(621), never after 31 March (625), and the same from year to year (624, 626, 207). Draws
come from the stream ``care_mothers``; the baby's first name and identifiers come from the
shared factory.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

from safeguard.core.calendar import birthday
from safeguard.people.models import Person, PersonKind, Relationship, RelationshipType
from safeguard.synth.context import SynthContext
from safeguard.synth.families import FamilyFactory
from safeguard.synth.journeys.care_leavers import is_care_leaver
from safeguard.synth.writer import build

if TYPE_CHECKING:
    from safeguard.synth.journeys.care import LookedAfter

STREAM = "care_mothers"
FIRST_BIRTH_FROM_AGE = 15
#: Care leavers are known to the authority (personal advisers) until 25.
KNOWN_UNTIL_AGE = 26
#: Yearly hazard of a first birth by the mother's age in whole years (18 and over: the last).
FIRST_BIRTH_HAZARD = {15: 0.01, 16: 0.03, 17: 0.045, 18: 0.02}
BOY = 0.51
FEMALE = "2"


def generate(ctx: SynthContext, children: list[LookedAfter]) -> None:
    rng = ctx.stream(STREAM)
    families = FamilyFactory.of(ctx)
    stays: dict[object, list[LookedAfter]] = {}
    for la in sorted(children, key=lambda la: la.stay.entry):
        if la.child.gender == FEMALE:
            stays.setdefault(la.child.id, []).append(la)
    for own in stays.values():
        birth = first_birth(rng, own, ctx.settings.end)
        if birth is None:
            continue
        mother = own[0].child
        baby = families.person(
            kind=PersonKind.CHILD,
            born=birth,
            last_name=mother.last_name,
            ethnicity=mother.ethnicity,
            sex="1" if rng.random() < BOY else "2",
            at=ctx.at(birth, 12),
        )
        _parent(ctx, mother, baby, birth)


def _parent(ctx: SynthContext, mother: Person, baby: Person, born: dt.date) -> None:
    ctx.writer.add(
        build(
            Relationship,
            person=mother,
            related_to=baby,
            relationship_type=RelationshipType.PARENT,
            has_parental_responsibility=True,
            started_on=born,
        ),
        id=ctx.new_id(STREAM),
        at=ctx.at(born, 12, 5),
    )


def first_birth(rng: np.random.Generator, stays: list[LookedAfter], end: dt.date) -> dt.date | None:
    """The day of the girl's first child's birth, or None (drawn year of age by year)."""
    for start, stop, hazard in _exposure(stays, end):
        days = (stop - start).days + 1
        if rng.random() < 1 - math.exp(-hazard * days / 365.25):
            return start + dt.timedelta(days=int(rng.integers(0, days)))
    return None


def _exposure(stays: list[LookedAfter], end: dt.date) -> Iterator[tuple[dt.date, dt.date, float]]:
    """Spans (first day, last day, yearly hazard) in which a first birth is drawn."""
    dob = stays[0].stay.dob
    last = stays[-1]
    if last.stay.exit is None:
        until = end
    elif is_care_leaver(last):
        until = min(end, birthday(dob, KNOWN_UNTIL_AGE) - dt.timedelta(days=1))
    else:
        until = min(end, last.stay.exit)
    for age in range(FIRST_BIRTH_FROM_AGE, KNOWN_UNTIL_AGE):
        hazard = FIRST_BIRTH_HAZARD[min(age, max(FIRST_BIRTH_HAZARD))]
        span_start = birthday(dob, age)
        span_end = min(until, birthday(dob, age + 1) - dt.timedelta(days=1))
        if span_start > span_end:
            return
        yield span_start, span_end, hazard
