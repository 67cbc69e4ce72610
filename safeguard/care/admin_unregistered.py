"""Admin pages for the unregistered placements register (kept apart from ``admin.py``)."""

from __future__ import annotations

from django.contrib import admin

from safeguard.care import models_unregistered as models
from safeguard.core.admin import BaseAdmin

CHILD_SEARCH = ("child__la_child_id", "child__last_name")
PLACEMENT_SEARCH = ("placement__child__la_child_id", "placement__child__last_name")


@admin.register(models.UnregisteredPlacement)
class UnregisteredPlacementAdmin(BaseAdmin):
    list_display = ("child", "started_on", "provider", "setting", "approved_on", "ended_on")
    list_filter = ("setting", "reason", "end_reason")
    list_select_related = ("child",)
    search_fields = (*CHILD_SEARCH, "provider")
    date_hierarchy = "started_on"
    raw_id_fields = ("child", "episode")


@admin.register(models.ProgressUpdate)
class ProgressUpdateAdmin(BaseAdmin):
    list_display = ("placement", "recorded_on")
    list_select_related = ("placement__child",)
    search_fields = PLACEMENT_SEARCH
    raw_id_fields = ("placement",)


@admin.register(models.IndependentVisit)
class IndependentVisitAdmin(BaseAdmin):
    list_display = ("placement", "visited_on", "visitor", "standard_of_care")
    list_filter = ("standard_of_care", "physical_condition")
    list_select_related = ("placement__child", "visitor")
    search_fields = PLACEMENT_SEARCH
    raw_id_fields = ("placement", "visitor")


class IssuedDocumentEntryInline(admin.TabularInline):
    model = models.IssuedDocumentEntry
    extra = 0
    raw_id_fields = ("placement",)


@admin.register(models.IssuedDocument)
class IssuedDocumentAdmin(BaseAdmin):
    list_display = ("kind", "period_start", "period_end", "issued_at", "placement_count")
    list_filter = ("kind",)
    exclude = ("pdf",)
    inlines = (IssuedDocumentEntryInline,)


@admin.register(models.IssuedDocumentEntry)
class IssuedDocumentEntryAdmin(BaseAdmin):
    list_display = ("document", "placement")
    list_select_related = ("document", "placement__child")
    raw_id_fields = ("document", "placement")
