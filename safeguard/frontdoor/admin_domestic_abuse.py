"""Admin pages for PPN consultations and HRDA meetings (imported by ``admin``)."""

from django.contrib import admin

from safeguard.core.admin import BaseAdmin
from safeguard.frontdoor import models_domestic_abuse as models


@admin.register(models.PpnConsultation)
class PpnConsultationAdmin(BaseAdmin):
    list_display = ("consulted_at", "outcome", "consulted_by")
    list_filter = ("outcome",)
    raw_id_fields = ("contact", "consulted_by")
    date_hierarchy = "consulted_at"


@admin.register(models.HrdaMeeting)
class HrdaMeetingAdmin(BaseAdmin):
    list_display = ("held_on", "kind", "chair")
    list_filter = ("kind",)
    raw_id_fields = ("chair",)
    date_hierarchy = "held_on"


@admin.register(models.HrdaCase)
class HrdaCaseAdmin(BaseAdmin):
    list_display = ("opened_at", "closed_on")
    raw_id_fields = ("contact",)


@admin.register(models.HrdaListing)
class HrdaListingAdmin(BaseAdmin):
    list_display = ("meeting", "case", "risk_reduced")
    raw_id_fields = ("meeting", "case")


@admin.register(models.HrdaAction)
class HrdaActionAdmin(BaseAdmin):
    list_display = ("agency", "due_on", "listing")
    raw_id_fields = ("listing", "recorded_by")
