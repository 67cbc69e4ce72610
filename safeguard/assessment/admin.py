from django.contrib import admin

from safeguard.assessment import models
from safeguard.core.admin import BaseAdmin


class AssessmentFactorInline(admin.TabularInline):
    model = models.AssessmentFactor
    extra = 0
    fields = ("code",)


@admin.register(models.Assessment)
class AssessmentAdmin(BaseAdmin):
    list_display = (
        "episode",
        "start_date",
        "authorised_on",
        "worker",
        "outcome",
        "child_seen",
        "seen_alone",
    )
    list_filter = ("outcome", "child_seen", "seen_alone")
    list_select_related = ("episode__child", "worker")
    search_fields = ("episode__child__la_child_id", "episode__child__last_name")
    date_hierarchy = "start_date"
    raw_id_fields = ("episode", "worker", "authorised_by")
    inlines = (AssessmentFactorInline,)


@admin.register(models.AssessmentFactor)
class AssessmentFactorAdmin(BaseAdmin):
    list_display = ("assessment", "code")
    list_filter = ("code",)
    list_select_related = ("assessment__episode__child",)
    raw_id_fields = ("assessment",)
