"""Reads for allocations, caseloads and who is in post.

An allocation covers the days from ``started_on`` up to, not including, ``ended_on``: the
end date is the handover day, when the case already counts to the next worker (SSDA903
SW_DEC of one episode equals SW_DECOM of the next). So on any day a child has at most one
allocated worker and a case is never counted twice.
"""

from __future__ import annotations

import datetime as dt

from django.db import models

from safeguard.core import clock
from safeguard.people.models import Person
from safeguard.workforce.models import Allocation, Team, Worker


def _held_on(on: dt.date) -> models.Q:
    return models.Q(started_on__lte=on) & (
        models.Q(ended_on__isnull=True) | models.Q(ended_on__gt=on)
    )


def current_allocation(child: Person) -> Allocation | None:
    """The child's open allocation (there is at most one), with its worker."""
    return (
        Allocation.objects.select_related("worker")
        .filter(child=child, ended_on__isnull=True)
        .first()
    )


def allocation_on(child: Person, on: dt.date) -> Allocation | None:
    """Who held the child's case on a date, if anyone."""
    return Allocation.objects.select_related("worker").filter(_held_on(on), child=child).first()


def allocation_history(child: Person) -> models.QuerySet[Allocation]:
    """The child's allocations in date order: the SSDA903 SocialWorker episodes."""
    return Allocation.objects.select_related("worker").filter(child=child).order_by("started_on")


def caseload(worker: Worker, *, on: dt.date | None = None) -> models.QuerySet[Allocation]:
    """The cases the worker held on a date (today by default), by child's name."""
    day = clock.today() if on is None else on
    return (
        Allocation.objects.select_related("child")
        .filter(_held_on(day), worker=worker)
        .order_by("child__last_name", "child__first_name")
    )


def workers_in_post(
    *, team: Team | None = None, on: dt.date | None = None
) -> models.QuerySet[Worker]:
    """Workers in post on a date (today by default), optionally in one team."""
    day = clock.today() if on is None else on
    workers = Worker.objects.filter(started_on__lte=day).filter(
        models.Q(left_on__isnull=True) | models.Q(left_on__gte=day)
    )
    if team is not None:
        workers = workers.filter(team=team)
    return workers.select_related("team")


#: Roles whose workers hold cases themselves, and roles that oversee a team's cases.
CASEWORK_ROLES = frozenset({"social_worker", "consultant_sw", "personal_adviser"})
MANAGER_ROLES = frozenset({"team_manager", "service_manager"})


def busiest_unlinked_worker(role: str, *, on: dt.date | None = None) -> Worker | None:
    """A worker in post with no sign-in yet, with the most open cases for their role.

    Used to give each demonstration login a realistic desk: a caseworker with cases, a
    manager of the busiest team; anyone else by staff number.
    """
    open_cases = models.Q(allocations__ended_on__isnull=True)
    candidates = workers_in_post(on=on).filter(role=role, user__isnull=True)
    if role in CASEWORK_ROLES:
        return (
            candidates.annotate(n=models.Count("allocations", filter=open_cases))
            .filter(n__gt=0)
            .order_by("-n", "staff_id")
            .first()
        )
    if role in MANAGER_ROLES:
        team_cases = models.Q(team__workers__allocations__ended_on__isnull=True)
        return (
            candidates.annotate(n=models.Count("team__workers__allocations", filter=team_cases))
            .order_by("-n", "staff_id")
            .first()
        )
    return candidates.order_by("staff_id").first()


def open_cases_for(worker: Worker) -> int:
    """Open cases the worker holds, or their team holds for a manager."""
    if worker.role in MANAGER_ROLES and worker.team_id is not None:
        return Allocation.objects.filter(
            worker__team_id=worker.team_id, ended_on__isnull=True
        ).count()
    return worker.allocations.filter(ended_on__isnull=True).count()
