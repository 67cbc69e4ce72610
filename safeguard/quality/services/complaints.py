"""Writes for complaints and compliments: record a complaint, answer it, escalate it to the
next stage, record a compliment.

One function per business step, keyword-only arguments, one transaction each; rules are
checked before writing and broken rules raise ``ValidationError`` keyed by the form field
at fault. The quality app is not in the audit log's automatic capture, so each write
records its own entry, about the child the complaint concerns (if any).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction

from safeguard.audit.models import AuditAction
from safeguard.audit.services import record_event
from safeguard.core import validation as v
from safeguard.core.exceptions import StaleRecordError
from safeguard.core.timescales import compute_due
from safeguard.people.models import Person, PersonKind
from safeguard.quality.models import (
    NEXT_STAGE,
    Complainant,
    Complaint,
    ComplaintCategory,
    ComplaintKind,
    ComplaintOutcome,
    ComplaintStage,
    Compliment,
)
from safeguard.workforce.models import ServiceArea, Team, Worker

#: The timescale every local stage is answered within (seed 004: 20 working days).
RESPONSE_TIMESCALE = "complaint_response"


def _day(day: dt.date) -> str:
    return day.strftime("%-d %B %Y")


def _choice(value: str, choices: Any, *, field: str, label: str, required: bool = True) -> None:
    if not value:
        if required:
            raise v.fail(field, f"Select {label}.")
        return
    if value not in choices.values:
        raise v.fail(field, f"{value!r} is not one of the choices for {label}.")


def _date(value: dt.date | None, *, field: str, label: str) -> dt.date:
    v.require(value, field=field, label=label)
    assert value is not None
    v.not_in_future(value, field=field, label=label)
    return value


def _log(complaint: Complaint, *, action: str, summary: str, **changes: Any) -> None:
    record_event(
        action=action,
        obj=complaint,
        child=complaint.child_id,
        changes={k: (None, str(val)) for k, val in changes.items()} or None,
        summary=f"Complaint {complaint.reference}: {summary}",
    )


def response_due(stage: str, received_on: dt.date) -> dt.date | None:
    """When a stage must be answered; the Ombudsman's own process has no local due date."""
    if stage == ComplaintStage.OMBUDSMAN:
        return None
    due = compute_due(RESPONSE_TIMESCALE, received_on).due
    assert isinstance(due, dt.date)
    return due


