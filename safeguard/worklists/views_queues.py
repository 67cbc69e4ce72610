"""The work queue pages: one per queue, each behind the capability its records' pages need."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from safeguard.access.decorators import requires
from safeguard.audit.models import AuditAction
from safeguard.audit.services import record_event
from safeguard.core import clock
from safeguard.core.middleware import client_ip
from safeguard.worklists.items import State
from safeguard.worklists.queues import LOOKAHEAD_DAYS, queue_by_slug

#: Items per page of a queue.
PER_PAGE = 50


def _queue_page(request: HttpRequest, slug: str) -> HttpResponse:
    queue = queue_by_slug(slug)
    today = clock.today()
    items = queue.items(request.user, today)
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
    # The page names subjects (and children the viewer may open): one audit entry for it.
    record_event(
        action=AuditAction.VIEW,
        user=request.user,
        ip=client_ip(request),
        model_label="worklists.WorkQueue",
        row_count=len(page.object_list),
        summary=f"Work queue: {queue.title}",
    )
    return render(
        request,
        "worklists/queue.html",
        {
            "queue": queue,
            "today": today,
            "page": page,
            "overdue": sum(1 for i in items if i.state is State.OVERDUE),
            "total": len(items),
            "lookahead_weeks": LOOKAHEAD_DAYS // 7,
        },
    )


@requires("access.make_mash_decision")
@require_GET
def front_door(request: HttpRequest) -> HttpResponse:
    """PPN consultations and HRDA Plus reviews due, for the front door."""
    return _queue_page(request, "front-door")


@requires("access.manage_lado_cases")
@require_GET
def lado(request: HttpRequest) -> HttpResponse:
    """Allegations to resolve, for the designated officers."""
    return _queue_page(request, "lado")


@requires("access.manage_fostering")
@require_GET
def fostering(request: HttpRequest) -> HttpResponse:
    """Foster carer households due their yearly review, for the fostering team."""
    return _queue_page(request, "fostering")


@requires("access.view_unregistered_placements")
@require_GET
def unregistered(request: HttpRequest) -> HttpResponse:
    """Approvals outstanding and independent visits due on the unregistered register."""
    return _queue_page(request, "unregistered")
