"""Admin pages for multi-agency training (administrators only): the course menu, the
agencies list, sessions, bookings and evaluations. The business unit works in the
training pages; the admin is for corrections."""

from __future__ import annotations

from django.contrib import admin

from safeguard.core.admin import BaseAdmin
from safeguard.partnership.models.training import (
    Course,
    CourseSession,
    TrainingAgency,
    TrainingBooking,
    TrainingEvaluation,
)


@admin.register(TrainingAgency)
class TrainingAgencyAdmin(BaseAdmin):
    list_display = ("name", "sector", "active")
    list_editable = ("active",)
    list_filter = ("sector", "active")
    search_fields = ("name",)


@admin.register(Course)
class CourseAdmin(BaseAdmin):
    list_display = ("title", "level", "length", "length_unit", "mode", "capacity", "active")
    list_filter = ("level", "mode", "active")
    search_fields = ("title", "provider")


@admin.register(CourseSession)
class CourseSessionAdmin(BaseAdmin):
    list_display = ("course", "starts_on", "capacity", "cancelled_on", "attendance_recorded_on")
    list_filter = ("course",)
    list_select_related = ("course",)
    date_hierarchy = "starts_on"


@admin.register(TrainingBooking)
class TrainingBookingAdmin(BaseAdmin):
    list_display = ("delegate_name", "agency", "session", "status", "attendance")
    list_filter = ("status", "attendance", "agency__sector")
    list_select_related = ("agency", "session__course")
    search_fields = ("delegate_name", "delegate_email")
    raw_id_fields = ("session",)


@admin.register(TrainingEvaluation)
class TrainingEvaluationAdmin(BaseAdmin):
    list_display = ("booking", "returned_on", "rating")
    list_filter = ("rating",)
    raw_id_fields = ("booking",)
