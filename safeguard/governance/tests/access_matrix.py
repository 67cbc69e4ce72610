"""Authorization matrix cases for the governance pages.

Pages about one child need the capability *and* the object rules: the world's
``child_allocated`` opens for Team A's practitioners and the service manager;
``child_conference`` for the chair and conference business support. Roles that may break
glass are sent to the break-glass page instead (a refusal). Subject access, agreements
and retention pages are for their capability holders, for any person.
"""

from __future__ import annotations

import datetime as dt

from safeguard.access.testing.matrix import Case, holders

TEAM_A_AND_MANAGER = {
    "social_worker",
    "consultant_social_worker",
    "team_manager",
    "service_manager",
}
CONFERENCE_QUEUE = {"cp_chair_iro", "conference_support"}


def _child(w):
    return {"child_id": w.child_allocated.pk}


def _conference(w):
    from safeguard.protection.models import Conference

    conference = Conference.objects.get(child=w.child_conference)
    return {"child_id": w.child_conference.pk, "conference_id": conference.pk}


def _police_agreement(w):
    from safeguard.governance.models import SharingAgreement

    return {"agreement_id": SharingAgreement.objects.get(agency="police").pk}


def _withheld(w):
    from safeguard.governance import services

    item = services.mark_withheld(
        child=w.child_allocated,
        passage="the neighbour's account of the incident",
        description="The neighbour's account",
        reason_category="third_party",
        reason="Another person's information, given in confidence.",
        marked_by=w.users["social_worker"],
    )
    return {"item_id": item.pk}


def _request(w, *, person=None, review=False):
    from safeguard.core import clock
    from safeguard.governance import services

    sar = services.create_subject_access_request(
        person=person or w.child_allocated,
        requester_name="Pat Parent",
        requester_relationship="parent",
        requester_detail="Parental responsibility",
        received_on=clock.today(),
        opened_by=w.users["service_manager"],
    )
    if review:
        services.start_review(request=sar, started_by=w.users["service_manager"])
    return sar


def _sar(w):
    return {"request_id": _request(w).pk}


def _reviewed_sar(w):
    """Reviewed, with nothing to redact (the allocated child has no free text)."""
    return {"request_id": _request(w, review=True).pk}


def _redaction_item(w):
    """A request about the MASH child, whose contact's concerns are free text to review."""
    sar = _request(w, person=w.child_mash, review=True)
    return {"item_id": sar.redaction_items.first().pk}


def _rule(w):
    from safeguard.governance.models import RetentionRule

    return {"rule_id": RetentionRule.objects.get(record_type="child_other").pk}


def _destruction(w):
    """An ended agreement long due for review, proposed by a second service manager."""
    from safeguard.access.testing.world import make_user
    from safeguard.core import clock
    from safeguard.governance import services
    from safeguard.governance.models import RetentionRule

    other = make_user("matrix.service_manager_2", "service_manager")
    agreement = services.create_agreement(
        agency="housing",
        title="Housing and children's social care (old)",
        purpose="Sharing about families at risk of homelessness.",
        legal_basis="ca1989_s17",
        starts_on=dt.date(2005, 4, 1),
        ends_on=dt.date(2010, 4, 1),
        signed_by="Director of Housing",
        recorded_by=other,
    )
    proposal = services.propose_destruction(
        rule=RetentionRule.objects.get(record_type="sharing_agreement_ended"),
        as_at=clock.today(),
        object_ids=[str(agreement.pk)],
        proposed_by=other,
    )
    return {"request_id": proposal.pk}


#: Where the POST-only actions return to (the case's own id is not known in advance).
SAR_PAGES = "/governance/subject-access/"
DESTRUCTION_PAGES = "/governance/retention/destruction/"

