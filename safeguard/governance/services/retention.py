"""Retention: change a rule, propose records for destruction, approve (a second person)
or reject.

Destruction happens only on approval, in one transaction, by a person holding
``approve_destruction`` who did not propose it. Each row deleted leaves a tombstone in
the audit log: model, identifier, the child's identifier, the rule, the request and who
proposed and approved — nothing else about the person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError

from safeguard.core import clock
from safeguard.governance.models import (
    DestructionItem,
    DestructionRequest,
    DestructionStatus,
    RetentionAction,
    RetentionRule,
)
from safeguard.governance.retention import record_type
from safeguard.governance.selectors.destruction import Plan, destruction_plan
from safeguard.governance.selectors.retention import (
    as_date,
    child_id_of,
    describe,
    due_on,
    due_queryset,
    proposed_refs,
)
from safeguard.governance.services.common import Errors, audit, clean, require

MAX_YEARS = 150
#: Records per request: a reviewer must be able to read what they approve.
MAX_ITEMS = 200


@transaction.atomic
def update_rule(
    *,
    rule: RetentionRule,
    years: int | None,
    date_basis: str,
    action: str,
    basis_note: str,
    is_active: bool,
    changed_by: Any,
) -> RetentionRule:
    """Change the authority's rule for a record type (the change is audited)."""
    require(changed_by, "manage_retention", "You may not change retention rules.")
    kind = record_type(rule.record_type)
    errors = Errors()
    if years is None or not 1 <= years <= MAX_YEARS:
        errors.add("years", f"Enter a period between 1 and {MAX_YEARS} years.")
    if kind is None or kind.basis(date_basis) is None:
        errors.add("date_basis", "Select the date the period is counted from.")
    if action not in RetentionAction.values:
        errors.add("action", "Select what happens when records are due.")
    if not clean(basis_note):
        errors.add("basis_note", "Enter why this period applies (law, guidance or decision).")
    errors.raise_if_any()
    rule = RetentionRule.objects.select_for_update().get(pk=rule.pk)
    new = {
        "years": years,
        "date_basis": date_basis,
        "action": action,
        "basis_note": clean(basis_note),
        "is_active": is_active,
    }
    changes = {k: (getattr(rule, k), v) for k, v in new.items() if getattr(rule, k) != v}
    for key, value in new.items():
        setattr(rule, key, value)
    rule.save(update_fields=list(new))
    audit(
        action="change",
        user=changed_by,
        obj=rule,
        changes=changes,
        summary=f"Retention rule changed: {rule.label}",
    )
    return rule


def _plan_for(rule: RetentionRule, obj: models.Model) -> Plan:
    kind = record_type(rule.record_type)
    assert kind is not None
    return destruction_plan(obj, case_file=kind.case_file)


@transaction.atomic
def propose_destruction(
    *,
    rule: RetentionRule,
    as_at: dt.date | None,
    object_ids: Iterable[str],
    proposed_by: Any,
    note: str = "",
) -> DestructionRequest:
    """Propose records due under ``rule`` for destruction; another person approves."""
    require(proposed_by, "manage_retention", "You may not propose records for destruction.")
    ids = sorted({clean(i) for i in object_ids if clean(i)})
    errors = Errors()
    if as_at is None or as_at > clock.today():
        errors.add("as_at", "The records must be due today or earlier.")
    if not rule.is_active:
        errors.add("rule", "This rule is switched off.")
    if not ids:
        errors.add("records", "Select the records to propose for destruction.")
    elif len(ids) > MAX_ITEMS:
        errors.add("records", f"Propose at most {MAX_ITEMS} records at a time.")
    errors.raise_if_any()
    assert as_at is not None
    kind = record_type(rule.record_type)
    assert kind is not None
    due = {str(o.pk): o for o in due_queryset(rule, as_at).filter(pk__in=ids)}
    pending = proposed_refs(kind.model_label)
    problems = []
    for object_id in ids:
        obj = due.get(object_id)
        if obj is None:
            problems.append(f"{object_id} is not due under “{rule.label}” on {as_at:%d/%m/%Y}.")
        elif object_id in pending:
            problems.append(f"{describe(obj)[0]} is already awaiting approval for destruction.")
        else:
            plan = _plan_for(rule, obj)
            if not plan.can_destroy:
                problems.append(
                    f"{' '.join(describe(obj))} cannot yet be destroyed because other records "
                    f"depend on it: {plan.blocker_text()}."
                )
    if problems:
        raise ValidationError({"records": problems})
    request = DestructionRequest.objects.create(
        rule=rule, as_at=as_at, note=clean(note), proposed_by=proposed_by
    )
    for object_id in ids:
        obj = due[object_id]
        DestructionItem.objects.create(
            request=request,
            model_label=kind.model_label,
            object_id=object_id,
            child_id=child_id_of(obj),
            label=" ".join(p for p in describe(obj) if p)[:200],
            due_on=due_on(as_date(obj.retention_from) or as_at, rule.years),
        )
    audit(
        action="change",
        user=proposed_by,
        obj=request,
        row_count=len(ids),
        summary=f"{len(ids)} record(s) proposed for destruction under “{rule.label}”",
    )
    return request


