"""The child's record page (minimal until the full record is built).

Every view of one child's data goes through ``open_child_record``, which applies the
access rules and writes the view to the audit log.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET

from safeguard.access.backends import capabilities_of
from safeguard.access.decorators import requires
from safeguard.access.guards import open_child_record
from safeguard.access.rules import governance_function
from safeguard.access.selectors import child_access
from safeguard.core.codes import codelist
from safeguard.people.models import Person


@dataclass(frozen=True)
class RecordLink:
    label: str
    url: str


#: Pages about the child that other parts of the product provide, by capability; each
#: appears only when its URL name exists (first that resolves wins).
RELATED_PAGES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "Sharing history",
        "view_sharing_history",
        ("governance:sharing_history", "governance:child_sharing_history"),
    ),
    (
        "Who has viewed this record",
        "view_record_access_log",
        ("audit:record_access_log", "audit:who_viewed", "audit:child_access_log"),
    ),
    ("Access report for this child", "view_access_reports", ("audit:child_access_report",)),
    ("Restriction and access grants", "grant_restricted_access", ("access:restriction",)),
)


def _link(names: tuple[str, ...], child: Person) -> str:
    for name in names:
        try:
            return reverse(name, kwargs={"child_id": child.pk})
        except NoReverseMatch:
            continue
    return ""


def related_links(user: Any, child: Person) -> list[RecordLink]:
    capabilities = capabilities_of(user)
    links = []
    for label, capability, names in RELATED_PAGES:
        url = _link(names, child) if capability in capabilities else ""
        if url:
            links.append(RecordLink(label, url))
    return links


def status_summary(child: Person) -> list[str]:
    """What is open for the child today, most intensive first."""
    from safeguard.care.models import PeriodOfCare
    from safeguard.cin.models import CINEpisode
    from safeguard.earlyhelp.models import EarlyHelpEpisode
    from safeguard.protection.models import CPPlan

    lines = []
    care = PeriodOfCare.objects.filter(child=child, ended_on__isnull=True).first()
    if care is not None:
        lines.append(f"Looked after since {care.started_on:%d/%m/%Y}")
    plan = CPPlan.objects.filter(child=child, end_date__isnull=True).first()
    if plan is not None:
        category = codelist("category_of_abuse").label(plan.latest_category)
        lines.append(f"Child protection plan since {plan.start_date:%d/%m/%Y} ({category})")
    episode = CINEpisode.objects.filter(child=child, closure_date__isnull=True).first()
    if episode is not None:
        lines.append(f"Open to children's social care since {episode.referral_date:%d/%m/%Y}")
    early = EarlyHelpEpisode.objects.filter(child=child, closed_on__isnull=True).first()
    if early is not None:
        lines.append(f"Early help since {early.requested_on:%d/%m/%Y}")
    return lines or ["No open involvement"]


def allocated_worker(child: Person) -> Any | None:
    from safeguard.access.rules import open_allocation
    from safeguard.workforce.models import Allocation

    allocation = (
        Allocation.objects.filter(open_allocation(), child=child)
        .select_related("worker__team")
        .first()
    )
    return allocation.worker if allocation is not None else None


def shared_items(user: Any, child: Person) -> list[Any]:
    """For a partner agency user: what was shared with their agency (governance app)."""
    items_shared_with_agency = governance_function("items_shared_with_agency")
    if items_shared_with_agency is None:
        return []
    return list(items_shared_with_agency(user.agency, child))


@requires("access.open_child_record")
@require_GET
def child_record(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Child record")
    user = request.user
    is_partner = bool(getattr(user, "role", None) and user.role.is_partner)  # type: ignore[union-attr]
    context = {
        "child": child,
        "decision": child_access(user, child),
        "is_partner": is_partner,
        "worker": allocated_worker(child),
        "links": related_links(user, child),
    }
    if is_partner:
        context["shared_items"] = shared_items(user, child)
    else:
        context["status"] = status_summary(child)
    return render(request, "people/child_record.html", context)
