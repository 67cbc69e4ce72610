"""Authorization matrix cases for complaints, compliments and family feedback.

The complaints and QA officers (``manage_complaints``) record and answer complaints,
compliments and feedback; the quarterly report (counts, teams and learning, no child or
complainant) is for every holder of ``view_quality_report``.
"""

from __future__ import annotations

from typing import Any

from safeguard.access.testing.matrix import Case, holders
from safeguard.core import clock

MANAGE = holders("manage_complaints")
REPORT = holders("view_quality_report")
EMPTY = "(empty form: re-rendered with errors)"


def _complaint(w: Any) -> Any:
    from safeguard.quality.services.complaints import record_complaint

    return record_complaint(
        kind="formal",
        received_on=clock.today(),
        complainant_name="Pat Parent",
        complainant_relationship="parent",
        category="communication",
        summary="Nobody returned my calls.",
        child=w.child_allocated,
    )


def _open(w: Any) -> dict[str, Any]:
    return {"complaint_id": _complaint(w).pk}


def _answered(w: Any) -> dict[str, Any]:
    from safeguard.quality.services.complaints import answer_complaint

    complaint = answer_complaint(
        complaint=_complaint(w),
        responded_on=clock.today(),
        outcome="partly_justified",
        response_summary="Apology and a named contact.",
    )
    return {"complaint_id": complaint.pk}


def _feedback(w: Any) -> dict[str, Any]:
    from safeguard.quality.models import FamilyFeedback

    feedback = FamilyFeedback.objects.create(
        child=w.child_allocated,
        occasion="six_monthly",
        received_on=clock.today(),
        respondent="parent",
        made_difference="agree",
    )
    return {"feedback_id": feedback.pk}


def _csv(w: Any) -> dict[str, Any]:
    return {"fmt": "csv"}


def _pdf(w: Any) -> dict[str, Any]:
    return {"fmt": "pdf"}


CASES = [
    Case(url_name="quality:complaint_list", allowed=MANAGE),
    Case(url_name="quality:complaint_list", allowed=MANAGE, query="status=overdue&kind=formal"),
    Case(url_name="quality:complaint_new", allowed=MANAGE),
    Case(url_name="quality:complaint_new", allowed=MANAGE, method="post", note=EMPTY),
    Case(url_name="quality:complaint_report", allowed=REPORT),
    Case(url_name="quality:complaint_report", allowed=REPORT, query="quarter=2024-Q1"),
    Case(url_name="quality:complaint_report_export", kwargs=_csv, allowed=REPORT),
    Case(url_name="quality:complaint_report_export", kwargs=_pdf, allowed=REPORT),
    Case(url_name="quality:complaint_detail", kwargs=_open, allowed=MANAGE),
    Case(url_name="quality:complaint_answer", kwargs=_open, allowed=MANAGE),
    Case(
        url_name="quality:complaint_answer", kwargs=_open, allowed=MANAGE, method="post", note=EMPTY
    ),
    Case(url_name="quality:complaint_escalate", kwargs=_answered, allowed=MANAGE),
    Case(
        url_name="quality:complaint_escalate",
        kwargs=_answered,
        allowed=MANAGE,
        method="post",
        note=EMPTY,
    ),
    Case(url_name="quality:compliment_list", allowed=MANAGE),
    Case(url_name="quality:compliment_new", allowed=MANAGE),
    Case(url_name="quality:compliment_new", allowed=MANAGE, method="post", note=EMPTY),
    Case(url_name="quality:feedback_list", allowed=MANAGE),
    Case(url_name="quality:feedback_new", allowed=MANAGE),
    Case(url_name="quality:feedback_new", allowed=MANAGE, method="post", note=EMPTY),
    Case(url_name="quality:feedback_due", allowed=MANAGE),
    Case(url_name="quality:feedback_detail", kwargs=_feedback, allowed=MANAGE),
]
