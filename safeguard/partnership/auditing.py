"""Audit entries for LADO cases: one per child the case names, so each child's access
report shows who read or changed an allegation about them.

The partnership app is not in the audit log's automatic capture (``audit.capture``), so
every LADO write and read is written here explicitly: services call ``audit_case`` in
their transaction with what changed; views call it with the request for each page shown.
A case that names no child still gets one entry (about the allegation alone).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from safeguard.audit.models import AuditAction
from safeguard.audit.services import record_event
from safeguard.core.middleware import client_ip
from safeguard.partnership.models import Allegation, AllegationChild


def named_child_ids(allegation: Allegation) -> list[Any]:
    return list(
        AllegationChild.objects.filter(allegation=allegation)
        .order_by("child_id")
        .values_list("child_id", flat=True)
    )


def audit_case(
    allegation: Allegation,
    *,
    action: str,
    summary: str,
    request: HttpRequest | None = None,
    changes: dict[str, tuple[Any, Any]] | None = None,
    obj: Any = None,
) -> int:
    """Write the entries; returns how many (one per named child, at least one)."""
    if action not in AuditAction.values:
        raise ValueError(f"Unknown audit action {action!r}")
    extra: dict[str, Any] = {}
    if request is not None:
        user = request.user if request.user.is_authenticated else None
        extra = {"user": user, "ip": client_ip(request)}
    children = named_child_ids(allegation) or [None]
    text = f"LADO {allegation.reference}: {summary}"
    for child_id in children:
        record_event(
            action=action,
            obj=obj if obj is not None else allegation,
            child=child_id,
            changes=changes,
            summary=text,
            **extra,
        )
    return len(children)


def audit_list(request: HttpRequest, *, summary: str, count: int) -> None:
    """A list of LADO cases was shown (subjects' names; no child is named on a list)."""
    user = request.user if request.user.is_authenticated else None
    record_event(
        action=AuditAction.VIEW,
        user=user,
        ip=client_ip(request),
        model_label=Allegation._meta.label,
        row_count=count,
        summary=summary,
    )
