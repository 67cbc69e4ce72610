"""The rest of the front door's steps: close at contact, add a child, feedback to the referrer."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from safeguard.access.decorators import requires
from safeguard.core.forms import submit_to_service
from safeguard.frontdoor import services
from safeguard.frontdoor.forms import AddChildForm, CloseContactForm, FeedbackForm
from safeguard.frontdoor.views.common import open_contact, posted
from safeguard.frontdoor.views.mash import contact_url, form_page, triage_of


@requires("access.make_mash_decision")
@require_http_methods(["GET", "POST"])
def close_contact(request: HttpRequest, contact_id: uuid.UUID) -> HttpResponse:
    opened = open_contact(request, contact_id, summary="Close a contact")
    contact = opened.contact
    if contact.outcome:
        messages.info(
            request,
            f"This contact already has an outcome: {contact.get_outcome_display().lower()}.",
        )
        return redirect(contact_url(opened))
    form = CloseContactForm(posted(request), initial={"version": contact.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        closed = submit_to_service(
            form,
            lambda: services.close_contact(
                contact=contact,
                outcome=data["outcome"],
                closed_at=form.moment("outcome_at"),  # type: ignore[arg-type]
                advice_given=data["advice_given"],
                expected_version=data["version"],
            ),
        )
        if closed is not None:
            messages.success(request, f"Contact closed: {closed.get_outcome_display().lower()}.")
            return redirect(contact_url(opened))
    return form_page(request, opened, form, "Close the contact", "Close contact")


@requires("access.make_mash_decision")
@require_http_methods(["GET", "POST"])
def add_child(request: HttpRequest, contact_id: uuid.UUID) -> HttpResponse:
    opened = open_contact(request, contact_id, summary="Add a child to a contact")
    form = AddChildForm(posted(request))
    if request.method == "POST" and form.is_valid():
        child = form.cleaned_data["child"]
        added = submit_to_service(
            form, lambda: services.add_child_to_contact(contact=opened.contact, child=child)
        )
        if added is not None:
            messages.success(request, f"{child.first_name} {child.last_name} added to the contact.")
            return redirect(contact_url(opened))
    return form_page(
        request,
        opened,
        form,
        "Add a child to this contact",
        "Add child",
        intro="For example a brother or sister found during triage.",
    )


@requires("access.make_mash_decision")
@require_http_methods(["GET", "POST"])
def record_feedback(
    request: HttpRequest, contact_id: uuid.UUID, decision_id: uuid.UUID
) -> HttpResponse:
    opened = open_contact(request, contact_id, summary="Feedback to the referrer")
    triage = triage_of(opened)
    decision = next((d for d in triage.decisions.all() if d.pk == decision_id), None)
    if decision is None or not opened.may_open(decision.child):
        raise Http404("There is no such decision on this contact.")
    form = FeedbackForm(posted(request), initial={"version": decision.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = submit_to_service(
            form,
            lambda: services.record_referrer_feedback(
                decision=decision,
                given_on=data["feedback_given_on"],
                reasons=data["feedback_reasons"],
                expected_version=data["version"],
            ),
        )
        if saved is not None:
            messages.success(request, "Feedback to the referrer recorded.")
            return redirect(contact_url(opened))
    child = decision.child
    return form_page(
        request,
        opened,
        form,
        f"Feedback to the referrer about {child.first_name} {child.last_name}",
        "Save feedback",
        intro=f"Decision: {decision.get_outcome_display()}. {decision.reasons}",
    )
