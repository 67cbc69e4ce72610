"""Children in need pages: start, review and end a CIN plan, record a visit, close the case.

Each opens the child through ``open_child_record`` and calls one service in
``safeguard.cin.services``; success goes back to the child's record.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from safeguard.access.decorators import requires
from safeguard.access.guards import open_child_record
from safeguard.cin import selectors, services
from safeguard.cin.forms import (
    CloseEpisodeForm,
    EndCINPlanForm,
    ReviewCINPlanForm,
    StartCINPlanForm,
    VisitForm,
)
from safeguard.cin.models import CINEpisode, CINPlan
from safeguard.cin.pages import Fact, current_worker, data, form_page, nothing_open
from safeguard.workforce.selectors import MANAGER_ROLES

CAPTION = "Children in need"


def _episode_facts(episode: CINEpisode) -> list[Fact]:
    return [Fact("Referral date", f"{episode.referral_date:%-d %B %Y}")]


def _plan_facts(plan: CINPlan) -> list[Fact]:
    facts = [Fact("CIN plan started", f"{plan.start_date:%-d %B %Y}")]
    if plan.lead_worker is not None:
        facts.append(Fact("Lead worker", str(plan.lead_worker)))
    return facts


def _no_episode(request: HttpRequest, child: Any, title: str) -> HttpResponse:
    return nothing_open(
        request,
        child=child,
        title=title,
        caption=CAPTION,
        message=f"{child.first_name} {child.last_name} has no open referral (CIN episode). "
        "A referral opens from a MASH decision at the front door.",
    )


def _no_plan(request: HttpRequest, child: Any, title: str) -> HttpResponse:
    return nothing_open(
        request,
        child=child,
        title=title,
        caption=CAPTION,
        message=f"{child.first_name} {child.last_name} has no open child in need plan.",
        next_url=reverse("cin:start_cin_plan", kwargs={"child_id": child.pk}),
        next_label="Start a CIN plan",
    )


@requires("access.record_casework")
@require_http_methods(["GET", "POST"])
def start_cin_plan(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Start a CIN plan")
    title = "Start a child in need plan"
    episode = selectors.open_episode(child)
    if episode is None:
        return _no_episode(request, child, title)
    form = StartCINPlanForm(data(request), initial={"lead_worker": current_worker(request)})
    return form_page(
        request,
        child=child,
        form=form,
        action=lambda d: services.start_cin_plan(
            episode=episode, start_date=d["start_date"], lead_worker=d["lead_worker"]
        ),
        success="The child in need plan has been started.",
        title=title,
        caption=CAPTION,
        button="Start the plan",
        facts=_episode_facts(episode),
    )


@requires("access.record_casework")
@require_http_methods(["GET", "POST"])
def review_cin_plan(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Review a CIN plan")
    title = "Record a CIN plan review"
    episode = selectors.open_episode(child)
    plan = selectors.open_cin_plan(episode) if episode is not None else None
    if plan is None:
        return _no_plan(request, child, title)
    due = selectors.next_review_due(plan)
    form = ReviewCINPlanForm(data(request))
    return form_page(
        request,
        child=child,
        form=form,
        action=lambda d: services.review_cin_plan(
            plan=plan,
            held_on=d["held_on"],
            chaired_by=d["chaired_by"],
            attendees=d["attendees"],
            progress=d["progress"],
        ),
        success="The CIN plan review has been recorded.",
        title=title,
        caption=CAPTION,
        button="Save the review",
        facts=_plan_facts(plan),
        inset=f"The next review is due by {due.due_date:%-d %B %Y} ({due.explanation}).",
    )


@requires("access.record_casework")
@require_http_methods(["GET", "POST"])
def end_cin_plan(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="End a CIN plan")
    title = "End the child in need plan"
    episode = selectors.open_episode(child)
    plan = selectors.open_cin_plan(episode) if episode is not None else None
    if plan is None:
        return _no_plan(request, child, title)
    form = EndCINPlanForm(data(request), initial={"version": plan.version})
    return form_page(
        request,
        child=child,
        form=form,
        action=lambda d: services.end_cin_plan(
            plan=plan,
            end_date=d["end_date"],
            end_reason=d["end_reason"],
            expected_version=d["version"],
        ),
        success="The child in need plan has ended.",
        title=title,
        caption=CAPTION,
        button="End the plan",
        facts=_plan_facts(plan),
    )


@requires("access.record_casework")
@require_http_methods(["GET", "POST"])
def record_visit(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Record a visit")
    initial: dict[str, Any] = {"worker": current_worker(request)}
    if request.GET.get("type") in {"cin", "cp", "looked_after", "other"}:
        initial["visit_type"] = request.GET["type"]
    form = VisitForm(data(request), initial=initial)
    return form_page(
        request,
        child=child,
        form=form,
        action=lambda d: services.record_visit(
            child=child,
            visit_date=d["visit_date"],
            visit_type=d["visit_type"],
            worker=d["worker"],
            child_seen=d["child_seen"],
            seen_alone=d["seen_alone"],
            location=d["location"],
            notes=d["notes"],
        ),
        success="The visit has been recorded.",
        title="Record a visit",
        caption="Visits",
        button="Save the visit",
    )


@requires("access.record_casework")
@require_http_methods(["GET", "POST"])
def close_episode(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Close the CIN episode")
    title = "Close the case"
    episode = selectors.open_episode(child)
    if episode is None:
        return _no_episode(request, child, title)
    worker = current_worker(request)
    signer = worker if worker is not None and worker.role in MANAGER_ROLES else None
    form = CloseEpisodeForm(
        data(request), initial={"version": episode.version, "closure_signed_off_by": signer}
    )
    return form_page(
        request,
        child=child,
        form=form,
        action=lambda d: services.close_cin_episode(
            episode=episode,
            closure_date=d["closure_date"],
            reason_for_closure=d["reason_for_closure"],
            referral_nfa=d["referral_nfa"] or None,
            hard_to_engage=d["closed_hard_to_engage"],
            closure_summary=d["closure_summary"],
            signed_off_by=d["closure_signed_off_by"],
            signed_off_on=d["closure_signed_off_on"],
            expected_version=d["version"],
        ),
        success="The case has been closed.",
        title=title,
        caption=CAPTION,
        button="Close the case",
        facts=_episode_facts(episode),
        intro="Closing the case ends any open child in need plan on the closure date. "
        "Everything else on the case (assessments, enquiries, plans) must be finished first.",
    )
