"""Everything held about one person, found from the models themselves.

No list of models is kept: every Safeguard model with a foreign key to ``people.Person``
is searched, so a model added later is included without a change here. From the
person the walk goes

1. **direct**: rows whose person field is the person (a CIN episode, a relationship);
2. **context**: rows those point to (the contact a "child on a contact" row belongs to,
   the household of a membership), and what those point to in turn;
3. **detail**: rows that point to anything found so far (an assessment of an episode,
   the attendance at a conference), recursively.

A row that names other people but not this person (a sibling's row on the same contact,
another household member) is not taken; the other person is noted on the row it hangs
from, for the redaction review. Reference data (staff, teams, users) and the audit log
are never walked into: they appear only as names.
"""

from __future__ import annotations

import dataclasses
import enum
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.db import models

from safeguard.governance.selectors.rendering import (
    FieldKind,
    HeldField,
    HeldRecord,
    LabelCache,
    RecordRef,
    capitalised,
    held_record,
    neutral_title,
)

PERSON_LABEL = "people.Person"
#: Apps holding reference data or the audit log: never part of a person's file.
REFERENCE_APPS = frozenset({"core", "workforce", "audit"})
#: Models that are not about a person (or are the governance process's own working).
NOT_ABOUT_PEOPLE = frozenset(
    {
        "access.User",
        "access.Role",
        "access.Capability",
        "access.Notification",
        "governance.SharingAgreement",
        "governance.SubjectAccessRequest",
        "governance.RedactionItem",
        "governance.RetentionRule",
        "governance.DestructionRequest",
        "governance.DestructionItem",
    }
)


class Scope(enum.Enum):
    """What the walk is for. A case file (for destruction) is everything; subject access
    leaves out the marks of what is withheld from the family (telling them an item
    exists would defeat withholding it) and access-control records, which are security
    records like the audit log (who opened the record is answered from the audit log's
    access report, not the export)."""

    CASE_FILE = "case_file"
    SUBJECT_ACCESS = "subject_access"


EXCLUDED_BY_SCOPE: dict[Scope, frozenset[str]] = {
    Scope.CASE_FILE: frozenset(),
    Scope.SUBJECT_ACCESS: frozenset(
        {
            "governance.WithheldItem",
            "access.RestrictedRecord",
            "access.AccessGrant",
            "access.BreakGlassAccess",
        }
    ),
}


def is_case_model(model: type[models.Model]) -> bool:
    meta = model._meta
    return (
        model.__module__.startswith("safeguard.")
        and not meta.abstract
        and meta.app_label not in REFERENCE_APPS
        and meta.label not in NOT_ABOUT_PEOPLE
    )


def case_models(scope: Scope = Scope.CASE_FILE) -> list[type[models.Model]]:
    excluded = EXCLUDED_BY_SCOPE[scope]
    return [m for m in apps.get_models() if is_case_model(m) and m._meta.label not in excluded]


def _is_fk(field: Any) -> bool:
    return bool(field.is_relation and field.concrete and (field.many_to_one or field.one_to_one))


def related_label(field: Any) -> str:
    """The label of the model a foreign key points to ("" for anything else)."""
    model = field.related_model
    if isinstance(model, type) and issubclass(model, models.Model):
        return str(model._meta.label)
    return ""


def person_fields(model: type[models.Model]) -> list[Any]:
    return [
        f for f in model._meta.concrete_fields if _is_fk(f) and related_label(f) == PERSON_LABEL
    ]


def _case_fks(model: type[models.Model], allowed: set[str]) -> list[Any]:
    return [
        f
        for f in model._meta.concrete_fields
        if _is_fk(f) and related_label(f) != PERSON_LABEL and related_label(f) in allowed
    ]


@dataclasses.dataclass
class Node:
    obj: models.Model
    relation: str
    parent: RecordRef | None


@dataclasses.dataclass
class Walk:
    """The rows found, in the order found, and other people noted against rows."""

    subject: Any
    nodes: dict[RecordRef, Node]
    others: dict[RecordRef, list[tuple[Any, str]]]

    def refs(self) -> list[RecordRef]:
        return list(self.nodes)


def _people_on(row: models.Model) -> list[Any]:
    return [getattr(row, f.attname) for f in person_fields(type(row)) if getattr(row, f.attname)]


