"""Audit entries for fostering: enquirers and carer households are adults' personal data.

The fostering app is not in the audit log's automatic capture (``audit.capture`` tracks
the apps about children), so, as for LADO cases (``partnership.auditing``), every write
is recorded here explicitly: the services call ``audit_record`` in their transaction with
what changed, and the views call ``audit_view`` for each page that shows an enquiry or a
household and ``audit_list`` for each list of names. The entries name no child (foster
carers and enquirers are not ``people.Person`` records); each names the record, so the
log answers "who looked at this household?" without copying anyone's name.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest

from safeguard.audit.models import AuditAction, AuditEvent
from safeguard.audit.services import record_event
from safeguard.core.middleware import client_ip


def _by(request: HttpRequest | None) -> dict[str, Any]:
    """The request's user and address (else the current actor's, as ``record_event``)."""
    if request is None:
        return {}
    user = request.user if request.user.is_authenticated else None
    return {"user": user, "ip": client_ip(request)}


def _label(obj: models.Model) -> str:
    """The kind of record, not its name: the entry's object id says which, and the log
    does not become a second copy of the carers' names."""
    return str(obj._meta.verbose_name).capitalize()


def audit_record(
    obj: models.Model,
    *,
    action: str,
    summary: str,
    changes: dict[str, tuple[Any, Any]] | None = None,
    request: HttpRequest | None = None,
) -> AuditEvent:
    """One entry about one fostering record (an enquiry, assessment, household or review)."""
    if action not in AuditAction.values:
        raise ValueError(f"Unknown audit action {action!r}")
    return record_event(
        action=action,
        obj=obj,
        changes=changes,
        summary=f"{_label(obj)}: {summary}",
        **_by(request),
    )


def audit_view(request: HttpRequest, obj: models.Model, *, summary: str) -> AuditEvent:
    """A page (or a step's form) showed ``obj`` to the signed-in user."""
    return audit_record(obj, action=AuditAction.VIEW, summary=summary, request=request)


def audit_list(
    request: HttpRequest, *, model: type[models.Model], summary: str, count: int
) -> AuditEvent:
    """A list of ``count`` enquirers or households was shown (names, no child)."""
    return record_event(
        action=AuditAction.VIEW,
        model_label=model._meta.label,
        row_count=count,
        summary=f"Fostering: {summary}",
        **_by(request),
    )
