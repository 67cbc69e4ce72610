"""Reads for case supervision: who a manager supervises, when each worker is next due,
a worker's history and the manager's page.

A manager supervises the caseworkers in post who report to them (``Worker.manager``), or,
for a team manager, the caseworkers of their own team (a team's manager supervises its
workers while the named manager is away or has left); a service manager also supervises
the caseworkers of teams in their service area.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db import models

from safeguard.core import clock
from safeguard.core.timescales import compute_due
from safeguard.quality.models import SUPERVISEE_ROLES, Supervision, SupervisionCase
from safeguard.workforce.models import Allocation, Worker
from safeguard.workforce.selectors import caseload, workers_in_post

#: Roles that supervise caseworkers.
SUPERVISOR_ROLES = ("team_manager", "service_manager")
#: The manager's page counts the on-time rate over this many days.
ON_TIME_WINDOW_DAYS = 365
#: The worklist shows supervisions due within this many days, as well as overdue ones.
DUE_SOON_DAYS = 7


def _scope(manager: Worker) -> models.Q:
    scope = models.Q(manager=manager)
    if manager.team_id is not None and manager.role == "team_manager":
        scope |= models.Q(team_id=manager.team_id)
    if manager.team_id is not None and manager.role == "service_manager":
        scope |= models.Q(team__service_area=manager.team.service_area)  # type: ignore[union-attr]
    return scope


def managed_workers(
    manager: Worker | None, *, on: dt.date | None = None
) -> models.QuerySet[Worker]:
    """The caseworkers in post the manager supervises, by name."""
    if manager is None or manager.role not in SUPERVISOR_ROLES:
        return Worker.objects.none()
    return (
        workers_in_post(on=on)
        .filter(_scope(manager), role__in=SUPERVISEE_ROLES)
        .exclude(pk=manager.pk)
        .order_by("last_name", "first_name")
    )


def manages(manager: Worker | None, worker: Worker, *, on: dt.date | None = None) -> bool:
    return managed_workers(manager, on=on).filter(pk=worker.pk).exists()


def due_following(
    *, started_on: dt.date, last_due: dt.date | None, last_held: dt.date | None
) -> dt.date:
    """The one rule for when the next supervision falls due: a cycle after the last one was
    held, or missed on its due date; the first a cycle after the worker started."""
    return compute_due("supervision", last_held or last_due or started_on).due_date


def first_due(worker: Worker) -> dt.date:
    return due_following(started_on=worker.started_on, last_due=None, last_held=None)


def due_after(supervision: Supervision) -> dt.date:
    return due_following(
        started_on=supervision.due_on, last_due=supervision.due_on, last_held=supervision.held_on
    )


def latest(worker: Worker) -> Supervision | None:
    return Supervision.objects.filter(supervisee=worker).order_by("-due_on").first()


def next_due(worker: Worker) -> dt.date:
    last = latest(worker)
    return due_after(last) if last is not None else first_due(worker)


def history(worker: Worker) -> models.QuerySet[Supervision]:
    """The worker's supervisions, newest first, with the supervisor and cases discussed."""
    return (
        Supervision.objects.filter(supervisee=worker)
        .select_related("supervisor")
        .prefetch_related(
            models.Prefetch(
                "cases",
                queryset=SupervisionCase.objects.select_related("child").order_by(
                    "child__last_name", "child__first_name"
                ),
            )
        )
        .order_by("-due_on")
    )


def supervision_by_id(supervision_id: uuid.UUID | str) -> Supervision | None:
    """One supervision with its worker, supervisor and the cases discussed."""
    return (
        Supervision.objects.select_related("supervisee__team", "supervisor")
        .prefetch_related(
            models.Prefetch("cases", queryset=SupervisionCase.objects.select_related("child"))
        )
        .filter(pk=supervision_id)
        .first()
    )


def current_caseload(worker: Worker, *, on: dt.date | None = None) -> list[Allocation]:
    return list(caseload(worker, on=on))


@dataclass(frozen=True)
class WorkerSupervision:
    """One row of the manager's page."""

    worker: Worker
    last_held: Supervision | None
    next_due: dt.date
    overdue: bool
    due_in_window: int
    on_time_in_window: int

    @property
    def on_time_percent(self) -> float | None:
        if not self.due_in_window:
            return None
        return 100.0 * self.on_time_in_window / self.due_in_window


def manager_overview(
    manager: Worker | None, *, on: dt.date | None = None
) -> list[WorkerSupervision]:
    """For each worker the manager supervises: last held, next due, overdue, % on time in
    the last 12 months (supervisions due in the window held on or before their due date)."""
    today = clock.today() if on is None else on
    workers = list(managed_workers(manager, on=today))
    by_worker: dict[object, list[Supervision]] = {w.pk: [] for w in workers}
    for row in Supervision.objects.filter(supervisee__in=workers).order_by("due_on"):
        by_worker[row.supervisee_id].append(row)
    since = today - dt.timedelta(days=ON_TIME_WINDOW_DAYS)
    rows = []
    for worker in workers:
        records = by_worker[worker.pk]
        held = [r for r in records if r.held_on is not None]
        due = next_due_from(worker, records)
        window = [r for r in records if since < r.due_on <= today]
        rows.append(
            WorkerSupervision(
                worker=worker,
                last_held=held[-1] if held else None,
                next_due=due,
                overdue=due < today,
                due_in_window=len(window),
                on_time_in_window=sum(1 for r in window if r.on_time),
            )
        )
    return rows


def next_due_from(worker: Worker, records: list[Supervision]) -> dt.date:
    """``next_due`` from records already read (oldest first)."""
    return due_after(records[-1]) if records else first_due(worker)


def due_for_manager(
    manager: Worker | None, *, on: dt.date | None = None
) -> list[WorkerSupervision]:
    """The manager's workers whose next supervision is overdue or due within a week,
    soonest first."""
    today = clock.today() if on is None else on
    horizon = today + dt.timedelta(days=DUE_SOON_DAYS)
    rows = [row for row in manager_overview(manager, on=today) if row.next_due <= horizon]
    return sorted(rows, key=lambda row: (row.next_due, row.worker.last_name))
