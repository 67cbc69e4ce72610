"""Reads for the case audit programme: who may audit, the programme and its queues, the
actions a worker has to do, and which children an auditor's audits open to them.

``children_being_audited`` is what the access rule "auditing" uses (imported lazily by
``safeguard.access.rules``: the quality app sits above access): a child whose audit is
assigned to the worker and not completed yet, or completed in the last
``AUDIT_RECENT_DAYS`` days (the auditor re-reads the record while actions are set and the
audit is moderated).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from safeguard.core import clock
from safeguard.quality.models import AuditDomain, CaseAudit, CaseAuditAction, DomainScore
from safeguard.workforce.models import Allocation, Worker, WorkerRole

#: An auditor keeps the child's record this many days after completing the audit.
AUDIT_RECENT_DAYS = 30
#: Who may carry out an audit: QA officers and managers.
AUDITOR_ROLES = frozenset(
    {WorkerRole.QA_OFFICER, WorkerRole.TEAM_MANAGER, WorkerRole.SERVICE_MANAGER}
)
#: A dip sample is a manager's.
DIP_SAMPLE_ROLES = frozenset({WorkerRole.TEAM_MANAGER, WorkerRole.SERVICE_MANAGER})


def _open_on(day: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}started_on__lte": day}) & (
        Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gt": day})
    )


def has_social_care_involvement(child: Any) -> bool:
    """The child's case is (or has been) allocated to a worker: there is casework to audit."""
    return Allocation.objects.filter(child=child).exists()


def allocated_worker(child: Any, day: dt.date) -> Worker | None:
    """The worker the child's case is allocated to on ``day`` (the latest, if several)."""
    allocation = (
        Allocation.objects.filter(_open_on(day), child=child)
        .select_related("worker")
        .order_by("-started_on")
        .first()
    )
    return allocation.worker if allocation is not None else None


def auditors(on: dt.date | None = None) -> QuerySet[Worker]:
    day = on or clock.today()
    return (
        Worker.objects.filter(role__in=AUDITOR_ROLES, started_on__lte=day)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=day))
        .select_related("team")
        .order_by("last_name", "first_name")
    )


# --- the auditor's access ---------------------------------------------------------------


def _in_hand(worker: Any, today: dt.date) -> QuerySet[CaseAudit]:
    since = today - dt.timedelta(days=AUDIT_RECENT_DAYS)
    return CaseAudit.objects.filter(auditor=worker, cancelled_on__isnull=True).filter(
        Q(completed_on__isnull=True) | Q(completed_on__gte=since)
    )


def children_being_audited(worker: Any) -> QuerySet[CaseAudit]:
    """The audits that open their child to ``worker`` today (``.values("child_id")``)."""
    return _in_hand(worker, clock.today())


def is_auditing(worker: Any, child: Any) -> bool:
    return _in_hand(worker, clock.today()).filter(child=child).exists()


# --- the programme and its queues -----------------------------------------------------


def audits() -> QuerySet[CaseAudit]:
    return CaseAudit.objects.select_related(
        "child", "auditor", "auditor__team", "practitioner", "group"
    )


def status(audit: CaseAudit, today: dt.date | None = None) -> str:
    """Planned, overdue, awaiting moderation, moderated or cancelled."""
    day = today or clock.today()
    if audit.cancelled_on is not None:
        return "Cancelled"
    if audit.moderated_on is not None:
        return "Moderated"
    if audit.completed_on is not None:
        return "Awaiting moderation"
    return "Overdue" if audit.due_on < day else "Planned"


STATUSES = ("Planned", "Overdue", "Awaiting moderation", "Moderated", "Cancelled")


def filter_by_status(qs: QuerySet[CaseAudit], name: str, today: dt.date) -> QuerySet[CaseAudit]:
    live = qs.filter(cancelled_on__isnull=True)
    return {
        "Planned": live.filter(completed_on__isnull=True, due_on__gte=today),
        "Overdue": live.filter(completed_on__isnull=True, due_on__lt=today),
        "Awaiting moderation": live.filter(completed_on__isnull=False, moderated_on__isnull=True),
        "Moderated": live.filter(moderated_on__isnull=False),
        "Cancelled": qs.filter(cancelled_on__isnull=False),
    }.get(name, qs)


def programme(
    *, month: dt.date | None = None, status_name: str = "", kind: str = ""
) -> QuerySet[CaseAudit]:
    qs = audits()
    if month is not None:
        qs = qs.filter(programme_month=month.replace(day=1))
    if kind:
        qs = qs.filter(kind=kind)
    if status_name:
        qs = filter_by_status(qs, status_name, clock.today())
    return qs.order_by("due_on", "reference")


def assigned_to(worker: Any) -> QuerySet[CaseAudit]:
    """The audits the worker has to complete (not cancelled, not completed)."""
    return audits().filter(auditor=worker, completed_on__isnull=True, cancelled_on__isnull=True)


def awaiting_moderation() -> QuerySet[CaseAudit]:
    return audits().filter(
        completed_on__isnull=False, moderated_on__isnull=True, cancelled_on__isnull=True
    )


def due_or_overdue(today: dt.date, *, within_days: int = 7) -> QuerySet[CaseAudit]:
    """Audits not completed that are overdue or due within ``within_days``."""
    return audits().filter(
        completed_on__isnull=True,
        cancelled_on__isnull=True,
        due_on__lte=today + dt.timedelta(days=within_days),
    )


# --- actions ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionLine:
    action: CaseAuditAction
    overdue: bool
    days_overdue: int


def actions() -> QuerySet[CaseAuditAction]:
    return CaseAuditAction.objects.select_related("audit", "audit__child", "worker", "worker__team")


def is_overdue(action: CaseAuditAction, today: dt.date) -> bool:
    return action.completed_on is None and action.due_on < today


def open_actions_for(worker: Any) -> QuerySet[CaseAuditAction]:
    return actions().filter(worker=worker, completed_on__isnull=True).order_by("due_on")


def overdue_actions(today: dt.date) -> QuerySet[CaseAuditAction]:
    return actions().filter(completed_on__isnull=True, due_on__lt=today).order_by("due_on")


def action_lines(qs: QuerySet[CaseAuditAction], today: dt.date) -> list[ActionLine]:
    return [
        ActionLine(
            a, is_overdue(a, today), max((today - a.due_on).days, 0) if is_overdue(a, today) else 0
        )
        for a in qs
    ]


def worker_of_user(user: Any) -> Worker | None:
    try:
        return user.worker if getattr(user, "is_authenticated", False) else None
    except Worker.DoesNotExist:
        return None


def active_workers(on: dt.date | None = None) -> QuerySet[Worker]:
    """Staff in post, for setting an action."""
    day = on or clock.today()
    return (
        Worker.objects.filter(started_on__lte=day)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=day))
        .select_related("team")
        .order_by("last_name", "first_name")
    )


_DOMAIN_ORDER = {d.value: i for i, d in enumerate(AuditDomain)}


def ordered_scores(audit: CaseAudit) -> list[DomainScore]:
    """The audit's scores in the template's order (1 voice ... 7 impact)."""
    return sorted(audit.scores.all(), key=lambda s: _DOMAIN_ORDER.get(s.domain, 99))
