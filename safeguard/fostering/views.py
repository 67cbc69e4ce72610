"""The fostering team's pages: enquiries by stage, one enquiry's journey to approval,
carer households with their reviews, and one form per step.

Only holders of ``manage_fostering`` open these (no child's record is shown: foster
carers are adults, named on the household). Every view denies unless the rule allows.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.access.decorators import requires
from safeguard.core.forms import submit_to_service
from safeguard.fostering import forms, selectors, services
from safeguard.fostering.models import FosterHousehold, FosteringEnquiry

MANAGE = "access.manage_fostering"
PER_PAGE = 25
Fact = tuple[str, str]


def _data(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def day(value: dt.date | None) -> str:
    return f"{value:%-d %B %Y}" if value else "Not recorded"


def _enquiry(enquiry_id: uuid.UUID) -> FosteringEnquiry:
    found = FosteringEnquiry.objects.select_related("assessment").filter(pk=enquiry_id).first()
    if found is None:
        raise Http404("There is no fostering enquiry with this identifier.")
    return found


def _household(household_id: uuid.UUID) -> FosterHousehold:
    found = selectors.households(active_only=False).filter(pk=household_id).first()
    if found is None:
        raise Http404("There is no foster carer household with this identifier.")
    return found


@requires(MANAGE)
@require_GET
def enquiries(request: HttpRequest) -> HttpResponse:
    """Enquiries at one stage (default: open), newest first, with the count at each stage."""
    stage = request.GET.get("stage", "open")
    if stage not in selectors.STAGES:
        stage = "open"
    found = selectors.enquiries_at_stage(stage).order_by("-received_on", "enquirer_name")
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    counts = selectors.stage_counts()
    return render(
        request,
        "fostering/enquiries.html",
        {
            "stage": stage,
            "stage_label": selectors.STAGE_LABELS[stage],
            "stages": [(s, selectors.STAGE_LABELS[s], counts[s]) for s in selectors.STAGES],
            "page": page,
            "query_prefix": f"stage={stage}&",
        },
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def record_enquiry(request: HttpRequest) -> HttpResponse:
    form = forms.EnquiryForm(_data(request))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        enquiry = submit_to_service(
            form,
            lambda: services.record_enquiry(
                received_on=d["received_on"],
                enquirer_name=d["enquirer_name"],
                source=d["source"],
                notes=d["notes"],
            ),
        )
        if enquiry is not None:
            messages.success(request, f"The enquiry from {enquiry.enquirer_name} is recorded")
            return redirect("fostering:enquiry", enquiry_id=enquiry.pk)
    return _form_page(
        request,
        form,
        title="Record a fostering enquiry",
        button="Save the enquiry",
        back=reverse("fostering:enquiries"),
        back_label="Back to fostering enquiries",
    )


def _enquiry_facts(enquiry: FosteringEnquiry) -> list[Fact]:
    facts: list[Fact] = [
        ("Enquirer", enquiry.enquirer_name),
        ("Enquiry received", day(enquiry.received_on)),
        ("Source", enquiry.get_source_display()),
        ("Outcome", enquiry.get_outcome_display()),
    ]
    a = getattr(enquiry, "assessment", None)
    if a is not None:
        facts += [
            ("Stage", a.stage),
            ("Assessing social worker", str(a.assessing_worker)),
            ("Stage 1", f"{day(a.stage_one_started_on)} to {day(a.stage_one_completed_on)}"),
        ]
        if a.stage_two_started_on:
            facts.append(
                ("Stage 2", f"{day(a.stage_two_started_on)} to {day(a.stage_two_completed_on)}")
            )
        if a.panel_on:
            facts.append(("Panel", f"{day(a.panel_on)}: {a.get_panel_recommendation_display()}"))
        if a.decided_on:
            facts.append(("Agency Decision Maker", f"{day(a.decided_on)}: {a.stage}"))
    return facts


def _actions(enquiry: FosteringEnquiry) -> list[tuple[str, str]]:
    kwargs = {"enquiry_id": enquiry.pk}
    a = getattr(enquiry, "assessment", None)
    if a is None:
        if enquiry.outcome != "open":
            return []
        return [
            ("Start the assessment", reverse("fostering:start_assessment", kwargs=kwargs)),
            ("Close the enquiry", reverse("fostering:close_enquiry", kwargs=kwargs)),
        ]
    if a.decided_on is not None or a.ended_on is not None:
        return []
    if a.stage_two_started_on is None:
        return [("Start stage 2", reverse("fostering:stage_two", kwargs=kwargs))]
    if a.panel_on is None:
        return [("Record the panel", reverse("fostering:panel", kwargs=kwargs))]
    return [("Record the ADM's decision", reverse("fostering:decision", kwargs=kwargs))]


@requires(MANAGE)
@require_GET
def enquiry(request: HttpRequest, enquiry_id: uuid.UUID) -> HttpResponse:
    found = _enquiry(enquiry_id)
    a = getattr(found, "assessment", None)
    return render(
        request,
        "fostering/enquiry.html",
        {
            "enquiry": found,
            "facts": _enquiry_facts(found),
            "actions": _actions(found),
            "household": getattr(a, "household", None) if a is not None else None,
        },
    )


def _form_page(
    request: HttpRequest,
    form: django_forms.Form,
    *,
    title: str,
    button: str,
    back: str,
    back_label: str,
    facts: Sequence[Fact] = (),
    warning: str = "",
) -> HttpResponse:
    return render(
        request,
        "fostering/form.html",
        {
            "form": form,
            "title": title,
            "button": button,
            "back": back,
            "back_label": back_label,
            "facts": facts,
            "warning": warning,
            "show_form": not warning,
        },
    )


def _step(
    request: HttpRequest,
    form: django_forms.Form,
    *,
    title: str,
    button: str,
    action: Callable[[dict[str, Any]], object],
    success: str,
    done: str,
    facts: Sequence[Fact],
    back: str,
    back_label: str,
    warning: str = "",
) -> HttpResponse:
    """Render a step's form, or run the service and return to ``done``."""
    if request.method == "POST" and not warning and form.is_valid():
        data = form.cleaned_data
        if submit_to_service(form, lambda: action(data)) is not None:
            messages.success(request, success)
            return redirect(done)
    return _form_page(
        request,
        form,
        title=title,
        button=button,
        back=back,
        back_label=back_label,
        facts=facts,
        warning=warning,
    )


def _enquiry_step(
    request: HttpRequest,
    enquiry_id: uuid.UUID,
    form_class: type[django_forms.Form],
    *,
    title: str,
    button: str,
    action: Callable[[FosteringEnquiry, dict[str, Any]], object],
    success: str,
    allowed: str,
) -> HttpResponse:
    found = _enquiry(enquiry_id)
    back = reverse("fostering:enquiry", kwargs={"enquiry_id": found.pk})
    offered = {url for _, url in _actions(found)}
    warning = "" if allowed in offered else "This step is not open for this enquiry now."
    return _step(
        request,
        form_class(_data(request)),
        title=title,
        button=button,
        action=lambda d: action(found, d),
        success=success,
        done=back,
        facts=_enquiry_facts(found),
        back=back,
        back_label=f"Back to {found.enquirer_name}",
        warning=warning,
    )
