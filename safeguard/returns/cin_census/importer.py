"""`safeguard import cin-census FILE`: load another system's CIN census into the records.

Children are matched by LA child id; a new child is registered, a known one has its
identifiers and characteristics brought up to the file's (through the people services,
which check UPNs, dates and codes). Episodes and what is under them are written by
``case_records``. The whole file is one transaction: a ``ReturnFileError`` anywhere (a
value the records cannot hold) leaves nothing behind. Each child is also a savepoint, so
a child the records cannot take (say, held with another date of birth) is rejected and
listed, and the rest is imported. Importing the same file again changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from safeguard.people import services as people
from safeguard.people.models import Person, PersonKind
from safeguard.returns.cin_census.case_records import EpisodeImport
from safeguard.returns.cin_census.held import BATCH, Held, load_held
from safeguard.returns.cin_census.import_rows import (
    ChildRejected,
    ChildRows,
    Counts,
    group_child_rows,
)
from safeguard.returns.cin_census.reader import read_cin_census
from safeguard.returns.cin_census.values import RowValues
from safeguard.returns.importing import ImportSummary, Rejection

#: The census holds no names; a child first known from a file is registered under these
#: until someone who knows the child records the names.
FIRST_NAME_NOT_KNOWN = "Not known"
LAST_NAME_NOT_KNOWN = "Not known (imported from the CIN census)"


def _details(v: RowValues) -> dict[str, Any]:
    """The person's census details from the ChildIdentifiers and ChildCharacteristics rows."""
    return {
        "upn": v.text("UPN").upper(),
        "former_upn": v.text("FormerUPN").upper(),
        "upn_unknown_reason": v.code("UPNunknown"),
        "date_of_birth": v.date("PersonBirthDate"),
        "expected_date_of_birth": v.date("ExpectedPersonBirthDate"),
        "gender": v.code("GenderCurrent", required=True),
        "date_of_death": v.date("PersonDeathDate"),
    }


def _changes(person: Person, wanted: dict[str, Any], line: int | None) -> dict[str, Any]:
    """What to change on a child already held; a different date of birth is refused."""
    held_birth = person.date_of_birth
    if held_birth is not None:
        born = wanted["date_of_birth"]
        if born is not None and born != held_birth:
            raise ChildRejected(
                f"already held with date of birth {held_birth}, the file says {born}", line
            )
        # A file that still has the child unborn is older than the records: keep the birth.
        wanted["date_of_birth"] = held_birth
        wanted["expected_date_of_birth"] = None
    if wanted["date_of_death"] is None:
        wanted["date_of_death"] = person.date_of_death  # a death is never undone by a file
    return {k: v for k, v in wanted.items() if getattr(person, k) != v}


class _CensusImport:
    def __init__(self, path: Path) -> None:
        self.file = str(path)
        self.data = read_cin_census(path)
        self.summary = ImportSummary()

    def run(self) -> None:
        tables = self.data.tables
        rows = group_child_rows(tables)
        characteristics = {
            str(r["LAchildID"]): r for r in tables["ChildCharacteristics"].to_dicts()
        }
        disabilities: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        for row in tables["Disabilities"].to_dicts():
            disabilities[str(row["LAchildID"])].append(row)
        listed = tables["ChildIdentifiers"].to_dicts()
        seen: set[str] = set()
        for first in range(0, len(listed), BATCH):
            batch = listed[first : first + BATCH]
            held = load_held(str(r["LAchildID"]) for r in batch)
            for identifiers in batch:
                child = str(identifiers["LAchildID"])
                if child in seen:
                    self.reject(child, "the child appears twice in the file", identifiers["_row"])
                    continue
                seen.add(child)
                self.child(
                    identifiers,
                    characteristics.get(child, {"LAchildID": child}),
                    disabilities.get(child, []),
                    rows[child],
                    held,
                )

    def child(
        self,
        identifiers: Mapping[str, Any],
        characteristics: Mapping[str, Any],
        disabilities: list[Mapping[str, Any]],
        rows: ChildRows,
        held: Held,
    ) -> None:
        child = str(identifiers["LAchildID"])
        counts = Counts()
        try:
            with transaction.atomic():  # a savepoint: a rejected child leaves no trace
                person = self.person(held.people.get(child), identifiers, characteristics, counts)
                self.disabilities(person, disabilities, held.disabilities[person.pk], counts)
                EpisodeImport(self.file, person, rows, counts, held).run()
        except ChildRejected as rejected:
            self.reject(child, rejected.reason, rejected.line or identifiers.get("_row"))
            return
        except ValidationError as error:
            self.reject(child, "; ".join(error.messages), identifiers.get("_row"))
            return
        except IntegrityError as error:
            self.reject(child, f"the records cannot take it ({error})", identifiers.get("_row"))
            return
        for outcome, record in counts.outcomes:
            self.summary.count(outcome, record)

    def reject(self, child: str, reason: str, line: Any) -> None:
        self.summary.rejected.append(
            Rejection(child=child, reason=reason, line=int(line) if line else None)
        )

    def person(
        self,
        person: Person | None,
        identifiers: Mapping[str, Any],
        characteristics: Mapping[str, Any],
        counts: Counts,
    ) -> Person:
        v = RowValues(self.file, identifiers)
        wanted = _details(v)
        wanted["ethnicity"] = RowValues(self.file, characteristics).code("Ethnicity", required=True)
        if person is None:
            created = people.register_person(
                la_child_id=str(identifiers["LAchildID"]),
                first_name=FIRST_NAME_NOT_KNOWN,
                last_name=LAST_NAME_NOT_KNOWN,
                kind=PersonKind.CHILD,
                **wanted,
            )
            counts.note("created", "children")
            return created
        if person.kind != PersonKind.CHILD:
            raise ChildRejected("the LA child id belongs to an adult in the records", v.line)
        changes = _changes(person, wanted, v.line)
        if not changes:
            counts.note("unchanged", "children")
            return person
        counts.note("updated", "children")
        return people.update_person_details(
            person=person, expected_version=person.version, **changes
        )

    def disabilities(
        self, person: Person, rows: list[Mapping[str, Any]], held: set[str], counts: Counts
    ) -> None:
        codes = {RowValues(self.file, r).code("Disability", required=True) for r in rows}
        if codes == held:
            if codes:
                counts.note("unchanged", "disabilities")
            return
        people.set_disabilities(person=person, codes=sorted(codes))
        counts.note("created" if not held else "updated", "disabilities")


def import_cin_census(path: Path) -> ImportSummary:
    """Import the census file at ``path``; the summary says what was created or changed."""
    with transaction.atomic():
        work = _CensusImport(path)
        work.run()
    return work.summary
