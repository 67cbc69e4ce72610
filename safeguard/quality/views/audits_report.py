"""The audit report (a month or a financial quarter) as a page, PDF and CSV, and the
quarterly service-wide judgement.

The report shows counts, averages and staff names only, no child, so its readers are
everyone with ``view_quality_report``. Each download is audited.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.access.decorators import requires
from safeguard.core import clock
from safeguard.core.views_steps import posted, step_form_page
from safeguard.quality import exports
from safeguard.quality.forms import audits as forms
from safeguard.quality.models import CaseAudit, ServiceJudgement
from safeguard.quality.selectors.audits_report import (
    AuditReport,
    PeriodError,
    ReportPeriod,
    audit_report,
    months_with_audits,
)
from safeguard.quality.services.audits_judgement import record_judgement

REPORT = "access.view_quality_report"
MANAGE = "access.manage_case_audits"


def _period(request: HttpRequest) -> tuple[ReportPeriod | None, str]:
    text = request.GET.get("period", "").strip()
    if text:
        try:
            return ReportPeriod.parse(text), ""
        except PeriodError as exc:
            return None, str(exc)
    today = clock.today()
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    return ReportPeriod.month(last_month), ""


def report_rows(report: AuditReport) -> list[list[Any]]:
    """Long form: section, row, measure, value."""
    rows: list[list[Any]] = [
        ["Summary", "Audits", "Completed", report.completed],
        ["Summary", "Audits", "Moderated (counted)", report.moderated],
        ["Summary", "Audits", "Awaiting moderation", report.awaiting_moderation],
        ["Summary", "Audits", "Grade changed at moderation", report.changed_grades],
        ["Summary", "All domains", "Average score (OBA3-02)", report.average],
    ]
    rows += [["By kind", label, "Completed", n] for label, n in report.by_kind]
    rows += [["Domains", d.label, "Average score", d.average] for d in report.domains]
    rows += [["Grades (OBA3-03)", label, "Audits", n] for label, n in report.grades]
    rows += [["Practice themes", name, "Audits", n] for name, n in report.themes]
    rows += [
        ["Actions", "From audits completed in the period", "Set", report.actions_set],
        ["Actions", f"At {report.as_at:%d/%m/%Y}", "Open", report.actions_open],
        ["Actions", f"At {report.as_at:%d/%m/%Y}", "Overdue", report.actions_overdue],
    ]
    rows += [
        ["Dip samples (OBA1-15)", f"{m.name} ({m.team})", "Completed", m.dip_samples]
        for m in report.dip_samples
    ]
    if report.judgement is not None:
        rows.append(
            ["Service judgement (OBA3-04)", "Estimated rating", "1-4", report.judgement.rating]
        )
    return rows


@requires(REPORT)
@require_GET
def report_page(request: HttpRequest) -> HttpResponse:
    period, error = _period(request)
    report = audit_report(period, run_on=clock.today()) if period is not None else None
    downloads = []
    if period is not None:
        for fmt, label in (("pdf", "PDF"), ("csv", "CSV (figures as numbers)")):
            url = reverse("quality:audit_report_export", kwargs={"fmt": fmt})
            downloads.append((label, f"{url}?period={period.code}"))
    return render(
        request,
        "quality/audits/report.html",
        {
            "report": report,
            "error": error,
            "typed": request.GET.get("period", period.code if period else ""),
            "months": months_with_audits(),
            "downloads": downloads,
        },
        status=400 if error else 200,
    )


@requires(REPORT)
@require_GET
def report_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in exports.FORMATS:
        return HttpResponse("Unknown format.", status=404, content_type="text/plain")
    period, error = _period(request)
    if period is None:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    report = audit_report(period, run_on=clock.today())
    return exports.report_download(
        request,
        fmt,
        pdf_template="quality/audits/pdf/report.html",
        report=report,
        header=["Period", "Section", "Row", "Measure", "Value"],
        rows=([period.code, *row] for row in report_rows(report)),
        model_label=CaseAudit._meta.label,
        title=f"Case audit report {period.code}",
        count=report.completed,
        filename=f"case-audits-{period.code}",
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def judgements(request: HttpRequest) -> HttpResponse:
    form = forms.JudgementForm(posted(request))
    here = reverse("quality:audit_judgements")
    return step_form_page(
        request,
        form,
        template="quality/audits/judgements.html",
        title="Service-wide judgement",
        button="Save the judgement",
        intro="Each quarter, the estimated Ofsted rating of the service (1 outstanding, 2 "
        "good, 3 requires improvement, 4 inadequate) with its rationale: the audit grades, "
        "the performance measures and what inspectors would find. Saving a quarter again "
        "revises it.",
        action=lambda d: record_judgement(
            quarter=d["quarter"], rating=int(d["rating"]), rationale=d["rationale"]
        ),
        success="The judgement is saved",
        done=here,
        context={
            "caption": "Case audit programme",
            "back": reverse("quality:audit_programme"),
            "judgements": ServiceJudgement.objects.all()[:12],
        },
    )
