"""The team page and case allocation, for team and service managers."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.access.decorators import requires
from safeguard.access.guards import open_child_record
from safeguard.access.rules import role_code, worker_of
from safeguard.core import clock
from safeguard.core.forms import submit_to_service
from safeguard.workforce.forms import AllocateCaseForm
from safeguard.workforce.models import Team
from safeguard.workforce.selectors import current_allocation
from safeguard.workforce.services import allocate_case as allocate_case_service
from safeguard.worklists import team as team_reads
from safeguard.worklists.items import State
from safeguard.worklists.selectors import caseload_for, worker_summaries

#: The CIN app's closure form signs the closure off; linked when it exists.
CLOSE_EPISODE = "cin:close_episode"


def _close_url_name() -> str:
    try:
        reverse(CLOSE_EPISODE, kwargs={"child_id": uuid.uuid4()})
    except NoReverseMatch:
        return ""
    return CLOSE_EPISODE


@requires("access.manage_team")
@require_GET
def team(request: HttpRequest, team_id: uuid.UUID | None = None) -> HttpResponse:
    """Caseloads and overdue work per worker, unallocated cases and closures to sign off."""
    worker = worker_of(request.user)
    overseen = list(team_reads.teams_overseen(request.user))
    if team_id is None:
        if worker is None or worker.team_id is None:
            return render(request, "workforce/team.html", {"team": None, "worker": worker})
        chosen = worker.team
    else:
        chosen = get_object_or_404(Team, pk=team_id)
        if chosen.pk not in {t.pk for t in overseen}:
            raise PermissionDenied("This team is not one you manage.")
    today = clock.today()
    workers = team_reads.team_workers(chosen, today)
    caseload = caseload_for(workers, today)
    unallocated = list(team_reads.unallocated_cases(request.user, today)[:100])
    return render(
        request,
        "workforce/team.html",
        {
            "team": chosen,
            "worker": worker,
            "today": today,
            "summaries": worker_summaries(workers, caseload),
            "children": len(caseload.allocations),
            "overdue": len(caseload.in_state(State.OVERDUE)),
            "unallocated": unallocated,
            "closable": list(team_reads.closable_episodes(workers, today)[:100]),
            "close_url_name": _close_url_name(),
            "other_teams": [t for t in overseen if t.pk != chosen.pk]
            if role_code(request.user) == "service_manager"
            else [],
        },
    )


@requires("access.manage_team")
@require_http_methods(["GET", "POST"])
def allocate_case(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    """Allocate a child's case, or hand it over to another worker (ends the current one)."""
    child = open_child_record(request, child_id, summary="Allocate the case")
    today = clock.today()
    current = current_allocation(child)
    workers = team_reads.allocatable_workers(request.user, today)
    form = AllocateCaseForm(
        request.POST if request.method == "POST" else None,
        workers=workers,
        initial={"started_on": today},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        allocation = submit_to_service(
            form,
            lambda: allocate_case_service(
                child=child,
                worker=data["worker"],
                started_on=data["started_on"],
                reason_for_previous_end=data["reason_for_previous_end"],
            ),
        )
        if allocation is not None:
            messages.success(
                request,
                f"{child.first_name} {child.last_name}'s case is allocated to "
                f"{allocation.worker} from {allocation.started_on:%d/%m/%Y}.",
            )
            return redirect("workforce:team")
    return render(
        request,
        "workforce/allocate_case.html",
        {"form": form, "child": child, "current": current, "has_workers": workers.exists()},
    )
