"""The audit log in the admin: read-only, and without the changed values.

Nobody adds, edits or deletes entries here (the model refuses too). Superusers and
holders of ``verify_audit_log`` may list them. The old and new values of changes are
personal data, so the admin shows only which fields changed; the values stay in the
database for an investigation.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from safeguard.audit.models import AuditChainHead, AuditEvent


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        user = request.user
        return super().has_view_permission(request, obj) or (
            user.is_active and user.is_staff and user.has_perm("access.verify_audit_log")
        )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)


@admin.register(AuditEvent)
class AuditEventAdmin(_ReadOnly):
    list_display = (
        "sequence",
        "at",
        "actor_username",
        "action",
        "model_label",
        "summary",
        "flagged",
    )
    list_filter = ("action", "flagged")
    search_fields = ("=sequence", "actor_username", "=object_id", "=child_id")
    fields = (
        "sequence",
        "at",
        "actor_username",
        "actor_role",
        "ip",
        "action",
        "model_label",
        "object_id",
        "child_id",
        "changed_fields",
        "summary",
        "row_count",
        "flagged",
        "prev_hash",
        "hash",
    )
    readonly_fields = fields
    list_per_page = 50
    show_full_result_count = False

    @admin.display(description="changed fields")
    def changed_fields(self, event: AuditEvent) -> str:
        return ", ".join(event.changed_field_names)


@admin.register(AuditChainHead)
class AuditChainHeadAdmin(_ReadOnly):
    list_display = ("last_sequence", "last_hash")
