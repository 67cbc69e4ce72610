"""Shared admin behaviour: the version and authorship columns are shown, never edited."""

from __future__ import annotations

from django.contrib import admin

from safeguard.core.models import SchoolTerm


class BaseAdmin(admin.ModelAdmin):
    readonly_fields = ("id", "version", "created_at", "created_by", "updated_at", "updated_by")
    list_per_page = 50


@admin.register(SchoolTerm)
class SchoolTermAdmin(BaseAdmin):
    """Term dates are the authority's data: school-day timescales read them."""

    list_display = ("name", "starts_on", "half_term_starts_on", "half_term_ends_on", "ends_on")
    date_hierarchy = "starts_on"
    search_fields = ("name",)
    ordering = ("-starts_on",)
