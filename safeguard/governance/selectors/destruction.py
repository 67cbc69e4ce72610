"""What destroying a record would delete, and what stops it.

For a child's record the unit is the case file: the person and everything found about
them (``records.walk``). Context rows they share with other people (a contact about
siblings, a household) are kept. Rows that depend on the file through a foreign key
and are not part of it are **blockers** when the key protects them (``PROTECT``,
``RESTRICT``) or would be deleted with it (``CASCADE``): nothing outside the record is
ever deleted or left dangling, and the reason is reported instead.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.db import models

from safeguard.governance.selectors.records import person_fields, walk
from safeguard.governance.selectors.rendering import RecordRef, capitalised

#: A dependent with one of these keys does not stop a deletion.
HARMLESS = frozenset({models.SET_NULL, models.SET_DEFAULT})
_ORDER = {"detail": 0, "direct": 1, "context": 2, "subject": 3}


@dataclasses.dataclass(frozen=True)
class Dependent:
    ref: RecordRef
    on_delete: Any


def _dependents(rows: Iterable[models.Model]) -> dict[RecordRef, list[Dependent]]:
    """For each row, the rows pointing at it through a foreign key (any model)."""
    by_model: dict[type[models.Model], list[Any]] = defaultdict(list)
    for row in rows:
        by_model[type(row)].append(row.pk)
    found: dict[RecordRef, list[Dependent]] = defaultdict(list)
    for model, pks in by_model.items():
        for rel in model._meta.related_objects:
            if rel.many_to_many or not isinstance(rel.related_model, type):
                continue
            related, field = rel.related_model, rel.field
            on_delete = field.remote_field.on_delete
            rows_found = related._base_manager.filter(**{f"{field.name}__in": pks}).values_list(
                "pk", field.attname
            )
            for pk, target in rows_found:
                found[RecordRef(model._meta.label, str(target))].append(
                    Dependent(RecordRef(related._meta.label, str(pk)), on_delete)
                )
    return found


@dataclasses.dataclass
class Plan:
    """Rows to delete (deepest first), and what blocks it (empty when it can go)."""

    rows: list[tuple[RecordRef, models.Model]]
    blockers: list[tuple[str, int]]
    kept: int

    @property
    def can_destroy(self) -> bool:
        return not self.blockers

    def blocker_text(self) -> str:
        return "; ".join(f"{count} {name}" for name, count in self.blockers)


def _load(refs: Iterable[RecordRef]) -> dict[RecordRef, models.Model]:
    by_model: dict[str, list[str]] = defaultdict(list)
    for ref in refs:
        by_model[ref.model_label].append(ref.object_id)
    out = {}
    for label, ids in by_model.items():
        for row in apps.get_model(label)._base_manager.filter(pk__in=ids):
            out[RecordRef.of(row)] = row
    return out


def destruction_plan(obj: models.Model, *, case_file: bool) -> Plan:
    """What destroying ``obj`` (or, for a person, their case file) would delete."""
    relation: dict[RecordRef, str] = {}
    parent: dict[RecordRef, RecordRef | None] = {}
    rows: dict[RecordRef, models.Model] = {}
    if case_file:
        for ref, node in walk(obj).nodes.items():
            rows[ref], relation[ref], parent[ref] = node.obj, node.relation, node.parent
    else:
        ref = RecordRef.of(obj)
        rows[ref], relation[ref], parent[ref] = obj, "subject", None
    dependents = _dependents(rows.values())
    kept = 0
    changed = True
    while changed:
        changed = False
        for ref in list(rows):
            rel = relation[ref]
            outside = [
                d
                for d in dependents.get(ref, [])
                if d.ref not in rows and d.on_delete not in HARMLESS
            ]
            orphaned = rel == "detail" and parent[ref] not in rows
            if (rel == "context" and outside) or orphaned:
                del rows[ref]
                kept += 1
                changed = True
    # Rows deleted with the record through CASCADE that are part of it (not someone else's).
    frontier = [r for ref, r in rows.items() if relation[ref] != "context"]
    while frontier:
        more = _dependents(frontier)
        dependents.update(more)
        cascaded = {
            d.ref
            for deps in more.values()
            for d in deps
            if d.on_delete is models.CASCADE and d.ref not in rows
        }
        new = _load(cascaded)
        for ref, row in new.items():
            if _is_someone_elses(row, obj if case_file else None):
                continue
            rows[ref], relation[ref], parent[ref] = row, "detail", None
        frontier = list(new.values())
    blockers: Counter[str] = Counter()
    for ref in rows:
        for dep in dependents.get(ref, []):
            if dep.ref not in rows and dep.on_delete not in HARMLESS:
                model = apps.get_model(dep.ref.model_label)
                blockers[capitalised(str(model._meta.verbose_name_plural))] += 1
    ordered = sorted(rows.items(), key=lambda item: _ORDER.get(relation[item[0]], 0))
    return Plan(ordered, sorted(blockers.items()), kept)


def _is_someone_elses(row: models.Model, person: models.Model | None) -> bool:
    if person is None:
        return False
    people = [getattr(row, f.attname) for f in person_fields(type(row)) if getattr(row, f.attname)]
    return bool(people) and person.pk not in people
