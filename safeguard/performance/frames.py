"""Polars frames read straight from the database, for the measures to compute over.

Rows are read with one SQL query per table (no model instances), then typed column by
column: ids become 32-character hex strings whatever the database, dates ``pl.Date``,
times ``Datetime`` in Europe/London, so the same measure code runs on SQLite and
PostgreSQL. Frames are registered by name and read at most once per ``Data``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import polars as pl
from django.db import connection, models
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast

#: Readers take ``since``: the first day any figure in the run looks at (None: all time).
#: Event tables drop rows dated before it; spans drop those that ended before it.
FrameReader = Callable[[dt.date | None], pl.DataFrame]
FRAMES: dict[str, FrameReader] = {}
LOCAL_TZ = "Europe/London"


def frame(name: str) -> Callable[[FrameReader], FrameReader]:
    """Register a frame reader under ``name`` (measure modules add the frames they need)."""

    def register(reader: FrameReader) -> FrameReader:
        if name in FRAMES and FRAMES[name] is not reader:
            raise ValueError(f"Frame {name!r} is registered twice.")
        FRAMES[name] = reader
        return reader

    return register


def _field_kind(queryset: QuerySet[Any], path: str) -> str:
    annotation = queryset.query.annotations.get(path)
    if annotation is not None:
        return _kind_of(annotation.output_field)
    current: Any = queryset.model
    field: Any = None
    for part in path.split("__"):
        if part == "pk":
            part = current._meta.pk.name
        field = current._meta.get_field(part)
        if field.is_relation and field.related_model is not None:
            current = field.related_model
    if field.is_relation:
        field = field.target_field if hasattr(field, "target_field") else current._meta.pk
    return _kind_of(field)


def _kind_of(field: Any) -> str:
    match field:
        case models.UUIDField():
            return "id"
        case models.DateTimeField():
            return "datetime"
        case models.DateField():
            return "date"
        case models.BooleanField():
            return "bool"
        case models.DecimalField() | models.FloatField():
            return "float"
        case models.IntegerField():
            return "int"
    return "str"


def _series(name: str, kind: str, values: list[Any]) -> pl.Series:
    if kind == "id":
        return pl.Series(
            name, [v.hex if isinstance(v, uuid.UUID) else v for v in values], dtype=pl.Utf8
        ).str.replace_all("-", "")
    if kind == "date":
        if values and any(isinstance(v, str) for v in values):
            return pl.Series(name, values, dtype=pl.Utf8).str.to_date("%Y-%m-%d")
        return pl.Series(name, values, dtype=pl.Date)
    if kind == "datetime":
        if values and any(isinstance(v, str) for v in values):
            # UTC as text: SQLite's as Django keeps it, PostgreSQL's with an offset (the
            # connection's time zone is UTC). Strict, so a bad value fails loudly.
            text = pl.Series(name, values, dtype=pl.Utf8)
            offset = "%#z" if connection.vendor == "postgresql" else ""
            parsed = text.str.to_datetime(
                f"%Y-%m-%d %H:%M:%S%.f{offset}", time_unit="us", time_zone="UTC", strict=True
            )
        else:
            parsed = pl.Series(name, values, dtype=pl.Datetime("us", "UTC"))
        return parsed.dt.convert_time_zone(LOCAL_TZ)
    if kind == "bool":
        return pl.Series(name, [None if v is None else bool(v) for v in values], dtype=pl.Boolean)
    if kind == "float":
        return pl.Series(
            name,
            [float(v) if isinstance(v, Decimal | int | float) else None for v in values],
            dtype=pl.Float64,
        )
    if kind == "int":
        return pl.Series(name, values, dtype=pl.Int64)
    return pl.Series(name, values, dtype=pl.Utf8)


def read(queryset: QuerySet[Any], *fields: str, **renamed: str) -> pl.DataFrame:
    """Read the given fields of every row of ``queryset`` into a typed frame.

    ``read(Contact.objects.all(), "id", "source", received="received_at")`` names the
    columns ``id``, ``source`` and ``received``; related fields use ``__`` as in Django.
    """
    names = [*fields, *renamed]
    paths = [*fields, *renamed.values()]
    kinds = [_field_kind(queryset, path) for path in paths]
    # Columns the driver would convert value by value in Python are read as text and
    # parsed a column at a time by Polars: psycopg makes a (pure Python) UUID per id, and
    # Django's SQLite converters parse every date and time.
    as_text = {"postgresql": {"id", "date", "datetime"}, "sqlite": {"date", "datetime"}}.get(
        connection.vendor, set()
    )
    casts = {
        f"_text_{i}": Cast(path, output_field=TextField())
        for i, (path, kind) in enumerate(zip(paths, kinds, strict=True))
        if kind in as_text
    }
    if casts:
        queryset = queryset.annotate(**casts)
        paths = [
            f"_text_{i}" if kind in as_text else path
            for i, (path, kind) in enumerate(zip(paths, kinds, strict=True))
        ]
    sql, params = queryset.values_list(*paths).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    columns: list[list[Any]] = [list(c) for c in zip(*rows, strict=True)] if rows else []
    if not columns:
        columns = [[] for _ in names]
    return pl.DataFrame([_series(n, k, c) for n, k, c in zip(names, kinds, columns, strict=True)])


def midnight(day: dt.date) -> dt.datetime:
    """The start of ``day`` in local time, for comparing a time column with a day."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=ZoneInfo(LOCAL_TZ))


def since_filter(
    queryset: QuerySet[Any], since: dt.date | None, *, on: str, until: str | None = None
) -> QuerySet[Any]:
    """Rows dated on or after ``since`` (``on``), or still open then (``until`` unset or later)."""
    if since is None:
        return queryset

    def bound(path: str) -> dt.date | dt.datetime:
        # A time is compared with local midnight: ``__date`` would run a function per row.
        if _field_kind(queryset, path) == "datetime":
            return midnight(since)
        return since

    if until is None:
        return queryset.filter(**{f"{on}__gte": bound(on)})
    return queryset.filter(Q(**{f"{until}__isnull": True}) | Q(**{f"{until}__gte": bound(until)}))


def as_uuid(child_id: str) -> uuid.UUID:
    return uuid.UUID(hex=child_id)
