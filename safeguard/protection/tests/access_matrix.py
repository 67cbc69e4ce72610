"""Authorization matrix cases for the child protection pages.

Casework steps are about ``child_allocated`` (the social worker's child in Team A): record
casework holders who may open that child. Business support steps are about
``child_conference`` (a conference booked, so on the conference queue), the chair's about
the same child (whose conference the CP chair chairs). Records a case needs are built in
its ``kwargs`` callable; the world itself is not changed.
"""

from __future__ import annotations

from typing import Any

from safeguard.access.testing.matrix import Case, holders
from safeguard.protection.models import Conference

#: Record casework holders who may open child_allocated (the early help worker holds the
#: capability but not this child).
CASEWORKERS = {"social_worker", "consultant_social_worker", "team_manager", "service_manager"}
BUSINESS_SUPPORT = {"conference_support"}
CHAIR = {"cp_chair_iro"}


def _child(w: Any) -> dict[str, Any]:
    return {"child_id": w.child_allocated.pk}


def _enquiry(w: Any) -> dict[str, Any]:
    from safeguard.protection.tests.pathway import enquiry_for

    enquiry = enquiry_for(w.child_allocated, w.workers["social_worker"])
    return {"child_id": w.child_allocated.pk, "enquiry_id": enquiry.pk}


def _with_plan(w: Any) -> dict[str, Any]:
    from safeguard.protection.tests.pathway import open_plan_for

    open_plan_for(w.child_allocated, w.workers["cp_chair_iro"])
    return {"child_id": w.child_allocated.pk}


def _booked(w: Any) -> Conference:
    return Conference.objects.get(child=w.child_conference)


def _conference(w: Any) -> dict[str, Any]:
    return {"child_id": w.child_conference.pk, "conference_id": _booked(w).pk}


def _report(w: Any) -> dict[str, Any]:
    from safeguard.protection.tests.pathway import invitation_to

    conference = _booked(w)
    invitation = invitation_to(conference)
    return {
        "child_id": w.child_conference.pk,
        "conference_id": conference.pk,
        "invitation_id": invitation.pk,
    }


def _chaired_child(w: Any) -> dict[str, Any]:
    return {"child_id": w.child_conference.pk}


def _chaired_with_plan(w: Any) -> dict[str, Any]:
    from safeguard.protection.tests.pathway import open_plan_for

    # The chair keeps the child through the booked conference; this plan's own conference
    # is a second, earlier one (rows written directly: only the page's access is tested).
    open_plan_for(w.child_conference, w.workers["cp_chair_iro"])
    return {"child_id": w.child_conference.pk}


def _substantiated(w: Any) -> dict[str, Any]:
    from safeguard.protection.tests.pathway import enquiry_for

    enquiry = enquiry_for(w.child_allocated, w.workers["social_worker"], outcome="substantiated")
    return {"child_id": w.child_allocated.pk, "enquiry_id": enquiry.pk}


def _escalation(w: Any) -> dict[str, Any]:
    from safeguard.protection.models import Escalation
    from safeguard.protection.tests.pathway import days_ago

    escalation = Escalation.objects.create(
        child=w.child_conference,
        raised_on=days_ago(2),
        raised_by=w.workers["cp_chair_iro"],
        about="No core group since the conference.",
    )
    return {"child_id": w.child_conference.pk, "escalation_id": escalation.pk}


def _step(name: str, kwargs: Any, allowed: set[str], note: str = "") -> list[Case]:
    """A GET of the page, and a POST of an empty form (re-shown with its errors)."""
    return [
        Case(url_name=f"protection:{name}", kwargs=kwargs, allowed=allowed, note=note),
        Case(
            url_name=f"protection:{name}",
            kwargs=kwargs,
            allowed=allowed,
            method="post",
            note=f"{note} (empty form)".strip(),
        ),
    ]


CASES = [
    Case(url_name="protection:business_support", allowed=holders("manage_conferences")),
    Case(url_name="protection:chair_home", allowed=holders("chair_conferences")),
    *_step("record_strategy_discussion", _child, CASEWORKERS, "(no open referral)"),
    *_step("start_section47", _child, CASEWORKERS),
    *_step("record_section47_outcome", _enquiry, CASEWORKERS),
    *_step("request_conference", _enquiry, CASEWORKERS),
    *_step("mark_icpc_not_required", _substantiated, CASEWORKERS),
    *_step("schedule_conference", _chaired_child, BUSINESS_SUPPORT, "(on the conference queue)"),
    *_step("invite", _conference, BUSINESS_SUPPORT),
    *_step("record_agency_report", _report, BUSINESS_SUPPORT),
    *_step("record_attendance", _conference, BUSINESS_SUPPORT),
    *_step("record_minutes_sent", _conference, BUSINESS_SUPPORT),
    *_step("cancel_conference", _conference, BUSINESS_SUPPORT),
    *_step("record_conference_outcome", _conference, CHAIR),
    *_step("change_cp_category", _with_plan, CASEWORKERS),
    *_step("end_cp_plan", _with_plan, CASEWORKERS),
    *_step("record_core_group", _with_plan, CASEWORKERS),
    *_step("record_midway_review", _chaired_with_plan, CHAIR),
    *_step("raise_escalation", _chaired_child, CHAIR),
    *_step("resolve_escalation", _escalation, CHAIR),
]
