"""The worker's own pages: "My work", and the start page for roles without a caseload."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from safeguard.access.backends import capabilities_of
from safeguard.access.decorators import requires
from safeguard.access.navigation import menu_for
from safeguard.access.rules import worker_of
from safeguard.core import clock
from safeguard.worklists.done import DONE_DAYS, done_lately
from safeguard.worklists.items import State
from safeguard.worklists.queues import summaries_for
from safeguard.worklists.selectors import caseload_for

#: Children per page of the caseload list.
PER_PAGE = 50


@requires("access.view_caseload")
@require_GET
def my_work(request: HttpRequest) -> HttpResponse:
    """The signed-in worker's caseload and every statutory item due, most urgent first."""
    worker = worker_of(request.user)
    if worker is None:
        today = clock.today()
        summaries = summaries_for(request.user, capabilities_of(request.user), today)
        return render(
            request, "worklists/my_work.html", {"worker": None, "queue_summaries": summaries}
        )
    today = clock.today()
    capabilities = capabilities_of(request.user)
    caseload = caseload_for([worker], today)
    # An item's own page (the CAROLE page for a MACE) only for a viewer who may open it.
    caseload.items = [item.linked_for(capabilities) for item in caseload.items]
    caseload.by_child = {
        child_id: [item.linked_for(capabilities) for item in items]
        for child_id, items in caseload.by_child.items()
    }
    page = Paginator(caseload.allocations, PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        {
            "child": allocation.child,
            "since": allocation.started_on,
            "status": caseload.statuses[allocation.child_id],
            "items": caseload.by_child.get(allocation.child_id, []),
        }
        for allocation in page.object_list
    ]
    for row in rows:
        items = row["items"]
        row["overdue"] = sum(1 for item in items if item.state is State.OVERDUE)
        row["next"] = min(items, key=lambda item: item.sort_key()) if items else None
    return render(
        request,
        "worklists/my_work.html",
        {
            "worker": worker,
            "today": today,
            "caseload": caseload,
            "overdue": caseload.in_state(State.OVERDUE),
            "this_week": caseload.in_state(State.DUE_TODAY, State.DUE_THIS_WEEK),
            "later": caseload.in_state(State.UPCOMING),
            "page": page,
            "rows": rows,
            "done": done_lately(worker, today),
            "done_days": DONE_DAYS,
            "queue_summaries": summaries_for(request.user, capabilities, today),
        },
    )


@requires("access.view_notifications")
@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """The home page of roles with no caseload: the pages their role opens, and for a
    partner agency the children whose information was shared with their agency."""
    shared = None
    user = request.user
    role = getattr(user, "role", None)
    agency = str(getattr(user, "agency", "") or "")
    if role is not None and role.is_partner and agency:
        from safeguard.governance.selectors import children_shared_with_agency

        children = children_shared_with_agency(agency).order_by("last_name", "first_name", "pk")
        shared = Paginator(children, PER_PAGE).get_page(request.GET.get("page"))
    summaries = summaries_for(user, capabilities_of(user), clock.today())
    return render(
        request,
        "worklists/start.html",
        {"items": menu_for(request), "shared": shared, "queue_summaries": summaries},
    )
