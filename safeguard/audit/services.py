"""Writing to the audit log. STUB: the audit helper replaces this with the hash-chained log.

The signatures are the contract other apps code against.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


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
) -> Any:
    return None


def record_view(
    request: HttpRequest, obj: Any, *, child: Any | None = None, summary: str = ""
) -> Any:
    return None