def _destroy(plan: Plan) -> int:
    """Delete the plan's rows (returns how many, with those that went by CASCADE); a row
    whose dependents are still there waits its turn."""
    remaining = [row for _, row in plan.rows]
    deleted = 0
    while remaining:
        waiting = []
        for row in remaining:
            if not type(row)._base_manager.filter(pk=row.pk).exists():
                continue  # went with a row deleted before it (CASCADE)
            try:
                count, _ = row.delete()
            except (ProtectedError, RestrictedError):
                waiting.append(row)
            else:
                deleted += count
        if len(waiting) == len(remaining):
            raise ValidationError(
                f"{len(waiting)} record(s) could not be deleted because other records still "
                "depend on them. Nothing has been destroyed."
            )
        remaining = waiting
    return deleted


@transaction.atomic
def approve_destruction(
    *, request: DestructionRequest, approved_by: Any, note: str = ""
) -> DestructionRequest:
    """As the second person, destroy every record in the request (all or nothing)."""
    require(approved_by, "approve_destruction", "You may not approve destruction.")
    request = (
        DestructionRequest.objects.select_for_update()
        .select_related("rule", "proposed_by")
        .get(pk=request.pk)
    )
    if request.status != DestructionStatus.PROPOSED:
        raise ValidationError(f"This request is already {request.get_status_display().lower()}.")
    if request.proposed_by_id == approved_by.pk:
        raise ValidationError(
            "You proposed this destruction, so you cannot approve it: another person who may "
            "approve destruction must do so."
        )
    rule = request.rule
    items = list(request.items.all())
    due = {
        str(o.pk): o
        for o in due_queryset(rule, clock.today()).filter(pk__in=[i.object_id for i in items])
    }
    plans: list[tuple[DestructionItem, Plan]] = []
    problems = []
    for item in items:
        obj = due.get(item.object_id)
        if obj is None:
            problems.append(
                f"{item.label} is no longer due under “{rule.label}” (or no longer exists)."
            )
            continue
        plan = _plan_for(rule, obj)
        if not plan.can_destroy:
            problems.append(
                f"{item.label} cannot yet be destroyed: {plan.blocker_text()} depend on it."
            )
        plans.append((item, plan))
    if problems:
        raise ValidationError(problems)
    proposer = request.proposed_by.get_username()
    approver = approved_by.get_username()
    total = 0
    tombstoned: set[object] = set()
    for item, plan in plans:
        for ref, _ in plan.rows:
            if ref in tombstoned:
                continue
            tombstoned.add(ref)
            audit(
                action="destroy",
                user=approved_by,
                child=item.child_id,
                model_label=ref.model_label,
                object_id=ref.object_id,
                summary=f"Destroyed under retention rule “{rule.label}” ({rule.record_type}); "
                f"destruction request {request.pk}; child {item.child_id or 'none'}; "
                f"proposed by {proposer}, approved by {approver}",
            )
        item.destroyed_rows = _destroy(plan)
        item.label = "Destroyed"
        item.save(update_fields=["destroyed_rows", "label"])
        total += item.destroyed_rows
    request.status = DestructionStatus.DESTROYED
    request.decided_by = approved_by
    request.decided_at = clock.now()
    request.decision_note = clean(note)
    request.destroyed_count = total
    request.save(
        update_fields=["status", "decided_by", "decided_at", "decision_note", "destroyed_count"]
    )
    return request


@transaction.atomic
def reject_destruction(
    *, request: DestructionRequest, rejected_by: Any, note: str
) -> DestructionRequest:
    """Reject (or, for the proposer, withdraw) a request; nothing is destroyed."""
    require(rejected_by, "approve_destruction", "You may not decide on destruction.")
    request = DestructionRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != DestructionStatus.PROPOSED:
        raise ValidationError(f"This request is already {request.get_status_display().lower()}.")
    if not clean(note):
        raise ValidationError({"note": "Enter why the records are not to be destroyed."})
    request.status = DestructionStatus.REJECTED
    request.decided_by = rejected_by
    request.decided_at = clock.now()
    request.decision_note = clean(note)
    request.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    audit(action="change", user=rejected_by, obj=request, summary="Destruction request rejected")
    return request
