from django.contrib import admin

from safeguard.cin import models
from safeguard.core.admin import BaseAdmin


class CINPlanInline(admin.TabularInline):
    model = models.CINPlan
    extra = 0
    fields = ("start_date", "end_date", "end_reason", "lead_worker")
    raw_id_fields = ("lead_worker",)
    show_change_link = True


@admin.register(models.CINEpisode)
class CINEpisodeAdmin(BaseAdmin):
    list_display = (
        "child",
        "referral_date",
        "referral_source",
        "primary_need",
        "closure_date",
        "reason_for_closure",
        "referral_nfa",
        "is_re_referral",
    )
    list_filter = ("referral_source", "primary_need", "reason_for_closure", "referral_nfa")
    list_select_related = ("child",)
    search_fields = ("child__la_child_id", "child__last_name", "child__first_name")
    date_hierarchy = "referral_date"
    raw_id_fields = ("child", "closure_signed_off_by")
    inlines = (CINPlanInline,)


class CINPlanReviewInline(admin.TabularInline):
    model = models.CINPlanReview
    extra = 0
    fields = ("held_on", "chaired_by", "attendees", "progress")
    raw_id_fields = ("chaired_by",)


@admin.register(models.CINPlan)
class CINPlanAdmin(BaseAdmin):
    list_display = ("episode", "start_date", "end_date", "end_reason", "lead_worker")
    list_filter = ("end_reason",)
    list_select_related = ("episode__child", "lead_worker")
    search_fields = ("episode__child__la_child_id", "episode__child__last_name")
    raw_id_fields = ("episode", "lead_worker")
    inlines = (CINPlanReviewInline,)


@admin.register(models.CINPlanReview)
class CINPlanReviewAdmin(BaseAdmin):
    list_display = ("plan", "held_on", "chaired_by")
    list_select_related = ("plan__episode__child", "chaired_by")
    raw_id_fields = ("plan", "chaired_by")


@admin.register(models.Visit)
class VisitAdmin(BaseAdmin):
    list_display = (
        "child",
        "visit_date",
        "visit_type",
        "worker",
        "child_seen",
        "seen_alone",
        "location",
    )
    list_filter = ("visit_type", "child_seen", "seen_alone", "location")
    list_select_related = ("child", "worker")
    search_fields = ("child__la_child_id", "child__last_name")
    date_hierarchy = "visit_date"
    raw_id_fields = ("child", "episode", "worker")
