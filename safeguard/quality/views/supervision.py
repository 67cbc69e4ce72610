"""Case supervision pages: the manager's page, a worker's history, recording a
supervision, one supervision, and a worker's own "My supervision".

A manager (``record_supervision``) sees and records only for the caseworkers they manage
(anyone else's is a 403, like another team's record). A caseworker (``view_caseload``)
sees their own history. Pages that show children (the cases discussed) are audited.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.access.decorators import requires
from safeguard.access.rules import worker_of
from safeguard.access.selectors import visible_among
from safeguard.core import clock
from safeguard.core.forms import submit_to_service
from safeguard.quality.auditing import audit_list, audit_view
from safeguard.quality.forms.supervision import RecordSupervisionForm
from safeguard.quality.models import Supervision
from safeguard.quality.selectors import supervision as selectors
from safeguard.quality.services.supervision import record_supervision
from safeguard.workforce.models import Worker

RECORD = "access.record_supervision"
OWN = "access.view_caseload"
LABEL = Supervision._meta.label
PER_PAGE = 20


def _me(request: HttpRequest) -> Worker | None:
    worker: Worker | None = worker_of(request.user)
    return worker


def _managed(request: HttpRequest, worker_id: uuid.UUID) -> tuple[Worker, Worker]:
    """(manager, worker) when the signed-in manager supervises the worker; else 403."""
    worker = get_object_or_404(Worker.objects.select_related("team", "manager"), pk=worker_id)
    manager = _me(request)
    if not selectors.manages(manager, worker):
        raise PermissionDenied("You record supervision only for the workers you manage.")
    assert manager is not None
    return manager, worker


def _cases_count(page: Any) -> int:
    return sum(len(s.cases.all()) for s in page.object_list)


def _visible(request: HttpRequest, supervisions: Any) -> set[Any]:
    """The children discussed whom the user may open: the others (restricted records)
    are shown without their name."""
    ids = [c.child_id for s in supervisions for c in s.cases.all()]
    return set(visible_among(request.user, ids))


@requires(RECORD)
@require_GET
def team(request: HttpRequest) -> HttpResponse:
    manager = _me(request)
    rows = selectors.manager_overview(manager)
    return render(
        request,
        "quality/supervision/team.html",
        {
            "manager": manager,
            "rows": rows,
            "today": clock.today(),
            "overdue": sum(1 for r in rows if r.overdue),
        },
    )


@requires(RECORD)
@require_GET
def worker(request: HttpRequest, worker_id: uuid.UUID) -> HttpResponse:
    _, supervisee = _managed(request, worker_id)
    page = Paginator(selectors.history(supervisee), PER_PAGE).get_page(request.GET.get("page"))
    audit_list(
        request,
        model_label=LABEL,
        summary=f"Supervision history of {supervisee.staff_id}",
        count=_cases_count(page),
    )
    return render(
        request,
        "quality/supervision/worker.html",
        {
            "supervisee": supervisee,
            "page": page,
            "next_due": selectors.next_due(supervisee),
            "visible": _visible(request, page.object_list),
        },
    )


@requires(RECORD)
@require_http_methods(["GET", "POST"])
def record(request: HttpRequest, worker_id: uuid.UUID) -> HttpResponse:
    manager, supervisee = _managed(request, worker_id)
    allocations = selectors.current_caseload(supervisee)
    visible = set(visible_among(request.user, [a.child_id for a in allocations]))
    children = [a.child for a in allocations if a.child_id in visible]
    form = RecordSupervisionForm(
        request.POST if request.method == "POST" else None, children=children
    )
    if request.method == "POST" and form.is_valid():
        arguments = form.service_arguments()
        saved = submit_to_service(
            form,
            lambda: record_supervision(supervisor=manager, supervisee=supervisee, **arguments),
        )
        if saved is not None:
            messages.success(request, f"Supervision of {supervisee} recorded.")
            return redirect("quality:supervision_detail", supervision_id=saved.pk)
    audit_list(
        request,
        model_label=LABEL,
        summary=f"Record supervision of {supervisee.staff_id}: caseload shown",
        count=len(children),
    )
    return render(
        request,
        "quality/supervision/record.html",
        {
            "supervisee": supervisee,
            "form": form,
            "due_on": selectors.next_due(supervisee),
        },
    )


@requires(RECORD)
@require_GET
def detail(request: HttpRequest, supervision_id: uuid.UUID) -> HttpResponse:
    found = selectors.supervision_by_id(supervision_id)
    if found is None:
        raise Http404("No supervision with this identifier.")
    me = _me(request)
    if me is None or (me.pk != found.supervisor_id and not selectors.manages(me, found.supervisee)):
        raise PermissionDenied("You see the supervision only of the workers you manage.")
    visible = _visible(request, [found])
    for case in found.cases.all():
        if case.child_id not in visible:
            continue  # shown without the child's name
        audit_view(
            request,
            model_label="quality.SupervisionCase",
            object_id=case.pk,
            summary="Management direction in supervision viewed",
            child=case.child_id,
        )
    return render(
        request,
        "quality/supervision/detail.html",
        {"supervision": found, "visible": visible},
    )


@requires(OWN)
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    if me is None:
        page = Paginator(Supervision.objects.none(), PER_PAGE).get_page(1)
        return render(request, "quality/supervision/mine.html", {"me": None, "page": page})
    page = Paginator(selectors.history(me), PER_PAGE).get_page(request.GET.get("page"))
    audit_list(
        request, model_label=LABEL, summary="My supervision history", count=_cases_count(page)
    )
    return render(
        request,
        "quality/supervision/mine.html",
        {
            "me": me,
            "page": page,
            "next_due": selectors.next_due(me),
            "visible": _visible(request, page.object_list),
        },
    )
