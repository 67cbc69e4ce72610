"""The social worker's steps: strategy discussion, s47 enquiry, its outcome, the ICPC request."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from safeguard.access.decorators import requires
from safeguard.access.guards import open_child_record
from safeguard.cin.selectors import open_episode
from safeguard.core.forms import submit_to_service
from safeguard.core.timescales import compute_due
from safeguard.protection import forms, services
from safeguard.protection.forms.common import to_bool
from safeguard.protection.models import Section47Enquiry, Section47Outcome, StrategyDiscussion
from safeguard.protection.views.common import (
    Step,
    child_record,
    dmy,
    enquiry_of,
    posted,
    render_step,
    user_worker,
    version_initial,
)

GET_POST = ["GET", "POST"]


def _record_url(child_id: uuid.UUID) -> str:
    return reverse("people:child_record", kwargs={"child_id": child_id})


@requires("access.record_casework")
@require_http_methods(GET_POST)
def record_strategy_discussion(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Record a strategy discussion")
    episode = open_episode(child)
    step = Step(
        title="Record a strategy discussion",
        button="Save strategy discussion",
        cancel_url=_record_url(child.pk),
        inset="Social care, police and health take part at minimum; a discussion without "
        "one of them is recorded as not quorate.",
    )
    if episode is None:
        step.inset = f"{child} has no open referral: a strategy discussion is recorded within one."
        return render_step(request, child, None, step)
    worker = user_worker(request)
    form = forms.StrategyDiscussionForm(
        posted(request),
        initial={"lead_worker": worker.pk if worker else None},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        discussion = submit_to_service(
            form,
            lambda: services.hold_strategy_discussion(
                episode=episode,
                held_on=data["held_on"],
                lead_worker=data["lead_worker"],
                attendees=form.attendees(),
                s47_initiated=bool(to_bool(data["s47_initiated"])),
                criminal_investigation=bool(to_bool(data["criminal_investigation"])),
                information_shared=data["information_shared"],
                shared_with_family=data["shared_with_family"],
                withheld_from_family=data["withheld_from_family"],
                s47_start_date=data["s47_start_date"],
                actions=form.actions(),
                minutes_circulated_on=data["minutes_circulated_on"],
            ),
        )
        if discussion is not None:
            message = f"Strategy discussion on {dmy(discussion.held_on)} recorded"
            if discussion.s47_initiated:
                due = compute_due("icpc", discussion.held_on).due_date
                message += (
                    f"; section 47 enquiries started. The initial conference is due by {dmy(due)}"
                )
            return child_record(request, child, message)
    return render_step(request, child, form, step)


@requires("access.record_casework")
@require_http_methods(GET_POST)
def start_section47(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Start a section 47 enquiry")
    discussions = StrategyDiscussion.objects.filter(
        episode__child=child, s47_initiated=True, section47_enquiries__isnull=True
    ).order_by("-held_on")
    step = Step(
        title="Start a section 47 enquiry",
        button="Start enquiry",
        cancel_url=_record_url(child.pk),
    )
    if not discussions.exists():
        step.inset = (
            "No strategy discussion is waiting for its enquiry to start. A section 47 "
            "enquiry starts from a strategy discussion that decided on one; recording that "
            "discussion starts the enquiry."
        )
        return render_step(request, child, None, step)
    worker = user_worker(request)
    form = forms.StartSection47Form(
        posted(request),
        discussions=discussions,
        initial={"lead_worker": worker.pk if worker else None},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        enquiry = submit_to_service(
            form,
            lambda: services.start_section47(
                strategy_discussion=data["strategy_discussion"],
                start_date=data["start_date"],
                lead_worker=data["lead_worker"],
            ),
        )
        if enquiry is not None:
            return child_record(
                request, child, f"Section 47 enquiry started on {dmy(enquiry.start_date)}"
            )
    return render_step(request, child, form, step)


def _enquiry_summary(enquiry: Section47Enquiry) -> list[tuple[str, str]]:
    rows = [("Enquiry started", dmy(enquiry.start_date))]
    if enquiry.strategy_discussion is not None:
        held = enquiry.strategy_discussion.held_on
        rows.append(("Strategy discussion", dmy(held)))
        rows.append(("Initial conference due by", dmy(compute_due("icpc", held).due_date)))
    return rows


@requires("access.record_casework")
@require_http_methods(GET_POST)
def record_section47_outcome(
    request: HttpRequest, child_id: uuid.UUID, enquiry_id: uuid.UUID
) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Record a section 47 outcome")
    enquiry = enquiry_of(child, enquiry_id)
    step = Step(
        title="Record the outcome of the section 47 enquiry",
        button="Save outcome",
        cancel_url=_record_url(child.pk),
        summary=_enquiry_summary(enquiry),
        inset="If the concerns are substantiated, request the initial conference at once: "
        "late requests are the main cause of late conferences.",
    )
    form = forms.Section47OutcomeForm(posted(request), initial=version_initial(enquiry))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        not_required = to_bool(data["icpc_not_required"]) is True
        saved = submit_to_service(
            form,
            lambda: services.record_section47_outcome(
                enquiry=enquiry,
                outcome=data["outcome"],
                outcome_date=data["outcome_date"],
                conference_requested_on=None if not_required else data["conference_requested_on"],
                icpc_not_required=not_required,
                icpc_not_required_reason=data["icpc_not_required_reason"],
                expected_version=data["version"],
            ),
        )
        if saved is not None:
            message = f"Section 47 outcome recorded: {saved.get_outcome_display().lower()}"
            if saved.conference_requested_on:
                message += "; initial conference requested"
            return child_record(request, child, message)
    return render_step(request, child, form, step)


@requires("access.record_casework")
@require_http_methods(GET_POST)
def request_conference(
    request: HttpRequest, child_id: uuid.UUID, enquiry_id: uuid.UUID
) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Request an initial conference")
    enquiry = enquiry_of(child, enquiry_id)
    step = Step(
        title="Request an initial child protection conference",
        button="Request conference",
        cancel_url=_record_url(child.pk),
        summary=_enquiry_summary(enquiry),
        inset="This records that the section 47 enquiry's concerns were substantiated and "
        "asks the conference service to book the initial conference.",
    )
    form = forms.RequestConferenceForm(posted(request), initial=version_initial(enquiry))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = submit_to_service(
            form,
            lambda: services.record_section47_outcome(
                enquiry=enquiry,
                outcome=Section47Outcome.SUBSTANTIATED,
                outcome_date=data["outcome_date"],
                conference_requested_on=data["conference_requested_on"],
                expected_version=data["version"],
            ),
        )
        if saved is not None:
            return child_record(request, child, "Initial child protection conference requested")
    return render_step(request, child, form, step)


@requires("access.record_casework")
@require_http_methods(GET_POST)
def mark_icpc_not_required(
    request: HttpRequest, child_id: uuid.UUID, enquiry_id: uuid.UUID
) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Initial conference not required")
    enquiry = enquiry_of(child, enquiry_id)
    step = Step(
        title="Record that an initial conference is no longer required",
        button="Save decision",
        cancel_url=_record_url(child.pk),
        summary=_enquiry_summary(enquiry),
        inset="For a substantiated enquiry whose conference is no longer needed (for example, "
        "the family moved away). Any booking is cancelled.",
    )
    form = forms.ConferenceNotRequiredForm(posted(request), initial=version_initial(enquiry))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = submit_to_service(
            form,
            lambda: services.mark_icpc_not_required(
                enquiry=enquiry,
                decided_on=data["decided_on"],
                reason=data["icpc_not_required_reason"],
                expected_version=data["version"],
            ),
        )
        if saved is not None:
            return child_record(request, child, "Recorded: an initial conference is not required")
    return render_step(request, child, form, step)
