from django.contrib import admin

from safeguard.core.admin import BaseAdmin
from safeguard.frontdoor import models


class ContactChildInline(admin.TabularInline):
    model = models.ContactChild
    extra = 0
    fields = ("child",)
    raw_id_fields = ("child",)


@admin.register(models.Contact)
class ContactAdmin(BaseAdmin):
    list_display = (
        "received_at",
        "source",
        "channel",
        "ppn_rating",
        "referrer_agency",
        "consent_asked",
        "consent_given",
        "outcome",
        "outcome_at",
    )
    list_filter = ("channel", "source", "ppn_rating", "outcome", "consent_given")
    list_select_related = ("recorded_by",)
    search_fields = (
        "referrer_name",
        "referrer_agency",
        "contact_children__child__la_child_id",
        "contact_children__child__last_name",
    )
    date_hierarchy = "received_at"
    raw_id_fields = ("recorded_by",)
    inlines = (ContactChildInline,)


@admin.register(models.ContactChild)
class ContactChildAdmin(BaseAdmin):
    list_display = ("child", "contact")
    list_select_related = ("child", "contact")
    search_fields = ("child__la_child_id", "child__last_name")
    raw_id_fields = ("contact", "child")


class PartnerCheckInline(admin.TabularInline):
    model = models.PartnerCheck
    extra = 0
    fields = ("agency", "requested_at", "requested_by", "answered_at", "answered_by", "answer")
    raw_id_fields = ("requested_by",)
    show_change_link = True


class MashDecisionInline(admin.TabularInline):
    model = models.MashDecision
    extra = 0
    fields = ("child", "outcome", "decided_at", "decided_by", "feedback_given", "cin_episode")
    raw_id_fields = ("child", "decided_by", "cin_episode")
    show_change_link = True


@admin.register(models.MashTriage)
class MashTriageAdmin(BaseAdmin):
    list_display = ("contact", "priority", "started_at", "started_by", "decided_at", "decided_by")
    list_filter = ("priority",)
    list_select_related = ("contact", "started_by", "decided_by")
    date_hierarchy = "started_at"
    raw_id_fields = ("contact", "started_by", "decided_by")
    inlines = (PartnerCheckInline, MashDecisionInline)


@admin.register(models.PartnerCheck)
class PartnerCheckAdmin(BaseAdmin):
    list_display = ("triage", "agency", "requested_at", "answered_at", "answered_by")
    list_filter = ("agency",)
    list_select_related = ("triage__contact", "requested_by")
    date_hierarchy = "requested_at"
    raw_id_fields = ("triage", "requested_by")


@admin.register(models.MashDecision)
class MashDecisionAdmin(BaseAdmin):
    list_display = (
        "child",
        "outcome",
        "decided_at",
        "decided_by",
        "feedback_given",
        "feedback_given_on",
        "cin_episode",
    )
    list_filter = ("outcome", "feedback_given")
    list_select_related = ("child", "decided_by", "cin_episode__child")
    search_fields = ("child__la_child_id", "child__last_name")
    date_hierarchy = "decided_at"
    raw_id_fields = ("triage", "child", "decided_by", "cin_episode")


# Domestic abuse (PPN consultations, HRDA meetings) registers its own admin pages.
from safeguard.frontdoor import admin_domestic_abuse  # noqa: E402, F401
