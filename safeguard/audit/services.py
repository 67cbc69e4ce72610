"""Writing to the audit log: one entry per event, chained to the entry before it.

Other apps call ``record_event`` (keyword-only) and ``record_view``; creations, changes
and deletions of personal data are written automatically (``safeguard.audit.capture``).
Each write locks the chain head, inserts the entry and moves the head — in the caller's
transaction, so an entry exists exactly when the work it describes was committed. On
PostgreSQL the head's row lock makes concurrent writers take turns; SQLite serialises
writers itself.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import json
import uuid
from typing import Any

from django.db import connections, router, transaction
from django.db.models import Field
from django.http import HttpRequest
from django.utils import timezone

from safeguard.audit.chain import entry_hash
from safeguard.audit.models import (
    GENESIS_HASH,
    HEAD_PK,
    AuditAction,
    AuditChainHead,
    AuditEvent,
)
from safeguard.audit.subjects import child_id_of
from safeguard.core import audit_hooks
from safeguard.core.actor import get_current_actor, get_current_ip
from safeguard.core.middleware import client_ip

#: ``with capture_suspended():`` — no automatic entries for rows written in the block
#: (a bulk job that records one event of its own, e.g. an import or a destruction).
capture_suspended = audit_hooks.suspended


def _text(value: Any, limit: int | None = None) -> str:
    """Text as stored: PostgreSQL refuses NUL characters, and columns have a length."""
    text = "" if value is None else str(value).replace("\x00", "")
    return text[:limit] if limit is not None else text


def json_safe(value: Any) -> str | None:
    """A field value as the text the log keeps (None stays None)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID | bool | int | float):
        return str(value)
    if isinstance(value, dict | list | tuple):
        return _text(json.dumps(value, sort_keys=True, default=str))
    return _text(value)


def _changes(changes: dict[str, tuple[Any, Any]] | None) -> dict[str, list[str | None]]:
    return {
        _text(name): [json_safe(old), json_safe(new)]
        for name, (old, new) in (changes or {}).items()
    }


def _actor(user: Any) -> tuple[Any, str, str]:
    """(id, username, role name) as they are now: the log keeps them if the user goes."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None, "", ""
    role = getattr(user, "role", None)
    return user.pk, _text(user.get_username(), 150), _text(getattr(role, "name", ""), 100)


def _child_uuid(child: Any) -> uuid.UUID | None:
    if child is None:
        return None
    pk = getattr(child, "pk", child)
    return pk if isinstance(pk, uuid.UUID) else uuid.UUID(str(pk))


@functools.cache
def _statements(alias: str) -> tuple[str, str, str]:
    """The three statements of a write, built once from the models (the ORM's query
    compiler costs more than the database work on this path)."""
    connection = connections[alias]
    quote = connection.ops.quote_name
    head = quote(AuditChainHead._meta.db_table)
    table = quote(AuditEvent._meta.db_table)
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    columns = ", ".join(quote(field.column) for field in _insert_fields())
    marks = ", ".join(["%s"] * len(_insert_fields()))
    # Table and column names come from the models, values are parameters.
    read_head = f"SELECT last_sequence, last_hash FROM {head} WHERE id = %s{lock}"  # noqa: S608  # nosec B608
    insert = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608  # nosec B608
    if connection.features.can_return_columns_from_insert:
        insert += f" RETURNING {quote(AuditEvent._meta.pk.column)}"
    move_head = f"UPDATE {head} SET last_sequence = %s, last_hash = %s WHERE id = %s"  # noqa: S608  # nosec B608
    return read_head, insert, move_head


@functools.cache
def _insert_fields() -> tuple[Field[Any, Any], ...]:
    return tuple(f for f in AuditEvent._meta.concrete_fields if not f.primary_key)


def _locked_head(alias: str) -> tuple[int, str]:
    """The newest (sequence, hash), locked until the caller's transaction ends."""
    read_head = _statements(alias)[0]
    with connections[alias].cursor() as cursor:
        cursor.execute(read_head, [HEAD_PK])
        head = cursor.fetchone()
    if head is not None:
        return int(head[0]), str(head[1])
    # Only a wiped database lacks the head (the migration creates it): carry on from
    # the newest entry so the chain stays whole.
    newest = AuditEvent.objects.order_by("-sequence").values_list("sequence", "hash").first()
    sequence, last_hash = newest or (0, GENESIS_HASH)
    AuditChainHead.objects.using(alias).create(
        id=HEAD_PK, last_sequence=sequence, last_hash=last_hash
    )
    return sequence, last_hash


def _append(values: dict[str, Any]) -> AuditEvent:
    """Lock the head, insert the entry after it, move the head: one turn of the chain."""
    alias = router.db_for_write(AuditEvent)
    connection = connections[alias]
    _, insert, move_head = _statements(alias)
    with transaction.atomic(using=alias, savepoint=False):
        last_sequence, last_hash = _locked_head(alias)
        values["sequence"] = last_sequence + 1
        values["prev_hash"] = last_hash
        values["hash"] = entry_hash(last_hash, values)
        params = [f.get_db_prep_save(values[f.attname], connection) for f in _insert_fields()]
        with connection.cursor() as cursor:
            cursor.execute(insert, params)
            if connection.features.can_return_columns_from_insert:
                pk = cursor.fetchone()[0]
            else:
                pk = connection.ops.last_insert_id(
                    cursor, AuditEvent._meta.db_table, AuditEvent._meta.pk.column
                )
            cursor.execute(move_head, [values["sequence"], values["hash"], HEAD_PK])
    event = AuditEvent(pk=pk, **values)
    event._state.adding = False
    event._state.db = alias
    return event


def record_event(
    *,
    action: str,
    user: Any | None = None,
    ip: str | None = None,
    obj: Any | None = None,
    child: Any | None = None,
    changes: dict[str, tuple[Any, Any]] | None = None,
    summary: str = "",
    model_label: str | None = None,
    object_id: str | None = None,
    row_count: int | None = None,
    flagged: bool = False,
) -> AuditEvent:
    """Append one entry. ``user`` and ``ip`` default to the current request's (or
    command's) actor and address; ``child`` defaults to the child ``obj`` is about."""
    if action not in AuditAction.values:
        raise ValueError(f"Unknown audit action {action!r}: add it to AuditAction first.")
    actor_id, username, role = _actor(user if user is not None else get_current_actor())
    if obj is not None:
        model_label = model_label or obj._meta.label
        object_id = object_id or str(obj.pk)
        if child is None:
            child = child_id_of(obj)
    values: dict[str, Any] = {
        "at": timezone.now(),
        "actor_id": actor_id,
        "actor_username": username,
        "actor_role": role,
        "ip": _text(ip if ip is not None else get_current_ip(), 45),
        "action": str(action),
        "model_label": _text(model_label, 100),
        "object_id": _text(object_id, 64),
        "child_id": _child_uuid(child),
        "changes": _changes(changes),
        "summary": _text(summary),
        "row_count": row_count,
        "flagged": bool(flagged),
    }
    return _append(values)


def record_view(
    request: HttpRequest,
    obj: Any,
    *,
    child: Any | None = None,
    summary: str = "",
    flagged: bool = False,
) -> AuditEvent:
    """A page showed ``obj`` (usually a child's record) to the signed-in user.
    ``flagged`` marks a view allowed only by break-glass."""
    user = request.user if request.user.is_authenticated else None
    return record_event(
        action=AuditAction.VIEW,
        user=user,
        ip=client_ip(request),
        obj=obj,
        child=child,
        summary=summary,
        flagged=flagged,
    )
