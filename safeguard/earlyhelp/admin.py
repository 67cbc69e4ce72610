from django.contrib import admin

from safeguard.core.admin import BaseAdmin
from safeguard.earlyhelp import models


class TeamAroundFamilyPlanInline(admin.StackedInline):
    model = models.TeamAroundFamilyPlan
    extra = 0
    fields = ("started_on", "outcomes", "members")
    show_change_link = True


@admin.register(models.EarlyHelpEpisode)
class EarlyHelpEpisodeAdmin(BaseAdmin):
    list_display = (
        "child",
        "requested_on",
        "request_source",
        "assessment_completed_on",
        "lead_professional_name",
        "lead_professional_agency",
        "closed_on",
        "closure_reason",
    )
    list_filter = ("request_source", "lead_professional_agency", "closure_reason")
    list_select_related = ("child", "lead_professional_worker")
    search_fields = ("child__la_child_id", "child__last_name", "lead_professional_name")
    date_hierarchy = "requested_on"
    raw_id_fields = (
        "child",
        "mash_decision",
        "stepped_down_from",
        "stepped_up_to",
        "lead_professional_worker",
    )
    inlines = (TeamAroundFamilyPlanInline,)


class TafReviewInline(admin.TabularInline):
    model = models.TafReview
    extra = 0
    fields = ("held_on", "progress", "attendees")


@admin.register(models.TeamAroundFamilyPlan)
class TeamAroundFamilyPlanAdmin(BaseAdmin):
    list_display = ("episode", "started_on")
    list_select_related = ("episode__child",)
    search_fields = ("episode__child__la_child_id", "episode__child__last_name")
    raw_id_fields = ("episode",)
    inlines = (TafReviewInline,)


@admin.register(models.TafReview)
class TafReviewAdmin(BaseAdmin):
    list_display = ("plan", "held_on")
    list_select_related = ("plan__episode__child",)
    raw_id_fields = ("plan",)
