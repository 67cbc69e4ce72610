"""Allegations against people who work with children: the LADO's contacts and referrals.

Calibration (seed 004, LADO section): about 104 contacts a quarter at scale 1.0, 17%
progressing to referral; of the referrals about 28% concern foster carers and 28%
residential workers, the rest education, early years, health, connected persons and
others. Contacts arrive on working days, spread evenly so each quarter lands near the
figure. The employer's date is known for most contacts and the LADO is usually told
within one working day. Referrals have a strategy meeting (some a review), an outcome
within weeks to months and, after a substantiated outcome, sometimes a DBS referral;
contacts that stay contacts close within days. Anything that would happen after the
end of the history is left open.

Children named: for foster carers, connected persons and residential workers, a child
placed with that kind of carer on the day (from ``care``'s published looked-after
children), the carer's name taken from the placement; otherwise a child of a suitable
age from the authority's population, or none (children not known to us, in words).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np

from safeguard.core import calendar
from safeguard.partnership.models import (
    Allegation,
    AllegationChild,
    AllegationMeeting,
    MeetingKind,
    Stage,
)
from safeguard.people.models import Person, PersonKind
from safeguard.synth.context import SynthContext
from safeguard.synth.draws import weighted
from safeguard.synth.writer import build

STREAM = "lado"
CONTACTS_PER_QUARTER = 104.0
#: (role, share of contacts, chance a contact becomes a referral): ~17% overall, foster
#: carers and residential workers ~28% of referrals each.
ROLES: tuple[tuple[str, float, float], ...] = (
    ("education", 0.30, 0.08),
    ("early_years", 0.08, 0.10),
    ("foster_carer", 0.12, 0.40),
    ("connected_person", 0.03, 0.25),
    ("residential_worker", 0.10, 0.46),
    ("health", 0.08, 0.10),
    ("social_care", 0.04, 0.08),
    ("police", 0.02, 0.08),
    ("voluntary", 0.06, 0.08),
    ("sport", 0.05, 0.10),
    ("transport", 0.04, 0.08),
    ("other", 0.08, 0.06),
)
#: Who contacts the LADO about each role (the rest: a small spread of others).
SOURCES: dict[str, tuple[tuple[str, float], ...]] = {
    "education": (("education", 0.7), ("family", 0.15), ("police", 0.08), ("child", 0.07)),
    "early_years": (("early_years", 0.7), ("family", 0.2), ("ofsted", 0.1)),
    "foster_carer": (
        ("fostering", 0.5),
        ("social_care", 0.35),
        ("education", 0.1),
        ("health", 0.05),
    ),
    "connected_person": (("social_care", 0.7), ("education", 0.2), ("health", 0.1)),
    "residential_worker": (
        ("residential", 0.55),
        ("social_care", 0.25),
        ("police", 0.1),
        ("ofsted", 0.1),
    ),
    "health": (("health", 0.8), ("family", 0.1), ("police", 0.1)),
    "social_care": (("social_care", 0.8), ("family", 0.2)),
    "police": (("police", 0.9), ("anonymous", 0.1)),
    "voluntary": (("voluntary", 0.6), ("family", 0.3), ("anonymous", 0.1)),
    "sport": (("sport", 0.6), ("family", 0.3), ("police", 0.1)),
    "transport": (("education", 0.6), ("family", 0.3), ("other", 0.1)),
    "other": (("other", 0.4), ("family", 0.3), ("police", 0.2), ("anonymous", 0.1)),
}
EMPLOYERS: dict[str, tuple[str, ...]] = {
    "education": ("{town} Primary School", "{town} Academy", "St Aldhelm's C of E School",
                  "{town} College"),
    "early_years": ("Little Acorns Nursery, {town}", "{town} Pre-school", "Registered childminder"),
    "residential_worker": ("Oak House children's home", "Harbour View children's home",
                           "Meadow Lodge (independent provider)"),
    "health": ("Wessex Vale NHS Trust", "{town} Surgery", "Community paediatrics"),
    "social_care": ("Wessex Vale County Council", "Family Support Service"),
    "police": ("Wessex Vale Police",),
    "voluntary": ("{town} Scouts", "St Mary's Youth Club", "{town} Community Church"),
    "sport": ("{town} Swimming Club", "{town} Football Club", "Vale Gymnastics"),
    "transport": ("Vale Home to School Transport", "{town} Taxis (school contract)"),
    "other": ("Private tutor", "{town} Leisure Centre", "Music teacher (self-employed)"),
}  # fmt: skip
CATEGORIES = (("physical", 0.45), ("emotional", 0.15), ("sexual", 0.2), ("neglect", 0.05),
              ("suitability", 0.15))  # fmt: skip
SUMMARIES = {
    "physical": "Alleged to have grabbed or pushed a child.",
    "emotional": "Alleged to have shouted at and belittled a child.",
    "sexual": "Alleged inappropriate messages to, or contact with, a child.",
    "neglect": "Alleged to have left a child without supervision or care.",
    "suitability": "Conduct outside work that may make them unsuitable to work with children.",
}
CONTACT_OUTCOMES = (("advice", 0.55), ("employer", 0.25), ("social_care", 0.1),
                    ("other_authority", 0.05), ("no_further_action", 0.05))  # fmt: skip
OUTCOMES = (("substantiated", 0.3), ("unsubstantiated", 0.3), ("unfounded", 0.25),
            ("false", 0.12), ("malicious", 0.03))  # fmt: skip
#: The share of contacts recording when the employer knew; of those, told on time.
EMPLOYER_DATE_KNOWN = 0.85
INFORMED_ON_TIME = 0.82
#: Placement types of the carers each role names (SSDA903 PLACE).
CARE_PLACEMENTS = {
    "foster_carer": frozenset({"U4", "U5", "U6"}),
    "connected_person": frozenset({"U1", "U2", "U3"}),
    "residential_worker": frozenset({"K1", "K2"}),
}
AGES = {"early_years": (0, 4), "education": (4, 17)}


def _working_days(start: dt.date, end: dt.date) -> list[dt.date]:
    days, day = [], start
    while day <= end:
        if calendar.is_working_day(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


class _Children:
    """The authority's children, for naming in allegations (one query, read once)."""

    def __init__(self, ctx: SynthContext) -> None:
        self.people: list[Any] = list(
            Person.objects.filter(kind=PersonKind.CHILD, date_of_birth__isnull=False)
            .only("id", "date_of_birth", "date_of_death")
            .order_by("la_child_id")
        )
        #: Placements by type: (start, end, child, placement), for ``placed``.
        self.placements: dict[str, list[tuple[dt.date, dt.date | None, Any, Any]]] = {}
        for la in ctx.registry.get("looked_after_children", []):
            for ep in la.stay.episodes:
                self.placements.setdefault(ep.place.kind, []).append(
                    (ep.start, ep.end, la.child, ep.place)
                )

    def aged(self, rng: np.random.Generator, day: dt.date, youngest: int, oldest: int) -> Any:
        if not self.people:
            return None
        for _ in range(12):  # a handful of draws: most children are of school age
            person = self.people[int(rng.integers(0, len(self.people)))]
            alive = person.date_of_death is None or person.date_of_death > day
            if alive and youngest <= calendar.age_on(person.date_of_birth, day) <= oldest:
                return person
        return None

    def placed(
        self, rng: np.random.Generator, day: dt.date, kinds: frozenset[str]
    ) -> tuple[Any, Any] | None:
        """(child, placement) of a child placed with such a carer on ``day``."""
        found = [
            (child, place)
            for kind in sorted(kinds)
            for start, end, child, place in self.placements.get(kind, ())
            if start <= day and (end is None or end > day)
        ]
        if not found:
            return None
        return found[int(rng.integers(0, len(found)))]