def walk(person: Any, *, scope: Scope = Scope.CASE_FILE) -> Walk:
    """Find every row about ``person`` (see the module docstring for the three steps)."""
    models_in_scope = case_models(scope)
    allowed = {m._meta.label for m in models_in_scope}
    subject_ref = RecordRef.of(person)
    result = Walk(person, {subject_ref: Node(person, "subject", None)}, defaultdict(list))

    def note_others(on: RecordRef, row: models.Model) -> None:
        how = str(row._meta.verbose_name)
        for person_id in _people_on(row):
            result.others[on].append((person_id, how))

    direct: list[models.Model] = []
    for model in models_in_scope:
        if model._meta.label == PERSON_LABEL:
            continue
        for field in person_fields(model):
            for row in model._default_manager.filter(**{field.name: person}):
                ref = RecordRef.of(row)
                if ref not in result.nodes:
                    result.nodes[ref] = Node(row, "direct", subject_ref)
                    direct.append(row)

    frontier = direct
    while frontier:
        wanted: dict[type[models.Model], dict[Any, RecordRef]] = defaultdict(dict)
        for row in frontier:
            for field in _case_fks(type(row), allowed):
                target_id = getattr(row, field.attname)
                target_model = field.related_model
                if (
                    target_id is not None
                    and RecordRef(target_model._meta.label, str(target_id)) not in result.nodes
                ):
                    wanted[target_model].setdefault(target_id, RecordRef.of(row))
        frontier = []
        for model, ids in wanted.items():
            for target in model._default_manager.filter(pk__in=list(ids)):
                people = _people_on(target)
                if people and person.pk not in people:
                    note_others(ids[target.pk], target)
                    continue
                result.nodes[RecordRef.of(target)] = Node(target, "context", None)
                frontier.append(target)

    frontier = [n.obj for ref, n in result.nodes.items() if ref != subject_ref]
    while frontier:
        by_model: dict[type[models.Model], list[models.Model]] = defaultdict(list)
        for row in frontier:
            by_model[type(row)].append(row)
        frontier = []
        for model, rows in by_model.items():
            pks = [r.pk for r in rows]
            for rel in model._meta.related_objects:
                related = rel.related_model
                if not (rel.one_to_many or rel.one_to_one) or not isinstance(related, type):
                    continue
                if related._meta.label not in allowed or related._meta.label == PERSON_LABEL:
                    continue
                field = rel.field
                for row in related._default_manager.filter(**{f"{field.name}__in": pks}):
                    ref = RecordRef.of(row)
                    if ref in result.nodes:
                        continue
                    parent = RecordRef(model._meta.label, str(getattr(row, field.attname)))
                    people = _people_on(row)
                    if people and person.pk not in people:
                        note_others(parent, row)
                        continue
                    result.nodes[ref] = Node(row, "detail", parent)
                    frontier.append(row)
    return result


def held_records(found: Walk) -> list[HeldRecord]:
    """The walk as HeldRecords, with other people as their own fields, grouped by model."""
    labels = LabelCache(is_case_model)
    subject_id = found.subject.pk
    records = []
    for ref, node in found.nodes.items():
        extra = []
        seen: set[Any] = set()
        for person_id, how in found.others.get(ref, []):
            if person_id in seen or person_id == subject_id:
                continue
            seen.add(person_id)
            name = labels.label(apps.get_model(PERSON_LABEL), person_id)
            extra.append(
                HeldField(
                    f"other_person:{person_id}",
                    f"Other person on this record ({how})",
                    name,
                    name,
                    FieldKind.OTHER_PERSON,
                )
            )
        records.append(
            held_record(
                node.obj,
                subject_id=subject_id,
                labels=labels,
                parent=node.parent if node.relation == "detail" else None,
                relation=node.relation,
                extra=extra,
            )
        )
    order = {m._meta.label: i for i, m in enumerate(apps.get_models())}
    records.sort(
        key=lambda r: (
            0 if r.relation == "subject" else 1,
            order.get(r.ref.model_label, 999),
            r.title,
        )
    )
    return records


def records_about(person: Any) -> list[HeldRecord]:
    """Everything held about ``person`` for a subject access export (before filtering)."""
    return held_records(walk(person, scope=Scope.SUBJECT_ACCESS))


@dataclasses.dataclass(frozen=True)
class RecordChoice:
    ref: RecordRef
    group: str
    title: str

    @property
    def key(self) -> str:
        return f"{self.ref.model_label}|{self.ref.object_id}"


def record_choices(child: Any, *, exclude: Iterable[str] = ()) -> list[RecordChoice]:
    """The child's records someone can point to (what was shared, what is withheld)."""
    skip = {"people.Person", *exclude}
    found = walk(child)
    choices = [
        RecordChoice(
            ref, capitalised(str(node.obj._meta.verbose_name_plural)), neutral_title(node.obj)
        )
        for ref, node in found.nodes.items()
        if ref.model_label not in skip
    ]
    return sorted(choices, key=lambda c: (c.group, c.title))


def find_record(child: Any, model_label: str, object_id: str) -> models.Model | None:
    """The row if it is one of the child's records (so nobody can point elsewhere)."""
    ref = RecordRef(model_label, object_id)
    node = walk(child).nodes.get(ref)
    return node.obj if node is not None and node.relation != "subject" else None
