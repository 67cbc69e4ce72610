"""Admin pages for the case audit programme (administrators only): the maintained list of
practice themes is kept here; audits are read-only reference."""

from __future__ import annotations

from django.contrib import admin

from safeguard.core.admin import BaseAdmin
from safeguard.quality.models import (
    AuditGroup,
    AuditParticipant,
    CaseAudit,
    CaseAuditAction,
    DomainScore,
    PracticeTheme,
    ServiceJudgement,
)


@admin.register(PracticeTheme)
class PracticeThemeAdmin(BaseAdmin):
    list_display = ("name", "active")
    list_filter = ("active",)
    search_fields = ("name",)


@admin.register(CaseAudit)
class CaseAuditAdmin(BaseAdmin):
    list_display = (
        "reference",
        "kind",
        "programme_month",
        "due_on",
        "completed_on",
        "moderated_on",
    )
    list_filter = ("kind",)
    search_fields = ("reference",)
    raw_id_fields = ("child", "auditor", "practitioner", "group")


@admin.register(ServiceJudgement)
class ServiceJudgementAdmin(BaseAdmin):
    list_display = ("quarter_start", "rating", "recorded_on")


@admin.register(AuditGroup)
class AuditGroupAdmin(BaseAdmin):
    list_display = ("reference", "kind", "theme", "programme_month")
    list_filter = ("kind",)
    search_fields = ("reference", "theme")


@admin.register(AuditParticipant)
class AuditParticipantAdmin(BaseAdmin):
    list_display = ("group", "agency", "name", "role_title")
    raw_id_fields = ("group",)


@admin.register(DomainScore)
class DomainScoreAdmin(BaseAdmin):
    list_display = ("audit", "domain", "score")
    list_filter = ("domain",)
    raw_id_fields = ("audit",)


@admin.register(CaseAuditAction)
class CaseAuditActionAdmin(BaseAdmin):
    list_display = ("audit", "worker", "due_on", "completed_on")
    raw_id_fields = ("audit", "worker")