def generate(ctx: SynthContext) -> None:
    from safeguard.synth.journeys.care import worker

    settings = ctx.settings
    rng = ctx.stream(STREAM)
    fake = ctx.faker(STREAM)
    days = _working_days(settings.start, settings.end)
    if not days:
        return
    quarters = len(days) / 63.0  # about 63 working days a quarter
    n = round(CONTACTS_PER_QUARTER * settings.scale * quarters)
    children = _Children(ctx)
    numbers: dict[int, int] = {}
    roles = [(role, share) for role, share, _ in ROLES]
    conversion = {role: chance for role, _, chance in ROLES}
    #: Referrals are spread through each role's contacts (systematic, from a random
    #: offset) rather than drawn one by one: with ~400 contacts a year a free draw swung
    #: the share becoming referrals by 2-3 points a run (seed 004 §4.17: 16-17%).
    owed = {role: float(rng.random()) for role, _, _ in ROLES}
    for i in range(n):
        informed = days[min(len(days) - 1, int((i + float(rng.random())) * len(days) / n))]
        role = weighted(rng, roles)
        numbers[informed.year] = numbers.get(informed.year, 0) + 1
        named: list[Any] = []
        subject = fake.name()
        employer = str(rng.choice(EMPLOYERS.get(role, ("",)))).format(town=fake.city())
        if role in CARE_PLACEMENTS:
            placed = children.placed(rng, informed, CARE_PLACEMENTS[role])
            if placed is not None:
                child, place = placed
                named.append(child)
                subject, employer = _carer(fake, role, place, subject, employer)
        elif rng.random() < 0.6:
            youngest, oldest = AGES.get(role, (5, 17))
            child = children.aged(rng, informed, youngest, oldest)
            if child is not None:
                named.append(child)
        _write(
            ctx,
            rng,
            reference=f"LADO-{informed.year}-{numbers[informed.year]:04d}",
            informed=informed,
            role=role,
            subject=subject,
            employer=employer,
            named=named,
            referral=_converts(owed, role, conversion[role]),
            officer=worker(ctx, "lado", informed, STREAM),
        )


