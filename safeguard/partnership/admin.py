from django.contrib import admin

from safeguard.core.admin import BaseAdmin
from safeguard.partnership import models


class AllegationChildInline(admin.TabularInline):
    model = models.AllegationChild
    extra = 0
    fields = ("child",)
    raw_id_fields = ("child",)


class AllegationMeetingInline(admin.TabularInline):
    model = models.AllegationMeeting
    extra = 0
    fields = ("kind", "held_on", "police_involved", "notes")


@admin.register(models.Allegation)
class AllegationAdmin(BaseAdmin):
    list_display = (
        "reference",
        "stage",
        "lado_informed_on",
        "subject_role",
        "source_agency",
        "outcome",
        "closed_on",
    )
    list_filter = ("stage", "subject_role", "source_agency", "outcome")
    search_fields = ("reference", "subject_name", "subject_employer")
    date_hierarchy = "lado_informed_on"
    raw_id_fields = ("subject_person", "officer")
    inlines = (AllegationChildInline, AllegationMeetingInline)


@admin.register(models.AllegationChild)
class AllegationChildAdmin(BaseAdmin):
    list_display = ("allegation", "child")
    list_select_related = ("allegation", "child")
    raw_id_fields = ("allegation", "child")
    search_fields = ("allegation__reference", "child__la_child_id")


@admin.register(models.AllegationMeeting)
class AllegationMeetingAdmin(BaseAdmin):
    list_display = ("allegation", "kind", "held_on", "police_involved")
    list_filter = ("kind",)
    list_select_related = ("allegation",)
    raw_id_fields = ("allegation",)
    date_hierarchy = "held_on"


# Issue 9: each process registers its models in its own module.
from safeguard.partnership import (  # noqa: E402, F401
    admin_child_deaths,
    admin_dataset,
    admin_reviews,
    admin_training,
)
