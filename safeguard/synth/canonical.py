"""A canonical export of the whole database, hashed: the determinism test's fingerprint.

Every project model's rows (and the user table), ordered by primary key, every concrete
field including ids and timestamps, serialised as sorted-key JSON with a stable encoder.

Reference data seeded by migrations (not by the generator) gets a fresh random id and the
migration's wall-clock time in every database, so those tables are hashed by their
content in natural-key order, without id, timestamps or authorship. The audit log is
left out: it records when the generator ran.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import uuid
from typing import Any

from django.apps import apps


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, decimal.Decimal):
        return str(value.normalize()) if value == value.to_integral() else str(value)
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"Cannot encode {type(value).__name__}")


#: model label -> natural ordering, for reference tables seeded by migrations.
REFERENCE_MODELS: dict[str, tuple[str, ...]] = {
    "core.SchoolTerm": ("starts_on", "name"),
    "access.Capability": ("code",),
    "access.Role": ("code",),
    "governance.RetentionRule": ("record_type",),
    # Issue 9's lists (their ids are fixed by safeguard.core.reference, their times are not).
    "partnership.LearningTheme": ("code",),
    "partnership.ModifiableFactor": ("code",),
    "partnership.TrainingAgency": ("name",),
    "quality.PracticeTheme": ("name",),
}
#: Not generated data: the audit log records when the generator ran (wall-clock times).
EXCLUDED_APPS = frozenset({"audit"})
_VOLATILE = {"id", "created_at", "updated_at", "created_by_id", "updated_by_id"}


def canonical_models() -> list[Any]:
    return sorted(
        (
            m
            for m in apps.get_models()
            if m.__module__.startswith("safeguard") and m._meta.app_label not in EXCLUDED_APPS
        ),
        key=lambda m: m._meta.label,
    )


def canonical_digest() -> str:
    """SHA-256 over every project table, model by model, row by row in primary-key order."""
    digest = hashlib.sha256()
    for model in canonical_models():
        names = sorted(f.attname for f in model._meta.concrete_fields)
        ordering: tuple[str, ...] = ("pk",)
        if model._meta.label in REFERENCE_MODELS:
            names = [n for n in names if n not in _VOLATILE]
            ordering = REFERENCE_MODELS[model._meta.label]
        digest.update(f"\n#{model._meta.label}\n".encode())
        rows = model._default_manager.order_by(*ordering).values_list(*names)
        for row in rows.iterator(chunk_size=10_000):
            record = dict(zip(names, row, strict=True))
            digest.update(json.dumps(record, default=_encode, sort_keys=True).encode())
            digest.update(b"\n")
    return digest.hexdigest()
