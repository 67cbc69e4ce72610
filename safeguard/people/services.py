"""Writes for persons, their demographics, relationships and households.

Every service is one transaction, takes keyword-only arguments, checks its invariants
before writing anything and raises ``ValidationError`` keyed by the field at fault, with
a message naming the rule and the values. The checks mirror the CIN census and SSDA903
validation so that a record we accept is one the returns will accept.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TypedDict, Unpack

from django.db import models, transaction

from safeguard.core import clock
from safeguard.core import validation as v
from safeguard.core.codes import codelist
from safeguard.people.identifiers import (
    nhs_number_problem,
    normalise_nhs_number,
    normalise_upn,
    upn_problem,
)
from safeguard.people.models import (
    Disability,
    Household,
    HouseholdMember,
    Person,
    PersonKind,
    Relationship,
    RelationshipType,
)

#: How far ahead an expected date of birth can be: a full-term pregnancy is 40 weeks.
LONGEST_PREGNANCY = dt.timedelta(weeks=40)
#: Relationship types that read the same both ways (Jo is sibling to Sam ⇔ Sam to Jo).
SYMMETRIC_RELATIONSHIPS = frozenset({RelationshipType.SIBLING, RelationshipType.HALF_SIBLING})
#: Relationship types that cannot hold both ways round (Jo parent to Sam and Sam to Jo).
ONE_WAY_RELATIONSHIPS = frozenset(
    {RelationshipType.PARENT, RelationshipType.STEP_PARENT, RelationshipType.GRANDPARENT}
)
NO_DISABILITY = "NONE"
#: Fields with their own shape checks (length included), normalised before checking.
IDENTIFIERS = frozenset({"upn", "former_upn", "nhs_number"})
_POSTCODE = re.compile(r"([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})")


class PersonDetails(TypedDict, total=False):
    """The details ``update_person_details`` may change; any left out stay as they are."""

    kind: str
    la_child_id: str
    upn: str
    former_upn: str
    upn_unknown_reason: str
    nhs_number: str
    first_name: str
    last_name: str
    other_names: str
    preferred_name: str
    date_of_birth: dt.date | None
    expected_date_of_birth: dt.date | None
    date_of_death: dt.date | None
    gender: str
    ethnicity: str
    first_language: str
    religion: str
    is_uasc: bool
    uasc_ceased_on: dt.date | None


# --- persons -----------------------------------------------------------------------------


@transaction.atomic
def register_person(
    *,
    la_child_id: str,
    first_name: str,
    last_name: str,
    kind: str = PersonKind.CHILD,
    date_of_birth: dt.date | None = None,
    expected_date_of_birth: dt.date | None = None,
    date_of_death: dt.date | None = None,
    gender: str = "0",
    ethnicity: str = "NOBT",
    upn: str = "",
    former_upn: str = "",
    upn_unknown_reason: str = "",
    nhs_number: str = "",
    other_names: str = "",
    preferred_name: str = "",
    first_language: str = "",
    religion: str = "",
    is_uasc: bool = False,
    uasc_ceased_on: dt.date | None = None,
) -> Person:
    """Register a child (born or unborn) or an adult.

    Identifiers are normalised (upper-case UPN, NHS number without spaces) and checked,
    so a mistyped one is caught now rather than when the CIN census fails. Call
    ``selectors.find_possible_duplicates`` first to warn about an existing record.
    """
    person = Person(
        kind=kind,
        la_child_id=la_child_id,
        first_name=first_name,
        last_name=last_name,
        date_of_birth=date_of_birth,
        expected_date_of_birth=expected_date_of_birth,
        date_of_death=date_of_death,
        gender=gender,
        ethnicity=ethnicity,
        upn=upn,
        former_upn=former_upn,
        upn_unknown_reason=upn_unknown_reason,
        nhs_number=nhs_number,
        other_names=other_names,
        preferred_name=preferred_name,
        first_language=first_language,
        religion=religion,
        is_uasc=is_uasc,
        uasc_ceased_on=uasc_ceased_on,
    )
    _check_person(person)
    person.save()
    return person


@transaction.atomic
def update_person_details(
    *, person: Person, expected_version: int, **changes: Unpack[PersonDetails]
) -> Person:
    """Change a person's details, refusing to overwrite a colleague's newer edit.

    ``expected_version`` is the version the user was editing; if someone has saved since,
    the save raises ``StaleRecordError`` (from ``BaseModel``) and nothing is written. The
    same checks as ``register_person`` apply to the result. Births and deaths have their
    own services (``record_birth``, ``record_death``) because they are events, not edits.
    """
    unknown = set(changes) - set(PersonDetails.__annotations__)
    if unknown:
        raise TypeError(f"update_person_details() cannot change {', '.join(sorted(unknown))}")
    current = Person.objects.select_for_update().get(pk=person.pk)
    for name, value in changes.items():
        setattr(current, name, value)
    _check_person(current)
    current.version = expected_version
    current.save()
    return current


@transaction.atomic
def record_birth(*, person: Person, date_of_birth: dt.date, gender: str | None = None) -> Person:
    """Record that an unborn child has been born: set the date of birth, clear the expected one.

    The CIN census holds either a date of birth or an expected date, never both (8525Q).
    ``gender`` replaces the "not recorded or unborn" code when given.
    """
    current = Person.objects.select_for_update().get(pk=person.pk)
    if current.date_of_birth is not None:
        raise v.fail(
            "date_of_birth",
            f"{current} is already recorded as born on {current.date_of_birth:%d/%m/%Y}.",
        )
    if current.expected_date_of_birth is None:
        raise v.fail(
            "date_of_birth",
            f"{current} is not recorded as unborn (no expected date of birth); "
            "correct their details instead.",
        )
    v.require(date_of_birth, field="date_of_birth", label="Date of birth")
    current.date_of_birth = date_of_birth
    current.expected_date_of_birth = None
    if gender is not None:
        current.gender = gender
    _check_person(current)
    current.save()
    return current


@transaction.atomic
def record_death(*, person: Person, date_of_death: dt.date) -> Person:
    """Record a person's death (CIN census PersonDeathDate).

    A date already recorded is not silently replaced: correcting it is an edit, made with
    ``update_person_details`` against the version the user saw.
    """
    current = Person.objects.select_for_update().get(pk=person.pk)
    if current.date_of_death is not None:
        raise v.fail(
            "date_of_death",
            f"{current}'s death is already recorded ({current.date_of_death:%d/%m/%Y}); "
            "correct it by editing their details.",
        )
    v.require(date_of_death, field="date_of_death", label="Date of death")
    current.date_of_death = date_of_death
    _check_person(current)
    current.save()
    return current


def _check_person(person: Person) -> None:
    """Normalise ``person`` in place and raise at the first broken invariant."""
    if person.kind not in PersonKind.values:
        allowed = ", ".join(f"{k.value} ({k.label})" for k in PersonKind)
        raise v.fail("kind", f"{person.kind!r} is not a kind of person; expected {allowed}.")
    person.upn = normalise_upn(person.upn)
    person.former_upn = normalise_upn(person.former_upn)
    person.nhs_number = normalise_nhs_number(person.nhs_number)
    _check_text_fields(person)
    _check_la_child_id(person)
    _check_identifiers(person)
    _check_dates(person)
    v.valid_code(person.gender, codelist_key="gender", field="gender")
    v.valid_code(person.ethnicity, codelist_key="ethnicity", field="ethnicity")


def _check_text_fields(person: Person) -> None:
    _strip_and_check_lengths(person, skip=IDENTIFIERS)
    v.require(person.first_name, field="first_name", label="First name")
    v.require(person.last_name, field="last_name", label="Last name")


def _check_la_child_id(person: Person) -> None:
    v.require(person.la_child_id, field="la_child_id", label="LA person identifier")
    taken = Person.objects.filter(la_child_id=person.la_child_id).exclude(pk=person.pk)
    if taken.exists():
        raise v.fail(
            "la_child_id",
            f"LA person identifier {person.la_child_id!r} is already used by another person; "
            "each person needs their own (CIN census 8510: LAchildID must be unique).",
        )


def _check_identifiers(person: Person) -> None:
    for field, label in (("upn", "UPN"), ("former_upn", "Former UPN")):
        value = getattr(person, field)
        problem = upn_problem(value) if value else None
        if problem is not None:
            raise v.fail(field, f"{label} {value!r} is not valid: {problem}")
    v.valid_code(
        person.upn_unknown_reason,
        codelist_key="upn_unknown",
        field="upn_unknown_reason",
        required=False,
    )
    if person.upn and person.upn_unknown_reason:
        raise v.fail(
            "upn_unknown_reason",
            f"A reason the UPN is unknown ({person.upn_unknown_reason}) cannot be given with "
            f"a UPN ({person.upn}); give one or the other.",
        )
    problem = nhs_number_problem(person.nhs_number) if person.nhs_number else None
    if problem is not None:
        raise v.fail("nhs_number", f"NHS number {person.nhs_number!r} is not valid: {problem}")


def _check_dates(person: Person) -> None:
    born, expected, died = person.date_of_birth, person.expected_date_of_birth, person.date_of_death
    v.not_in_future(born, field="date_of_birth", label="Date of birth")
    if expected is not None:
        if born is not None:
            raise v.fail(
                "expected_date_of_birth",
                f"A child has a date of birth ({born:%d/%m/%Y}) or, while unborn, an expected "
                f"date of birth ({expected:%d/%m/%Y}), not both (CIN census 8525Q); record "
                "the birth instead.",
            )
        if person.kind != PersonKind.CHILD:
            raise v.fail("kind", "Only a child can be unborn (have an expected date of birth).")
        latest = clock.today() + LONGEST_PREGNANCY
        if expected > latest:
            raise v.fail(
                "expected_date_of_birth",
                f"Expected date of birth ({expected:%d/%m/%Y}) is more than 40 weeks away "
                f"(after {latest:%d/%m/%Y}).",
            )
        for field, label in (("upn", "UPN"), ("nhs_number", "NHS number")):
            if getattr(person, field):
                raise v.fail(field, f"An unborn child cannot have a {label} yet.")
    elif born is None and person.kind == PersonKind.CHILD:
        raise v.fail(
            "date_of_birth",
            "A child needs a date of birth, or an expected date of birth if unborn "
            "(CIN census 8525Q).",
        )
    v.not_in_future(died, field="date_of_death", label="Date of death")
    v.not_before(
        died, born, field="date_of_death", label="Date of death", earliest_label="the date of birth"
    )
    if person.uasc_ceased_on is not None:
        if not person.is_uasc:
            raise v.fail(
                "uasc_ceased_on",
                "A date UASC status ceased needs the person recorded as an unaccompanied "
                "asylum-seeking child.",
            )
        v.not_in_future(person.uasc_ceased_on, field="uasc_ceased_on", label="Date UASC ceased")
        v.not_before(
            person.uasc_ceased_on,
            born,
            field="uasc_ceased_on",
            label="Date UASC ceased",
            earliest_label="the date of birth",
        )


# --- disabilities ------------------------------------------------------------------------


@transaction.atomic
def set_disabilities(*, person: Person, codes: Iterable[str]) -> list[Disability]:
    """Replace the person's DfE disability codes with ``codes`` (CIN census Disabilities).

    An empty set means none recorded. "NONE" (no disability) cannot sit with another code
    (CIN census 8790); a repeated code is recorded once (8794). Rows for codes kept are
    left alone, so their history (who recorded them, when) survives.
    """
    wanted: list[str] = []
    for raw in codes:
        code = raw.strip().upper()
        v.valid_code(code, codelist_key="disability", field="disabilities")
        if code not in wanted:
            wanted.append(code)
    if NO_DISABILITY in wanted and len(wanted) > 1:
        others = ", ".join(code for code in wanted if code != NO_DISABILITY)
        raise v.fail(
            "disabilities",
            f"'NONE' (no disability) cannot be recorded with other disabilities ({others}) "
            "(CIN census 8790).",
        )
    _lock(person)
    Disability.objects.filter(person=person).exclude(code__in=wanted).delete()
    existing = set(Disability.objects.filter(person=person).values_list("code", flat=True))
    for code in wanted:
        if code not in existing:
            Disability.objects.create(person=person, code=code)
    order = list(codelist("disability"))
    return sorted(Disability.objects.filter(person=person), key=lambda d: order.index(d.code))


# --- relationships -----------------------------------------------------------------------


@transaction.atomic
def add_relationship(
    *,
    person: Person,
    related_to: Person,
    relationship_type: str,
    has_parental_responsibility: bool = False,
    started_on: dt.date | None = None,
) -> Relationship:
    """Record that ``person`` is ``relationship_type`` to ``related_to``.

    The direction matters: Jo (person) is parent to Sam (related_to). The reverse (Sam is
    child of Jo) is implied and not stored, so a family is not written twice and cannot
    disagree with itself. Sibling relationships read the same both ways, so either
    direction counts as already recorded.
    """
    if person.pk == related_to.pk:
        raise v.fail("related_to", f"{person} cannot be recorded as related to themselves.")
    if relationship_type not in RelationshipType.values:
        allowed = ", ".join(f"{t.value} ({t.label})" for t in RelationshipType)
        raise v.fail(
            "relationship_type",
            f"{relationship_type!r} is not a relationship type; expected one of {allowed}.",
        )
    v.not_in_future(started_on, field="started_on", label="Relationship start date")
    _lock(person, related_to)
    label = RelationshipType(relationship_type).label.lower()
    active = Relationship.objects.filter(ended_on__isnull=True)
    same_way = active.filter(
        person=person, related_to=related_to, relationship_type=relationship_type
    )
    other_way = active.filter(
        person=related_to, related_to=person, relationship_type=relationship_type
    )
    if same_way.exists() or (relationship_type in SYMMETRIC_RELATIONSHIPS and other_way.exists()):
        raise v.fail(
            "relationship_type",
            f"{person} is already recorded as {label} to {related_to}; end that relationship "
            "before recording it again.",
        )
    if relationship_type in ONE_WAY_RELATIONSHIPS and other_way.exists():
        raise v.fail(
            "relationship_type",
            f"{related_to} is recorded as {label} to {person}, so {person} cannot also be "
            f"{label} to {related_to}.",
        )
    return Relationship.objects.create(
        person=person,
        related_to=related_to,
        relationship_type=relationship_type,
        has_parental_responsibility=has_parental_responsibility,
        started_on=started_on,
    )


@transaction.atomic
def end_relationship(*, relationship: Relationship, ended_on: dt.date) -> Relationship:
    """End a relationship (a partner leaves, a foster placement ends); the row is kept."""
    current = Relationship.objects.select_for_update().get(pk=relationship.pk)
    if current.ended_on is not None:
        raise v.fail("ended_on", f"This relationship already ended on {current.ended_on:%d/%m/%Y}.")
    v.require(ended_on, field="ended_on", label="Relationship end date")
    v.not_in_future(ended_on, field="ended_on", label="Relationship end date")
    v.not_before(
        ended_on,
        current.started_on,
        field="ended_on",
        label="Relationship end date",
        earliest_label="its start date",
    )
    current.ended_on = ended_on
    current.save()
    return current


# --- households --------------------------------------------------------------------------


@transaction.atomic
def create_household(
    *,
    address_line_1: str,
    postcode: str,
    address_line_2: str = "",
    town: str = "",
    locality: str = "",
) -> Household:
    """Create a household (an address people live at); the postcode is checked and tidied.

    Postcodes drive placement distance, in/out of area and hotspot maps, so a malformed
    one is refused rather than stored.
    """
    household = Household(
        address_line_1=address_line_1,
        address_line_2=address_line_2,
        town=town,
        locality=locality,
        postcode=normalise_postcode(postcode),
    )
    _strip_and_check_lengths(household, skip=frozenset({"postcode"}))
    v.require(household.address_line_1, field="address_line_1", label="First line of address")
    v.require(household.postcode, field="postcode", label="Postcode")
    if not _POSTCODE.fullmatch(household.postcode):
        raise v.fail(
            "postcode", f"{postcode.strip()!r} is not a UK postcode (for example SW1A 1AA)."
        )
    household.save()
    return household


def normalise_postcode(postcode: str) -> str:
    """Upper-case with one space before the inward code: "sw1a1aa" → "SW1A 1AA"."""
    compact = re.sub(r"\s+", "", postcode).upper()
    match = _POSTCODE.fullmatch(compact)
    return f"{match.group(1)} {match.group(2)}" if match else compact


@transaction.atomic
def move_into_household(
    *, person: Person, household: Household, moved_in_on: dt.date
) -> HouseholdMember:
    """Record that ``person`` moved into ``household`` on ``moved_in_on``.

    A person lives in one household at a time. Moving in ends their current household
    membership the day before (moved out on ``moved_in_on`` minus 1 day: the last night
    there), so the history has no gap and no overlap. A move that would overlap earlier
    history (on or before the current move-in date, or inside a closed membership) is
    refused rather than rewriting that history.
    """
    v.require(moved_in_on, field="moved_in_on", label="Move-in date")
    v.not_in_future(moved_in_on, field="moved_in_on", label="Move-in date")
    v.not_before(
        moved_in_on,
        person.date_of_birth,
        field="moved_in_on",
        label="Move-in date",
        earliest_label="the date of birth",
    )
    _lock(person)
    memberships = HouseholdMember.objects.select_related("household").filter(person=person)
    current = memberships.filter(moved_out_on__isnull=True).first()
    if current is not None and current.household_id == household.pk:
        since = f" since {current.moved_in_on:%d/%m/%Y}" if current.moved_in_on else ""
        raise v.fail("household", f"{person} already lives at {household}{since}.")
    clash = (
        (
            memberships.filter(moved_in_on__gte=moved_in_on)
            | memberships.filter(moved_out_on__gte=moved_in_on)
        )
        .order_by("moved_in_on")
        .first()
    )
    if clash is not None:
        raise v.fail(
            "moved_in_on",
            f"Move-in date ({moved_in_on:%d/%m/%Y}) overlaps {person}'s time at "
            f"{clash.household} ({_period(clash)}); household memberships cannot overlap.",
        )
    if current is not None:
        current.moved_out_on = moved_in_on - dt.timedelta(days=1)
        current.save()
    return HouseholdMember.objects.create(
        household=household, person=person, moved_in_on=moved_in_on
    )


@transaction.atomic
def move_out_of_household(*, person: Person, moved_out_on: dt.date) -> HouseholdMember:
    """Record that ``person`` left their current household (``moved_out_on``: last night there)."""
    _lock(person)
    current = (
        HouseholdMember.objects.select_related("household")
        .filter(person=person, moved_out_on__isnull=True)
        .first()
    )
    if current is None:
        raise v.fail("moved_out_on", f"{person} has no current household to move out of.")
    v.require(moved_out_on, field="moved_out_on", label="Move-out date")
    v.not_in_future(moved_out_on, field="moved_out_on", label="Move-out date")
    v.not_before(
        moved_out_on,
        current.moved_in_on,
        field="moved_out_on",
        label="Move-out date",
        earliest_label=f"the date they moved into {current.household}",
    )
    current.moved_out_on = moved_out_on
    current.save()
    return current


def _period(membership: HouseholdMember) -> str:
    start = f"{membership.moved_in_on:%d/%m/%Y}" if membership.moved_in_on else "an unknown date"
    end = f"{membership.moved_out_on:%d/%m/%Y}" if membership.moved_out_on else "now"
    return f"{start} to {end}"


def _strip_and_check_lengths(instance: models.Model, *, skip: frozenset[str]) -> None:
    """Strip free-text fields and refuse one longer than its column, naming the field."""
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.CharField) or field.choices or field.name in skip:
            continue
        value = getattr(instance, field.attname)
        if not isinstance(value, str):
            continue
        value = value.strip()
        setattr(instance, field.attname, value)
        if field.max_length is not None and len(value) > field.max_length:
            raise v.fail(
                field.name,
                f"{str(field.verbose_name).capitalize()} is at most {field.max_length} "
                f"characters ({len(value)} given).",
            )


def _lock(*people: Person) -> None:
    """Lock the people's rows (in key order) so concurrent writes about them queue up."""
    list(Person.objects.select_for_update().filter(pk__in=[p.pk for p in people]).order_by("pk"))
