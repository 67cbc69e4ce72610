"""Reads for subject access: what would be released, and what needs a redaction decision.

What is released is everything held about the person (``records.records_about``) passed
through the family filter (withheld items never go out), then with each field a
reviewer decided to redact replaced by ``[REDACTED]``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from safeguard.governance.models import (
    RedactionDecision,
    RedactionItem,
    SubjectAccessRequest,
)
from safeguard.governance.selectors.family import for_family, withheld_for_family
from safeguard.governance.selectors.records import Scope, held_records, person_fields, walk
from safeguard.governance.selectors.rendering import (
    THIRD_PARTY_KINDS,
    FieldKind,
    HeldField,
    HeldRecord,
)

REDACTED = "[REDACTED]"
EXCERPT_LENGTH = 300

REASONS: dict[FieldKind, str] = {
    FieldKind.TEXT: "Free text: may name, or be about, other people",
    FieldKind.NAME: "A name typed in (for example a referrer, attendee or carer)",
    FieldKind.PERSON: "Names another person",
    FieldKind.OTHER_PERSON: "Another person on the same record (for example another child "
    "on the contact, or a household member)",
}

FlagKey = tuple[str, str, str, str]


def value_hash(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


@dataclasses.dataclass(frozen=True)
class Flag:
    """A field that may be another person's information."""

    record: HeldRecord
    field: HeldField
    reason: str

    @property
    def key(self) -> FlagKey:
        ref = self.record.ref
        return (ref.model_label, ref.object_id, self.field.name, value_hash(self.field.value))


def third_party_flags(records: Iterable[HeldRecord]) -> list[Flag]:
    return [
        Flag(record, field, REASONS[field.kind])
        for record in records
        for field in record.fields
        if field.kind in THIRD_PARTY_KINDS and not field.is_empty
    ]


def releasable_records(person: Any) -> list[HeldRecord]:
    """Everything held about ``person``, less anything withheld from the family."""
    found = walk(person, scope=Scope.SUBJECT_ACCESS)
    linked: set[Any] = {person.pk}
    for node in found.nodes.values():
        for field in person_fields(type(node.obj)):
            value = getattr(node.obj, field.attname)
            if value is not None:
                linked.add(value)
    for others in found.others.values():
        linked.update(person_id for person_id, _ in others)
    return for_family(held_records(found), withheld_for_family(linked))


def item_key(item: RedactionItem) -> FlagKey:
    return (item.model_label, item.object_id, item.field_name, item.value_hash)


def decisions_for(request: SubjectAccessRequest) -> dict[FlagKey, RedactionItem]:
    return {item_key(item): item for item in request.redaction_items.all()}


def undecided(flags: Iterable[Flag], decisions: dict[FlagKey, RedactionItem]) -> list[Flag]:
    return [
        f
        for f in flags
        if f.key not in decisions or decisions[f.key].decision == RedactionDecision.PENDING
    ]


def apply_redactions(
    records: Iterable[HeldRecord], decisions: dict[FlagKey, RedactionItem]
) -> tuple[list[HeldRecord], int]:
    """Records with every field decided "redact" replaced by ``[REDACTED]``."""
    out, redacted = [], 0
    for record in records:
        fields = []
        for field in record.fields:
            key = (
                record.ref.model_label,
                record.ref.object_id,
                field.name,
                value_hash(field.value),
            )
            item = decisions.get(key)
            if item is not None and item.decision == RedactionDecision.REDACT:
                field = dataclasses.replace(field, value=REDACTED, data=REDACTED)
                redacted += 1
            fields.append(field)
        out.append(dataclasses.replace(record, fields=tuple(fields)))
    return out, redacted


@dataclasses.dataclass(frozen=True)
class SubjectAccessPackage:
    """What is released for a request, ready to write as PDF or ZIP."""

    request: SubjectAccessRequest
    records: list[HeldRecord]
    redacted_count: int
    generated_at: dt.datetime
    generated_by: str

    @property
    def row_count(self) -> int:
        return len(self.records)

    def groups(self) -> list[tuple[str, str, list[HeldRecord]]]:
        """(model label, readable name, records) in the order found."""
        grouped: dict[str, tuple[str, list[HeldRecord]]] = {}
        for record in self.records:
            grouped.setdefault(record.ref.model_label, (record.group, []))[1].append(record)
        return [(label, name, rows) for label, (name, rows) in grouped.items()]


def requests_list() -> QuerySet[SubjectAccessRequest]:
    return SubjectAccessRequest.objects.select_related("person", "opened_by")


def requests_to_review() -> QuerySet[SubjectAccessRequest]:
    from safeguard.governance.models import SubjectAccessStatus

    return requests_list().filter(status=SubjectAccessStatus.BEING_REVIEWED).order_by("due_on")


def redaction_progress(request: SubjectAccessRequest) -> tuple[int, int]:
    """(decided, total) redaction items."""
    items = request.redaction_items.all()
    total = items.count()
    return total - items.filter(decision=RedactionDecision.PENDING).count(), total


def summary_by_model(records: Iterable[HeldRecord]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for record in records:
        counts[record.group] = counts.get(record.group, 0) + 1
    return list(counts.items())
