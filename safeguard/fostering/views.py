"""The fostering team's pages: enquiries by stage, one enquiry's journey to approval,
carer households with their reviews, and one form per step.

Only holders of ``manage_fostering`` open these (no child's record is shown: foster
carers are adults, named on the household). Every view denies unless the rule allows.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django import forms as django_forms
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.access.decorators import requires
from safeguard.core.views_steps import Fact, posted, step_form_page
from safeguard.fostering import auditing, forms, selectors, services
from safeguard.fostering.models import FosterHousehold, FosteringEnquiry

MANAGE = "access.manage_fostering"
PER_PAGE = 25
T = TypeVar("T")


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
    auditing.audit_list(
        request,
        model=FosteringEnquiry,
        summary=f"enquiries: {selectors.STAGE_LABELS[stage]}",
        count=len(page.object_list),
    )
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
    return _step(
        request,
        forms.EnquiryForm(posted(request)),
        title="Record a fostering enquiry",
        button="Save the enquiry",
        action=lambda d: services.record_enquiry(
            received_on=d["received_on"],
            enquirer_name=d["enquirer_name"],
            source=d["source"],
            notes=d["notes"],
        ),
        success=lambda enquiry: f"The enquiry from {enquiry.enquirer_name} is recorded",
        done=lambda enquiry: reverse("fostering:enquiry", kwargs={"enquiry_id": enquiry.pk}),
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
    auditing.audit_view(request, found, summary="enquiry page")
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


def _step(
    request: HttpRequest,
    form: django_forms.Form,
    *,
    title: str,
    button: str,
    action: Callable[[dict[str, Any]], T | None],
    success: str | Callable[[T], str],
    done: str | Callable[[T], str],
    back: str,
    back_label: str,
    facts: Sequence[Fact] = (),
    warning: str = "",
    on_show: Callable[[], object] | None = None,
) -> HttpResponse:
    """Render a step's form (none while ``warning`` says why not), or run the service and
    return to ``done``."""
    return step_form_page(
        request,
        form,
        template="fostering/form.html",
        title=title,
        button=button,
        facts=facts,
        warning=warning,
        action=action,
        success=success,
        done=done,
        context={"back": back, "back_label": back_label},
        on_show=on_show,
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
        form_class(posted(request)),
        title=title,
        button=button,
        action=lambda d: action(found, d),
        success=success,
        done=back,
        facts=_enquiry_facts(found),
        back=back,
        back_label=f"Back to {found.enquirer_name}",
        warning=warning,
        on_show=lambda: auditing.audit_view(request, found, summary=f"{title} form"),
    )
