"""Admin pages for practice meetings (administrators only)."""

from __future__ import annotations

from django.contrib import admin

from safeguard.core.admin import BaseAdmin
from safeguard.quality.models import Invitation, PracticeMeeting


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 0
    raw_id_fields = ("worker",)
    fields = ("worker", "invited_on", "apologies_on", "response")


@admin.register(PracticeMeeting)
class PracticeMeetingAdmin(BaseAdmin):
    list_display = ("held_on", "kind", "title", "organiser", "attendance_recorded_on")
    list_filter = ("kind",)
    list_select_related = ("organiser",)
    search_fields = ("title",)
    date_hierarchy = "held_on"
    raw_id_fields = ("organiser",)
    inlines = [InvitationInline]


@admin.register(Invitation)
class InvitationAdmin(BaseAdmin):
    list_display = ("meeting", "worker", "invited_on", "apologies_on", "response")
    list_filter = ("response",)
    raw_id_fields = ("meeting", "worker")
