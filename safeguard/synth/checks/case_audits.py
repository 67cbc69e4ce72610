"""Case audits: dates in the order the services allow, seven scores on every completed
audit, a reason for every changed grade, dip samples by managers, actions after the audit."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from django.db.models import F, Q

from safeguard.quality.models import AuditDomain, AuditKind, CaseAudit, CaseAuditAction, DomainScore
from safeguard.quality.selectors.audits import DIP_SAMPLE_ROLES
from safeguard.synth.checker import Check, Violation, rule

CA, ACT = "quality.CaseAudit", "quality.CaseAuditAction"


@rule(
    "QA-AUDIT-DATES",
    "An audit is due, completed and moderated in or after its programme month, moderated "
    "on or after completion, and not both completed and cancelled.",
)
def audit_dates(check: Check) -> Iterator[Violation]:
    bad = CaseAudit.objects.filter(
        Q(due_on__lt=F("programme_month"))
        | Q(completed_on__lt=F("programme_month"))
        | Q(moderated_on__lt=F("completed_on"))
        | Q(moderated_on__isnull=False, completed_on__isnull=True)
        | Q(completed_on__isnull=False, cancelled_on__isnull=False)
    )
    for pk, child, ref in bad.values_list("pk", "child_id", "reference"):
        yield check.v("QA-AUDIT-DATES", CA, pk, child, f"{ref}: dates out of order.")


@rule(
    "QA-AUDIT-SCORES",
    "A completed audit has all seven domains scored 1-10 and a grade; an audit not "
    "completed has no scores.",
)
def audit_scores(check: Check) -> Iterator[Violation]:
    counts = Counter(DomainScore.objects.values_list("audit_id", flat=True))
    for pk, child, ref, completed, grade in CaseAudit.objects.values_list(
        "pk", "child_id", "reference", "completed_on", "grade"
    ).iterator(chunk_size=5_000):
        n = counts.get(pk, 0)
        if completed is not None and (n != len(AuditDomain) or not grade):
            yield check.v("QA-AUDIT-SCORES", CA, pk, child, f"{ref}: {n} scores, grade {grade!r}.")
        elif completed is None and n:
            yield check.v("QA-AUDIT-SCORES", CA, pk, child, f"{ref}: scored but not completed.")


@rule(
    "QA-MODERATION",
    "A moderated audit has its moderated grade; a grade changed at moderation has a reason.",
)
def moderation(check: Check) -> Iterator[Violation]:
    bad = CaseAudit.objects.filter(moderated_on__isnull=False).filter(
        Q(moderated_grade="") | (~Q(moderated_grade=F("grade")) & Q(moderation_reason=""))
    )
    for pk, child, ref in bad.values_list("pk", "child_id", "reference"):
        yield check.v("QA-MODERATION", CA, pk, child, f"{ref}: moderation incomplete.")


@rule("QA-DIP-SAMPLE-MANAGER", "A dip sample's auditor is a team or service manager.")
def dip_sample_manager(check: Check) -> Iterator[Violation]:
    bad = CaseAudit.objects.filter(kind=AuditKind.DIP_SAMPLE).exclude(
        auditor__role__in=list(DIP_SAMPLE_ROLES)
    )
    for pk, child, ref in bad.values_list("pk", "child_id", "reference"):
        yield check.v("QA-DIP-SAMPLE-MANAGER", CA, pk, child, f"{ref}: not a manager's.")


@rule(
    "QA-ACTION-DATES",
    "An audit action is due and completed on or after the audit was completed.",
)
def action_dates(check: Check) -> Iterator[Violation]:
    bad = CaseAuditAction.objects.filter(
        Q(due_on__lt=F("audit__completed_on")) | Q(completed_on__lt=F("audit__completed_on"))
    )
    for pk, child in bad.values_list("pk", "audit__child_id"):
        yield check.v("QA-ACTION-DATES", ACT, pk, child, "Action dated before its audit.")
