"""Records as plain, labelled values: what subject access exports and family copies show.

A ``HeldRecord`` is a neutral copy of one row (its fields with readable labels and
values, and what kind of information each field is), so the family filter and the
redaction review work on the same shape whatever model the row came from.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import models
from django.utils import timezone

#: Columns every row has that say nothing about the person (key, authorship, locking).
SKIPPED_FIELDS = frozenset({"id", "version", "created_by", "updated_by"})
#: Short-text fields that hold a person's name (beyond ``name`` and ``*_name``).
NAME_FIELDS = frozenset(
    {"invitee", "owner", "attendees", "members", "contributors", "referrer_contact_details"}
)


class FieldKind(enum.StrEnum):
    PLAIN = "plain"
    TEXT = "text"  # free text: may name or be about other people
    NAME = "name"  # a name typed in (referrer, attendee, carer)
    PERSON = "person"  # a link to another person's record
    OTHER_PERSON = "other_person"  # another person on the same contact, household, …


THIRD_PARTY_KINDS = frozenset(
    {FieldKind.TEXT, FieldKind.NAME, FieldKind.PERSON, FieldKind.OTHER_PERSON}
)


@dataclasses.dataclass(frozen=True, order=True)
class RecordRef:
    model_label: str
    object_id: str

    @classmethod
    def of(cls, obj: models.Model) -> RecordRef:
        return cls(obj._meta.label, str(obj.pk))


@dataclasses.dataclass(frozen=True)
class HeldField:
    name: str
    label: str
    value: str
    data: Any
    kind: FieldKind = FieldKind.PLAIN

    @property
    def is_empty(self) -> bool:
        return self.value == ""


@dataclasses.dataclass(frozen=True)
class HeldRecord:
    ref: RecordRef
    title: str
    group: str
    fields: tuple[HeldField, ...]
    parent: RecordRef | None = None
    relation: str = "direct"

    def field(self, name: str) -> HeldField | None:
        return next((f for f in self.fields if f.name == name), None)

    def shown_fields(self) -> list[HeldField]:
        return [f for f in self.fields if not f.is_empty]


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _format_date(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        return f"{timezone.localtime(value):%d/%m/%Y %H:%M}"
    return f"{value:%d/%m/%Y}"


def neutral_title(obj: models.Model) -> str:
    """ "Conference, 12/03/2024": the kind of record and its first date, never ``str(obj)``
    (which may name other people)."""
    name = capitalised(str(obj._meta.verbose_name))
    for f in obj._meta.concrete_fields:
        if f.name in {"created_at", "updated_at"}:
            continue
        if isinstance(f, models.DateField):
            value = getattr(obj, f.attname)
            if value:
                return f"{name}, {_format_date(value)}"
    created = getattr(obj, "created_at", None)
    return f"{name}, recorded {_format_date(created)}" if created else name


class LabelCache:
    """Labels of rows that fields point to, one query per distinct row."""

    def __init__(self, is_case_model: Any) -> None:
        self._labels: dict[tuple[str, Any], str] = {}
        self._is_case_model = is_case_model

    def label(self, model: type[models.Model], pk: Any) -> str:
        key = (model._meta.label, pk)
        if key not in self._labels:
            target = model._default_manager.filter(pk=pk).first()
            if target is None:
                text = ""
            elif model._meta.label == "people.Person":
                text = f"{target.first_name} {target.last_name}"  # type: ignore[attr-defined]
            elif self._is_case_model(model):
                text = neutral_title(target)
            elif hasattr(target, "get_full_name"):
                text = target.get_full_name() or str(target)
            else:
                text = str(target)
            self._labels[key] = text
        return self._labels[key]


def _is_name_field(field: models.Field[Any, Any]) -> bool:
    return isinstance(field, models.CharField) and (
        field.name == "name" or field.name.endswith("_name") or field.name in NAME_FIELDS
    )


def render_field(
    obj: models.Model, field: models.Field[Any, Any], *, subject_id: Any, labels: LabelCache
) -> HeldField:
    """One field as a label, a display value, a JSON value and its kind."""
    label = capitalised(str(field.verbose_name))
    raw = getattr(obj, field.attname)
    is_subject_row = obj._meta.label == "people.Person" and obj.pk == subject_id
    if raw is None or raw == "":
        return HeldField(field.name, label, "", None)
    if field.is_relation and field.related_model is not None:
        related = field.related_model
        assert isinstance(related, type)
        text = labels.label(related, raw)
        kind = FieldKind.PLAIN
        if related._meta.label == "people.Person" and raw != subject_id:
            kind = FieldKind.PERSON
        return HeldField(field.name, label, text, text, kind)
    if field.choices:
        text = str(dict(field.flatchoices).get(raw, raw))
        return HeldField(field.name, label, text, raw)
    if isinstance(raw, bool):
        return HeldField(field.name, label, "Yes" if raw else "No", raw)
    if isinstance(raw, dt.date | dt.datetime):
        return HeldField(field.name, label, _format_date(raw), raw.isoformat())
    text = str(raw)
    kind = FieldKind.PLAIN
    if not is_subject_row and isinstance(field, models.TextField):
        kind = FieldKind.TEXT
    elif not is_subject_row and _is_name_field(field):
        kind = FieldKind.NAME
    data: Any = raw if isinstance(raw, int | float) else text
    return HeldField(field.name, label, text, data, kind)


def held_record(
    obj: models.Model,
    *,
    subject_id: Any,
    labels: LabelCache,
    field_names: Sequence[str] | None = None,
    parent: RecordRef | None = None,
    relation: str = "direct",
    extra: Iterable[HeldField] = (),
) -> HeldRecord:
    """``obj`` as a HeldRecord: every concrete field (or just ``field_names``, in order)."""
    if field_names is None:
        chosen = [f for f in obj._meta.concrete_fields if f.name not in SKIPPED_FIELDS]
    else:
        chosen = [obj._meta.get_field(name) for name in field_names]  # type: ignore[misc]
    fields = tuple(render_field(obj, f, subject_id=subject_id, labels=labels) for f in chosen)
    return HeldRecord(
        ref=RecordRef.of(obj),
        title=neutral_title(obj),
        group=capitalised(str(obj._meta.verbose_name_plural)),
        fields=fields + tuple(extra),
        parent=parent,
        relation=relation,
    )
