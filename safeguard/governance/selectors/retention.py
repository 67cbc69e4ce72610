"""Reads for retention: which records are due for review or destruction as at a date.

A record is due when its date plus the rule's period (in calendar years, 29 February
counting as 28 February in other years) is on or before the date asked about. The
comparison runs in the database by moving the date back instead (``cutoff``), so the
report is one query per rule.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from typing import Any

from django.db import models
from django.db.models import QuerySet

from safeguard.core.calendar import add_months
from safeguard.governance.models import (
    DestructionItem,
    DestructionRequest,
    DestructionStatus,
    RetentionRule,
)
from safeguard.governance.retention import RecordType, record_type


def due_on(from_date: dt.date, years: int) -> dt.date:
    return add_months(from_date, 12 * years)


def cutoff(as_at: dt.date, years: int) -> dt.date:
    """The latest date a record may run from and be due on ``as_at``: the inverse of
    ``due_on`` (``due_on(d, years) <= as_at`` exactly when ``d <= cutoff(as_at, years)``)."""
    back = add_months(as_at, -12 * years)
    if (
        as_at.month == 2
        and as_at.day == 28
        and not calendar.isleap(as_at.year)
        and calendar.isleap(back.year)
    ):
        return back.replace(day=29)
    return back


def as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def rules() -> list[RetentionRule]:
    return [r for r in RetentionRule.objects.order_by("label") if record_type(r.record_type)]


def annotated(rule: RetentionRule) -> QuerySet[Any]:
    """Every row the rule covers, with ``retention_from`` (the date it is counted from)."""
    kind = record_type(rule.record_type)
    if kind is None:
        raise LookupError(f"Unknown record type {rule.record_type!r}")
    basis = kind.basis(rule.date_basis) or kind.bases[0]
    return kind.model._default_manager.filter(kind.condition()).annotate(
        retention_from=basis.expression()
    )


def due_queryset(rule: RetentionRule, as_at: dt.date) -> QuerySet[Any]:
    return (
        annotated(rule)
        .filter(retention_from__lte=cutoff(as_at, rule.years))
        .order_by("retention_from", "pk")
    )


def proposed_refs(model_label: str) -> set[str]:
    """Object ids already in a destruction request awaiting approval."""
    return set(
        DestructionItem.objects.filter(
            model_label=model_label, request__status=DestructionStatus.PROPOSED
        ).values_list("object_id", flat=True)
    )


@dataclasses.dataclass(frozen=True)
class RuleCount:
    rule: RetentionRule
    kind: RecordType
    due: int
    undated: int
    proposed: int


def rule_counts(as_at: dt.date) -> list[RuleCount]:
    out = []
    for rule in rules():
        kind = record_type(rule.record_type)
        assert kind is not None
        if not rule.is_active:
            out.append(RuleCount(rule, kind, 0, 0, 0))
            continue
        due = due_queryset(rule, as_at)
        proposed = proposed_refs(kind.model_label)
        due_ids = {str(pk) for pk in due.values_list("pk", flat=True)}
        out.append(
            RuleCount(
                rule,
                kind,
                due=len(due_ids),
                undated=annotated(rule).filter(retention_from__isnull=True).count(),
                proposed=len(due_ids & proposed),
            )
        )
    return out


def describe(obj: models.Model) -> tuple[str, str]:
    """(label, identifier) for a row in the report."""
    label = obj._meta.label
    if label == "people.Person":
        return f"{obj.first_name} {obj.last_name}", obj.la_child_id  # type: ignore[attr-defined]
    if label == "frontdoor.Contact":
        children = ", ".join(
            c.child.la_child_id
            for c in obj.contact_children.select_related("child")  # type: ignore[attr-defined]
        )
        return f"Contact received {obj.received_at:%d/%m/%Y}", children  # type: ignore[attr-defined]
    if label == "governance.SubjectAccessRequest":
        return str(obj), obj.person.la_child_id  # type: ignore[attr-defined]
    return str(obj), ""


def child_id_of(obj: models.Model) -> Any:
    """The person a record is about, for the tombstone (None if not exactly one)."""
    label = obj._meta.label
    if label == "people.Person":
        return obj.pk
    if label == "frontdoor.Contact":
        ids = list(obj.contact_children.values_list("child_id", flat=True))  # type: ignore[attr-defined]
        return ids[0] if len(ids) == 1 else None
    return getattr(obj, "person_id", None) or getattr(obj, "child_id", None)


@dataclasses.dataclass(frozen=True)
class DueRecord:
    obj: models.Model
    label: str
    identifier: str
    counted_from: dt.date
    due_on: dt.date
    proposed: bool

    @property
    def key(self) -> str:
        return str(self.obj.pk)


def due_records(rule: RetentionRule, rows: Any) -> list[DueRecord]:
    """Rows of ``due_queryset`` (e.g. one page of it) as report lines."""
    kind = record_type(rule.record_type)
    assert kind is not None
    proposed = proposed_refs(kind.model_label)
    out = []
    for obj in rows:
        start = as_date(obj.retention_from)
        assert start is not None
        label, identifier = describe(obj)
        out.append(
            DueRecord(
                obj, label, identifier, start, due_on(start, rule.years), str(obj.pk) in proposed
            )
        )
    return out


def destruction_requests() -> QuerySet[DestructionRequest]:
    return DestructionRequest.objects.select_related("rule", "proposed_by", "decided_by")
