"""Reads for persons, households, relationships and possible duplicate records."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.db import models

from safeguard.people.identifiers import normalise_nhs_number, normalise_upn
from safeguard.people.matching import names_alike
from safeguard.people.models import Household, HouseholdMember, Person, Relationship

#: Most candidates ``find_possible_duplicates`` returns: a warning, not a search page.
DUPLICATE_LIMIT = 20


def current_household(person: Person) -> Household | None:
    """The household the person lives in now (their open membership), if any."""
    membership = (
        HouseholdMember.objects.select_related("household")
        .filter(person=person, moved_out_on__isnull=True)
        .first()
    )
    return membership.household if membership else None


def household_members(
    household: Household, *, on: dt.date | None = None
) -> models.QuerySet[HouseholdMember]:
    """Who lived at the household on a date (move-in and move-out days inclusive).

    Without a date, the current members. Used to find the children in a household when a
    domestic abuse notification names an address.
    """
    members = HouseholdMember.objects.filter(household=household).select_related("person")
    if on is None:
        return members.filter(moved_out_on__isnull=True)
    return members.filter(
        models.Q(moved_in_on__isnull=True) | models.Q(moved_in_on__lte=on),
        models.Q(moved_out_on__isnull=True) | models.Q(moved_out_on__gte=on),
    )


def relationships_of(person: Person, *, active_only: bool = True) -> models.QuerySet[Relationship]:
    """Relationships recorded in either direction (Jo parent to Sam appears for both)."""
    relationships = Relationship.objects.filter(
        models.Q(person=person) | models.Q(related_to=person)
    ).select_related("person", "related_to")
    if active_only:
        relationships = relationships.filter(ended_on__isnull=True)
    return relationships.order_by("relationship_type", "started_on")


@dataclass(frozen=True)
class PossibleDuplicate:
    """An existing person who may be the one being registered, and why we think so."""

    person: Person
    reasons: tuple[str, ...]
    #: Higher is stronger: a shared identifier outranks a similar name.
    strength: int


def find_possible_duplicates(
    first_name: str,
    last_name: str,
    date_of_birth: dt.date | None,
    *,
    upn: str = "",
    nhs_number: str = "",
    exclude: Person | None = None,
) -> list[PossibleDuplicate]:
    """Existing people who may be the person described, strongest match first.

    Matches are: the same UPN (or former UPN) or NHS number; or the same date of birth (or
    the same with day and month swapped, a common slip) with names alike despite spelling
    (see ``matching.names_alike``: accents, hyphens, a transposed letter, Soundex), first
    and last name either way round; or the same date of birth and first name with a
    different surname, because children's surnames change. The same date of birth and
    surname alone is not a match: that is what twins look like.
    """
    found: dict[object, PossibleDuplicate] = {}

    def add(person: Person, reason: str, strength: int) -> None:
        if exclude is not None and person.pk == exclude.pk:
            return
        earlier = found.get(person.pk)
        if earlier is None:
            found[person.pk] = PossibleDuplicate(person, (reason,), strength)
        elif reason not in earlier.reasons:
            found[person.pk] = PossibleDuplicate(
                person, (*earlier.reasons, reason), max(earlier.strength, strength)
            )

    upn = normalise_upn(upn)
    if upn:
        for person in Person.objects.filter(models.Q(upn=upn) | models.Q(former_upn=upn)):
            add(person, f"same UPN ({upn})", 3)
    nhs_number = normalise_nhs_number(nhs_number)
    if nhs_number:
        for person in Person.objects.filter(nhs_number=nhs_number):
            add(person, f"same NHS number ({nhs_number})", 3)

    if date_of_birth is not None:
        for person in Person.objects.filter(date_of_birth__in=_birth_dates(date_of_birth)):
            same_day = person.date_of_birth == date_of_birth
            when = "same date of birth" if same_day else "date of birth with day and month swapped"
            first_alike = names_alike(first_name, person.first_name) or names_alike(
                first_name, person.preferred_name
            )
            last_alike = names_alike(last_name, person.last_name)
            swapped = names_alike(first_name, person.last_name) and names_alike(
                last_name, person.first_name
            )
            if first_alike and last_alike:
                add(person, f"similar name and {when}", 2 if same_day else 1)
            elif swapped:
                add(person, f"first and last names swapped, {when}", 2 if same_day else 1)
            elif first_alike and same_day:
                add(person, "similar first name and same date of birth, different surname", 1)

    ranked = sorted(
        found.values(),
        key=lambda match: (-match.strength, match.person.last_name, match.person.first_name),
    )
    return ranked[:DUPLICATE_LIMIT]


def _birth_dates(date_of_birth: dt.date) -> list[dt.date]:
    dates = [date_of_birth]
    if date_of_birth.day <= 12 and date_of_birth.day != date_of_birth.month:
        dates.append(date_of_birth.replace(month=date_of_birth.day, day=date_of_birth.month))
    return dates


def suggest_la_child_id() -> str:
    """A free LA person identifier to offer on the new-person form ("N" and 8 digits).

    Only a suggestion: the user may type the authority's own, and ``register_person``
    refuses one already used, so two people saving at once cannot share it.
    """
    while True:
        candidate = f"N{secrets.randbelow(10**8):08d}"
        if not Person.objects.filter(la_child_id=candidate).exists():
            return candidate
