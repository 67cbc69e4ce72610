"""The analysts' pseudonymised list of children, as a page and as CSV."""

from __future__ import annotations

import csv

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from safeguard.access import pseudonymised
from safeguard.access.decorators import requires
from safeguard.access.guards import signed_in_user
from safeguard.core import clock

PER_PAGE = 50


@requires("access.view_pseudonymised_data")
@require_GET
def pseudonymised_children(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    error = ""
    if status and status not in pseudonymised.STATUS_LABELS:
        error = "Select a status from the list"
        status = ""
    children = pseudonymised.worked_with_children(status)
    today = clock.today()
    if request.GET.get("format") == "csv" and not error:
        return _csv(request, list(children), status)
    page = Paginator(children, PER_PAGE).get_page(request.GET.get("page"))
    rows = pseudonymised.pseudonymise(list(page.object_list), today)
    query = urlencode({"status": status}) + "&" if status else ""
    return render(
        request,
        "access/pseudonymised_children.html",
        {
            "page": page,
            "rows": rows,
            "status": status,
            "statuses": pseudonymised.STATUSES,
            "error": error,
            "page_query": query,
            "csv_query": urlencode(
                {"status": status, "format": "csv"} if status else {"format": "csv"}
            ),
        },
        status=400 if error else 200,
    )


def _csv(request: HttpRequest, children: list[object], status: str) -> HttpResponse:
    from safeguard.audit.services import record_event

    rows = pseudonymised.pseudonymise(children, clock.today())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"pseudonymised-children-{clock.today():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    writer.writerow(pseudonymised.CSV_COLUMNS)
    writer.writerows(row.as_row() for row in rows)
    record_event(
        action="download",
        user=signed_in_user(request),
        ip=request.META.get("REMOTE_ADDR"),
        model_label="people.Person",
        row_count=len(rows),
        summary="Pseudonymised children CSV "
        f"({pseudonymised.STATUS_LABELS.get(status, 'all statuses')})",
    )
    return response