def _converts(owed: dict[str, float], role: str, chance: float) -> bool:
    """One more contact about ``role``: a referral each time its owed share reaches one."""
    owed[role] += chance
    if owed[role] >= 1.0:
        owed[role] -= 1.0
        return True
    return False


def _carer(fake: Any, role: str, place: Any, subject: str, employer: str) -> tuple[str, str]:
    """The adult and employer from the placement: a carer of the household, a home."""
    if role == "residential_worker":
        return subject, place.carer or employer
    surname = place.carer.removeprefix("Mr and Mrs ").strip()
    if surname:
        subject = f"{fake.first_name()} {surname}"
    own = place.provider in {"PR1", "PR2"}
    return subject, "The council's fostering service" if own else "Independent fostering agency"


def _later(day: dt.date, rng: np.random.Generator, low: int, high: int) -> dt.date:
    return day + dt.timedelta(days=int(rng.integers(low, high + 1)))


def _write(
    ctx: SynthContext,
    rng: np.random.Generator,
    *,
    reference: str,
    informed: dt.date,
    role: str,
    subject: str,
    employer: str,
    named: Sequence[Any],
    referral: bool,
    officer: Any,
) -> None:
    end = ctx.settings.end
    reported = None
    if rng.random() < EMPLOYER_DATE_KNOWN:
        if rng.random() < INFORMED_ON_TIME:
            reported = calendar.add_working_days(informed, -1) if rng.random() < 0.6 else informed
        else:
            reported = calendar.add_working_days(informed, -int(rng.integers(2, 9)))
    category = weighted(rng, CATEGORIES)
    values: dict[str, Any] = {
        "reference": reference,
        "stage": Stage.CONTACT,
        "lado_informed_on": informed,
        "reported_to_employer_on": reported,
        "source_agency": weighted(rng, SOURCES[role]),
        "subject_name": subject,
        "subject_role": role,
        "subject_employer": employer,
        "category": category,
        "summary": SUMMARIES[category],
        "other_children": "" if named else "Children not known to children's social care.",
        "officer": officer,
    }
    meetings: list[tuple[dt.date, bool]] = []
    if referral:
        values |= _referral(rng, informed, end, meetings)
    else:
        closed = _later(informed, rng, 0, 10)
        if closed <= end:
            values |= {"closed_on": closed, "contact_outcome": weighted(rng, CONTACT_OUTCOMES)}
    allegation = ctx.writer.add(
        build(Allegation, **values), id=ctx.new_id(STREAM), at=ctx.at(informed, 10)
    )
    for child in named:
        ctx.writer.add(
            build(AllegationChild, allegation=allegation, child=child),
            id=ctx.new_id(STREAM),
            at=ctx.at(informed, 10),
        )
    for number, (held_on, police) in enumerate(meetings):
        ctx.writer.add(
            build(
                AllegationMeeting,
                allegation=allegation,
                kind=MeetingKind.STRATEGY if number == 0 else MeetingKind.REVIEW,
                held_on=held_on,
                police_involved=police,
                notes="Actions agreed; employer to risk assess." if number == 0 else "",
            ),
            id=ctx.new_id(STREAM),
            at=ctx.at(held_on, 15),
        )


def _referral(
    rng: np.random.Generator,
    informed: dt.date,
    end: dt.date,
    meetings: list[tuple[dt.date, bool]],
) -> dict[str, Any]:
    """The referral's dates, each after the last; ``meetings`` is filled in."""
    referral_on = min(_later(informed, rng, 0, 5), end)
    values: dict[str, Any] = {"stage": Stage.REFERRAL, "referral_on": referral_on}
    last = referral_on
    if rng.random() < 0.85:
        held = _later(referral_on, rng, 1, 10)
        if held > end:
            return values
        police = bool(rng.random() < 0.4)
        meetings.append((held, police))
        last = held
        if rng.random() < 0.3:
            review = _later(held, rng, 28, 56)
            if review <= end:
                meetings.append((review, police))
                last = review
    outcome_on = last + dt.timedelta(days=int(np.clip(rng.lognormal(np.log(45), 0.6), 7, 270)))
    if outcome_on > end:
        return values
    outcome = weighted(rng, OUTCOMES)
    values |= {"outcome": outcome, "outcome_on": outcome_on}
    referred_on = None
    chance = {"substantiated": 0.35, "unsubstantiated": 0.05}.get(outcome, 0.0)
    if rng.random() < chance:
        referred_on = _later(outcome_on, rng, 0, 21)
        if referred_on > end:
            return values
    values |= {"dbs_referral": referred_on is not None, "dbs_referred_on": referred_on}
    closed = _later(referred_on or outcome_on, rng, 0, 30)
    if closed <= end:
        values["closed_on"] = closed
    return values
