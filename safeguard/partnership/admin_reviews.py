"""Admin pages for serious incidents and practice reviews (administrators only)."""

from __future__ import annotations

from django.contrib import admin

from safeguard.core.admin import BaseAdmin
from safeguard.partnership.models import (
    InformationRequest,
    LearningProduct,
    LearningTheme,
    ReviewAction,
    SeriousIncident,
)


class ReviewActionInline(admin.TabularInline):
    model = ReviewAction
    extra = 0
    fields = ("action", "owner_agency", "due_on", "status", "completed_on")


class InformationRequestInline(admin.TabularInline):
    model = InformationRequest
    extra = 0
    fields = ("agency", "sent_on", "due_on", "received_on")


class LearningProductInline(admin.TabularInline):
    model = LearningProduct
    extra = 0
    fields = ("kind", "title", "issued_on", "audience")


@admin.register(SeriousIncident)
class SeriousIncidentAdmin(BaseAdmin):
    list_display = (
        "reference",
        "child_identifier",
        "la_area",
        "incident_type",
        "aware_on",
        "panel_notified_on",
        "rapid_review_held_on",
        "decision",
        "published_on",
    )
    list_filter = ("la_area", "incident_type", "decision")
    search_fields = ("reference", "child_identifier")
    date_hierarchy = "aware_on"
    filter_horizontal = ("themes",)
    inlines = (InformationRequestInline, ReviewActionInline, LearningProductInline)


@admin.register(LearningTheme)
class LearningThemeAdmin(BaseAdmin):
    list_display = ("label", "code", "order", "active")
    list_filter = ("active",)
    search_fields = ("label", "code")


@admin.register(ReviewAction)
class ReviewActionAdmin(BaseAdmin):
    list_display = ("incident", "owner_agency", "due_on", "status", "completed_on")
    list_filter = ("status",)
    list_select_related = ("incident",)
    raw_id_fields = ("incident",)


@admin.register(InformationRequest)
class InformationRequestAdmin(BaseAdmin):
    list_display = ("incident", "agency", "sent_on", "due_on", "received_on")
    raw_id_fields = ("incident",)


@admin.register(LearningProduct)
class LearningProductAdmin(BaseAdmin):
    list_display = ("incident", "kind", "title", "issued_on")
    list_filter = ("kind",)
    raw_id_fields = ("incident",)
