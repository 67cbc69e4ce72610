"""The unregistered placements register: the list, an entry, and the forms that change it.

The register is an oversight record across the authority, so its pages are opened by
capability (``view_unregistered_placements`` to read, ``manage_unregistered_placements``
to keep it, ``record_independent_visits`` for the visit form), not by the child's object
rules; a restricted child's entry still needs access to the child. Every page that shows
a child's entry writes a view to the audit log; every write is audited by the model. A
social worker sees their own child's entries from the child's record
(``child_placements``), through the usual record rules.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from django import forms as django_forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.access.backends import capabilities_of
from safeguard.access.decorators import requires
from safeguard.access.guards import open_child_record, signed_in_user
from safeguard.access.selectors import child_access
from safeguard.audit.models import AuditAction
from safeguard.audit.services import record_event, record_view
from safeguard.care import forms_unregistered as forms
from safeguard.care import reports_unregistered as reports
from safeguard.care import selectors_unregistered as selectors
from safeguard.care import services_unregistered as services
from safeguard.care.models import LookedAfterEpisode
from safeguard.care.models_unregistered import DocumentKind, UnregisteredPlacement
from safeguard.care.pages import Fact, day
from safeguard.core import clock
from safeguard.core.middleware import client_ip
from safeguard.core.views_steps import posted, step_form_page

VIEW = "access.view_unregistered_placements"
MANAGE = "access.manage_unregistered_placements"
VISITS = "access.record_independent_visits"
PER_PAGE = 25


def audit_list(request: HttpRequest, summary: str, count: int, *, action: str = "") -> None:
    """One audit entry for a page (or a download) naming several children, with the count."""
    record_event(
        action=action or AuditAction.VIEW,
        user=request.user,
        ip=client_ip(request),
        model_label="care.UnregisteredPlacement",
        row_count=count,
        summary=summary,
    )


def open_entry(
    request: HttpRequest, placement_id: uuid.UUID, *, summary: str
) -> UnregisteredPlacement:
    """The entry, with its child's view audited; a restricted child needs access to them."""
    placement = selectors.placement_by_id(placement_id)
    if placement is None:
        raise Http404("There is no entry on the register with this identifier.")
    if placement.child_id in reports.restricted_children([placement]):
        decision = child_access(signed_in_user(request), placement.child)
        if not decision.allowed:
            raise PermissionDenied(decision.reason)
    record_view(request, placement, child=placement.child, summary=summary)
    return placement


def entry_facts(placement: UnregisteredPlacement) -> list[Fact]:
    child = placement.child
    facts: list[Fact] = [
        ("Child", f"{child.first_name} {child.last_name} ({child.la_child_id})"),
        ("Placed on", day(placement.started_on)),
        ("Address", placement.address),
        ("Provider", placement.provider),
    ]
    if placement.ended_on is not None:
        facts.append(("Ended", f"{day(placement.ended_on)}: {placement.get_end_reason_display()}"))
    return facts


def register_form_page(
    request: HttpRequest,
    placement: UnregisteredPlacement | None,
    form: django_forms.Form,
    *,
    title: str,
    button: str,
    action: Callable[[dict[str, Any]], object],
    success: str,
    facts: Sequence[Fact] = (),
    intro: str = "",
    warning: str = "",
) -> HttpResponse:
    """GET shows the form (none while ``warning`` says why not); a valid POST runs the
    service and goes to the entry it saved, else back to the register."""

    def done(result: object) -> str:
        target = result if isinstance(result, UnregisteredPlacement) else placement
        if target is None:
            return reverse("care:unregistered_register")
        return reverse("care:unregistered_entry", kwargs={"placement_id": target.pk})

    return step_form_page(
        request,
        form,
        template="care/unregistered/form.html",
        title=title,
        button=button,
        facts=facts,
        intro=intro,
        warning=warning,
        action=action,
        success=success,
        done=done,
        context={"placement": placement},
    )


