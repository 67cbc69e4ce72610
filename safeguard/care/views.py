"""Recording a child's time in care: one page per step, each calling its service.

Every page is about one child: ``open_child_record`` applies the access rules and audits
the view before anything is shown or written. The SSDA903 rules (which episode a change
starts, who may chair a review, who is a care leaver) live in ``safeguard.care.services``.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from safeguard.access.decorators import requires
from safeguard.access.guards import open_child_record
from safeguard.care import forms, selectors, services
from safeguard.care.models import LookedAfterEpisode
from safeguard.care.pages import Fact, child_form_page, code_label, day, due_text

CASEWORK = "access.record_casework"


def _data(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def episode_facts(episode: LookedAfterEpisode | None) -> list[Fact]:
    """The child's legal status and placement now, shown above a care form."""
    if episode is None:
        return [("Looked after", "No")]
    where = ", ".join(filter(None, (episode.carer_name, episode.placement_postcode)))
    return [
        ("Looked after since", day(episode.period.started_on)),
        ("Legal status", code_label("legal_status", episode.legal_status)),
        ("Placement", code_label("placement_type", episode.placement_type)),
        ("Placed with", where or "Not recorded"),
        ("In this placement and legal status since", day(episode.started_on)),
    ]


@requires(CASEWORK)
@require_http_methods(["GET", "POST"])
def start_care(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Record the child becoming looked after")
    form = forms.StartCareForm(_data(request))
    current = selectors.current_episode(child)
    return child_form_page(
        request,
        child,
        form,
        title="Child becomes looked after",
        button="Save and start the period of care",
        intro="This starts a period of care and its first episode (reason for new episode "
        "S: started to be looked after).",
        warning=f"{child.first_name} is already looked after: record a change of placement "
        "or legal status instead."
        if current is not None
        else "",
        facts=episode_facts(current) if current is not None else (),
        action=lambda d: services.start_looked_after_episode(
            child=child,
            started_on=d["started_on"],
            legal_status=d["legal_status"],
            placement=form.placement(),
            category_of_need=d["category_of_need"],
            home_postcode=d["home_postcode"],
        ),
        success=f"{child.first_name} is recorded as looked after",
    )


@requires(CASEWORK)
@require_http_methods(["GET", "POST"])
def change_placement(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Record a change of placement")
    form = forms.ChangePlacementForm(_data(request))
    return child_form_page(
        request,
        child,
        form,
        title="Change of placement",
        button="Save the change of placement",
        intro="The current episode ends on the day of the move and a new one starts the same "
        "day. The reason for the new episode follows from whether the carers and the legal "
        "status change.",
        facts=episode_facts(selectors.current_episode(child)),
        action=lambda d: services.change_placement(
            child=child,
            changed_on=d["changed_on"],
            placement=form.placement(),
            reason_placement_change=d["reason_placement_change"],
            same_carers=d["same_carers"] == "yes",
            legal_status=d["legal_status"],
        ),
        success=f"The change of placement for {child.first_name} is saved",
    )


@requires(CASEWORK)
@require_http_methods(["GET", "POST"])
def change_legal_status(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Record a change of legal status")
    form = forms.ChangeLegalStatusForm(_data(request))
    return child_form_page(
        request,
        child,
        form,
        title="Change of legal status",
        button="Save the change of legal status",
        intro="Use this when only the legal status changes: the child stays in the same "
        "placement (reason for new episode L).",
        facts=episode_facts(selectors.current_episode(child)),
        action=lambda d: services.change_legal_status(
            child=child, changed_on=d["changed_on"], legal_status=d["legal_status"]
        ),
        success=f"The change of legal status for {child.first_name} is saved",
    )


@requires(CASEWORK)
@require_http_methods(["GET", "POST"])
def end_care(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Record the child leaving care")
    form = forms.EndCareForm(_data(request))
    return child_form_page(
        request,
        child,
        form,
        title="Child ceases to be looked after",
        button="Save and end the period of care",
        facts=episode_facts(selectors.current_episode(child)),
        action=lambda d: services.end_looked_after_period(
            child=child, ended_on=d["ended_on"], reason_ceased=d["reason_ceased"]
        ),
        success=f"{child.first_name} is recorded as having left care",
    )


@requires(CASEWORK)
@require_http_methods(["GET", "POST"])
def record_review(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Record a looked-after review")
    form = forms.ReviewForm(_data(request))
    period = selectors.current_period(child)
    facts = episode_facts(selectors.current_episode(child))
    if period is not None:
        facts.append(("Next review due", due_text(selectors.next_review_due(period))))
    return child_form_page(
        request,
        child,
        form,
        title="Looked-after review",
        button="Save the review",
        facts=facts,
        action=lambda d: services.record_looked_after_review(
            child=child,
            held_on=d["held_on"],
            participation=d["participation"],
            chaired_by=d["chaired_by"],
            notes=d["notes"],
        ),
        success=f"The looked-after review for {child.first_name} is saved",
    )


@requires(CASEWORK)
@require_http_methods(["GET", "POST"])
def record_health_assessment(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Record a health assessment")
    form = forms.HealthAssessmentForm(_data(request))
    period = selectors.current_period(child)
    facts = episode_facts(selectors.current_episode(child))
    iha = selectors.initial_health_assessment_due(period) if period is not None else None
    if iha is not None:
        facts.append(("Initial health assessment due", due_text(iha)))
    return child_form_page(
        request,
        child,
        form,
        title="Health assessment",
        button="Save the health assessment",
        facts=facts,
        action=lambda d: services.record_health_assessment(
            child=child,
            kind=d["kind"],
            assessed_on=d["assessed_on"],
            sdq_score=d["sdq_score"],
            notes=d["notes"],
        ),
        success=f"The health assessment for {child.first_name} is saved",
    )


@requires(CASEWORK)
@require_http_methods(["GET", "POST"])
def record_pep(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Record a personal education plan")
    form = forms.PepForm(_data(request))
    return child_form_page(
        request,
        child,
        form,
        title="Personal education plan",
        button="Save the personal education plan",
        facts=episode_facts(selectors.current_episode(child)),
        action=lambda d: services.record_pep(
            child=child, held_on=d["held_on"], school_name=d["school_name"], notes=d["notes"]
        ),
        success=f"The personal education plan for {child.first_name} is saved",
    )


@requires(CASEWORK)
@require_http_methods(["GET", "POST"])
def record_care_leaver_contact(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Record contact with a care leaver")
    form = forms.CareLeaverContactForm(_data(request))
    return child_form_page(
        request,
        child,
        form,
        title="Contact with a care leaver",
        button="Save the contact",
        intro="In touch, main activity and accommodation as the SSDA903 care leaver return "
        "(OC3) asks for them.",
        action=lambda d: services.record_care_leaver_contact(
            child=child,
            contact_on=d["contact_on"],
            in_touch=d["in_touch"],
            activity=d["activity"],
            accommodation=d["accommodation"],
            personal_adviser=d["personal_adviser"],
            notes=d["notes"],
        ),
        success=f"The contact with {child.first_name} is saved",
    )


@requires(CASEWORK)
@require_http_methods(["GET", "POST"])
def record_pathway_plan_review(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Record a pathway plan review")
    form = forms.PathwayPlanReviewForm(_data(request))
    return child_form_page(
        request,
        child,
        form,
        title="Pathway plan review",
        button="Save the pathway plan review",
        action=lambda d: services.record_pathway_plan_review(
            child=child,
            reviewed_on=d["reviewed_on"],
            personal_adviser=d["personal_adviser"],
            notes=d["notes"],
        ),
        success=f"The pathway plan review for {child.first_name} is saved",
    )
