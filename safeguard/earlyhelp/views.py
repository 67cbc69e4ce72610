"""Early help pages: request, assessment, lead professional, TAF plan and review, step up,
step down and closure.

Each opens the child through ``open_child_record`` and calls one service in
``safeguard.earlyhelp.services``; success goes back to the child's record.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from safeguard.access.decorators import requires
from safeguard.access.guards import open_child_record
from safeguard.cin import selectors as cin_selectors
from safeguard.cin.pages import Fact, current_worker, data, form_page, nothing_open
from safeguard.earlyhelp import selectors, services
from safeguard.earlyhelp.forms import (
    CloseEarlyHelpForm,
    CompleteEarlyHelpAssessmentForm,
    LeadProfessionalForm,
    StartEarlyHelpAssessmentForm,
    StartEarlyHelpForm,
    StepDownForm,
    StepUpForm,
    TafPlanForm,
    TafReviewForm,
)
from safeguard.earlyhelp.models import EarlyHelpEpisode, TeamAroundFamilyPlan
from safeguard.workforce.selectors import MANAGER_ROLES

CAPTION = "Early help"


def _facts(episode: EarlyHelpEpisode) -> list[Fact]:
    facts = [Fact("Early help requested", f"{episode.requested_on:%-d %B %Y}")]
    if episode.lead_professional_name:
        facts.append(Fact("Lead professional", episode.lead_professional_name))
    return facts


def _no_episode(request: HttpRequest, child: Any, title: str) -> HttpResponse:
    return nothing_open(
        request,
        child=child,
        title=title,
        caption=CAPTION,
        message=f"{child.first_name} {child.last_name} is not receiving early help.",
        next_url=reverse("earlyhelp:start_early_help", kwargs={"child_id": child.pk}),
        next_label="Start early help",
    )


def _taf_plan(episode: EarlyHelpEpisode) -> TeamAroundFamilyPlan | None:
    return TeamAroundFamilyPlan.objects.filter(episode=episode).first()


@requires("access.record_casework")
@require_http_methods(["GET", "POST"])
def start_early_help(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Start early help")
    form = StartEarlyHelpForm(data(request))
    return form_page(
        request,
        child=child,
        form=form,
        action=lambda d: services.request_early_help(
            child=child,
            requested_on=d["requested_on"],
            request_source=d["request_source"],
            request_details=d["request_details"],
        ),
        success="Early help has been started.",
        title="Start early help",
        caption=CAPTION,
        button="Start early help",
    )


@requires("access.record_casework")
@require_http_methods(["GET", "POST"])
def record_early_help_assessment(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    """One page for the assessment: its start, then (once started) its completion."""
    child = open_child_record(request, child_id, summary="Early help assessment")
    episode = selectors.open_episode(child)
    if episode is None:
        return _no_episode(request, child, "Early help assessment")
    initial = {"version": episode.version}
    if episode.assessment_started_on is None:
        return form_page(
            request,
            child=child,
            form=StartEarlyHelpAssessmentForm(data(request), initial=initial),
            action=lambda d: services.start_early_help_assessment(
                episode=episode,
                started_on=d["assessment_started_on"],
                agency=d["assessment_agency"],
                expected_version=d["version"],
            ),
            success="The early help assessment has been started.",
            title="Start the early help assessment",
            caption=CAPTION,
            button="Start the assessment",
            facts=_facts(episode),
        )
    if episode.assessment_completed_on is None:
        facts = [
            *_facts(episode),
            Fact("Assessment started", f"{episode.assessment_started_on:%-d %B %Y}"),
        ]
        return form_page(
            request,
            child=child,
            form=CompleteEarlyHelpAssessmentForm(data(request), initial=initial),
            action=lambda d: services.complete_early_help_assessment(
                episode=episode,
                completed_on=d["assessment_completed_on"],
                expected_version=d["version"],
            ),
            success="The early help assessment has been completed.",
            title="Complete the early help assessment",
            caption=CAPTION,
            button="Complete the assessment",
            facts=facts,
        )
    return nothing_open(
        request,
        child=child,
        title="Early help assessment",
        caption=CAPTION,
        message=f"The early help assessment was completed on "
        f"{episode.assessment_completed_on:%-d %B %Y}.",
        next_url=reverse("earlyhelp:record_taf_plan", kwargs={"child_id": child.pk}),
        next_label="Start the Team Around the Family plan",
    )


@requires("access.record_casework")
@require_http_methods(["GET", "POST"])
def appoint_lead_professional(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Appoint a lead professional")
    title = "Lead professional"
    episode = selectors.open_episode(child)
    if episode is None:
        return _no_episode(request, child, title)
    form = LeadProfessionalForm(
        data(request),
        initial={
            "version": episode.version,
            "lead_professional_name": episode.lead_professional_name,
            "lead_professional_agency": episode.lead_professional_agency,
            "lead_professional_role": episode.lead_professional_role,
            "lead_professional_worker": episode.lead_professional_worker,
        },
    )
    return form_page(
        request,
        child=child,
        form=form,
        action=lambda d: services.appoint_lead_professional(
            episode=episode,
            name=d["lead_professional_name"],
            agency=d["lead_professional_agency"],
            role=d["lead_professional_role"],
            worker=d["lead_professional_worker"],
            expected_version=d["version"],
        ),
        success="The lead professional has been recorded.",
        title=title,
        caption=CAPTION,
        button="Save the lead professional",
        facts=_facts(episode),
    )


@requires("access.record_casework")
@require_http_methods(["GET", "POST"])
def record_taf_plan(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Start a TAF plan")
    title = "Start the Team Around the Family plan"
    episode = selectors.open_episode(child)
    if episode is None:
        return _no_episode(request, child, title)
    return form_page(
        request,
        child=child,
        form=TafPlanForm(data(request)),
        action=lambda d: services.start_taf_plan(
            episode=episode,
            started_on=d["started_on"],
            outcomes=d["outcomes"],
            members=d["members"],
        ),
        success="The Team Around the Family plan has been started.",
        title=title,
        caption=CAPTION,
        button="Start the plan",
        facts=_facts(episode),
    )


@requires("access.record_casework")
@require_http_methods(["GET", "POST"])
def record_taf_review(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Record a TAF review")
    title = "Record a Team Around the Family review"
    episode = selectors.open_episode(child)
    if episode is None:
        return _no_episode(request, child, title)
    plan = _taf_plan(episode)
    if plan is None:
        return nothing_open(
            request,
            child=child,
            title=title,
            caption=CAPTION,
            message="There is no Team Around the Family plan to review yet.",
            next_url=reverse("earlyhelp:record_taf_plan", kwargs={"child_id": child.pk}),
            next_label="Start the Team Around the Family plan",
        )
    return form_page(
        request,
        child=child,
        form=TafReviewForm(data(request)),
        action=lambda d: services.review_taf_plan(
            plan=plan, held_on=d["held_on"], progress=d["progress"], attendees=d["attendees"]
        ),
        success="The Team Around the Family review has been recorded.",
        title=title,
        caption=CAPTION,
        button="Save the review",
        facts=[*_facts(episode), Fact("Plan started", f"{plan.started_on:%-d %B %Y}")],
    )


@requires("access.record_casework")
@require_http_methods(["GET", "POST"])
def step_up(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Step up to social care")
    title = "Step up to children's social care"
    episode = selectors.open_episode(child)
    if episode is None:
        return _no_episode(request, child, title)
    return form_page(
        request,
        child=child,
        form=StepUpForm(data(request), initial={"version": episode.version}),
        action=lambda d: services.step_up_to_social_care(
            episode=episode,
            stepped_up_on=d["stepped_up_on"],
            reasons=d["reasons"],
            primary_need=d["primary_need"],
            expected_version=d["version"],
        ),
        success="Early help has stepped up: a referral to children's social care is open.",
        title=title,
        caption=CAPTION,
        button="Step up",
        facts=_facts(episode),
        intro="This closes early help as stepped up and opens a referral to children's "
        "social care (source: early help) on the same day.",
    )


@requires("access.record_casework")
@require_http_methods(["GET", "POST"])
def step_down(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Step down to early help")
    title = "Step down to early help"
    cin_episode = cin_selectors.open_episode(child)
    if cin_episode is None:
        return nothing_open(
            request,
            child=child,
            title=title,
            caption=CAPTION,
            message=f"{child.first_name} {child.last_name} is not open to children's social "
            "care, so there is nothing to step down.",
        )
    worker = current_worker(request)
    signer = worker if worker is not None and worker.role in MANAGER_ROLES else None
    form = StepDownForm(
        data(request), initial={"version": cin_episode.version, "closure_signed_off_by": signer}
    )
    return form_page(
        request,
        child=child,
        form=form,
        action=lambda d: services.step_down_to_early_help(
            cin_episode=cin_episode,
            stepped_down_on=d["closure_date"],
            signed_off_by=d["closure_signed_off_by"],
            signed_off_on=d["closure_signed_off_on"],
            closure_summary=d["closure_summary"],
            request_details=d["request_details"],
            expected_version=d["version"],
        ),
        success="The case has stepped down: early help has started.",
        title=title,
        caption=CAPTION,
        button="Step down",
        facts=[Fact("Referral date", f"{cin_episode.referral_date:%-d %B %Y}")],
        intro="This closes the CIN episode (manager sign-off needed) and starts early help "
        "on the same day.",
    )


@requires("access.record_casework")
@require_http_methods(["GET", "POST"])
def close_early_help(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Close early help")
    title = "Close early help"
    episode = selectors.open_episode(child)
    if episode is None:
        return _no_episode(request, child, title)
    return form_page(
        request,
        child=child,
        form=CloseEarlyHelpForm(data(request), initial={"version": episode.version}),
        action=lambda d: services.close_early_help(
            episode=episode,
            closed_on=d["closed_on"],
            closure_reason=d["closure_reason"],
            closure_notes=d["closure_notes"],
            expected_version=d["version"],
        ),
        success="Early help has been closed.",
        title=title,
        caption=CAPTION,
        button="Close early help",
        facts=_facts(episode),
    )
