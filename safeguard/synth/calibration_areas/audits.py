# ruff: noqa: E501
"""Calibration targets for the case audit programme (see ``safeguard.synth.calibration``).

Seed 003 (the service improvement plan, OBA1-15 and OBA3-02/03): seven domains scored
1-10, the average rising from 5.1 to 5.9 (target 7.5), a service judged between
inadequate and requires improvement, and monthly dip samples by managers. The seed gives
no audit volume: about 25 a month is the programme the QA unit of three officers runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db.models import Avg, Q

from safeguard.synth.calibration import Target

SEED = "003 SIP audit programme; OBA1-15, OBA3-02, OBA3-03"

# fmt: off
TARGETS: list[Target] = [
    Target("audits_pm", "Case audits completed per month", 20, 30, "count", "case, thematic and multi-agency audits completed in the 12 months to as-at / 12", SEED, gap="the seed gives no volume: the QA unit's programme"),
    Target("audit_score", "Case audit average score (latest 3 months)", 5.5, 6.3, "score", "domain scores of audits moderated, completed in the 3 months to as-at", "003 OBA3-02 (5.1 rising to 5.9 in July)"),
    Target("audit_ri", "Audits graded requires improvement", 55, 80, "%", "of audits moderated, completed in 12 months (moderated grade)", "003 OBA3-03 / SIP outcome (a solid requires improvement)"),
    Target("dip_per_manager", "Dip samples per team manager a month", 1, 2, "score", "dip samples completed in 12 months / team managers doing them / 12", "003 OBA1-15, SIP A08.KA02"),
    Target("actions_done", "Audit actions completed", 80, 95, "%", "of actions due in the 12 months to as-at", SEED),
]
# fmt: on


def measures(as_at: dt.date) -> dict[str, Callable[[], float | None]]:
    from safeguard.quality.models import AuditKind, CaseAudit, CaseAuditAction, DomainScore

    year_ago = as_at - dt.timedelta(days=365)
    quarter_ago = as_at - dt.timedelta(days=91)
    completed = CaseAudit.objects.filter(
        completed_on__gt=year_ago, completed_on__lte=as_at, cancelled_on__isnull=True
    )

    def audits_pm() -> float | None:
        return completed.exclude(kind=AuditKind.DIP_SAMPLE).count() / 12

    def audit_score() -> float | None:
        value = DomainScore.objects.filter(
            audit__moderated_on__isnull=False,
            audit__completed_on__gt=quarter_ago,
            audit__completed_on__lte=as_at,
        ).aggregate(avg=Avg("score"))["avg"]
        return None if value is None else float(value)

    def audit_ri() -> float | None:
        moderated = completed.filter(moderated_on__isnull=False)
        total = moderated.count()
        ri = moderated.filter(moderated_grade="requires_improvement").count()
        return None if not total else 100.0 * ri / total

    def dip_per_manager() -> float | None:
        dips = completed.filter(kind=AuditKind.DIP_SAMPLE)
        managers = dips.values("auditor").distinct().count()
        return None if not managers else dips.count() / managers / 12

    def actions_done() -> float | None:
        due = CaseAuditAction.objects.filter(due_on__gt=year_ago, due_on__lte=as_at)
        total = due.count()
        done = due.filter(Q(completed_on__isnull=False, completed_on__lte=as_at)).count()
        return None if not total else 100.0 * done / total

    return {
        "audits_pm": audits_pm,
        "audit_score": audit_score,
        "audit_ri": audit_ri,
        "dip_per_manager": dip_per_manager,
        "actions_done": actions_done,
    }
