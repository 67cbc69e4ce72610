"""Writes for the case audit programme: plan, audit, set actions, moderate, complete actions.

One function per business step, keyword-only arguments, one transaction each; rules are
checked before writing and broken rules raise ``ValidationError`` keyed by the form field
at fault. The quality app is not in the audit log's automatic capture, so each write
records its own entry, about the audited child.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import IntegrityError, transaction

from safeguard.audit.models import AuditAction
from safeguard.audit.services import record_event
from safeguard.core import clock
from safeguard.core import validation as v
from safeguard.core.exceptions import StaleRecordError
from safeguard.people.models import Person, PersonKind
from safeguard.quality.models import (
    AuditDomain,
    AuditGroup,
    AuditKind,
    AuditParticipant,
    CaseAudit,
    CaseAuditAction,
    DomainScore,
    Grade,
    PracticeTheme,
)
from safeguard.quality.models.audits import GROUPED_KINDS
from safeguard.quality.selectors.audits import (
    AUDITOR_ROLES,
    DIP_SAMPLE_ROLES,
    allocated_worker,
    has_social_care_involvement,
)
from safeguard.workforce.models import Worker


def _day(day: dt.date) -> str:
    return day.strftime("%-d %B %Y")


def _log(audit: CaseAudit, *, action: str, summary: str, obj: Any = None, **changes: Any) -> None:
    record_event(
        action=action,
        obj=obj if obj is not None else audit,
        child=audit.child_id,
        changes={k: (None, val) for k, val in changes.items()} or None,
        summary=f"Case audit {audit.reference}: {summary}",
    )


def _lock(audit: CaseAudit, expected_version: int | None) -> CaseAudit:
    locked = CaseAudit.objects.select_for_update().get(pk=audit.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleRecordError(
            model_label=str(CaseAudit._meta.verbose_name),
            pk=locked.pk,
            expected=expected_version,
            current=locked.version,
        )
    return locked


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_reference(prefix: str, model: Any) -> str:
    used = model.objects.filter(reference__startswith=prefix).values_list("reference", flat=True)
    numbers = [int(r.removeprefix(prefix)) for r in used if r.removeprefix(prefix).isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


def _create_numbered(model: Any, prefix: str, **values: Any) -> Any:
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return model.objects.create(reference=_next_reference(prefix, model), **values)
        except IntegrityError:
            continue
    raise v.fail("programme_month", "Could not number the audit: please save again.")


def _check_auditor(auditor: Worker, kind: str, on: dt.date) -> None:
    if auditor.started_on > on or (auditor.left_on is not None and auditor.left_on <= on):
        raise v.fail("auditor", f"{auditor} is not in post on {_day(on)}.")
    roles = DIP_SAMPLE_ROLES if kind == AuditKind.DIP_SAMPLE else AUDITOR_ROLES
    if auditor.role not in roles:
        what = "a dip sample" if kind == AuditKind.DIP_SAMPLE else "an audit"
        raise v.fail(
            "auditor",
            f"{auditor} cannot carry out {what}: choose "
            + (
                "a team or service manager."
                if kind == AuditKind.DIP_SAMPLE
                else "a QA officer, team manager or service manager."
            ),
        )


@transaction.atomic
def create_group(*, kind: str, theme: str, programme_month: dt.date) -> AuditGroup:
    """A multi-agency or thematic audit, to which the cases audited together belong."""
    if kind not in GROUPED_KINDS:
        raise v.fail("kind", "Only multi-agency and thematic audits group cases.")
    if not theme.strip():
        raise v.fail("theme", "Enter the theme of the audit.")
    month = _month_start(programme_month)
    return _create_numbered(
        AuditGroup, f"AG-{month.year}-", kind=kind, theme=theme.strip(), programme_month=month
    )


@transaction.atomic
def add_participant(
    *, group: AuditGroup, agency: str, name: str, role_title: str = ""
) -> AuditParticipant:
    if not agency.strip():
        raise v.fail("agency", "Enter the partner agency.")
    if not name.strip():
        raise v.fail("name", "Enter the participant's name.")
    return AuditParticipant.objects.create(
        group=group, agency=agency.strip(), name=name.strip(), role_title=role_title.strip()
    )


@transaction.atomic
def plan_audit(
    *,
    child: Person,
    kind: str,
    auditor: Worker,
    programme_month: dt.date,
    due_on: dt.date,
    group: AuditGroup | None = None,
) -> CaseAudit:
    """Put a child's case on the programme: the auditor, the kind and when it is due.

    The child has (or had) social care involvement, i.e. a case allocated to a worker; the
    auditor is in post and may audit (dip samples are for managers); grouped kinds name
    their group; it is due in or after its programme month.
    """
    if kind not in AuditKind.values:
        raise v.fail("kind", "Choose the kind of audit.")
    if child.kind != PersonKind.CHILD:
        raise v.fail("child", f"{child} is not a child's record.")
    if not has_social_care_involvement(child):
        raise v.fail("child", f"{child} has no social care involvement to audit.")
    month = _month_start(programme_month)
    if due_on < month:
        raise v.fail(
            "due_on", f"The due date cannot be before the programme month ({month:%B %Y})."
        )
    today = clock.today()
    _check_auditor(auditor, kind, min(today, due_on))
    if kind in GROUPED_KINDS:
        if group is None:
            raise v.fail("group", "Choose the multi-agency or thematic audit this case is part of.")
        if group.kind != kind:
            raise v.fail("group", f"{group.reference} is a {group.get_kind_display().lower()}.")
    elif group is not None:
        raise v.fail("group", "Only multi-agency and thematic audits group cases.")
    audit = _create_numbered(
        CaseAudit,
        f"CA-{month.year}-",
        kind=kind,
        group=group,
        child=child,
        auditor=auditor,
        practitioner=allocated_worker(child, today),
        programme_month=month,
        due_on=due_on,
    )
    _log(audit, action=AuditAction.CREATE, summary=f"planned ({audit.get_kind_display()})")
    return audit


def _check_in_hand(audit: CaseAudit, field: str) -> None:
    if audit.cancelled_on is not None:
        raise v.fail(field, f"{audit.reference} was cancelled.")


@transaction.atomic
def complete_audit(
    *,
    audit: CaseAudit,
    scores: Mapping[str, tuple[int, str]],
    grade: str,
    strengths: str,
    areas_for_development: str,
    themes: Iterable[PracticeTheme] = (),
    completed_on: dt.date | None = None,
    expected_version: int | None = None,
) -> CaseAudit:
    """The auditor's findings: every domain scored 1-10 with its evidence, the overall
    grade, strengths and areas for development. Completes the audit (QA moderates next)."""
    audit = _lock(audit, expected_version)
    _check_in_hand(audit, "grade")
    if audit.completed_on is not None:
        raise v.fail("grade", f"{audit.reference} was completed on {_day(audit.completed_on)}.")
    for domain in AuditDomain:
        if domain.value not in scores:
            raise v.fail(f"score_{domain.value}", f"Score {domain.label[3:].lower()} (1 to 10).")
        score, _ = scores[domain.value]
        if not 1 <= int(score) <= 10:
            raise v.fail(f"score_{domain.value}", "A score is a whole number from 1 to 10.")
    if grade not in Grade.values:
        raise v.fail("grade", "Choose the overall grade.")
    if not strengths.strip():
        raise v.fail("strengths", "Enter the strengths of the practice.")
    if not areas_for_development.strip():
        raise v.fail("areas_for_development", "Enter the areas for development.")
    day = completed_on or clock.today()
    v.not_in_future(day, field="completed_on", label="Date completed")
    if day < audit.programme_month:
        raise v.fail("completed_on", "The audit cannot be completed before its programme month.")
    DomainScore.objects.bulk_create(
        DomainScore(audit=audit, domain=d, score=int(s), evidence=e.strip())
        for d, (s, e) in scores.items()
        if d in AuditDomain.values
    )
    audit.themes.set(list(themes))
    audit.grade = grade
    audit.strengths = strengths.strip()
    audit.areas_for_development = areas_for_development.strip()
    audit.completed_on = day
    audit.save()
    _log(audit, action=AuditAction.CHANGE, summary="completed by the auditor", grade=grade)
    return audit


@transaction.atomic
def add_action(
    *, audit: CaseAudit, action: str, worker: Worker, due_on: dt.date
) -> CaseAuditAction:
    """An action for a worker from the audit's findings."""
    _check_in_hand(audit, "action")
    if not action.strip():
        raise v.fail("action", "Describe the action.")
    if worker.left_on is not None and worker.left_on <= clock.today():
        raise v.fail("worker", f"{worker} has left.")
    start = audit.completed_on or audit.programme_month
    if due_on < start:
        raise v.fail("due_on", f"The action cannot be due before {_day(start)}.")
    made = CaseAuditAction.objects.create(
        audit=audit, action=action.strip(), worker=worker, due_on=due_on
    )
    _log(audit, action=AuditAction.CREATE, obj=made, summary=f"action set for {worker}")
    return made


