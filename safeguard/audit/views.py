"""Pages of the audit log: who has viewed a record, access reports, and the chain check.

Every page declares its capability; the record's access log also needs the object rules
to reach the child, and opening it is audited like any view of the child. Reports are
for holders of ``view_access_reports`` (information governance), for any user or child;
each report shown or downloaded is itself written to the log.
"""

from __future__ import annotations

import csv
import uuid
from collections.abc import Iterator
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from safeguard.access.decorators import requires
from safeguard.access.guards import signed_in_user
from safeguard.access.selectors import child_access
from safeguard.audit import selectors
from safeguard.audit.forms import DateRangeForm, ReportSearchForm
from safeguard.audit.models import AuditAction, AuditEvent
from safeguard.audit.services import record_event, record_view
from safeguard.people.models import Person

PER_PAGE = 50
CSV_HEADER = (
    "Entry",
    "When",
    "Who",
    "Role",
    "Address",
    "Action",
    "Record",
    "Record id",
    "Child",
    "Summary",
    "Changed fields",
    "Rows",
    "Flagged",
)


@requires("access.view_record_access_log")
@require_GET
def record_access_log(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    """Who has viewed this record: for managers who may open the child themselves."""
    child = get_object_or_404(Person, pk=child_id)
    decision = child_access(signed_in_user(request), child)
    if not decision.allowed:
        raise PermissionDenied(decision.reason)
    record_view(
        request,
        child,
        child=child,
        summary=f"Who has viewed this record: {decision.reason}",
        flagged=decision.via == "break_glass",
    )
    page = Paginator(selectors.views_of_child(child.pk), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "audit/record_access_log.html", {"child": child, "page": page})


@requires("access.view_access_reports")
@require_GET
def access_reports(request: HttpRequest) -> HttpResponse:
    """Choose whose access to report on: a user, or a child."""
    form = ReportSearchForm(request.GET if "q" in request.GET else None)
    context: dict[str, Any] = {"form": form}
    if form.is_valid():
        query = form.cleaned_data["q"]
        context["users"] = list(selectors.find_users(query))
        context["children"] = list(selectors.find_children(query))
    return render(request, "audit/access_reports.html", context, status=400 if form.errors else 200)


@requires("access.view_access_reports")
@require_GET
def user_access_report(request: HttpRequest, user_id: int) -> HttpResponseBase:
    """Everything one user did, in a date range."""
    subject = get_object_or_404(get_user_model(), pk=user_id)
    form = DateRangeForm(request.GET)
    context: dict[str, Any] = {"subject": subject, "form": form}
    if not form.is_valid():
        return render(request, "audit/user_access_report.html", context, status=400)
    events = selectors.events_by_user(subject.pk, start=form.start, end=form.end)
    about = f"user {subject.get_username()}{_range_text(form)}"
    if request.GET.get("format") == "csv":
        return _download(request, events, obj=subject, child=None, about=about)
    record_event(
        action=AuditAction.VIEW,
        user=request.user,
        obj=subject,
        summary=f"Access report for {about}",
    )
    context.update(_page(request, events, form))
    return render(request, "audit/user_access_report.html", context)


@requires("access.view_access_reports")
@require_GET
def child_access_report(request: HttpRequest, child_id: uuid.UUID) -> HttpResponseBase:
    """Everything done to or about one child's record, in a date range."""
    child = get_object_or_404(Person, pk=child_id)
    form = DateRangeForm(request.GET)
    context: dict[str, Any] = {"child": child, "form": form}
    if not form.is_valid():
        return render(request, "audit/child_access_report.html", context, status=400)
    events = selectors.events_about_child(child.pk, start=form.start, end=form.end)
    about = f"child {child.la_child_id}{_range_text(form)}"
    if request.GET.get("format") == "csv":
        return _download(request, events, obj=child, child=child, about=about)
    record_view(request, child, child=child, summary=f"Access report for {about}")
    context.update(_page(request, events, form))
    return render(request, "audit/child_access_report.html", context)


@requires("access.verify_audit_log")
@require_GET
def verify(request: HttpRequest) -> HttpResponse:
    """Run the chain check now and show the result, with the head to copy."""
    report = selectors.verify_chain()
    head = selectors.chain_head()
    return render(request, "audit/verify.html", {"report": report, "head": head})


# --- helpers ---------------------------------------------------------------------------------


def _range_text(form: DateRangeForm) -> str:
    if form.start and form.end:
        return f", {form.start:%d/%m/%Y} to {form.end:%d/%m/%Y}"
    if form.start:
        return f", from {form.start:%d/%m/%Y}"
    if form.end:
        return f", up to {form.end:%d/%m/%Y}"
    return ""


def _page(
    request: HttpRequest, events: QuerySet[AuditEvent], form: DateRangeForm
) -> dict[str, Any]:
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    children = selectors.child_identifiers(event.child_id for event in page.object_list)
    for event in page.object_list:
        event.child_label = children.get(event.child_id, "") if event.child_id else ""  # type: ignore[attr-defined]
    query = form.query()
    return {
        "show_results": True,
        "page": page,
        "page_query": f"{query}&" if query else "",
        "csv_query": f"{query}&format=csv" if query else "format=csv",
    }


def _download(
    request: HttpRequest, events: QuerySet[AuditEvent], *, obj: Any, child: Any, about: str
) -> StreamingHttpResponse:
    """The report as CSV, itself written to the log as a download before it is sent."""
    count = events.count()
    download = record_event(
        action=AuditAction.DOWNLOAD,
        user=request.user,
        obj=obj,
        child=child,
        row_count=count,
        summary=f"Access report CSV for {about}",
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    name = f"access-report-{'child' if child is not None else 'user'}-{stamp}.csv"
    # The report as it stood when asked for: not the download's own entry, nor later ones.
    rows = _csv_rows(events.filter(sequence__lt=download.sequence))
    response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class _Echo:
    def write(self, value: str) -> str:
        return value


def _cell(value: Any) -> str:
    """Text a spreadsheet will not run as a formula (values may include typed reasons)."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv_rows(events: QuerySet[AuditEvent]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_HEADER)
    chunk: list[AuditEvent] = []
    for event in events.iterator(chunk_size=2_000):
        chunk.append(event)
        if len(chunk) == 2_000:
            yield from _csv_chunk(writer, chunk)
            chunk = []
    yield from _csv_chunk(writer, chunk)


def _csv_chunk(writer: Any, events: list[AuditEvent]) -> Iterator[str]:
    children = selectors.child_identifiers(event.child_id for event in events)
    for event in events:
        row = (
            event.sequence,
            timezone.localtime(event.at).isoformat(timespec="seconds"),
            event.actor_username,
            event.actor_role,
            event.ip,
            event.get_action_display(),
            event.model_label,
            event.object_id,
            children.get(event.child_id, "") if event.child_id else "",
            event.summary,
            " ".join(event.changed_field_names),
            "" if event.row_count is None else event.row_count,
            "yes" if event.flagged else "",
        )
        yield writer.writerow([_cell(value) for value in row])
