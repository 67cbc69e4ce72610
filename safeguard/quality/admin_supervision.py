"""Admin pages for case supervision (administrators only)."""

from __future__ import annotations

from django.contrib import admin

from safeguard.core.admin import BaseAdmin
from safeguard.quality.models import Supervision, SupervisionCase


class SupervisionCaseInline(admin.TabularInline):
    model = SupervisionCase
    extra = 0
    raw_id_fields = ("child",)
    fields = ("child", "direction")


@admin.register(Supervision)
class SupervisionAdmin(BaseAdmin):
    list_display = ("supervisee", "supervisor", "due_on", "held_on", "not_held_reason")
    list_filter = ("not_held_reason",)
    list_select_related = ("supervisee", "supervisor")
    search_fields = ("supervisee__staff_id", "supervisee__last_name", "supervisor__last_name")
    date_hierarchy = "due_on"
    raw_id_fields = ("supervisee", "supervisor")
    inlines = [SupervisionCaseInline]


@admin.register(SupervisionCase)
class SupervisionCaseAdmin(BaseAdmin):
    list_display = ("supervision", "child")
    raw_id_fields = ("supervision", "child")
