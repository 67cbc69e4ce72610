"""Polars frames read straight from the database, for the measures to compute over.

Rows are read with one SQL query per table (no model instances), then typed column by
column: ids become 32-character hex strings whatever the database, dates ``pl.Date``,
times ``Datetime`` in Europe/London, so the same measure code runs on SQLite and
PostgreSQL. Frames are registered by name and read at most once per ``Data``.
"""

from __future__ import annotations

import datetime as dt
import io
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
            # UTC as text, as Django keeps it in SQLite. Strict: a bad value fails loudly.
            text = pl.Series(name, values, dtype=pl.Utf8)
            parsed = text.str.to_datetime(
                "%Y-%m-%d %H:%M:%S%.f", time_unit="us", time_zone="UTC", strict=True
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


def _copied(sql: str, params: Any, names: list[str], kinds: list[str]) -> pl.DataFrame:
    """PostgreSQL: the rows as CSV (``COPY ... TO STDOUT``) on Django's own connection, so
    its transaction's rows are seen, parsed a column at a time by Polars. An unquoted empty
    field is NULL and a quoted one an empty string, in CSV as in Polars."""
    connection.ensure_connection()
    buffer = io.BytesIO()
    # ``sql`` is the ORM's own query for the frame; its values travel as parameters.
    statement = f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)"
    raw = connection.connection
    assert raw is not None
    with raw.cursor() as cursor, cursor.copy(statement, params) as copy:
        for block in copy:
            buffer.write(block)
    if not buffer.tell():
        return pl.DataFrame([_series(n, k, []) for n, k in zip(names, kinds, strict=True)])
    text = pl.read_csv(buffer.getvalue(), has_header=False, new_columns=names, infer_schema=False)
    return pl.DataFrame([_from_text(text[n], k) for n, k in zip(names, kinds, strict=True)])


#: How each database writes a time as text: PostgreSQL with its offset; Django keeps UTC
#: in SQLite without one.
_DATETIME_TEXT = {"postgresql": "%Y-%m-%d %H:%M:%S%.f%#z", "sqlite": "%Y-%m-%d %H:%M:%S%.f"}


def _from_text(column: pl.Series, kind: str, *, vendor: str = "postgresql") -> pl.Series:
    """A column as the database gives it (PostgreSQL's text output; SQLite's values, with
    dates and times as text), typed as ``_series`` types the driver's. Strict: a bad value
    fails loudly."""
    if kind == "id":
        return column.str.replace_all("-", "")
    if kind == "date":
        return column.str.to_date("%Y-%m-%d", strict=True)
    if kind == "datetime":
        return column.str.to_datetime(
            _DATETIME_TEXT[vendor], time_unit="us", time_zone="UTC", strict=True
        ).dt.convert_time_zone(LOCAL_TZ)
    if kind == "bool":
        return column == "t" if vendor == "postgresql" else column.cast(pl.Boolean)
    if kind == "float":
        return column.cast(pl.Float64)
    if kind == "int":
        return column.cast(pl.Int64)
    return column


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
    as_text = {"sqlite": {"date", "datetime"}}.get(connection.vendor, set())
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
    if connection.vendor == "postgresql":
        return _copied(sql, params, names, kinds)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return pl.DataFrame([_series(n, k, []) for n, k in zip(names, kinds, strict=True)])
    # Polars turns the rows into columns in Rust; each column is then typed at once.
    raw = pl.DataFrame(
        rows,
        schema={n: _SQLITE_RAW[k] for n, k in zip(names, kinds, strict=True)},
        orient="row",
        strict=False,
    )
    return pl.DataFrame(
        [_from_text(raw[n], k, vendor="sqlite") for n, k in zip(names, kinds, strict=True)]
    )


#: How SQLite hands each kind of column to Python (dates and times are read as text).
_SQLITE_RAW: dict[str, pl.DataType] = {
    "id": pl.Utf8(),
    "date": pl.Utf8(),
    "datetime": pl.Utf8(),
    "bool": pl.Int64(),
    "float": pl.Float64(),
    "int": pl.Int64(),
    "str": pl.Utf8(),
}


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
