"""Which child an entry is about: the record itself, its ``child``, or its parent's child.

A person is their own subject. Otherwise the subject is found along foreign keys, once
per model: a ``child`` or ``person`` link to a person, or a required link to a record
that has one (an assessment's episode's child), at most three links deep. Optional links
are not followed: they point at related work, not at the record's owner. Following the
path costs nothing when the parents are already loaded and one small query otherwise.
"""

from __future__ import annotations

from typing import Any

from django.db import models

PERSON = "people.Person"
SUBJECT_FIELDS = ("child", "person")
MAX_DEPTH = 3

_paths: dict[type[models.Model], tuple[str, ...] | None] = {}


def _find_path(model: type[models.Model], depth: int) -> tuple[str, ...] | None:
    if model._meta.label == PERSON:
        return ()
    relations = {f.name: f for f in model._meta.concrete_fields if f.many_to_one}
    for name in SUBJECT_FIELDS:
        field = relations.get(name)
        if field is not None and field.related_model._meta.label == PERSON:  # type: ignore[union-attr]
            return (name,)
    if depth <= 1:
        return None
    for name, field in relations.items():
        target = field.related_model
        if field.null or target is None or isinstance(target, str) or target is model:
            continue
        below = _find_path(target, depth - 1)
        if below:
            return (name, *below)
    return None


def subject_path(model: type[models.Model]) -> tuple[str, ...] | None:
    """Field names from ``model`` to its child (``()`` for a person; None if none)."""
    try:
        return _paths[model]
    except KeyError:
        path = _paths[model] = _find_path(model, MAX_DEPTH)
        return path


def child_id_of(instance: models.Model, pk: Any = None) -> Any:
    """The id of the child ``instance`` is about, or None. ``pk`` stands in for the
    instance's own id when Django has already cleared it (after a delete)."""
    path = subject_path(type(instance))
    if path is None:
        return None
    if not path:
        return pk if pk is not None else instance.pk
    obj: Any = instance
    for position, name in enumerate(path):
        field = obj._meta.get_field(name)
        if position == len(path) - 1 or not field.is_cached(obj):
            parent_id = getattr(obj, field.attname)
            rest = path[position + 1 :]
            if parent_id is None or not rest:
                return parent_id
            return (
                field.related_model._default_manager.filter(pk=parent_id)
                .values_list("__".join(rest), flat=True)
                .first()
            )
        obj = getattr(obj, name)
        if obj is None:
            return None
    return None