@requires(VIEW)
@require_GET
def register(request: HttpRequest) -> HttpResponse:
    """The open register with what is due, the ended entries (paged) and the latest reports."""
    today = clock.today()
    current = list(selectors.register())
    rows = reports.report_rows(current, today)
    ended = Paginator(
        selectors.register(current_only=False)
        .filter(ended_on__isnull=False)
        .order_by("-ended_on", "pk"),
        PER_PAGE,
    ).get_page(request.GET.get("page"))
    work = selectors.worklist(today)
    restricted = reports.restricted_among(
        {p.child_id for p in [*current, *ended.object_list]}
        | {i.episode.child_id for i in work.items if i.episode is not None}
    )
    audit_list(request, "Unregistered placements register", len(rows) + len(ended.object_list))
    latest = {
        kind: selectors.issued_documents(kind).first()
        for kind in (DocumentKind.WEEKLY, DocumentKind.OFSTED)
    }
    context = {
        "rows": rows,
        "ended": ended,
        "restricted": restricted,
        "work": work,
        "latest_weekly": latest[DocumentKind.WEEKLY],
        "latest_ofsted": latest[DocumentKind.OFSTED],
        "may_manage": "manage_unregistered_placements" in capabilities_of(request.user),
        "today": today,
    }
    return render(request, "care/unregistered/register.html", context)


