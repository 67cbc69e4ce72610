"""Test support: write entries and tamper with them as someone with database access would."""

from __future__ import annotations

from typing import Any

from django.db import connection

from safeguard.audit.models import AuditEvent
from safeguard.audit.services import record_event


def write_events(count: int, **extra: Any) -> list[AuditEvent]:
    return [
        record_event(action="export", summary=f"Export {n}", row_count=n, **extra)
        for n in range(1, count + 1)
    ]


def raw(sql: str, params: list[Any]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def edit_row(sequence: int, column: str, value: Any) -> None:
    raw(f"UPDATE audit_auditevent SET {column} = %s WHERE sequence = %s", [value, sequence])  # noqa: S608


def delete_row(sequence: int) -> None:
    raw("DELETE FROM audit_auditevent WHERE sequence = %s", [sequence])
