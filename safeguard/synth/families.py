"""Invented families: households, parents and children with plausible demographics.

Names, streets and towns come from Faker (en_GB); identifiers are invented but valid (UPN
check letters, a real DfE LA number), so the returns built from them validate. Babies
expected when their family is referred are born near the due date (if it falls inside the
history): the census shows them unborn only while they were.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

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
#: Children with a disability code; of the rest, the share recorded as NONE (no
#: disability) rather than left unrecorded.
DISABLED = 0.06
NONE_RECORDED = 0.85
#: Disabled children with a second disability recorded (the DfE asks for every one).
SECOND_DISABILITY = 0.3
#: A birth this many days from the due date (at random, uniform): most babies come within
#: two weeks before or ten days after it.
BIRTH_FROM_DUE = (-14, 11)
#: UPN unknown for a child not yet at school, unborn children included (UN7 is only for a
#: referral with no further action, which the generator does not write).
UPN_NOT_YET_ALLOCATED = "UN6"
#: Share of families whose ethnicity was never obtained or was refused (default; the front
#: door passes a higher share for families in child protection, seed 000: 22% of children
#: on plans "not recorded/not stated").
UNSTATED = 0.02
UNSTATED_CODES = (("NOBT", 0.75), ("REFU", 0.25))
LOCALITIES = ("North", "South", "East", "West", "Coast", "Vale")


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
        self._upn_serial = 0
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

    def _upn(self, born: dt.date) -> str:
        self._upn_serial += 1
        school = 2000 + int(self.rng.integers(0, 400))
        year = (born.year + 5) % 100
        body = f"{SCHOOLS_LA_NUMBER}{school:04d}{year:02d}{self._upn_serial % 1000:03d}"
        return upn_check_letter(body) + body

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
        upn = ""
        upn_unknown = ""
        if kind == PersonKind.CHILD:
            if born is None:
                upn_unknown = UPN_NOT_YET_ALLOCATED
            elif (at.date() - born).days >= 5 * 365 and self.rng.random() < 0.93:
                upn = self._upn(born)
            else:
                young = (at.date() - born).days < 6 * 365
                upn_unknown = UPN_NOT_YET_ALLOCATED if young else "UN4"
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
            if roll < DISABLED:
                code = str(self.rng.choice(DISABILITY_CODES))
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
