from django.contrib import admin

from safeguard.core.admin import BaseAdmin
from safeguard.workforce import models


@admin.register(models.Team)
class TeamAdmin(BaseAdmin):
    list_display = ("name", "service_area", "locality")
    list_filter = ("service_area",)
    search_fields = ("name",)


@admin.register(models.Worker)
class WorkerAdmin(BaseAdmin):
    list_display = ("staff_id", "last_name", "first_name", "role", "team", "is_agency", "left_on")
    list_filter = ("role", "is_agency", "team")
    list_select_related = ("team",)
    search_fields = ("staff_id", "last_name", "first_name")
    raw_id_fields = ("user", "manager")


@admin.register(models.Allocation)
class AllocationAdmin(BaseAdmin):
    list_display = ("child", "worker", "started_on", "ended_on", "start_reason", "end_reason")
    list_select_related = ("child", "worker")
    raw_id_fields = ("child", "worker")


@admin.register(models.FundedPost)
class FundedPostAdmin(BaseAdmin):
    """The establishment: funded FTE by team and role (vacancies are derived, OBA2-05)."""

    list_display = ("team", "role", "fte", "started_on", "ended_on")
    list_filter = ("role", "team__service_area")
    list_select_related = ("team",)
    search_fields = ("team__name", "notes")
    date_hierarchy = "started_on"
