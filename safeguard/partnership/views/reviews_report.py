"""The review tracker and overdue actions: a page, and the same report as PDF and CSV.

The partnership business unit's only (``manage_practice_reviews``): the tracker lists
each incident by the child's initials or agreed name. The page and each download are
audited with the number of incidents shown.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from safeguard.access.decorators import requires
from safeguard.audit.models import AuditAction
from safeguard.audit.services import record_event
from safeguard.core import clock
from safeguard.core.middleware import client_ip
from safeguard.partnership import exports
from safeguard.partnership.models import SeriousIncident
from safeguard.partnership.selectors.reviews import ACTION_LABELS
from safeguard.partnership.selectors.reviews_report import Tracker, tracker
from safeguard.partnership.services.reviews_checks import audit_list
from safeguard.partnership.views.reviews import MANAGE

FORMATS = {"csv": exports.CSV_CONTENT_TYPE, "pdf": exports.PDF_CONTENT_TYPE}


def _iso(value: Any) -> str:
    return value.isoformat() if value is not None else ""


def tracker_rows(report: Tracker) -> list[list[Any]]:
    """Long form: one line per incident and timescale, then one per overdue action."""
    rows: list[list[Any]] = []
    for row in report.rows:
        i = row.incident
        for t in row.timescales:
            rows.append(
                [
                    "Tracker",
                    i.reference,
                    i.child_identifier,
                    i.get_la_area_display(),
                    i.get_incident_type_display(),
                    row.stage,
                    t.label,
                    _iso(t.due),
                    _iso(t.done),
                    t.state_label,
                ]
            )
    for o in report.overdue_actions:
        a = o.action
        rows.append(
            [
                "Overdue action",
                o.reference,
                "",
                "",
                "",
                ACTION_LABELS[a.status],
                f"{a.action} ({a.owner_agency})",
                _iso(a.due_on),
                "",
                f"{o.days_overdue} days overdue",
            ]
        )
    return rows


def tracker_csv(report: Tracker) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "Section",
            "Reference",
            "Child",
            "Area",
            "Incident",
            "Stage or status",
            "Timescale or action",
            "Due",
            "Done",
            "State",
        ]
    )
    for row in tracker_rows(report):
        writer.writerow([exports._cell(v) for v in row])
    return out.getvalue()


def tracker_pdf(report: Tracker) -> bytes:
    """WeasyPrint with ``data:`` URLs only: every style is inline, nothing is fetched."""
    from weasyprint import HTML, URLFetcher

    html = render_to_string(
        "partnership/pdf/reviews_tracker.html",
        {
            "report": report,
            "la_name": getattr(settings, "SAFEGUARD_LA_NAME", ""),
            "computed_at": timezone.localtime(),
            "action_labels": ACTION_LABELS,
        },
    )
    pdf = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()
    assert pdf is not None
    return bytes(pdf)


@requires(MANAGE)
@require_GET
def tracker_page(request: HttpRequest) -> HttpResponse:
    report = tracker(clock.today())
    audit_list(request, summary="Practice review tracker", count=len(report.rows))
    downloads = [
        (label, reverse("partnership:review_tracker_export", kwargs={"fmt": fmt}))
        for fmt, label in (("pdf", "PDF"), ("csv", "CSV"))
    ]
    return render(
        request,
        "partnership/reviews/tracker.html",
        {"report": report, "downloads": downloads, "action_labels": ACTION_LABELS},
    )


@requires(MANAGE)
@require_GET
def tracker_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        return HttpResponse("Unknown format.", status=404, content_type="text/plain")
    report = tracker(clock.today())
    content: str | bytes = tracker_pdf(report) if fmt == "pdf" else tracker_csv(report)
    record_event(
        action=AuditAction.DOWNLOAD,
        user=request.user,
        ip=client_ip(request),
        model_label=SeriousIncident._meta.label,
        row_count=len(report.rows),
        summary=f"Practice review tracker ({fmt.upper()})",
    )
    response = HttpResponse(content, content_type=FORMATS[fmt])
    name = f"practice-review-tracker-{report.run_on.isoformat()}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