@transaction.atomic
def moderate_audit(
    *,
    audit: CaseAudit,
    by: Any,
    agreed: bool,
    grade: str = "",
    reason: str = "",
    moderated_on: dt.date | None = None,
    expected_version: int | None = None,
) -> CaseAudit:
    """QA agrees the auditor's grade or changes it (with the reason); the audit then counts."""
    audit = _lock(audit, expected_version)
    _check_in_hand(audit, "agreed")
    if audit.completed_on is None:
        raise v.fail("agreed", f"{audit.reference} has not been completed by the auditor yet.")
    if audit.moderated_on is not None:
        raise v.fail("agreed", f"{audit.reference} was moderated on {_day(audit.moderated_on)}.")
    if agreed:
        final = audit.grade
    else:
        if grade not in Grade.values:
            raise v.fail("grade", "Choose the moderated grade.")
        if grade == audit.grade:
            raise v.fail("grade", "Choose a different grade, or agree the auditor's grade.")
        if not reason.strip():
            raise v.fail("reason", "Give the reason for changing the grade.")
        final = grade
    day = moderated_on or clock.today()
    v.not_in_future(day, field="moderated_on", label="Date moderated")
    if day < audit.completed_on:
        raise v.fail("moderated_on", "Moderation cannot be before the audit was completed.")
    audit.moderated_grade = final
    audit.moderation_reason = reason.strip()
    audit.moderated_on = day
    audit.moderated_by = by if getattr(by, "is_authenticated", False) else None
    audit.save()
    _log(
        audit,
        action=AuditAction.CHANGE,
        summary="moderated: grade agreed" if agreed else "moderated: grade changed",
        moderated_grade=final,
    )
    return audit


