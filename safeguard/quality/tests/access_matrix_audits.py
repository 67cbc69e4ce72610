"""Authorization matrix cases for the case audit programme.

QA (``manage_case_audits``: QA officers and service managers) runs the programme,
moderates and records the service-wide judgement. An auditor (``conduct_case_audits``: QA
officers, team and service managers) sees and completes only the audits assigned to them.
A worker (``view_caseload``) sees and completes only their own audit actions. The report
(no child named) is for holders of ``view_quality_report``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from safeguard.access.testing.matrix import Case, holders
from safeguard.core import clock

QA = holders("manage_case_audits")  # QA officers and service managers
AUDITORS = holders("conduct_case_audits")
CASELOAD = holders("view_caseload")
REPORT = holders("view_quality_report")
EMPTY = "(empty form: re-rendered with errors)"


def _audit(w: Any, *, auditor: str = "quality_assurance", kind: str = "case_audit") -> Any:
    from safeguard.quality.services.audits import plan_audit

    today = clock.today()
    return plan_audit(
        child=w.child_allocated,
        kind=kind,
        auditor=w.workers[auditor],
        programme_month=today.replace(day=1),
        due_on=today + dt.timedelta(days=7),
    )


def _qa_audit(w: Any) -> dict[str, Any]:
    return {"audit_id": _audit(w).pk}


def _dip_sample(w: Any) -> dict[str, Any]:
    return {"audit_id": _audit(w, auditor="team_manager", kind="dip_sample").pk}


def _completed(w: Any) -> dict[str, Any]:
    from safeguard.quality.models import AuditDomain
    from safeguard.quality.services.audits import complete_audit

    audit = complete_audit(
        audit=_audit(w),
        scores={d: (5, "") for d in AuditDomain.values},
        grade="requires_improvement",
        strengths="s",
        areas_for_development="a",
    )
    return {"audit_id": audit.pk}


def _group(w: Any) -> dict[str, Any]:
    from safeguard.quality.services.audits import create_group

    group = create_group(kind="thematic", theme="Absent fathers", programme_month=clock.today())
    return {"group_id": group.pk}


def _social_workers_action(w: Any) -> dict[str, Any]:
    from safeguard.quality.services.audits import add_action

    action = add_action(
        audit=_audit(w),
        action="Update the chronology",
        worker=w.workers["social_worker"],
        due_on=clock.today() + dt.timedelta(days=7),
    )
    return {"action_id": action.pk}


def _csv(w: Any) -> dict[str, Any]:
    return {"fmt": "csv"}


CASES = [
    Case(url_name="quality:audit_programme", allowed=QA),
    Case(url_name="quality:audit_programme", allowed=QA, query="status=Overdue&kind=dip_sample"),
    Case(url_name="quality:audit_plan", allowed=QA),
    Case(url_name="quality:audit_plan", allowed=QA, method="post", note=EMPTY),
    Case(url_name="quality:audit_group_new", allowed=QA),
    Case(url_name="quality:audit_group_new", allowed=QA, method="post", note=EMPTY),
    Case(url_name="quality:audit_group", kwargs=_group, allowed=QA),
    Case(url_name="quality:audit_group", kwargs=_group, allowed=QA, method="post", note=EMPTY),
    Case(url_name="quality:audit_mine", allowed=AUDITORS),
    Case(url_name="quality:audit_my_actions", allowed=CASELOAD),
    Case(
        url_name="quality:audit_action_done",
        kwargs=_social_workers_action,
        allowed={"social_worker"},
        note="(the social worker's own action only)",
    ),
    Case(
        url_name="quality:audit_action_done",
        kwargs=_social_workers_action,
        allowed={"social_worker"},
        method="post",
        note=EMPTY,
    ),
    Case(url_name="quality:audit_judgements", allowed=QA),
    Case(url_name="quality:audit_judgements", allowed=QA, method="post", note=EMPTY),
    Case(url_name="quality:audit_report", allowed=REPORT),
    Case(url_name="quality:audit_report_export", kwargs=_csv, allowed=REPORT),
    Case(
        url_name="quality:audit_detail",
        kwargs=_qa_audit,
        allowed=QA,
        note="(assigned to the QA officer)",
    ),
    Case(
        url_name="quality:audit_detail",
        kwargs=_dip_sample,
        allowed=QA | {"team_manager"},
        note="(a dip sample assigned to the team manager)",
    ),
    Case(
        url_name="quality:audit_complete",
        kwargs=_qa_audit,
        allowed={"quality_assurance"},
        note="(assigned to the QA officer: only the auditor completes it)",
    ),
    Case(
        url_name="quality:audit_complete",
        kwargs=_dip_sample,
        allowed={"team_manager"},
        note="(only the auditor completes it)",
    ),
    Case(
        url_name="quality:audit_complete",
        kwargs=_qa_audit,
        allowed={"quality_assurance"},
        method="post",
        note=EMPTY,
    ),
    Case(url_name="quality:audit_add_action", kwargs=_dip_sample, allowed=QA | {"team_manager"}),
    Case(
        url_name="quality:audit_add_action",
        kwargs=_qa_audit,
        allowed=QA,
        method="post",
        note=EMPTY,
    ),
    Case(url_name="quality:audit_moderate", kwargs=_completed, allowed=QA),
    Case(
        url_name="quality:audit_moderate", kwargs=_completed, allowed=QA, method="post", note=EMPTY
    ),
    Case(url_name="quality:audit_cancel", kwargs=_qa_audit, allowed=QA),
    Case(url_name="quality:audit_cancel", kwargs=_qa_audit, allowed=QA, method="post", note=EMPTY),
]
