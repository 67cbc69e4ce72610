"""What the authority maintains beside the case records: comparators, the corporate risk
register (indicator pages link to it) and the indicators' commentary."""

from django.contrib import admin

from safeguard.core.admin import BaseAdmin
from safeguard.performance import models


@admin.register(models.ComparatorValue)
class ComparatorValueAdmin(BaseAdmin):
    list_display = ("measure_id", "area", "area_name", "year", "value", "source")
    list_filter = ("area", "year")
    search_fields = ("measure_id", "area_name", "source")


@admin.register(models.CorporateRisk)
class CorporateRiskAdmin(BaseAdmin):
    list_display = ("ref", "description", "score", "trend", "reviewed_on")
    list_filter = ("score", "trend")
    search_fields = ("ref", "description")


@admin.register(models.IndicatorCommentary)
class IndicatorCommentaryAdmin(BaseAdmin):
    list_display = ("measure_id", "period_code", "updated_at", "updated_by")
    list_filter = ("measure_id",)
    search_fields = ("measure_id", "period_code", "telling_us", "what_changed", "issues")