@transaction.atomic
def complete_action(
    *, action: CaseAuditAction, note: str, completed_on: dt.date | None = None
) -> CaseAuditAction:
    """The worker marks their action done, saying what they did."""
    locked = CaseAuditAction.objects.select_for_update().get(pk=action.pk)
    if locked.completed_on is not None:
        raise v.fail("note", f"This action was completed on {_day(locked.completed_on)}.")
    if not note.strip():
        raise v.fail("note", "Say what was done.")
    day = completed_on or clock.today()
    v.not_in_future(day, field="completed_on", label="Date completed")
    locked.completed_on = day
    locked.completion_note = note.strip()
    locked.save()
    _log(locked.audit, action=AuditAction.CHANGE, obj=locked, summary="action completed")
    return locked


@transaction.atomic
def cancel_audit(*, audit: CaseAudit, reason: str) -> CaseAudit:
    audit = _lock(audit, None)
    if audit.completed_on is not None:
        raise v.fail("reason", f"{audit.reference} is completed and cannot be cancelled.")
    if audit.cancelled_on is not None:
        raise v.fail("reason", f"{audit.reference} is already cancelled.")
    if not reason.strip():
        raise v.fail("reason", "Give the reason for cancelling.")
    audit.cancelled_on = clock.today()
    audit.cancel_reason = reason.strip()
    audit.save()
    _log(audit, action=AuditAction.CHANGE, summary="cancelled")
    return audit
