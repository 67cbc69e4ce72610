"""Shared admin behaviour: the version and authorship columns are shown, never edited."""

from __future__ import annotations

from django.contrib import admin


class BaseAdmin(admin.ModelAdmin):
    readonly_fields = ("id", "version", "created_at", "created_by", "updated_at", "updated_by")
    list_per_page = 50
