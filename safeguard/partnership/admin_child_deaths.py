"""Admin pages for child death reviews (administrators only): the records, and the
maintained list of modifiable factors the panel chooses from."""

from __future__ import annotations

from django.contrib import admin

from safeguard.core.admin import BaseAdmin
from safeguard.partnership.models import ChildDeath, ModifiableFactor


@admin.register(ModifiableFactor)
class ModifiableFactorAdmin(BaseAdmin):
    list_display = ("label", "code", "order", "active")
    list_editable = ("order", "active")
    list_filter = ("active",)
    search_fields = ("label", "code")


@admin.register(ChildDeath)
class ChildDeathAdmin(BaseAdmin):
    list_display = (
        "reference",
        "notified_on",
        "resident_area",
        "age_band",
        "expectation",
        "category",
        "modifiable",
        "reviewed_on",
    )
    list_filter = ("resident_area", "age_band", "expectation", "category", "modifiable")
    search_fields = ("reference", "first_name", "last_name")
    date_hierarchy = "notified_on"
    raw_id_fields = ("person",)
    filter_horizontal = ("factors",)