def _next_reference(year: int) -> str:
    prefix = f"CMP-{year}-"
    used = Complaint.objects.filter(reference__startswith=prefix).values_list(
        "reference", flat=True
    )
    numbers = [int(r.removeprefix(prefix)) for r in used if r.removeprefix(prefix).isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


def _create(**values: Any) -> Complaint:
    """Create with the next reference; two officers saving at once retry on the clash."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Complaint.objects.create(
                    reference=_next_reference(values["received_on"].year), **values
                )
        except IntegrityError:
            continue
    raise v.fail("received_on", "Could not number the complaint: please save again.")


def _lock(complaint: Complaint, expected_version: int | None) -> Complaint:
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleRecordError(
            model_label=str(Complaint._meta.verbose_name),
            pk=locked.pk,
            expected=expected_version,
            current=locked.version,
        )
    return locked


@transaction.atomic
def record_complaint(
    *,
    kind: str,
    received_on: dt.date,
    complainant_name: str,
    complainant_relationship: str,
    category: str,
    summary: str,
    child: Person | None = None,
    team: Team | None = None,
    service_area: str = "",
    stage: str = ComplaintStage.LOCAL_RESOLUTION,
) -> Complaint:
    """A new complaint is received (an escalation is recorded by ``escalate_complaint``).

    A complaint enters the procedure at stage 1; informal complaints are stage 1 local
    resolution by definition. The child, if named, is a child's record; a team or a
    service area says which service it is about.
    """
    _choice(kind, ComplaintKind, field="kind", label="whether it is formal or informal")
    received = _date(received_on, field="received_on", label="Date received")
    name = complainant_name.strip()
    if not name:
        raise v.fail("complainant_name", "Enter the name of the person complaining.")
    _choice(
        complainant_relationship,
        Complainant,
        field="complainant_relationship",
        label="the complainant's relationship to the child",
    )
    _choice(category, ComplaintCategory, field="category", label="what the complaint is about")
    _choice(service_area, ServiceArea, field="service_area", label="the service", required=False)
    if stage != ComplaintStage.LOCAL_RESOLUTION:
        raise v.fail(
            "stage", "A new complaint starts at stage 1: escalate it to reach a later stage."
        )
    if child is not None and child.kind != PersonKind.CHILD:
        raise v.fail("child", f"{child} is an adult's record: name the child it is about.")
    if not summary.strip():
        raise v.fail("summary", "Describe what the complaint is about.")
    complaint = _create(
        kind=kind,
        stage=stage,
        received_on=received,
        complainant_name=name,
        complainant_relationship=complainant_relationship,
        child=child,
        team=team,
        service_area=service_area,
        category=category,
        summary=summary.strip(),
        response_due_on=response_due(stage, received),
    )
    _log(complaint, action=AuditAction.CREATE, summary="received", kind=kind, stage=stage)
    return complaint


@transaction.atomic
def answer_complaint(
    *,
    complaint: Complaint,
    responded_on: dt.date,
    outcome: str,
    response_summary: str = "",
    learning_points: str = "",
    expected_version: int | None = None,
) -> Complaint:
    """The stage is answered (or the complainant withdrew it): its outcome and learning.

    Answered on or after the day received and not in the future; a withdrawn complaint
    records the day it was withdrawn.
    """
    locked = _lock(complaint, expected_version)
    if locked.responded_on is not None:
        raise v.fail(
            "responded_on",
            f"{locked.reference} was already answered on {_day(locked.responded_on)}.",
        )
    answered = _date(responded_on, field="responded_on", label="Date answered")
    v.not_before(
        answered,
        locked.received_on,
        field="responded_on",
        label="Date answered",
        earliest_label="the date it was received",
    )
    _choice(outcome, ComplaintOutcome, field="outcome", label="the outcome")
    if outcome != ComplaintOutcome.WITHDRAWN and not response_summary.strip():
        raise v.fail("response_summary", "Summarise the response the complainant was sent.")
    locked.responded_on = answered
    locked.outcome = outcome
    locked.response_summary = response_summary.strip()
    locked.learning_points = learning_points.strip()
    locked.save()
    _log(locked, action=AuditAction.CHANGE, summary="answered", outcome=outcome)
    return locked


def next_stage(complaint: Complaint) -> tuple[str, str] | None:
    """(kind, stage) an escalation of this record would be, or None at the last stage."""
    if complaint.kind == ComplaintKind.INFORMAL:
        return ComplaintKind.FORMAL, ComplaintStage.LOCAL_RESOLUTION
    stage = NEXT_STAGE.get(complaint.stage)
    return (ComplaintKind.FORMAL, stage) if stage else None


@transaction.atomic
def escalate_complaint(
    *, complaint: Complaint, received_on: dt.date, summary: str = ""
) -> Complaint:
    """The complainant is not satisfied: the next stage is a new record with its own dates.

    Only an answered stage (not withdrawn) escalates, once, on or after its answer.
    """
    locked = _lock(complaint, None)
    step = next_stage(locked)
    if step is None:
        raise v.fail("received_on", f"{locked.reference} is at the last stage.")
    if Complaint.objects.filter(previous=locked).exists():
        raise v.fail("received_on", f"{locked.reference} has already been escalated.")
    if locked.responded_on is None:
        raise v.fail(
            "received_on", f"Answer {locked.reference} before escalating it to the next stage."
        )
    if locked.outcome == ComplaintOutcome.WITHDRAWN:
        raise v.fail("received_on", f"{locked.reference} was withdrawn.")
    received = _date(received_on, field="received_on", label="Date the escalation was asked for")
    v.not_before(
        received,
        locked.responded_on,
        field="received_on",
        label="Date the escalation was asked for",
        earliest_label="the date the last stage was answered",
    )
    kind, stage = step
    escalation = _create(
        kind=kind,
        stage=stage,
        previous=locked,
        received_on=received,
        complainant_name=locked.complainant_name,
        complainant_relationship=locked.complainant_relationship,
        child=locked.child,
        team=locked.team,
        service_area=locked.service_area,
        category=locked.category,
        summary=summary.strip() or locked.summary,
        response_due_on=response_due(stage, received),
    )
    _log(escalation, action=AuditAction.CREATE, summary=f"escalated from {locked.reference}")
    return escalation


@transaction.atomic
def record_compliment(
    *,
    received_on: dt.date,
    received_from: str,
    summary: str,
    team: Team | None = None,
    worker: Worker | None = None,
) -> Compliment:
    """Thanks received: about a team, a worker (whose team it is, unless another is named),
    or the service as a whole."""
    received = _date(received_on, field="received_on", label="Date received")
    if not received_from.strip():
        raise v.fail("received_from", "Enter who the compliment is from.")
    if not summary.strip():
        raise v.fail("summary", "Summarise the compliment.")
    if team is None and worker is not None:
        team = worker.team
    compliment = Compliment.objects.create(
        received_on=received,
        received_from=received_from.strip(),
        team=team,
        worker=worker,
        summary=summary.strip(),
    )
    record_event(
        action=AuditAction.CREATE, obj=compliment, summary=f"Compliment of {_day(received)}"
    )
    return compliment
