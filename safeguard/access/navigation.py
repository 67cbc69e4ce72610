"""The service navigation a signed-in user sees, from what their role may do.

Items link by URL name and appear only when the name resolves, so pages other parts of
the product add later join the menu without a change here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from safeguard.access.backends import capabilities_of


@dataclass(frozen=True)
class MenuEntry:
    label: str
    capability: str
    url_names: tuple[str, ...]


MENU: tuple[MenuEntry, ...] = (
    # Daily work first, then governance and settings.
    MenuEntry("My work", "view_caseload", ("worklists:my_work",)),
    MenuEntry("My supervision", "view_caseload", ("quality:supervision_mine",)),
    MenuEntry("My audit actions", "view_caseload", ("quality:audit_my_actions",)),
    MenuEntry("Team", "manage_team", ("workforce:team",)),
    MenuEntry("MASH queue", "make_mash_decision", ("frontdoor:mash_queue",)),
    # -- domestic abuse (frontdoor) --
    MenuEntry("Police PPNs", "make_mash_decision", ("frontdoor:ppn_list",)),
    MenuEntry("HRDA meetings", "make_mash_decision", ("frontdoor:hrda_meeting",)),
    # -- end domestic abuse --
    MenuEntry("Conferences", "manage_conferences", ("protection:business_support",)),
    MenuEntry("Chairing", "chair_conferences", ("protection:chair_home",)),
    MenuEntry("LADO cases", "manage_lado_cases", ("partnership:lado_cases",)),  # LADO
    MenuEntry("LADO work queue", "manage_lado_cases", ("worklists:queue_lado",)),
    MenuEntry("Front door queue", "make_mash_decision", ("worklists:queue_front_door",)),
    MenuEntry("Find a person", "search_people", ("people:search",)),
    MenuEntry("Record a contact", "record_contact", ("frontdoor:record_contact",)),
    MenuEntry("Notifications", "view_notifications", ("access:notifications",)),
    MenuEntry("Capabilities", "view_capabilities", ("access:capabilities",)),
    MenuEntry(
        "Pseudonymised children", "view_pseudonymised_data", ("access:pseudonymised_children",)
    ),
    # -- unregistered placements (care) --
    MenuEntry(
        "Unregistered placements",
        "view_unregistered_placements",
        ("care:unregistered_register",),
    ),
    MenuEntry(
        "Unregistered placements queue",
        "view_unregistered_placements",
        ("worklists:queue_unregistered",),
    ),
    # -- end unregistered placements --
    MenuEntry("Performance", "view_performance", ("performance:index",)),
    MenuEntry(
        "PPNs and HRDA report", "view_performance", ("frontdoor:domestic_abuse_report",)
    ),  # domestic abuse
    MenuEntry("Statutory returns", "view_returns", ("returns:index",)),
    MenuEntry("LADO quarterly report", "view_lado_report", ("partnership:lado_report",)),  # LADO
    # -- fostering (issue 8) --
    MenuEntry("Fostering", "manage_fostering", ("fostering:enquiries",)),
    MenuEntry("Fostering work queue", "manage_fostering", ("worklists:queue_fostering",)),
    MenuEntry("Fostering sufficiency report", "view_fostering_report", ("fostering:report",)),
    # -- end fostering --
    # -- exploitation (CAROLE, issue 8) --
    MenuEntry("Exploitation report", "view_performance", ("exploitation:carole_report",)),
    MenuEntry(
        "CAROLE tactical group",
        "view_exploitation_intelligence",
        ("exploitation:tactical_cohort",),
    ),
    MenuEntry(
        "CAROLE tactical queue",
        "manage_exploitation_intelligence",
        ("worklists:queue_carole_tactical",),
    ),
    # -- end exploitation --
    # -- partnership (issue 9) --
    MenuEntry("Practice reviews", "manage_practice_reviews", ("partnership:review_list",)),
    MenuEntry(
        "Practice reviews queue", "manage_practice_reviews", ("worklists:queue_practice_reviews",)
    ),
    MenuEntry("Child deaths", "manage_child_deaths", ("partnership:child_death_list",)),
    MenuEntry("CDOP statistics", "manage_child_deaths", ("partnership:child_death_statistics",)),
    MenuEntry("Child death work queue", "manage_child_deaths", ("worklists:queue_child_deaths",)),
    MenuEntry("Training", "manage_training", ("partnership:training_programme",)),
    MenuEntry("Training work queue", "manage_training", ("worklists:queue_training",)),
    MenuEntry("Training quarterly table", "manage_training", ("partnership:training_report",)),
    MenuEntry("Partnership dataset", "view_performance", ("partnership:dataset_page",)),
    MenuEntry("Partner survey", "manage_partnership_dataset", ("partnership:dataset_survey",)),
    MenuEntry(
        "Exception reports", "submit_exception_report", ("partnership:dataset_agency_reports",)
    ),
    MenuEntry("Review tracker", "manage_practice_reviews", ("partnership:review_tracker",)),
    # -- quality assurance (issue 9) --
    MenuEntry("Case audit programme", "manage_case_audits", ("quality:audit_programme",)),
    MenuEntry("Case audit work queue", "manage_case_audits", ("worklists:queue_case_audits",)),
    MenuEntry("My audits to complete", "conduct_case_audits", ("quality:audit_mine",)),
    MenuEntry("Case audit report", "view_quality_report", ("quality:audit_report",)),
    MenuEntry("Supervision of my team", "record_supervision", ("quality:supervision_team",)),
    MenuEntry("Supervision work queue", "record_supervision", ("worklists:queue_supervision",)),
    MenuEntry("Supervision report", "view_quality_report", ("quality:supervision_report",)),
    MenuEntry("Practice meetings", "manage_practice_meetings", ("quality:meeting_list",)),
    MenuEntry("Practice meeting attendance", "view_quality_report", ("quality:meeting_report",)),
    MenuEntry("Complaints and feedback", "manage_complaints", ("quality:complaint_list",)),
    MenuEntry("Complaints work queue", "manage_complaints", ("worklists:queue_complaints",)),
    MenuEntry("Complaints report", "view_quality_report", ("quality:complaint_report",)),
    MenuEntry(
        "Access reports",
        "view_access_reports",
        ("audit:access_reports", "audit:access_report", "audit:reports"),
    ),
    MenuEntry("Audit log check", "verify_audit_log", ("audit:verify", "audit:chain")),
    MenuEntry(
        "Sharing agreements",
        "manage_sharing_agreements",
        ("governance:agreements", "governance:sharing_agreements", "governance:agreement_list"),
    ),
    MenuEntry(
        "Subject access requests",
        "manage_subject_access",
        ("governance:subject_access_requests", "governance:sar_list", "governance:subject_access"),
    ),
    MenuEntry("Redaction reviews", "review_redactions", ("governance:redaction_reviews",)),
    MenuEntry(
        "Retention",
        "manage_retention",
        ("governance:retention", "governance:retention_report", "governance:retention_review"),
    ),
)


def _first_url(names: tuple[str, ...]) -> tuple[str, str] | None:
    for name in names:
        try:
            return name, reverse(name)
        except NoReverseMatch:
            continue
    return None


def menu_for(request: HttpRequest) -> list[dict[str, Any]]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    capabilities = capabilities_of(user)
    match = getattr(request, "resolver_match", None)
    current = match.view_name if match is not None else ""
    items: list[dict[str, Any]] = []
    for entry in MENU:
        if entry.capability not in capabilities:
            continue
        found = _first_url(entry.url_names)
        if found is None:
            continue
        name, url = found
        label = entry.label
        if entry.capability == "view_notifications":
            from safeguard.access.selectors import unread_notification_count

            unread = unread_notification_count(user)
            label = f"Notifications ({unread})" if unread else label
        items.append({"label": label, "url": url, "active": name == current})
    return items
