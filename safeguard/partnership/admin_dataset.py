"""Admin pages for the partnership dataset (administrators only): partners' exception
reports and the partner survey responses. The business unit and the partners work in the
dataset pages; the admin is for corrections."""

from __future__ import annotations

from django.contrib import admin

from safeguard.core.admin import BaseAdmin
from safeguard.partnership.models.dataset import ExceptionReport, PartnerSurveyResponse


@admin.register(ExceptionReport)
class ExceptionReportAdmin(BaseAdmin):
    list_display = (
        "quarter",
        "agency",
        "status",
        "risks_rag",
        "emerging_priorities_rag",
        "resources_rag",
        "workforce_rag",
        "submitted_on",
        "submitted_by_name",
    )
    list_filter = ("status", "agency", "quarter")
    search_fields = ("quarter", "submitted_by_name")
    raw_id_fields = ("submitted_by",)


@admin.register(PartnerSurveyResponse)
class PartnerSurveyResponseAdmin(BaseAdmin):
    list_display = ("responded_on", "agency", "rating")
    list_filter = ("rating", "agency")
    date_hierarchy = "responded_on"
    search_fields = ("comments",)
