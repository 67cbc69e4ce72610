"""What the SSDA903 import steps share: the rows, the people, the counts, the refusals.

Each step compares a file's row with the record it maps to (matched by the child and the
row's own date: DECOM, REVIEW, MIS_START, SW_DECOM, DATE_PLACED...) and creates it,
updates it or leaves it, counting which. A blank in the file never clears what the
records know: an SSDA903 file blanks an end date that falls after its 31 March, and
blanks answers outside a child's age, so a blank is "not told", not "none".
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from safeguard.core import clock
from safeguard.people.models import Person
from safeguard.returns.importing import ImportSummary, Rejection, ReturnFileError
from safeguard.returns.ssda903.cohorts import Year
from safeguard.returns.tables import ROW, SSDA903_FILES

Row = dict[str, Any]


class Rejected(Exception):
    """One row (or child) the records cannot take: reported, the rest imported."""


@dataclass
class Run:
    """One import: the year, the typed rows of each table and what has happened so far."""

    span: Year
    rows: Mapping[str, list[Row]]
    summary: ImportSummary = field(default_factory=ImportSummary)
    people: dict[str, Person] = field(default_factory=dict)
    rejected_children: set[str] = field(default_factory=set)

    @property
    def label(self) -> str:
        year = self.span.end.year
        return f"SSDA903 {year - 1}-{year % 100:02d}"

    @property
    def note(self) -> str:
        return f"Imported from the {self.label} return."

    def latest_day(self, day: dt.date) -> dt.date:
        """A day the return implies but does not give, never after today."""
        return min(day, clock.today())

    def table(self, name: str) -> Iterator[tuple[Row, Person]]:
        """The rows of a table whose child was accepted, with the person."""
        for row in self.rows.get(name, []):
            person = self.people.get(row["CHILD"])
            if person is not None:
                yield row, person

    def by_child(self, name: str) -> dict[Person, list[Row]]:
        grouped: dict[Person, list[Row]] = defaultdict(list)
        for row, person in self.table(name):
            grouped[person].append(row)
        return grouped

    def reject(self, child: str, reason: str, line: int | None = None) -> None:
        self.summary.rejected.append(Rejection(child=child, reason=reason, line=line))

    def reject_child(self, child: str, reason: str, line: int | None = None) -> None:
        """Drop the child from the rest of the import (their other rows are not loaded)."""
        self.reject(child, reason, line)
        self.rejected_children.add(child)
        self.people.pop(child, None)

    def count(self, outcome: str, record: str) -> None:
        self.summary.count(outcome, record)

    def save(self, record: str, instance: models.Model, values: Mapping[str, Any]) -> None:
        """Create ``instance`` with ``values``, or update the fields that differ."""
        if instance._state.adding:
            for name, value in values.items():
                setattr(instance, name, value)
            instance.save()
            self.count("created", record)
            return
        changed = [n for n, v in values.items() if getattr(instance, n) != v]
        if not changed:
            self.count("unchanged", record)
            return
        for name in changed:
            setattr(instance, name, values[name])
        instance.save(update_fields=changed)
        self.count("updated", record)

    @contextmanager
    def row(self, row: Row) -> Iterator[None]:
        """Load one row in a savepoint: a row the records refuse is rejected alone."""
        try:
            with transaction.atomic():
                yield
        except Rejected as refusal:
            self.reject(row["CHILD"], str(refusal), row[ROW])
        except (IntegrityError, ValidationError) as error:
            self.reject(row["CHILD"], _sentence(error), row[ROW])


def need(table: str, row: Row, column: str) -> Any:
    """A value the DfE requires and the import cannot do without."""
    value = row[column]
    if value is None:
        raise ReturnFileError(
            SSDA903_FILES[table],
            "this column cannot be blank",
            line=row[ROW],
            field_name=column,
        )
    return value


def kept_end(file_end: dt.date | None, held_end: dt.date | None, span: Year) -> dt.date | None:
    """The end to record: the file's, unless it is blank only because it is after 31 March."""
    if file_end is None and held_end is not None and held_end > span.end:
        return held_end
    return file_end


def told(file_value: Any, held: Any) -> Any:
    """The file's value, or what the records hold when the file leaves it blank."""
    return held if file_value is None else file_value


def covering(spans: Iterable[Any], day: dt.date) -> Any | None:
    """The span (``started_on``/``ended_on``) that holds ``day``, latest start first."""
    found = [s for s in spans if s.started_on <= day and (s.ended_on is None or s.ended_on >= day)]
    return max(found, key=lambda s: s.started_on) if found else None


def _sentence(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return f"the records refuse it ({error})"
