"""Automatic change capture for records, without core depending on the audit app.

``BaseModel.save()`` and ``delete()`` report each row they create, change or delete
here; the audit app registers the writer in ``AuditConfig.ready()``, so the layering
stays core ← … ← audit. Only models a registered hook tracks pay for the snapshot taken
when a row is loaded (to know the old values at save). Bulk writes — ``bulk_create``,
``QuerySet.update``/``delete``, the generator's writer — bypass this on purpose: whoever
runs them records one bulk event instead. ``suspended()`` switches capture off for a
block (a bulk job that records its own event).
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable, Collection, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Literal

from django.db import models

SNAPSHOT_ATTR = "_audit_snapshot"
#: Bookkeeping columns the base model maintains itself: never reported as changes.
BOOKKEEPING_FIELDS = frozenset(
    {"id", "created_at", "updated_at", "created_by", "updated_by", "version"}
)


@dataclass(frozen=True)
class RowChange:
    """One row written through the model: what happened and, for a change, which fields
    went from which old value to which new one (raw Python values)."""

    kind: Literal["create", "change", "delete"]
    instance: models.Model
    pk: Any
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)


Callback = Callable[[RowChange], None]
Tracks = Callable[[type[models.Model]], bool]

_hooks: list[tuple[Callback, Tracks]] = []
_tracked: dict[type[models.Model], bool] = {}
_fields: dict[type[models.Model], tuple[tuple[str, str], ...]] = {}
_suspended: ContextVar[bool] = ContextVar("safeguard_capture_suspended", default=False)
_MISSING = object()


def register(callback: Callback, *, tracks: Tracks) -> None:
    """Call ``callback`` for every row written through a model ``tracks`` accepts."""
    _hooks.append((callback, tracks))
    _tracked.clear()


def unregister(callback: Callback) -> None:
    _hooks[:] = [(cb, tracks) for cb, tracks in _hooks if cb is not callback]
    _tracked.clear()


def is_tracked(model: type[models.Model]) -> bool:
    """Whether any hook wants this model's rows (cached: asked on every load and save)."""
    try:
        return _tracked[model]
    except KeyError:
        value = any(tracks(model) for _, tracks in _hooks)
        _tracked[model] = value
        return value


def capturing() -> bool:
    return not _suspended.get()


@contextlib.contextmanager
def suspended() -> Iterator[None]:
    """No automatic capture inside the block (the caller records one bulk event)."""
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


def _diff_fields(model: type[models.Model]) -> tuple[tuple[str, str], ...]:
    """(name, attname) of the columns whose changes are reported."""
    try:
        return _fields[model]
    except KeyError:
        found = tuple(
            (f.name, f.attname)
            for f in model._meta.concrete_fields
            if f.name not in BOOKKEEPING_FIELDS and not f.primary_key
        )
        _fields[model] = found
        return found


def _frozen(value: Any) -> Any:
    return copy.deepcopy(value) if isinstance(value, list | dict) else value


def remember(instance: models.Model, attnames: Collection[str] | None = None) -> None:
    """Snapshot the loaded values, so the next save can say what it changed."""
    data = instance.__dict__
    snapshot = data.get(SNAPSHOT_ATTR)
    if snapshot is None:
        snapshot = data[SNAPSHOT_ATTR] = {}
    for _name, attname in _diff_fields(type(instance)):
        if attname in data and (attnames is None or attname in attnames):
            snapshot[attname] = _frozen(data[attname])


def changed_fields(
    instance: models.Model, update_fields: Collection[str] | None = None
) -> dict[str, tuple[Any, Any]]:
    """Field name -> (old, new) for the loaded fields that differ from the snapshot."""
    data = instance.__dict__
    snapshot = data.get(SNAPSHOT_ATTR) or {}
    only = set(update_fields) if update_fields is not None else None
    changes: dict[str, tuple[Any, Any]] = {}
    for name, attname in _diff_fields(type(instance)):
        if only is not None and name not in only and attname not in only:
            continue
        if attname not in data:  # deferred and never loaded: this save does not write it
            continue
        new = data[attname]
        old = snapshot.get(attname, _MISSING)
        if old is _MISSING:
            changes[name] = (None, new)
        elif old != new:
            changes[name] = (old, new)
    return changes


def notify(change: RowChange) -> None:
    if not capturing():
        return
    model = type(change.instance)
    for callback, tracks in _hooks:
        if tracks(model):
            callback(change)
