"""Admin for the governance records. They are written by services (which validate and
audit them, and for destruction need a second person), so the admin only lists and shows
them: retention rules are changed on the retention page."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from safeguard.core.admin import BaseAdmin
from safeguard.governance import models


class ReadOnlyAdmin(BaseAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(models.SharingAgreement)
class SharingAgreementAdmin(ReadOnlyAdmin):
    list_display = ("title", "agency", "starts_on", "ends_on", "legal_basis")
    list_filter = ("agency",)
    search_fields = ("title",)


@admin.register(models.Disclosure)
class DisclosureAdmin(ReadOnlyAdmin):
    list_display = ("disclosed_on", "child", "recipient_kind", "agency", "legal_basis")
    list_filter = ("recipient_kind", "agency", "legal_basis", "consent_status")
    list_select_related = ("child",)
    raw_id_fields = ("child",)
    date_hierarchy = "disclosed_on"


@admin.register(models.WithheldItem)
class WithheldItemAdmin(ReadOnlyAdmin):
    list_display = ("description", "child", "reason_category", "marked_at", "lifted_at")
    list_filter = ("reason_category",)
    list_select_related = ("child",)
    raw_id_fields = ("child",)


class RedactionItemInline(admin.TabularInline):
    model = models.RedactionItem
    extra = 0
    can_delete = False
    fields = ("record_label", "field_label", "decision", "decided_by")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(models.SubjectAccessRequest)
class SubjectAccessRequestAdmin(ReadOnlyAdmin):
    list_display = ("person", "requester_name", "received_on", "due_on", "status")
    list_filter = ("status",)
    list_select_related = ("person",)
    raw_id_fields = ("person",)
    inlines = (RedactionItemInline,)


@admin.register(models.RedactionItem)
class RedactionItemAdmin(ReadOnlyAdmin):
    list_display = ("record_label", "field_label", "decision", "request")
    list_filter = ("decision",)


@admin.register(models.RetentionRule)
class RetentionRuleAdmin(ReadOnlyAdmin):
    list_display = ("label", "years", "date_basis", "action", "is_active")


class DestructionItemInline(admin.TabularInline):
    model = models.DestructionItem
    extra = 0
    can_delete = False
    fields = ("label", "model_label", "object_id", "due_on", "destroyed_rows")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(models.DestructionRequest)
class DestructionRequestAdmin(ReadOnlyAdmin):
    list_display = ("proposed_at", "rule", "proposed_by", "status", "decided_by")
    list_filter = ("status",)
    inlines = (DestructionItemInline,)


@admin.register(models.DestructionItem)
class DestructionItemAdmin(ReadOnlyAdmin):
    list_display = ("label", "model_label", "due_on", "request")
