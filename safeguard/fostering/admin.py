"""Admin pages for fostering recruitment and carer households (administrators only)."""

from __future__ import annotations

from django.contrib import admin

from safeguard.core.admin import BaseAdmin
from safeguard.fostering import models


@admin.register(models.FosteringEnquiry)
class FosteringEnquiryAdmin(BaseAdmin):
    date_hierarchy = "created_at"


@admin.register(models.FosteringAssessment)
class FosteringAssessmentAdmin(BaseAdmin):
    raw_id_fields = ("enquiry",)


@admin.register(models.FosterHousehold)
class FosterHouseholdAdmin(BaseAdmin):
    pass


@admin.register(models.FosterCarerReview)
class FosterCarerReviewAdmin(BaseAdmin):
    raw_id_fields = ("household",)