CASES = [
    # Sharing agreements.
    Case(url_name="governance:agreements", allowed=holders("manage_sharing_agreements")),
    Case(url_name="governance:agreement_create", allowed=holders("manage_sharing_agreements")),
    Case(
        url_name="governance:agreement_end",
        kwargs=_police_agreement,
        allowed=holders("manage_sharing_agreements"),
    ),
    # A child's sharing pages: capability and object rules.
    Case(
        url_name="governance:sharing_history",
        kwargs=_child,
        allowed=TEAM_A_AND_MANAGER,
        note="(allocated in Team A)",
    ),
    Case(
        url_name="governance:sharing_history",
        kwargs=lambda w: {"child_id": w.child_shared_police.pk},
        allowed=set(),
        note="(shared with the police: the police see the child, not its sharing log)",
    ),
    Case(url_name="governance:record_disclosure", kwargs=_child, allowed=TEAM_A_AND_MANAGER),
    Case(url_name="governance:withhold", kwargs=_child, allowed=TEAM_A_AND_MANAGER),
    Case(url_name="governance:lift_withheld", kwargs=_withheld, allowed=TEAM_A_AND_MANAGER),
    Case(
        url_name="governance:conference_family_copy",
        kwargs=_conference,
        allowed=CONFERENCE_QUEUE,
    ),
    Case(
        url_name="governance:conference_family_copy_pdf",
        kwargs=_conference,
        allowed=CONFERENCE_QUEUE,
    ),
    # Subject access.
    Case(url_name="governance:subject_access_requests", allowed=holders("manage_subject_access")),
    Case(url_name="governance:sar_create", allowed=holders("manage_subject_access")),
    Case(url_name="governance:sar_detail", kwargs=_sar, allowed=holders("manage_subject_access")),
    Case(url_name="governance:sar_extend", kwargs=_sar, allowed=holders("manage_subject_access")),
    Case(url_name="governance:sar_refuse", kwargs=_sar, allowed=holders("manage_subject_access")),
    Case(
        url_name="governance:sar_start_review",
        method="post",
        kwargs=_sar,
        ok_status=302,
        redirect_to=SAR_PAGES,
        allowed=holders("manage_subject_access"),
    ),
    Case(
        url_name="governance:sar_release",
        method="post",
        kwargs=_reviewed_sar,
        ok_status=302,
        redirect_to=SAR_PAGES,
        allowed=holders("manage_subject_access"),
    ),
    Case(
        url_name="governance:sar_export_zip",
        kwargs=_reviewed_sar,
        allowed=holders("manage_subject_access"),
    ),
    Case(
        url_name="governance:sar_export_pdf",
        kwargs=_reviewed_sar,
        allowed=holders("manage_subject_access"),
    ),
    Case(url_name="governance:redaction_reviews", allowed=holders("review_redactions")),
    Case(
        url_name="governance:sar_redactions",
        kwargs=_reviewed_sar,
        allowed=holders("review_redactions"),
    ),
    Case(
        url_name="governance:sar_decide_redaction",
        method="post",
        kwargs=_redaction_item,
        data=lambda w: {},
        ok_status=400,
        allowed=holders("review_redactions"),
        note="(no decision given: the form is shown again with the error)",
    ),
    # Retention and destruction.
    Case(url_name="governance:retention", allowed=holders("manage_retention")),
    Case(
        url_name="governance:retention_rule_edit", kwargs=_rule, allowed=holders("manage_retention")
    ),
    Case(url_name="governance:retention_report", allowed=holders("manage_retention")),
    Case(url_name="governance:retention_report_csv", allowed=holders("manage_retention")),
    Case(url_name="governance:destruction_requests", allowed=holders("manage_retention")),
    Case(
        url_name="governance:destruction_propose",
        method="post",
        ok_status=302,
        redirect_to="/governance/retention/report/",
        allowed=holders("manage_retention"),
        note="(nothing chosen: back to the report)",
    ),
    Case(
        url_name="governance:destruction_request",
        kwargs=_destruction,
        allowed=holders("manage_retention"),
    ),
    Case(
        url_name="governance:destruction_approve",
        method="post",
        kwargs=_destruction,
        ok_status=302,
        redirect_to=DESTRUCTION_PAGES,
        allowed=holders("approve_destruction"),
    ),
    Case(
        url_name="governance:destruction_reject",
        method="post",
        kwargs=_destruction,
        data=lambda w: {"note": "Still needed: a complaint is open."},
        ok_status=302,
        redirect_to=DESTRUCTION_PAGES,
        allowed=holders("approve_destruction"),
    ),
]
