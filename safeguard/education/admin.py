"""Admin pages for children out of school (administrators only)."""

from __future__ import annotations

from django.contrib import admin

from safeguard.core.admin import BaseAdmin
from safeguard.education import models


@admin.register(models.MissingEducationEpisode)
class MissingEducationEpisodeAdmin(BaseAdmin):
    list_display = ("child", "reported_on", "reported_by", "reason", "ended_on", "outcome")
    list_filter = ("reason", "outcome", "reported_by")
    list_select_related = ("child",)
    search_fields = ("child__la_child_id", "child__last_name", "reporter_name")
    date_hierarchy = "reported_on"
    raw_id_fields = ("child",)


@admin.register(models.Exclusion)
class ExclusionAdmin(BaseAdmin):
    list_display = ("child", "kind", "school_name", "excluded_on", "days", "reason", "lifted")
    list_filter = ("kind", "reason", "lifted")
    list_select_related = ("child",)
    search_fields = ("child__la_child_id", "child__last_name", "school_name")
    date_hierarchy = "excluded_on"
    raw_id_fields = ("child",)


@admin.register(models.PartTimeTimetable)
class PartTimeTimetableAdmin(BaseAdmin):
    list_display = ("child", "school_name", "started_on", "ended_on", "hours_per_week")
    list_select_related = ("child",)
    search_fields = ("child__la_child_id", "child__last_name", "school_name")
    date_hierarchy = "started_on"
    raw_id_fields = ("child",)
