"""Recording a contact and the contact's page (triage, partner checks and decisions)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.access.backends import capabilities_of
from safeguard.access.decorators import requires
from safeguard.access.selectors import child_access
from safeguard.core import clock
from safeguard.core.codes import codelist
from safeguard.core.forms import submit_to_service
from safeguard.frontdoor import selectors, services
from safeguard.frontdoor.forms import ContactForm
from safeguard.frontdoor.models import Contact, ContactOutcome
from safeguard.frontdoor.views.common import current_worker, open_contact, posted


def _after_recording(request: HttpRequest, contact: Contact) -> str:
    """The contact's page if the user may open one of its children, else the best next page."""
    kids = [cc.child for cc in contact.contact_children.select_related("child")]
    if any(child_access(request.user, kid).allowed for kid in kids):
        return reverse("frontdoor:contact", kwargs={"contact_id": contact.pk})
    if "make_mash_decision" in capabilities_of(request.user):
        return reverse("frontdoor:mash_queue")
    return reverse("home")


@requires("access.record_contact")
@require_http_methods(["GET", "POST"])
def record_contact(request: HttpRequest) -> HttpResponse:
    form = ContactForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        contact = submit_to_service(
            form,
            lambda: services.record_contact(
                received_at=form.moment("received_at"),  # type: ignore[arg-type]
                source=data["source"],
                channel=data["channel"],
                concerns=data["concerns"],
                children=form.resolved_children,
                consent_asked=data["consent_asked"],
                consent_given=data["consent_given"],
                consent_override_reason=data["consent_override_reason"],
                referrer_name=data["referrer_name"],
                referrer_agency=data["referrer_agency"],
                referrer_contact_details=data["referrer_contact_details"],
                ppn_rating=data["ppn_rating"],
                advice_given=data["advice_given"],
                outcome=data["outcome"],
                recorded_by=current_worker(request),
            ),
        )
        if contact is not None:
            names = ", ".join(f"{c.first_name} {c.last_name}" for c in form.resolved_children)
            what = "passed to the MASH" if not contact.outcome else "closed"
            messages.success(request, f"Contact about {names} recorded and {what}.")
            return redirect(_after_recording(request, contact))
    return render(
        request,
        "frontdoor/form.html",
        {
            "form": form,
            "title": "Record a contact",
            "button": "Save contact",
            "cancel_url": reverse("home"),
            "intro": "Record anything that reaches the front door about one or more children. "
            "Find each child by their LA child ID; a child not yet known must be registered "
            "first.",
        },
    )


@requires("access.open_child_record")
@require_GET
def contact(request: HttpRequest, contact_id: uuid.UUID) -> HttpResponse:
    opened = open_contact(request, contact_id, summary="Front door contact")
    item = opened.contact
    triage = getattr(item, "triage", None)
    decisions = list(triage.decisions.all()) if triage is not None else []
    checks = list(triage.partner_checks.all()) if triage is not None else []
    capabilities = capabilities_of(request.user)
    undecided = [c for c in selectors.undecided_children(item) if opened.may_open(c)]
    may_decide = "make_mash_decision" in capabilities
    return render(
        request,
        "frontdoor/contact.html",
        {
            "contact": item,
            "children": opened.children,
            "hidden_children": opened.hidden_children,
            "source": f"{codelist('referral_source').label(item.source)} ({item.source})",
            "triage": triage,
            "checks": checks,
            "decisions": [d for d in decisions if opened.may_open(d.child)],
            "deadline": selectors.decision_deadline(item.received_at, today=clock.today()),
            "may_triage": may_decide and triage is None and not item.outcome,
            "may_add_child": may_decide
            and item.outcome in ("", ContactOutcome.MASH_TRIAGE)
            and (triage is None or triage.decided_at is None),
            "may_check": may_decide and triage is not None and triage.decided_at is None,
            "may_answer": may_decide,
            "may_decide": may_decide and triage is not None and bool(undecided),
        },
    )
