"""The work queue pages: one per queue in the catalogue, each behind the capability its
records' pages need."""

from __future__ import annotations

from collections.abc import Callable

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


def queue_view(slug: str) -> Callable[[HttpRequest], HttpResponse]:
    """The page of one queue, behind the capability the catalogue gives it."""
    queue = queue_by_slug(slug)

    @requires(f"access.{queue.capability}")
    @require_GET
    def view(request: HttpRequest) -> HttpResponse:
        return _queue_page(request, slug)

    view.__name__ = f"queue_{slug.replace('-', '_')}"
    view.__doc__ = queue.intro
    return view
