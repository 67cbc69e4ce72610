"""Admin pages for complaints, compliments and family feedback (administrators only):
reference views; the officers record through the service pages."""

from __future__ import annotations

from django.contrib import admin

from safeguard.core.admin import BaseAdmin
from safeguard.quality.models import Complaint, Compliment, FamilyFeedback


@admin.register(Complaint)
class ComplaintAdmin(BaseAdmin):
    list_display = (
        "reference",
        "kind",
        "stage",
        "received_on",
        "response_due_on",
        "responded_on",
        "outcome",
    )
    list_filter = ("kind", "stage", "outcome", "category")
    search_fields = ("reference",)
    raw_id_fields = ("child", "team", "previous")
    readonly_fields = (*BaseAdmin.readonly_fields, "reference")  # type: ignore[assignment]


@admin.register(Compliment)
class ComplimentAdmin(BaseAdmin):
    list_display = ("received_on", "received_from", "team", "worker")
    raw_id_fields = ("team", "worker")


@admin.register(FamilyFeedback)
class FamilyFeedbackAdmin(BaseAdmin):
    list_display = ("received_on", "occasion", "respondent", "made_difference")
    list_filter = ("occasion",)
    raw_id_fields = ("child", "episode", "period_of_care")
