from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from safeguard.core.admin import BaseAdmin
from safeguard.protection import models, selectors


class StrategyAttendeeInline(admin.TabularInline):
    model = models.StrategyAttendee
    extra = 0
    fields = ("agency", "name", "role", "worker")
    raw_id_fields = ("worker",)


class StrategyActionInline(admin.TabularInline):
    model = models.StrategyAction
    extra = 0
    fields = ("agency", "owner", "action", "due_by", "completed_on")


@admin.register(models.StrategyDiscussion)
class StrategyDiscussionAdmin(BaseAdmin):
    list_display = (
        "episode",
        "held_on",
        "lead_worker",
        "s47_initiated",
        "criminal_investigation",
        "quorate",
    )
    list_filter = ("s47_initiated", "criminal_investigation")
    list_select_related = ("episode__child", "lead_worker")
    search_fields = ("episode__child__la_child_id", "episode__child__last_name")
    date_hierarchy = "held_on"
    raw_id_fields = ("episode", "lead_worker")
    inlines = (StrategyAttendeeInline, StrategyActionInline)

    def get_queryset(self, request: HttpRequest) -> QuerySet[models.StrategyDiscussion]:
        return super().get_queryset(request).prefetch_related("attendees")

    @admin.display(boolean=True, description="quorate")
    def quorate(self, obj: models.StrategyDiscussion) -> bool:
        return selectors.strategy_quorum(obj).quorate


@admin.register(models.StrategyAttendee)
class StrategyAttendeeAdmin(BaseAdmin):
    list_display = ("discussion", "agency", "name", "role")
    list_filter = ("agency",)
    list_select_related = ("discussion__episode__child",)
    raw_id_fields = ("discussion", "worker")


@admin.register(models.StrategyAction)
class StrategyActionAdmin(BaseAdmin):
    list_display = ("discussion", "agency", "owner", "due_by", "completed_on")
    list_filter = ("agency",)
    list_select_related = ("discussion__episode__child",)
    raw_id_fields = ("discussion",)


@admin.register(models.Section47Enquiry)
class Section47EnquiryAdmin(BaseAdmin):
    list_display = (
        "episode",
        "start_date",
        "outcome",
        "outcome_date",
        "conference_requested_on",
        "icpc_not_required",
    )
    list_filter = ("outcome", "icpc_not_required")
    list_select_related = ("episode__child",)
    search_fields = ("episode__child__la_child_id", "episode__child__last_name")
    date_hierarchy = "start_date"
    raw_id_fields = ("episode", "strategy_discussion", "lead_worker")


class ConferenceInvitationInline(admin.TabularInline):
    model = models.ConferenceInvitation
    extra = 0
    fields = ("agency", "invitee", "invited_on", "report_requested", "report_received_on")


class ConferenceAttendanceInline(admin.TabularInline):
    model = models.ConferenceAttendance
    extra = 0
    fields = ("agency", "name", "status")


@admin.register(models.Conference)
class ConferenceAdmin(BaseAdmin):
    list_display = (
        "child",
        "conference_type",
        "scheduled_for",
        "held_on",
        "chair",
        "quorate",
        "outcome",
        "category",
        "cancelled_on",
    )
    list_filter = ("conference_type", "outcome", "category", "quorate")
    list_select_related = ("child", "chair")
    search_fields = ("child__la_child_id", "child__last_name", "group_reference")
    date_hierarchy = "scheduled_for"
    raw_id_fields = ("episode", "child", "section47", "plan", "chair")
    inlines = (ConferenceInvitationInline, ConferenceAttendanceInline)


@admin.register(models.ConferenceInvitation)
class ConferenceInvitationAdmin(BaseAdmin):
    list_display = (
        "conference",
        "agency",
        "invitee",
        "invited_on",
        "report_requested",
        "report_received_on",
    )
    list_filter = ("agency", "report_requested")
    list_select_related = ("conference__child",)
    raw_id_fields = ("conference",)


@admin.register(models.ConferenceAttendance)
class ConferenceAttendanceAdmin(BaseAdmin):
    list_display = ("conference", "agency", "name", "status")
    list_filter = ("agency", "status")
    list_select_related = ("conference__child",)
    raw_id_fields = ("conference",)


class CPPlanCategoryChangeInline(admin.TabularInline):
    model = models.CPPlanCategoryChange
    extra = 0
    fields = ("changed_on", "from_category", "to_category", "conference")
    raw_id_fields = ("conference",)


class CoreGroupMeetingInline(admin.TabularInline):
    model = models.CoreGroupMeeting
    extra = 0
    fields = ("held_on", "attendees", "notes")


@admin.register(models.CPPlan)
class CPPlanAdmin(BaseAdmin):
    list_display = (
        "child",
        "start_date",
        "end_date",
        "initial_category",
        "latest_category",
        "end_reason",
        "visit_frequency_weeks",
    )
    list_filter = ("initial_category", "latest_category", "end_reason", "visit_frequency_weeks")
    list_select_related = ("child",)
    search_fields = ("child__la_child_id", "child__last_name")
    date_hierarchy = "start_date"
    raw_id_fields = (
        "episode",
        "child",
        "initial_conference",
        "end_conference",
        "lead_social_worker",
    )
    inlines = (CPPlanCategoryChangeInline, CoreGroupMeetingInline)


@admin.register(models.CPPlanCategoryChange)
class CPPlanCategoryChangeAdmin(BaseAdmin):
    list_display = ("plan", "changed_on", "from_category", "to_category")
    list_select_related = ("plan__child",)
    raw_id_fields = ("plan", "conference")


@admin.register(models.CoreGroupMeeting)
class CoreGroupMeetingAdmin(BaseAdmin):
    list_display = ("plan", "held_on")
    list_select_related = ("plan__child",)
    date_hierarchy = "held_on"
    raw_id_fields = ("plan",)


@admin.register(models.MidwayReview)
class MidwayReviewAdmin(BaseAdmin):
    list_display = ("plan", "due_on", "held_on", "chair")
    list_select_related = ("plan__child", "chair")
    date_hierarchy = "due_on"
    raw_id_fields = ("plan", "chair")


@admin.register(models.Escalation)
class EscalationAdmin(BaseAdmin):
    list_display = ("child", "raised_on", "raised_by", "stage", "status", "resolved_on")
    list_filter = ("stage", "status")
    list_select_related = ("child", "raised_by")
    search_fields = ("child__la_child_id", "child__last_name")
    date_hierarchy = "raised_on"
    raw_id_fields = ("child", "raised_by")
