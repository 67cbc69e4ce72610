"""Invented families: households, parents and children with plausible demographics.

Names, streets and towns come from Faker (en_GB); identifiers are invented but valid (UPN
check letters, a real DfE LA number), so the returns built from them validate. Babies
expected when their family is referred are born near the due date (if it falls inside the
history): the census shows them unborn only while they were.

UPNs: a school allocates one when a child starts school, and a person is written once, so
every child who is of school age at some time in the history (5 by the 31 August on or
before its last day, :func:`school_age_by`) has one from creation; the rest (unborn,
babies, children still under school age at the end) have UN6, "not yet allocated" (the
SSDA903 export sends it as UN1). So the SSDA903 never sees UN1 for a school-age child
(rule 209) nor UN4 for a child in care for more than a week (rule 210); UN4 is not
generated at all, since a record written once cannot be put right a week into care.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

import numpy as np
from dateutil.relativedelta import relativedelta

from safeguard.people.identifiers import upn_check_letter
from safeguard.people.models import (
    Disability,
    Household,
    HouseholdMember,
    Person,
    PersonKind,
    Relationship,
    RelationshipType,
)
from safeguard.synth.context import SynthContext
from safeguard.synth.writer import build

STREAM = "families"
#: Streams of their own for births and second disabilities, drawn only where the older
#: draws of ``families`` stay as they were (adding them changes no other family).
BIRTH_STREAM = "families_births"
DISABILITY_STREAM = "families_disabilities"
#: Draws for the UPNs of children who had none before school age was the rule (younger
#: children, and the 7% of school-age ones once left without): older draws stay put.
UPN_STREAM = "families_upns"

#: The DfE number the synthetic authority's schools use (UPN characters 2-4). A UPN's LA
#: number must be a real one (CIN census 1530), whatever code the authority is generated
#: under; 935 is a real shire county number.
SCHOOLS_LA_NUMBER = "935"

#: A shire county's child population (White British majority), with ethnicity not yet
#: obtained for a realistic few.
ETHNICITY_WEIGHTS: dict[str, float] = {
    "WBRI": 0.845,
    "WOTH": 0.035,
    "WIRI": 0.004,
    "WROM": 0.004,
    "WIRT": 0.002,
    "MWBC": 0.012,
    "MWBA": 0.005,
    "MWAS": 0.010,
    "MOTH": 0.012,
    "AIND": 0.006,
    "APKN": 0.003,
    "ABAN": 0.003,
    "AOTH": 0.006,
    "BCRB": 0.003,
    "BAFR": 0.008,
    "BOTH": 0.002,
    "CHNE": 0.003,
    "OOTH": 0.007,
    "REFU": 0.005,
    "NOBT": 0.025,
}
DISABILITY_CODES = ("LD", "AUT", "COMM", "BEH", "MOB", "HEAR", "VIS", "PC", "HAND", "CON", "DDA")
#: Children with a disability code (DfE children in need at 31 March 2020: 12.6% with a
#: disability recorded; 6% left a small authority's census short of the 8 codes CIN 2887Q
#: asks for); of the rest, the share recorded as NONE (no disability) rather than left
#: unrecorded.
DISABLED = 0.12
#: The first 6% draw their code from ``families`` (as when 6% were disabled), the rest
#: from ``DISABILITY_STREAM``: no other draw of ``families`` moves.
_DISABLED_FIRST_DRAW = 0.06
NONE_RECORDED = 0.85
#: Disabled children with a second disability recorded (the DfE asks for every one).
SECOND_DISABILITY = 0.3
#: A birth this many days from the due date (at random, uniform): most babies come within
#: two weeks before or ten days after it.
BIRTH_FROM_DUE = (-14, 11)
#: UPN unknown for a child not yet at school, unborn children included (UN7 is only for a
#: referral with no further action, which the generator does not write).
UPN_NOT_YET_ALLOCATED = "UN6"
#: The age by the 31 August when a child is in school (year 1) for the whole school year.
SCHOOL_AGE = 5
#: Schools drawn for UPNs (DfE establishment numbers 2000-2399 of the LA number).
SCHOOLS = 400
#: Share of children of school age when first recorded whose UPN came from the older draw
#: (kept so that every later draw of ``families`` stays as it was).
_FIRST_DRAW_UPN = 0.93
#: Share of families whose ethnicity was never obtained or was refused (default; the front
#: door passes a higher share for families in child protection, seed 000: 22% of children
#: on plans "not recorded/not stated").
UNSTATED = 0.02
UNSTATED_CODES = (("NOBT", 0.75), ("REFU", 0.25))
LOCALITIES = ("North", "South", "East", "West", "Coast", "Vale")


def school_age_by(end: dt.date) -> dt.date:
    """The latest birth date of a child of school age by ``end``: 5 by the 31 August on or
    before it (SSDA903 rule 209's test, for the history's last year)."""
    august = dt.date(end.year if end >= dt.date(end.year, 8, 31) else end.year - 1, 8, 31)
    return august - relativedelta(years=SCHOOL_AGE)


@dataclass
class Family:
    household: Household
    adults: list[Person] = field(default_factory=list)
    children: list[Person] = field(default_factory=list)


class FamilyFactory:
    """Makes families on demand; shared by every journey module through ``ctx.registry``."""

    def __init__(self, ctx: SynthContext) -> None:
        self.ctx = ctx
        self.rng = ctx.stream(STREAM)
        self.fake = ctx.faker(STREAM)
        self._person_serial = 0
        #: UPN serials by (school, year of allocation): unique UPNs by construction.
        self._upn_serials: dict[tuple[int, int], int] = {}
        self._school_age_born_by = school_age_by(ctx.settings.end)
        self._eth_codes = list(ETHNICITY_WEIGHTS)
        weights = list(ETHNICITY_WEIGHTS.values())
        total = sum(weights)
        self._eth_p = [w / total for w in weights]
        #: Each child's home postcode, for a later move into care.
        self.home_postcode: dict[uuid.UUID, str] = {}
        #: Children first recorded before their birth. The journeys drew their routes as
        #: for an unborn child (no care entry from a plan), and still do once born.
        self.expected_babies: set[uuid.UUID] = set()

    @classmethod
    def of(cls, ctx: SynthContext) -> FamilyFactory:
        factory = ctx.registry.get("families")
        if factory is None:
            factory = cls(ctx)
            ctx.registry["families"] = factory
        return factory

    # --- identifiers -----------------------------------------------------------------
    def _next_person_ref(self, kind: str) -> str:
        self._person_serial += 1
        prefix = "C" if kind == PersonKind.CHILD else "A"
        return f"{prefix}{self._person_serial:07d}"

    def _upn(self, born: dt.date, rng: np.random.Generator) -> str:
        """A UPN from a school drawn from ``rng``, with the school's next serial of the year
        the child started (a school full for the year passes on to the next)."""
        school = int(rng.integers(0, SCHOOLS))
        year = (born.year + SCHOOL_AGE) % 100
        for _ in range(SCHOOLS):
            if self._upn_serials.get((school, year), 0) < 999:
                break
            school = (school + 1) % SCHOOLS
        else:
            raise RuntimeError(f"every school has used its UPN serials for year {year:02d}")
        serial = self._upn_serials.get((school, year), 0) + 1
        self._upn_serials[(school, year)] = serial
        body = f"{SCHOOLS_LA_NUMBER}{2000 + school:04d}{year:02d}{serial:03d}"
        return upn_check_letter(body) + body

    def _upn_or_reason(self, born: dt.date | None, on: dt.date) -> tuple[str, str]:
        """(UPN, unknown reason) for a child first recorded on ``on``.

        A child 5 or more when recorded keeps the older draws (a UPN 93% of the time, from
        ``families``); any other child of school age by the end gets one from its own stream.
        """
        if born is None:
            return "", UPN_NOT_YET_ALLOCATED
        if (on - born).days >= SCHOOL_AGE * 365 and self.rng.random() < _FIRST_DRAW_UPN:
            return self._upn(born, self.rng), ""
        if born <= self._school_age_born_by:
            return self._upn(born, self.ctx.stream(UPN_STREAM)), ""
        return "", UPN_NOT_YET_ALLOCATED

    # --- people ----------------------------------------------------------------------
    def _ethnicity(self) -> str:
        return str(self.rng.choice(self._eth_codes, p=self._eth_p))

    def person(
        self,
        *,
        kind: str,
        born: dt.date | None,
        last_name: str,
        ethnicity: str,
        sex: str,
        at: dt.datetime,
        expected_birth: dt.date | None = None,
        named: tuple[str, str] | None = None,
    ) -> Person:
        """``named`` (first name, sex) names a baby at birth; the name drawn for ``sex``
        is drawn all the same, so the names of later people do not move."""
        first = self.fake.first_name_male() if sex == "1" else self.fake.first_name_female()
        gender = sex if born is not None or kind == PersonKind.ADULT else "0"
        if named is not None:
            first, gender = named
        upn = upn_unknown = ""
        if kind == PersonKind.CHILD:
            upn, upn_unknown = self._upn_or_reason(born, at.date())
        person = build(
            Person,
            kind=kind,
            la_child_id=self._next_person_ref(kind),
            first_name=first,
            last_name=last_name,
            date_of_birth=born,
            expected_date_of_birth=expected_birth,
            gender=gender,
            ethnicity=ethnicity,
            upn=upn,
            upn_unknown_reason=upn_unknown,
        )
        return self.ctx.writer.add(person, id=self.ctx.new_id(STREAM), at=at)

    def _second_disability(self, child: Person, first: str, at: dt.datetime) -> None:
        rng = self.ctx.stream(DISABILITY_STREAM)
        if rng.random() >= SECOND_DISABILITY:
            return
        code = str(rng.choice([c for c in DISABILITY_CODES if c != first]))
        self.ctx.writer.add(
            build(Disability, person=child, code=code),
            id=self.ctx.new_id(DISABILITY_STREAM),
            at=at,
        )

    def _expected_baby(
        self, due: dt.date, last_name: str, ethnicity: str, at: dt.datetime
    ) -> Person:
        """A baby due on ``due``: born near it when that is inside the history (recorded
        as the service records a birth: date of birth, sex, no expected date), else unborn."""
        births = self.ctx.stream(BIRTH_STREAM)
        birth = due + dt.timedelta(days=int(births.integers(*BIRTH_FROM_DUE)))
        sex = "1" if births.random() < 0.51 else "2"
        name = self.ctx.faker(BIRTH_STREAM)
        first = name.first_name_male() if sex == "1" else name.first_name_female()
        born = birth <= self.ctx.settings.end
        baby = self.person(
            kind=PersonKind.CHILD,
            born=birth if born else None,
            expected_birth=None if born else due,
            last_name=last_name,
            ethnicity=ethnicity,
            sex="0",
            at=at,
            named=(first, sex) if born else None,
        )
        self.expected_babies.add(baby.id)
        return baby

    def new_family(
        self,
        *,
        on: dt.date,
        child_ages: list[int],
        unborn: bool = False,
        two_parents: bool | None = None,
        unstated: float = UNSTATED,
    ) -> Family:
        """A household formed before ``on`` with children of the given ages on ``on``.

        ``unborn`` adds an expected baby (due within five months) for pre-birth work;
        ``unstated`` is the chance the children's ethnicity is not obtained or refused.
        """
        at = self.ctx.at(on, 8, 30)
        fake = self.fake
        household = build(
            Household,
            address_line_1=fake.street_address(),
            town=fake.city(),
            postcode=fake.postcode(),
            locality=str(self.rng.choice(LOCALITIES)),
        )
        self.ctx.writer.add(household, id=self.ctx.new_id(STREAM), at=at)
        family = Family(household=household)
        last_name = fake.last_name()
        ethnicity = self._ethnicity()
        children_ethnicity = ethnicity
        if self.rng.random() < unstated:
            children_ethnicity = "NOBT" if self.rng.random() < UNSTATED_CODES[0][1] else "REFU"
        eldest = max(child_ages, default=0)
        mother_age = int(eldest + 18 + self.rng.integers(0, 14))
        mother = self.person(
            kind=PersonKind.ADULT,
            born=on - relativedelta(years=mother_age, days=int(self.rng.integers(0, 365))),
            last_name=last_name,
            ethnicity=ethnicity,
            sex="2",
            at=at,
        )
        family.adults.append(mother)
        if two_parents if two_parents is not None else self.rng.random() < 0.55:
            father = self.person(
                kind=PersonKind.ADULT,
                born=on - relativedelta(years=mother_age + int(self.rng.integers(0, 6)), days=40),
                last_name=last_name,
                ethnicity=ethnicity,
                sex="1",
                at=at,
            )
            family.adults.append(father)
        for age in sorted(child_ages, reverse=True):
            born = on - relativedelta(years=age, days=int(self.rng.integers(1, 364)))
            sex = "1" if self.rng.random() < 0.51 else "2"
            child_eth = children_ethnicity if self.rng.random() < 0.97 else "NOBT"
            child = self.person(
                kind=PersonKind.CHILD,
                born=born,
                last_name=last_name,
                ethnicity=child_eth,
                sex=sex,
                at=at,
            )
            family.children.append(child)
            roll = self.rng.random()
            code = ""
            if roll < _DISABLED_FIRST_DRAW:
                code = str(self.rng.choice(DISABILITY_CODES))
            elif roll < DISABLED:
                code = str(self.ctx.stream(DISABILITY_STREAM).choice(DISABILITY_CODES))
            elif roll < DISABLED + (1 - DISABLED) * NONE_RECORDED:
                code = "NONE"
            if code:
                self.ctx.writer.add(
                    build(Disability, person=child, code=code), id=self.ctx.new_id(STREAM), at=at
                )
            if code and code != "NONE":
                self._second_disability(child, code, at)
        if unborn:
            due = on + dt.timedelta(days=int(self.rng.integers(30, 150)))
            family.children.append(self._expected_baby(due, last_name, children_ethnicity, at))
        for child in family.children:
            self.home_postcode[child.id] = household.postcode
        moved_in = on - relativedelta(years=eldest + 1)
        for member in [*family.adults, *family.children]:
            since: dt.date | None = moved_in
            if member.kind == PersonKind.CHILD:
                born_on = member.date_of_birth
                since = None if born_on is None else max(moved_in, born_on)
            self.ctx.writer.add(
                build(HouseholdMember, household=household, person=member, moved_in_on=since),
                id=self.ctx.new_id(STREAM),
                at=at,
            )
        for adult in family.adults:
            for child in family.children:
                self.ctx.writer.add(
                    build(
                        Relationship,
                        person=adult,
                        related_to=child,
                        relationship_type=RelationshipType.PARENT,
                        has_parental_responsibility=True,
                    ),
                    id=self.ctx.new_id(STREAM),
                    at=at,
                )
        return family
