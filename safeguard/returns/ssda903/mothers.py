"""Header MOTHER and MC_DOB: whether a looked-after girl is a mother, from the family records.

Export. A girl is a mother when the records hold her as the parent of someone
(``people.Relationship``: person = her, relationship_type PARENT, related_to = her child);
an ended relationship counts, for a mother whose baby was adopted or placed apart from
her is still a mother. For each girl (SEX 2) in the year's Episodes:

- MOTHER 1, with MC_DOB the earliest date of birth of her children, when one was born by
  the end of her care in the year: 31 March, or the day her last episode ended if she
  left care in the year (625: the first child is born by the end of the year and by the
  day the mother ceased to be looked after). A child born after she left care is not
  counted this year; the return describes her time in care.
- MOTHER 0 otherwise, for a girl aged 12 or over on 31 March (165, 393) and for a girl
  of any age who left care in the year other than from short breaks (607).
- Blank for a girl under 12 still looked after, and always for a girl looked after only
  under short breaks (V3/V4: 399) or in the Header only as a care leaver of OC3, with no
  episode this year (628: "motherhood details are not required").

Boys and children of unknown sex are always blank (174: MC_DOB is for mothers).

Import. MOTHER 1 with MC_DOB records her first child when the records do not hold one
born that day: a person (kind child, born on MC_DOB, sex not recorded, first name "Baby"
and the mother's last name, a placeholder a worker replaces, and an LA identifier made
from the mother's: ``C123-B1``) and the PARENT relationship from the birth, with
parental responsibility. Importing again finds the child through the relationship and
changes nothing. The row is rejected (listed in the summary, the rest of the import
goes ahead) when MOTHER is 1 with MC_DOB blank (611: the child cannot be recorded
without a date of birth; the file does not say who the child is), when MC_DOB is before
the mother's own birth (621), and when the records already hold an earlier first child
(624: the first child's date of birth does not change). MOTHER 0 or blank changes
nothing: the return is not the record of a family, and a blank is "not asked".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from safeguard.core.calendar import age_on
from safeguard.people.models import Person, PersonKind, Relationship, RelationshipType
from safeguard.people.services import add_relationship, register_person
from safeguard.returns.ssda903 import selectors
from safeguard.returns.ssda903.cohorts import CareYear, Value, Year, ddmmyyyy
from safeguard.returns.ssda903.importing import Rejected, Row, Run

#: From this age on 31 March a girl in care is asked whether she is a mother (165, 393).
MOTHER_STATUS_AGE = 12
GIRL = "2"
BOY = "1"
#: The placeholder name of a child the import records from MC_DOB alone.
BABY_FIRST_NAME = "Baby"
#: Longest LA identifier the records hold (``Person.la_child_id``).
ID_LENGTH = 20

_BLANK: dict[str, Value] = {"MOTHER": None, "MC_DOB": None}


# --- export -------------------------------------------------------------------------------


def header_mothers(
    span: Year, people: Mapping[Any, Mapping[str, Any]], care: Mapping[Any, CareYear]
) -> dict[Any, dict[str, Value]]:
    """MOTHER and MC_DOB of every child of the Header (one query for the whole year)."""
    first_born = {
        r["person_id"]: r["first_born"] for r in selectors.first_children(span.start, span.end)
    }
    return {
        child: mother_values(span, person, care.get(child), first_born.get(child))
        for child, person in people.items()
    }


def mother_values(
    span: Year, person: Mapping[str, Any], year: CareYear | None, first_born: dt.date | None
) -> dict[str, Value]:
    """One child's MOTHER and MC_DOB (the module docstring gives the rules)."""
    if person["gender"] != GIRL or year is None or not year.full_care:
        return dict(_BLANK)
    end_of_care = min(span.end, year.left_on) if year.left_on is not None else span.end
    if first_born is not None and first_born <= end_of_care:
        return {"MOTHER": "1", "MC_DOB": ddmmyyyy(first_born)}
    dob: dt.date | None = person["date_of_birth"]
    asked = year.ceased or (dob is not None and age_on(dob, span.end) >= MOTHER_STATUS_AGE)
    return {"MOTHER": "0", "MC_DOB": None} if asked else dict(_BLANK)


# --- import -------------------------------------------------------------------------------


def import_mothers(run: Run) -> None:
    """Record the first child of each girl the Header says is a mother (module docstring)."""
    seen: set[str] = set()
    for row, person in run.table("Header"):
        if row["CHILD"] in seen:
            continue  # a repeated Header row: the first is used (``import_people``)
        seen.add(row["CHILD"])
        if row["MOTHER"] is not True:
            continue
        with run.row(row):
            _first_child(run, row, person)


def _first_child(run: Run, row: Row, mother: Person) -> None:
    born: dt.date | None = row["MC_DOB"]
    if born is None:
        raise Rejected(
            "MOTHER is 1 but MC_DOB is blank: her child cannot be recorded without a date "
            "of birth (611)"
        )
    if mother.gender == BOY:
        raise Rejected("MOTHER is 1 for a boy (SEX 1): MOTHER and MC_DOB are for girls (174)")
    if mother.date_of_birth is not None and born < mother.date_of_birth:
        raise Rejected(
            f"MC_DOB {born:%d/%m/%Y} is before the mother's own birth on "
            f"{mother.date_of_birth:%d/%m/%Y} (621)"
        )
    births = Relationship.objects.filter(
        person=mother, relationship_type=RelationshipType.PARENT
    ).values_list("related_to__date_of_birth", flat=True)
    held = sorted(d for d in births if d is not None)
    if born in held:
        run.count("unchanged", "parent relationship")
        return
    if held and held[0] < born:
        raise Rejected(
            f"MC_DOB is {born:%d/%m/%Y}, but the records hold her first child born on "
            f"{held[0]:%d/%m/%Y} (624)"
        )
    baby = register_person(
        kind=PersonKind.CHILD,
        la_child_id=baby_id(mother.la_child_id),
        first_name=BABY_FIRST_NAME,
        last_name=mother.last_name,
        date_of_birth=born,
    )
    add_relationship(
        person=mother,
        related_to=baby,
        relationship_type=RelationshipType.PARENT,
        has_parental_responsibility=True,
        started_on=born,
    )
    run.count("created", "person")
    run.count("created", "parent relationship")


def baby_id(mother_id: str) -> str:
    """An unused LA identifier made from the mother's: ``<mother>-B1`` (``-B2``... if taken),
    the mother's part shortened to keep within 20 characters."""
    number = 1
    while True:
        suffix = f"-B{number}"
        candidate = mother_id[: ID_LENGTH - len(suffix)] + suffix
        if not Person.objects.filter(la_child_id=candidate).exists():
            return candidate
        number += 1


__all__ = ["baby_id", "header_mothers", "import_mothers", "mother_values"]
