"""CP plan steps (category change, plan end, core group) and the chair's midway review and
escalation."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from safeguard.access.decorators import requires
from safeguard.access.guards import open_child_record
from safeguard.core.codes import codelist
from safeguard.core.forms import submit_to_service
from safeguard.core.timescales import compute_due
from safeguard.protection import conferencing, forms, selectors, services
from safeguard.protection.models import CPPlan, Escalation
from safeguard.protection.views.common import (
    Step,
    child_record,
    dmy,
    done,
    open_plan_of,
    posted,
    render_step,
    user_worker,
    version_initial,
)

GET_POST = ["GET", "POST"]


def _plan_summary(plan: CPPlan) -> list[tuple[str, str]]:
    return [
        ("Plan started", dmy(plan.start_date)),
        ("Category of abuse", codelist("category_of_abuse").label(plan.latest_category)),
        ("Visits", plan.get_visit_frequency_weeks_display()),
    ]


def _record_url(child_id: uuid.UUID) -> str:
    return reverse("people:child_record", kwargs={"child_id": child_id})


@requires("access.record_casework")
@require_http_methods(GET_POST)
def change_cp_category(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Change the CP plan category")
    plan = open_plan_of(child)
    step = Step(
        title="Change the category of abuse",
        button="Save category",
        cancel_url=_record_url(child.pk),
        summary=_plan_summary(plan),
    )
    form = forms.ChangeCategoryForm(posted(request), initial=version_initial(plan))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = submit_to_service(
            form,
            lambda: services.change_cp_category(
                plan=plan,
                category=data["category"],
                changed_on=data["changed_on"],
                expected_version=data["version"],
            ),
        )
        if saved is not None:
            label = codelist("category_of_abuse").label(saved.latest_category)
            return child_record(request, child, f"Category of abuse changed to {label}")
    return render_step(request, child, form, step)


@requires("access.record_casework")
@require_http_methods(GET_POST)
def end_cp_plan(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="End the CP plan")
    plan = open_plan_of(child)
    step = Step(
        title="End the child protection plan",
        button="End plan",
        cancel_url=_record_url(child.pk),
        summary=_plan_summary(plan),
    )
    form = forms.EndPlanForm(posted(request), initial=version_initial(plan))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = submit_to_service(
            form,
            lambda: services.end_cp_plan(
                plan=plan,
                end_date=data["end_date"],
                end_reason=data["end_reason"],
                note=data["note"],
                expected_version=data["version"],
            ),
        )
        if saved is not None:
            message = f"Child protection plan ended {dmy(saved.end_date)}"
            return child_record(request, child, message)
    return render_step(request, child, form, step)


@requires("access.record_casework")
@require_http_methods(GET_POST)
def record_core_group(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Record a core group meeting")
    plan = open_plan_of(child)
    first_due = compute_due("core_group", plan.start_date).due_date
    step = Step(
        title="Record a core group meeting",
        button="Save core group meeting",
        cancel_url=_record_url(child.pk),
        summary=[*_plan_summary(plan), ("First core group due by", dmy(first_due))],
    )
    form = forms.CoreGroupForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = submit_to_service(
            form,
            lambda: services.record_core_group_meeting(
                plan=plan, held_on=data["held_on"], attendees=data["attendees"], notes=data["notes"]
            ),
        )
        if saved is not None:
            message = f"Core group meeting on {dmy(saved.held_on)} recorded"
            return child_record(request, child, message)
    return render_step(request, child, form, step)


@requires("access.chair_conferences")
@require_http_methods(GET_POST)
def record_midway_review(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Record a midway review")
    plan = open_plan_of(child)
    due = selectors.midway_review_due(plan)
    step = Step(
        title="Record a midway review",
        button="Save midway review",
        cancel_url=reverse("protection:chair_home"),
        summary=[*_plan_summary(plan), ("Midway review due", dmy(due) if due else "Not due")],
    )
    form = forms.MidwayReviewForm(posted(request))
    worker = user_worker(request)
    if worker is None:
        step.inset = "Your account is not linked to a worker record in post: ask an administrator."
        return render_step(request, child, None, step)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = submit_to_service(
            form,
            lambda: conferencing.record_midway_review(
                plan=plan, held_on=data["held_on"], chair=worker, notes=data["notes"]
            ),
        )
        if saved is not None:
            return done(request, "Midway review recorded", "protection:chair_home")
    return render_step(request, child, form, step)


@requires("access.chair_conferences")
@require_http_methods(GET_POST)
def raise_escalation(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Raise an escalation")
    step = Step(
        title="Raise an escalation",
        button="Raise escalation",
        cancel_url=reverse("protection:chair_home"),
        inset="Escalations (dispute resolution) are tracked centrally until resolved.",
    )
    worker = user_worker(request)
    if worker is None:
        step.inset = "Your account is not linked to a worker record in post: ask an administrator."
        return render_step(request, child, None, step)
    form = forms.EscalationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = submit_to_service(
            form,
            lambda: conferencing.raise_escalation(
                child=child,
                raised_on=data["raised_on"],
                raised_by=worker,
                about=data["about"],
                stage=data["stage"],
            ),
        )
        if saved is not None:
            return done(request, "Escalation raised", "protection:chair_home")
    return render_step(request, child, form, step)


@requires("access.chair_conferences")
@require_http_methods(GET_POST)
def resolve_escalation(
    request: HttpRequest, child_id: uuid.UUID, escalation_id: uuid.UUID
) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Resolve an escalation")
    escalation = get_object_or_404(Escalation, pk=escalation_id, child=child)
    step = Step(
        title="Resolve an escalation",
        button="Save resolution",
        cancel_url=reverse("protection:chair_home"),
        summary=[
            ("Raised", dmy(escalation.raised_on)),
            ("Stage", escalation.get_stage_display()),
            ("About", escalation.about),
        ],
    )
    form = forms.ResolveEscalationForm(posted(request), initial=version_initial(escalation))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = submit_to_service(
            form,
            lambda: conferencing.resolve_escalation(
                escalation=escalation,
                resolved_on=data["resolved_on"],
                resolution=data["resolution"],
                expected_version=data["version"],
            ),
        )
        if saved is not None:
            return done(request, "Escalation resolved", "protection:chair_home")
    return render_step(request, child, form, step)
