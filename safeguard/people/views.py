"""The child's record: the summary page and its sections (one page each, for speed).

Every view of one child's data goes through ``open_child_record``, which applies the
access rules and writes the view to the audit log. The header (status, worker, flags) is
on every page and costs a fixed handful of queries; the heavy sections (chronology,
meetings, history) have their own pages. Partner agency users see only the name, date of
birth, identifier, allocated worker and what was shared with their agency.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
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
from safeguard.people import sections as sections_data
from safeguard.people.actions import available_actions
from safeguard.people.chronology import chronology, meetings
from safeguard.people.forms import ChronologyFilterForm
from safeguard.people.models import Person
from safeguard.people.record import allocated_worker, record_summary

#: Rows per page on the record's list sections (chronology, visits, meetings, history).
PER_PAGE = 50


@dataclass(frozen=True)
class RecordLink:
    label: str
    url: str


#: Pages about the child that other parts of the product provide, by capability; each
#: appears only when its URL name exists (first that resolves wins).
RELATED_PAGES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "Education: missing education, exclusions and part-time timetables",
        "open_child_record",
        ("education:overview",),
    ),
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


def shared_items(user: Any, child: Person) -> list[Any]:
    """For a partner agency user: what was shared with their agency (governance app)."""
    items_shared_with_agency = governance_function("items_shared_with_agency")
    if items_shared_with_agency is None:
        return []
    return list(items_shared_with_agency(user.agency, child))


def status_summary(child: Person) -> list[str]:
    """What is open for the child today, most intensive first."""
    return record_summary(child).status


@dataclass(frozen=True)
class Section:
    label: str
    url_name: str


#: The record's own pages, in the order of the sub-navigation.
SECTIONS: tuple[Section, ...] = (
    Section("Summary", "people:child_record"),
    Section("Chronology", "people:child_chronology"),
    Section("Relationships and household", "people:child_relationships"),
    Section("Plans", "people:child_plans"),
    Section("Visits", "people:child_visits"),
    Section("Meetings", "people:child_meetings"),
    Section("History of changes", "people:child_history"),
)


def is_partner(user: Any) -> bool:
    return bool(getattr(user, "role", None) and user.role.is_partner)


def record_context(request: HttpRequest, child: Person, current: str) -> dict[str, Any]:
    """What every staff page of the record shows: header, flags and sub-navigation."""
    user = request.user
    decision = child_access(user, child)
    summary = record_summary(child, restricted=decision.restricted)
    sections = [
        {
            "label": section.label,
            "url": reverse(section.url_name, kwargs={"child_id": child.pk}),
            "current": section.url_name == current,
        }
        for section in SECTIONS
    ]
    return {
        "child": child,
        "decision": decision,
        "summary": summary,
        "worker": summary.worker,
        "sections": sections,
        "current_section": next(s for s in SECTIONS if s.url_name == current).label,
    }


def open_staff_section(request: HttpRequest, child_id: uuid.UUID, summary: str) -> Person:
    """Open the child for a section page; partner agencies see only the summary page."""
    if is_partner(request.user):
        raise PermissionDenied("Partner agencies see only what was shared with them.")
    return open_child_record(request, child_id, summary=summary)


def _page(request: HttpRequest, items: list[Any], per_page: int = PER_PAGE) -> Any:
    return Paginator(items, per_page).get_page(request.GET.get("page"))


@requires("access.open_child_record")
@require_GET
def child_record(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Child record")
    user = request.user
    if is_partner(user):
        context = {
            "child": child,
            "decision": child_access(user, child),
            "is_partner": True,
            "worker": allocated_worker(child),
            "links": related_links(user, child),
            "shared_items": shared_items(user, child),
        }
        return render(request, "people/child_record.html", context)
    context = record_context(request, child, "people:child_record")
    summary = context["summary"]
    capabilities = capabilities_of(user)
    context.update(
        {
            "is_partner": False,
            "status": summary.status,
            "links": related_links(user, child),
            "actions": available_actions(
                user,
                child,
                facts=summary.facts,
                missing_episode=summary.missing_episode,
                rhi_episode=summary.rhi_episode,
                section47=summary.section47,
            ),
            "may_edit": "record_contact" in capabilities,
            "gender": codelist("gender").label(child.gender),
            "ethnicity": codelist("ethnicity").label(child.ethnicity),
        }
    )
    return render(request, "people/child_record.html", context)


@requires("access.open_child_record")
@require_GET
def child_chronology(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_staff_section(request, child_id, "Chronology")
    bound = any(key in request.GET for key in ("types", "start_0", "end_0", "filter"))
    form = ChronologyFilterForm(request.GET if bound else None)
    events: list[Any] = []
    if not bound:
        events = chronology(child)
    elif form.is_valid():
        data = form.cleaned_data
        events = chronology(child, types=data["types"], start=data["start"], end=data["end"])
    query = request.GET.copy()
    query.pop("page", None)
    context = record_context(request, child, "people:child_chronology")
    context.update(
        {
            "form": form,
            "page": _page(request, events),
            "total": len(events),
            "page_query": f"{query.urlencode()}&" if query else "",
        }
    )
    return render(request, "people/chronology.html", context)


@requires("access.open_child_record")
@require_GET
def child_relationships(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_staff_section(request, child_id, "Relationships and household")
    context = record_context(request, child, "people:child_relationships")
    context.update(sections_data.relationships(child))
    return render(request, "people/relationships.html", context)


@requires("access.open_child_record")
@require_GET
def child_plans(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_staff_section(request, child_id, "Plans")
    context = record_context(request, child, "people:child_plans")
    context["plans"] = sections_data.plans(child)
    return render(request, "people/plans.html", context)


@requires("access.open_child_record")
@require_GET
def child_visits(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_staff_section(request, child_id, "Visits")
    context = record_context(request, child, "people:child_visits")
    context["page"] = _page(request, sections_data.visits(child))
    return render(request, "people/visits.html", context)


@requires("access.open_child_record")
@require_GET
def child_meetings(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_staff_section(request, child_id, "Meetings")
    context = record_context(request, child, "people:child_meetings")
    context["page"] = _page(request, meetings(child))
    return render(request, "people/meetings.html", context)


@requires("access.open_child_record")
@require_GET
def child_history(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_staff_section(request, child_id, "History of changes")
    context = record_context(request, child, "people:child_history")
    page = Paginator(sections_data.change_history(child), PER_PAGE).get_page(
        request.GET.get("page")
    )
    context["page"] = page
    context["entries"] = sections_data.describe_changes(page.object_list)
    return render(request, "people/history.html", context)
