"""Audit-log entries for quality assurance pages, shared by every quality process.

The quality app is not in the audit log's automatic capture for page views, so each view
that shows a record about a child (or a list of them, or a download) calls one of these
with the request. Keep the API small: other quality processes import it.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from safeguard.audit.models import AuditAction
from safeguard.audit.services import record_event
from safeguard.core.middleware import client_ip


def _actor(request: HttpRequest) -> dict[str, Any]:
    user = request.user if request.user.is_authenticated else None
    return {"user": user, "ip": client_ip(request)}


def audit_view(
    request: HttpRequest,
    *,
    model_label: str,
    object_id: Any,
    summary: str,
    child: Any = None,
) -> None:
    """A page showed one record (``child``: the child it is about, if any, so the child's
    access report lists the view)."""
    record_event(
        action=AuditAction.VIEW,
        model_label=model_label,
        object_id=str(object_id),
        child=child,
        summary=summary,
        **_actor(request),
    )


def audit_list(request: HttpRequest, *, model_label: str, summary: str, count: int) -> None:
    """A list of records was shown (one entry for the page, with how many rows)."""
    record_event(
        action=AuditAction.VIEW,
        model_label=model_label,
        row_count=count,
        summary=summary,
        **_actor(request),
    )


def audit_download(request: HttpRequest, *, model_label: str, summary: str, count: int) -> None:
    """A report or list was downloaded (CSV, PDF)."""
    record_event(
        action=AuditAction.DOWNLOAD,
        model_label=model_label,
        row_count=count,
        summary=summary,
        **_actor(request),
    )
