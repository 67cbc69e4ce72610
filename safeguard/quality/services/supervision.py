"""Writes for case supervision: a manager records one supervision of a worker they manage.

The due date is not typed: it comes from the worker's history and the timescale registry
(``supervision``), so a manager cannot move the goalposts. The record is held (on a day,
with the management direction for each child discussed) or not held (with the reason).
The quality app is not in the audit log's automatic capture, so the write records its own
entries: one for the supervision and one per child discussed, about that child.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction

from safeguard.audit.models import AuditAction
from safeguard.audit.services import record_event
from safeguard.core import clock
from safeguard.core import validation as v
from safeguard.people.models import Person
from safeguard.quality.models import NotHeldReason, Supervision, SupervisionCase
from safeguard.quality.selectors import supervision as selectors
from safeguard.workforce.models import Allocation, Worker


def _day(day: dt.date) -> str:
    return day.strftime("%-d %B %Y")


def _check_cases(
    supervisee: Worker, day: dt.date, cases: Sequence[tuple[Person, str]]
) -> list[tuple[Person, str]]:
    """Each child once, on the worker's caseload on the day (or now), with a direction."""
    seen: set[object] = set()
    checked: list[tuple[Person, str]] = []
    held = Allocation.objects.filter(worker=supervisee, started_on__lte=max(day, clock.today()))
    allowed = set(held.exclude(ended_on__lt=day).values_list("child_id", flat=True))
    for child, direction in cases:
        if child.pk in seen:
            raise v.fail("cases", f"{child} is listed twice: record one direction per child.")
        seen.add(child.pk)
        if child.pk not in allowed:
            raise v.fail(
                "cases",
                f"{child} is not on {supervisee}'s caseload: only their cases are discussed.",
            )
        text = direction.strip()
        if not text:
            raise v.fail("cases", f"Enter the management direction for {child}.")
        checked.append((child, text))
    return checked


@transaction.atomic
def record_supervision(
    *,
    supervisor: Worker,
    supervisee: Worker,
    held_on: dt.date | None = None,
    not_held_reason: str = "",
    notes: str = "",
    cases: Sequence[tuple[Person, str]] = (),
) -> Supervision:
    """The manager records the worker's next due supervision: held on a day (not in the
    future, not before the worker started) with the cases discussed, or not held with the
    reason (and no cases). Only the worker's own manager may record it."""
    if not selectors.manages(supervisor, supervisee):
        raise v.fail("supervisee", f"{supervisee} is not one of the workers you supervise.")
    if held_on is None and not not_held_reason:
        raise v.fail("held_on", "Enter the date the supervision was held, or why it was not held.")
    if held_on is not None and not_held_reason:
        raise v.fail(
            "not_held_reason", "A supervision that was held has no reason for not being held."
        )
    if not_held_reason and not_held_reason not in NotHeldReason.values:
        raise v.fail("not_held_reason", "Select why the supervision was not held.")
    due_on = selectors.next_due(supervisee)
    checked: list[tuple[Person, str]] = []
    if held_on is not None:
        v.not_in_future(held_on, field="held_on", label="Date the supervision was held")
        v.not_before(
            held_on,
            supervisee.started_on,
            field="held_on",
            label="Date the supervision was held",
            earliest_label=f"the date {supervisee} started",
        )
        last = selectors.latest(supervisee)
        if last is not None and last.held_on is not None and held_on <= last.held_on:
            raise v.fail(
                "held_on",
                f"The last supervision was held on {_day(last.held_on)}: this one must be later.",
            )
        checked = _check_cases(supervisee, held_on, cases)
    elif cases:
        raise v.fail("cases", "A supervision that was not held discussed no cases.")
    record = Supervision.objects.create(
        supervisee=supervisee,
        supervisor=supervisor,
        due_on=due_on,
        held_on=held_on,
        not_held_reason=not_held_reason,
        notes=notes.strip(),
    )
    outcome = f"held {_day(held_on)}" if held_on is not None else f"not held ({not_held_reason})"
    record_event(
        action=AuditAction.CREATE,
        obj=record,
        summary=f"Supervision of {supervisee.staff_id} due {_day(due_on)}: {outcome}",
    )
    for child, direction in checked:
        case = SupervisionCase.objects.create(supervision=record, child=child, direction=direction)
        record_event(
            action=AuditAction.CREATE,
            obj=case,
            child=child.pk,
            summary="Management direction recorded in supervision",
        )
    return record
