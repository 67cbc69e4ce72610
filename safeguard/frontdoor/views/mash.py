"""The MASH's forms on a contact: start triage, partner checks and the decision per child."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from safeguard.access.decorators import requires
from safeguard.core.forms import submit_to_service
from safeguard.frontdoor import selectors, services
from safeguard.frontdoor.forms import (
    DecisionForm,
    PartnerCheckAnswerForm,
    PartnerCheckRequestForm,
    TriageForm,
)
from safeguard.frontdoor.models import MashOutcome, MashTriage
from safeguard.frontdoor.views.common import (
    OpenedContact,
    current_worker,
    open_contact,
    posted,
)


def contact_url(opened: OpenedContact) -> str:
    return reverse("frontdoor:contact", kwargs={"contact_id": opened.contact.pk})


def form_page(
    request: HttpRequest, opened: OpenedContact, form: Any, title: str, button: str, **extra: Any
) -> HttpResponse:
    context = {
        "form": form,
        "title": title,
        "button": button,
        "contact": opened.contact,
        "children": opened.children,
        "cancel_url": contact_url(opened),
        **extra,
    }
    return render(request, "frontdoor/form.html", context)


def triage_of(opened: OpenedContact) -> MashTriage:
    triage = getattr(opened.contact, "triage", None)
    if triage is None:
        raise Http404("This contact is not in MASH triage yet: start triage first.")
    return triage


@requires("access.make_mash_decision")
@require_http_methods(["GET", "POST"])
def triage_contact(request: HttpRequest, contact_id: uuid.UUID) -> HttpResponse:
    opened = open_contact(request, contact_id, summary="Start MASH triage")
    contact = opened.contact
    if getattr(contact, "triage", None) is not None:
        messages.info(request, "This contact is already in MASH triage.")
        return redirect(contact_url(opened))
    form = TriageForm(posted(request), initial={"version": contact.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        triage = submit_to_service(
            form,
            lambda: services.start_mash_triage(
                contact=contact,
                started_at=form.moment("started_at"),  # type: ignore[arg-type]
                started_by=current_worker(request),  # type: ignore[arg-type]
                priority=data["priority"],
                consent_override_reason=data["consent_override_reason"],
                expected_version=data["version"],
            ),
        )
        if triage is not None:
            messages.success(
                request,
                f"MASH triage started with {triage.get_priority_display().lower()} priority.",
            )
            return redirect(contact_url(opened))
    consent = "given" if contact.consent_given else "not given"
    return form_page(
        request,
        opened,
        form,
        "Start MASH triage",
        "Start triage",
        intro=f"Consent to share information was {consent}.",
    )


@requires("access.make_mash_decision")
@require_http_methods(["GET", "POST"])
def request_partner_check(request: HttpRequest, contact_id: uuid.UUID) -> HttpResponse:
    opened = open_contact(request, contact_id, summary="Request a partner check")
    triage = triage_of(opened)
    form = PartnerCheckRequestForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        check = submit_to_service(
            form,
            lambda: services.request_partner_check(
                triage=triage,
                agency=data["agency"],
                requested_at=form.moment("requested_at"),  # type: ignore[arg-type]
                requested_by=current_worker(request),
                information_requested=data["information_requested"],
            ),
        )
        if check is not None:
            messages.success(request, f"{check.get_agency_display()} check requested.")
            return redirect(contact_url(opened))
    return form_page(request, opened, form, "Request a partner check", "Request check")


@requires("access.make_mash_decision")
@require_http_methods(["GET", "POST"])
def record_partner_check(
    request: HttpRequest, contact_id: uuid.UUID, check_id: uuid.UUID
) -> HttpResponse:
    opened = open_contact(request, contact_id, summary="Record a partner's answer")
    triage = triage_of(opened)
    check = next((c for c in triage.partner_checks.all() if c.pk == check_id), None)
    if check is None:
        raise Http404("There is no such partner check on this contact.")
    form = PartnerCheckAnswerForm(posted(request), initial={"version": check.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = submit_to_service(
            form,
            lambda: services.record_partner_check_answer(
                check=check,
                answered_at=form.moment("answered_at"),  # type: ignore[arg-type]
                answer=data["answer"],
                answered_by=data["answered_by"],
                expected_version=data["version"],
            ),
        )
        if saved is not None:
            messages.success(request, f"{saved.get_agency_display()} answer recorded.")
            return redirect(contact_url(opened))
    return form_page(
        request,
        opened,
        form,
        f"Record the {check.get_agency_display().lower()} answer",
        "Save answer",
        intro=f"Asked: {check.information_requested or 'no details recorded'}",
    )


@requires("access.make_mash_decision")
@require_http_methods(["GET", "POST"])
def decide_contact(request: HttpRequest, contact_id: uuid.UUID) -> HttpResponse:
    opened = open_contact(request, contact_id, summary="MASH decision")
    triage = triage_of(opened)
    children = [c for c in selectors.undecided_children(opened.contact) if opened.may_open(c)]
    if request.method == "GET" and not children:
        messages.info(request, "Every child you may open on this contact has a decision.")
        return redirect(contact_url(opened))
    # A colleague may have decided for the child while this form was open: the service,
    # not the choice list, then refuses it with the earlier decision named.
    choices = children if request.method == "GET" else opened.children
    form = DecisionForm(posted(request), children=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        child = form.chosen_child()
        decision = submit_to_service(
            form,
            lambda: services.record_mash_decision(
                triage=triage,
                child=child,
                outcome=data["outcome"],
                reasons=data["reasons"],
                decided_at=form.moment("decided_at"),  # type: ignore[arg-type]
                decided_by=current_worker(request),  # type: ignore[arg-type]
                feedback_given=data["feedback_given"],
                feedback_given_on=data["feedback_given_on"],
                feedback_reasons=data["feedback_reasons"],
                primary_need=data["primary_need"],
            ),
        )
        if decision is not None:
            name = f"{child.first_name} {child.last_name}"
            outcome = MashOutcome(decision.outcome).label.lower()
            extra = " A referral to children's social care is open." if decision.cin_episode else ""
            messages.success(request, f"Decision for {name} recorded: {outcome}.{extra}")
            if len(children) > 1:
                return redirect(contact_url(opened))
            return redirect(reverse("people:child_record", kwargs={"child_id": child.pk}))
    return form_page(request, opened, form, "Record the MASH decision", "Save decision")
