"""Admin for users (with their role and agency) and a read-only view of the access policy.

Roles and capabilities are changed in ``safeguard/access/roles.py`` and applied with
``safeguard sync_roles`` so the policy is reviewed like code; the admin shows which role
holds what. Restrictions, grants, break-glass and notifications are written by their
services (which audit them), so the admin only lists them.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest

from safeguard.access.models import (
    AccessGrant,
    BreakGlassAccess,
    Capability,
    Notification,
    RestrictedRecord,
    Role,
    User,
)


@admin.register(User)
class SafeguardUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "agency", "is_active")
    list_filter = ("role", "agency", "is_active", "is_staff")
    fieldsets = (
        *UserAdmin.fieldsets,  # type: ignore[misc]
        ("Role", {"fields": ("role", "agency")}),
    )
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        ("Role", {"fields": ("role", "agency")}),
    )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        """No one raises their own privileges: only a superuser sets Django permissions, and
        nobody changes their own role."""
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_superuser", "groups", "user_permissions"]
        if obj is not None and obj.pk == request.user.pk:
            readonly += ["role", "agency"]
        return readonly


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Role)
class RoleAdmin(ReadOnlyAdmin):
    list_display = ("name", "code", "is_partner", "capability_list")
    search_fields = ("name", "code")

    @admin.display(description="capabilities")
    def capability_list(self, role: Role) -> str:
        return ", ".join(c.code for c in role.capabilities.all())

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).prefetch_related("capabilities")


@admin.register(Capability)
class CapabilityAdmin(ReadOnlyAdmin):
    list_display = ("name", "code", "role_list")
    search_fields = ("name", "code")

    @admin.display(description="held by")
    def role_list(self, capability: Capability) -> str:
        return ", ".join(r.name for r in capability.roles.all())

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).prefetch_related("roles")


@admin.register(RestrictedRecord)
class RestrictedRecordAdmin(ReadOnlyAdmin):
    list_display = ("child", "reason_category", "restricted_by", "restricted_at", "lifted_at")
    list_filter = ("reason_category",)
    raw_id_fields = ("child",)


@admin.register(AccessGrant)
class AccessGrantAdmin(ReadOnlyAdmin):
    list_display = ("user", "child", "granted_by", "starts_at", "ends_at", "revoked_at")
    raw_id_fields = ("child",)


@admin.register(BreakGlassAccess)
class BreakGlassAccessAdmin(ReadOnlyAdmin):
    list_display = ("user", "child", "at", "expires_at", "ip")
    date_hierarchy = "at"
    raw_id_fields = ("child",)


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("recipient", "subject", "created_at", "read_at")