@requires(VIEW)
@require_GET
def entry(request: HttpRequest, placement_id: uuid.UUID) -> HttpResponse:
    placement = open_entry(request, placement_id, summary="Unregistered placement register entry")
    today = clock.today()
    capabilities = capabilities_of(request.user)
    context = {
        "placement": placement,
        "row": reports.report_row(placement, today),
        "visit_due": selectors.visit_due(placement) if placement.is_open else None,
        "weekly_due": selectors.report_due(placement, DocumentKind.WEEKLY)
        if placement.is_open
        else None,
        "ofsted_due": selectors.report_due(placement, DocumentKind.OFSTED)
        if placement.is_open
        else None,
        "left_on": selectors.placement_left_on(placement),
        "may_manage": "manage_unregistered_placements" in capabilities,
        "may_visit": "record_independent_visits" in capabilities,
        "today": today,
    }
    return render(request, "care/unregistered/entry.html", context)


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def add(request: HttpRequest, episode_id: uuid.UUID) -> HttpResponse:
    episode = LookedAfterEpisode.objects.select_related("child").filter(pk=episode_id).first()
    if episode is None:
        raise Http404("There is no placement with this identifier.")
    child = episode.child
    if reports.restricted_among({child.pk}):
        decision = child_access(signed_in_user(request), child)
        if not decision.allowed:
            raise PermissionDenied(decision.reason)
    record_view(
        request, episode, child=child, summary="Add a placement to the unregistered register"
    )
    first = selectors.placement_start(episode)
    warning = ""
    if episode.is_registered:
        warning = (
            "This placement is recorded as registered with Ofsted: it cannot go on the register."
        )
    elif UnregisteredPlacement.objects.filter(episode=first).exists():
        warning = "This placement is already on the register."
    initial = {
        "provider": episode.provider_name or episode.carer_name,
        "address": "\n".join(filter(None, (episode.carer_name, episode.placement_postcode))),
    }
    form = forms.AddToRegisterForm(posted(request), initial=initial)
    return register_form_page(
        request,
        None,
        form,
        title="Add a placement to the unregistered placements register",
        button="Add to the register",
        facts=[
            ("Child", f"{child.first_name} {child.last_name} ({child.la_child_id})"),
            ("Placed on", day(first.started_on)),
            ("Placement", f"{episode.placement_type}, {episode.carer_name or 'no name recorded'}"),
        ],
        intro="The Corporate Director must agree an unregistered placement before the child "
        "moves in. The placement is then reported weekly and to Ofsted monthly, and visited "
        "every month by an independent person.",
        warning=warning,
        action=lambda d: services.record_unregistered_placement(
            episode=episode,
            address=d["address"],
            provider=d["provider"],
            setting=d["setting"],
            reason=d["reason"],
            reason_detail=d["reason_detail"],
            approved_on=d["approved_on"],
            approved_by=d["approved_by"],
            approval_note=d["approval_note"],
        ),
        success=f"{child.first_name} {child.last_name}'s placement is on the register",
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def approval(request: HttpRequest, placement_id: uuid.UUID) -> HttpResponse:
    placement = open_entry(
        request, placement_id, summary="Record the Corporate Director's approval"
    )
    form = forms.ApprovalForm(posted(request), initial={"version": placement.version})
    return register_form_page(
        request,
        placement,
        form,
        title="Corporate Director's approval",
        button="Save the approval",
        facts=entry_facts(placement),
        warning="The approval is already recorded." if placement.is_approved else "",
        action=lambda d: services.record_director_approval(
            placement=placement,
            approved_on=d["approved_on"],
            approved_by=d["approved_by"],
            note=d["note"],
            expected_version=d["version"],
        ),
        success="The Corporate Director's approval is saved",
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def reason(request: HttpRequest, placement_id: uuid.UUID) -> HttpResponse:
    placement = open_entry(request, placement_id, summary="Update why there is no registered place")
    initial = {
        "version": placement.version,
        "reason": placement.reason,
        "reason_detail": placement.reason_detail,
    }
    form = forms.ReasonForm(posted(request), initial=initial)
    return register_form_page(
        request,
        placement,
        form,
        title="Why there is no registered place",
        button="Save",
        facts=entry_facts(placement),
        action=lambda d: services.record_no_registered_place_reason(
            placement=placement,
            reason=d["reason"],
            reason_detail=d["reason_detail"],
            expected_version=d["version"],
        ),
        success="Why there is no registered place is saved",
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def progress(request: HttpRequest, placement_id: uuid.UUID) -> HttpResponse:
    placement = open_entry(request, placement_id, summary="Record progress to a registered place")
    form = forms.ProgressForm(posted(request))
    return register_form_page(
        request,
        placement,
        form,
        title="Progress towards a registered place",
        button="Save the update",
        facts=entry_facts(placement),
        action=lambda d: services.record_progress(
            placement=placement, recorded_on=d["recorded_on"], step=d["step"], note=d["note"]
        ),
        success="The progress update is saved",
    )


@requires(VISITS)
@require_http_methods(["GET", "POST"])
def visit(request: HttpRequest, placement_id: uuid.UUID) -> HttpResponse:
    placement = open_entry(request, placement_id, summary="Record an independent visit")
    form = forms.VisitForm(posted(request))
    facts = entry_facts(placement)
    if placement.is_open:
        due = selectors.visit_due(placement)
        facts.append(("Visit due by", day(due.due_date)))
    return register_form_page(
        request,
        placement,
        form,
        title="Independent visit (Regulation 44 style)",
        button="Save the visit",
        facts=facts,
        intro="Give the child and the staff the chance to talk to you in private, check the "
        "physical condition of the home and its records, and form an opinion of the standard "
        "of care, as a Regulation 44 visitor to a children's home would.",
        action=lambda d: services.record_independent_visit(
            placement=placement,
            visited_on=d["visited_on"],
            visitor=d["visitor"],
            child_spoken_to=d["child_spoken_to"],
            staff_spoken_to=d["staff_spoken_to"],
            physical_condition=d["physical_condition"],
            standard_of_care=d["standard_of_care"],
            records_note=d["records_note"],
            opinion=d["opinion"],
            actions=d["actions"],
            **form.checks(),
        ),
        success="The independent visit is saved",
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def end(request: HttpRequest, placement_id: uuid.UUID) -> HttpResponse:
    placement = open_entry(
        request, placement_id, summary="Record the end of an unregistered placement"
    )
    form = forms.EndForm(posted(request), initial={"version": placement.version})
    return register_form_page(
        request,
        placement,
        form,
        title="End of the unregistered placement",
        button="Save the end",
        facts=entry_facts(placement),
        intro="Record the move in the child's care record first: the end here must agree with it.",
        warning="The placement is already recorded as ended." if not placement.is_open else "",
        action=lambda d: services.end_unregistered_placement(
            placement=placement,
            ended_on=d["ended_on"],
            end_reason=d["end_reason"],
            note=d["note"],
            expected_version=d["version"],
        ),
        success="The end of the placement is saved",
    )


@requires("access.open_child_record")
@require_GET
def child_placements(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    """A child's own entries, for whoever may open the child's record."""
    child = open_child_record(request, child_id, summary="Unregistered placements")
    today = clock.today()
    rows = [reports.report_row(p, today) for p in selectors.placements_for_child(child)]
    may_view_register = "view_unregistered_placements" in capabilities_of(request.user)
    return render(
        request,
        "care/unregistered/child.html",
        {"child": child, "rows": rows, "may_view_register": may_view_register},
    )
