"""Buffered bulk inserts for the generator.

Rows bypass ``save()`` (and so the services): the generator builds journeys that satisfy
the services' invariants by construction, and ``synth.checker`` proves it afterwards.
Django creates foreign keys DEFERRABLE INITIALLY DEFERRED on SQLite and PostgreSQL, so
inside the one generation transaction rows may be inserted in any order.

Django's ``bulk_create`` compiles every value of every row through the SQL compiler,
which costs far more than the insert itself when millions of rows are written; the
writer instead prepares one ``INSERT`` per model and a cheap converter per column, and
hands plain tuples to the driver's ``executemany``.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import connection, models
from django.db.models.base import ModelState

BATCH_SIZE = 5000

Converter = Callable[[Any], Any]
M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class _Insert:
    sql: str
    copy_sql: str
    attnames: tuple[str, ...]
    converters: tuple[Converter | None, ...]


def _none_safe(convert: Converter) -> Converter:
    return lambda value: None if value is None else convert(value)


def _converter_for(field: models.Field[Any, Any]) -> Converter | None:
    """The cheapest faithful stand-in for ``field.get_db_prep_save`` (None: pass as is)."""
    ops = connection.ops
    target = field.target_field if field.is_relation else field  # type: ignore[attr-defined]
    kind = target.get_internal_type()
    if kind == "UUIDField":
        if connection.features.has_native_uuid_field:
            return None
        return _none_safe(lambda value: value.hex)
    if kind == "DateTimeField":
        # Many rows share a timestamp (created_at == updated_at, same hour of a day).
        return _none_safe(functools.lru_cache(maxsize=65536)(ops.adapt_datetimefield_value))
    if kind == "DateField":
        return _none_safe(ops.adapt_datefield_value)
    if kind in {
        "IntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SmallIntegerField",
        "BigIntegerField",
    }:
        return _none_safe(int)  # numpy integers are not bindable
    if kind == "BooleanField":
        return _none_safe(bool)
    if kind == "FloatField":
        return _none_safe(float)
    if kind in {"CharField", "TextField"}:
        return _none_safe(str)
    return lambda value: field.get_db_prep_save(value, connection)


_NOT_CALLED = frozenset({"id", "created_at", "updated_at"})


@dataclass(frozen=True)
class _Blueprint:
    """What ``Model.__init__`` would set for omitted fields, worked out once per model."""

    defaults: dict[str, Any]
    callable_defaults: tuple[tuple[str, Callable[[], Any]], ...]
    relations: dict[str, str]  # field name -> attname, for foreign keys
    attnames: frozenset[str]


_blueprints: dict[type[models.Model], _Blueprint] = {}


def _blueprint(model: type[models.Model]) -> _Blueprint:
    if model not in _blueprints:
        defaults: dict[str, Any] = {}
        callables: list[tuple[str, Callable[[], Any]]] = []
        relations: dict[str, str] = {}
        for field in model._meta.concrete_fields:
            if field.is_relation:
                relations[field.name] = field.attname
            if field.has_default() and callable(field.default):
                defaults[field.attname] = None
                if field.attname not in _NOT_CALLED:
                    callables.append((field.attname, field.default))
            else:
                defaults[field.attname] = field.get_default()
        _blueprints[model] = _Blueprint(
            defaults=defaults,
            callable_defaults=tuple(callables),
            relations=relations,
            attnames=frozenset(defaults),
        )
    return _blueprints[model]


def build(model: type[M], **values: Any) -> M:
    """``model(**values)`` at a fraction of the cost, for rows the writer will insert.

    Django's ``Model.__init__`` resolves every field, default and descriptor per call,
    which dominated generation time. Ids, created/updated times are left for
    ``BulkWriter.add`` to set.
    """
    plan = _blueprint(model)
    obj = model.__new__(model)
    state = ModelState()
    data = dict(plan.defaults)
    for default_attname, default in plan.callable_defaults:
        data[default_attname] = default()
    for name, value in values.items():
        attname = plan.relations.get(name)
        if attname is not None:
            data[attname] = None if value is None else value.pk
            state.fields_cache[name] = value
        elif name in plan.attnames:
            data[name] = value
        else:
            raise TypeError(f"{model.__name__} has no field {name!r}")
    data["_state"] = state
    obj.__dict__.update(data)
    return obj


class BulkWriter:
    def __init__(self, *, batch_size: int = BATCH_SIZE) -> None:
        self.batch_size = batch_size
        self._buffers: dict[type[models.Model], list[models.Model]] = defaultdict(list)
        self._inserts: dict[type[models.Model], _Insert] = {}
        self.counts: dict[str, int] = defaultdict(int)
        #: Called with the number of rows written, for a progress bar.
        self.on_write: Callable[[int], None] | None = None

    def add(self, obj: Any, *, id: uuid.UUID, at: dt.datetime) -> Any:
        """Queue ``obj`` with a deterministic id and authorship time; return it."""
        obj.id = id
        if hasattr(obj, "version"):
            obj.created_at = at
            obj.updated_at = at
            obj.version = 1
        model = type(obj)
        buffer = self._buffers[model]
        buffer.append(obj)
        if len(buffer) >= self.batch_size:
            self._flush_model(model)
        return obj

    def _insert_for(self, model: type[models.Model]) -> _Insert:
        if model not in self._inserts:
            fields = list(model._meta.concrete_fields)
            quote = connection.ops.quote_name
            columns = ", ".join(quote(f.column) for f in fields)
            marks = ", ".join(["%s"] * len(fields))
            table = quote(model._meta.db_table)
            # Table and column names come from model metadata, quoted; values are bound
            # (so bandit B608, string-built SQL, does not apply).
            insert_sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608  # nosec B608
            self._inserts[model] = _Insert(
                sql=insert_sql,
                copy_sql=f"COPY {table} ({columns}) FROM STDIN",
                attnames=tuple(f.attname for f in fields),
                converters=tuple(_converter_for(f) for f in fields),
            )
        return self._inserts[model]

    def _flush_model(self, model: type[models.Model]) -> None:
        buffer = self._buffers[model]
        if not buffer:
            return
        insert = self._insert_for(model)
        pairs = list(zip(insert.attnames, insert.converters, strict=True))
        rows = []
        for obj in buffer:
            values = obj.__dict__
            rows.append(
                tuple(
                    values[name] if convert is None else convert(values[name])
                    for name, convert in pairs
                )
            )
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # COPY: one round trip per batch (Django's client-side binding cursor
                # would send executemany's rows one statement at a time).
                with cursor.cursor.copy(insert.copy_sql) as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                cursor.executemany(insert.sql, rows)
        self.counts[model._meta.label] += len(buffer)
        if self.on_write is not None:
            self.on_write(len(buffer))
        buffer.clear()

    def flush(self) -> None:
        for model in list(self._buffers):
            self._flush_model(model)
