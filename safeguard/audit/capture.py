"""Automatic entries for every creation, change and deletion of personal data.

``BaseModel.save()``/``delete()`` report rows through ``safeguard.core.audit_hooks``;
this module says which models hold personal data and writes one entry per row. A change
keeps each changed field's old and new value. A creation or deletion names the record
but copies none of its values: the row itself (or, once deleted, nothing) is the record
of its content, so the log does not become a second copy of every case file and a
destroyed record does not live on here.
"""

from __future__ import annotations

from django.db import models

from safeguard.audit.models import AuditAction
from safeguard.audit.services import record_event
from safeguard.audit.subjects import child_id_of
from safeguard.core import audit_hooks

#: Every model of these apps holds personal data about children and families.
TRACKED_APPS = frozenset(
    {
        "people",
        "frontdoor",
        "earlyhelp",
        "assessment",
        "cin",
        "protection",
        "care",
        "exploitation",
        "education",
        "governance",
    }
)
#: Personal data kept by other apps.
TRACKED_MODELS = frozenset(
    {"workforce.Allocation", "access.RestrictedRecord", "access.AccessGrant"}
)
#: Models of tracked apps that hold no personal data (aggregate counts).
UNTRACKED_MODELS = frozenset({"people.PopulationEstimate"})

_VERBS = {"create": "Created", "change": "Changed", "delete": "Deleted"}
_ACTIONS = {
    "create": AuditAction.CREATE,
    "change": AuditAction.CHANGE,
    "delete": AuditAction.DELETE,
}


def tracks(model: type[models.Model]) -> bool:
    label = model._meta.label
    if label in UNTRACKED_MODELS:
        return False
    return model._meta.app_label in TRACKED_APPS or label in TRACKED_MODELS


def write(change: audit_hooks.RowChange) -> None:
    opts = change.instance._meta
    summary = f"{_VERBS[change.kind]} {opts.verbose_name}"
    if change.changes:
        summary += ": " + ", ".join(sorted(change.changes))
    record_event(
        action=_ACTIONS[change.kind],
        model_label=opts.label,
        object_id=str(change.pk),
        child=child_id_of(change.instance, change.pk),
        changes=change.changes if change.kind == "change" else None,
        summary=summary,
    )


def install() -> None:
    """Called from ``AuditConfig.ready`` (idempotent)."""
    audit_hooks.unregister(write)
    audit_hooks.register(write, tracks=tracks)
