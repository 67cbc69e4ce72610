"""One page per step of an enquiry and of a household (see ``views`` for the helpers)."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.access.decorators import requires
from safeguard.core import clock
from safeguard.core.views_steps import posted
from safeguard.fostering import auditing, forms, selectors, services
from safeguard.fostering.models import FosterHousehold, FosteringEnquiry
from safeguard.fostering.views import (
    MANAGE,
    PER_PAGE,
    Fact,
    _enquiry_step,
    _household,
    _step,
    day,
)


def _url(name: str, enquiry_id: uuid.UUID) -> str:
    return reverse(f"fostering:{name}", kwargs={"enquiry_id": enquiry_id})


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def close_enquiry(request: HttpRequest, enquiry_id: uuid.UUID) -> HttpResponse:
    def act(e: FosteringEnquiry, d: dict[str, Any]) -> object:
        return services.close_enquiry(enquiry=e, outcome=d["outcome"], on=d["on"])

    return _enquiry_step(
        request,
        enquiry_id,
        forms.CloseEnquiryForm,
        title="Close the enquiry",
        button="Close the enquiry",
        action=act,
        success="The enquiry is closed",
        allowed=_url("close_enquiry", enquiry_id),
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def start_assessment(request: HttpRequest, enquiry_id: uuid.UUID) -> HttpResponse:
    def act(e: FosteringEnquiry, d: dict[str, Any]) -> object:
        return services.start_assessment(
            enquiry=e, started_on=d["started_on"], assessing_worker=d["assessing_worker"]
        )

    return _enquiry_step(
        request,
        enquiry_id,
        forms.StartAssessmentForm,
        title="Start the assessment",
        button="Start stage 1",
        action=act,
        success="Stage 1 of the assessment has started",
        allowed=_url("start_assessment", enquiry_id),
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def stage_two(request: HttpRequest, enquiry_id: uuid.UUID) -> HttpResponse:
    def act(e: FosteringEnquiry, d: dict[str, Any]) -> object:
        return services.start_stage_two(
            assessment=e.assessment,
            stage_one_completed_on=d["stage_one_completed_on"],
            started_on=d["started_on"],
        )

    return _enquiry_step(
        request,
        enquiry_id,
        forms.StageTwoForm,
        title="Start stage 2",
        button="Start stage 2",
        action=act,
        success="Stage 2 of the assessment has started",
        allowed=_url("stage_two", enquiry_id),
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def panel(request: HttpRequest, enquiry_id: uuid.UUID) -> HttpResponse:
    def act(e: FosteringEnquiry, d: dict[str, Any]) -> object:
        return services.record_panel(
            assessment=e.assessment,
            stage_two_completed_on=d["stage_two_completed_on"],
            panel_on=d["panel_on"],
            recommendation=d["recommendation"],
        )

    return _enquiry_step(
        request,
        enquiry_id,
        forms.PanelForm,
        title="Fostering panel",
        button="Save the panel",
        action=act,
        success="The panel's recommendation is saved",
        allowed=_url("panel", enquiry_id),
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def decision(request: HttpRequest, enquiry_id: uuid.UUID) -> HttpResponse:
    def act(e: FosteringEnquiry, d: dict[str, Any]) -> object:
        return services.record_adm_decision(
            assessment=e.assessment,
            decided_on=d["decided_on"],
            approved=d["approved"] == "yes",
            household_name=d["household_name"],
            carer_names=d["carer_names"],
            approval_type=d["approval_type"],
            age_from=d["age_from"] if d["age_from"] is not None else 0,
            age_to=d["age_to"] if d["age_to"] is not None else 17,
            children_approved=d["children_approved"] or 1,
        )

    return _enquiry_step(
        request,
        enquiry_id,
        forms.DecisionForm,
        title="Agency Decision Maker's decision",
        button="Save the decision",
        action=act,
        success="The decision is saved",
        allowed=_url("decision", enquiry_id),
    )


@requires(MANAGE)
@require_GET
def households(request: HttpRequest) -> HttpResponse:
    """Approved households (active by default), with vacancies and the next review."""
    show_all = request.GET.get("show") == "all"
    found = selectors.households(active_only=not show_all)
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    auditing.audit_list(
        request,
        model=FosterHousehold,
        summary="carer households (all)" if show_all else "carer households (active)",
        count=len(page.object_list),
    )
    today = clock.today()
    rows = [
        (h, selectors.review_due(h) if h.is_active else None, selectors.review_overdue(h, today))
        for h in page
    ]
    return render(
        request,
        "fostering/households.html",
        {
            "page": page,
            "rows": rows,
            "show_all": show_all,
            "query_prefix": "show=all&" if show_all else "",
        },
    )


def _household_facts(h: FosterHousehold) -> list[Fact]:
    facts: list[Fact] = [
        ("Carers", h.carer_names),
        ("Approved", day(h.approved_on)),
        ("Type of approval", h.get_approval_type_display()),
        ("Age band", f"{h.age_from} to {h.age_to} years"),
        ("Children approved for", str(h.children_approved)),
        ("Vacancies", str(h.vacancies)),
    ]
    if h.is_active:
        facts.append(("Next annual review due", day(selectors.review_due(h))))
    else:
        facts.append(("De-registered", f"{day(h.deregistered_on)}: {h.deregistration_reason}"))
    return facts


@requires(MANAGE)
@require_GET
def household(request: HttpRequest, household_id: uuid.UUID) -> HttpResponse:
    h = _household(household_id)
    auditing.audit_view(request, h, summary="household page")
    kwargs = {"household_id": h.pk}
    actions = (
        [
            ("Update vacancies", reverse("fostering:vacancies", kwargs=kwargs)),
            ("Record an annual review", reverse("fostering:review", kwargs=kwargs)),
            ("De-register the household", reverse("fostering:deregister", kwargs=kwargs)),
        ]
        if h.is_active
        else []
    )
    return render(
        request,
        "fostering/household.html",
        {
            "household": h,
            "facts": _household_facts(h),
            "overdue": selectors.review_overdue(h, clock.today()),
            "reviews": list(h.reviews.all()),
            "actions": actions,
        },
    )


def _household_step(
    request: HttpRequest,
    household_id: uuid.UUID,
    form: Any,
    *,
    title: str,
    button: str,
    action: Any,
    success: str,
) -> HttpResponse:
    h = _household(household_id)
    back = reverse("fostering:household", kwargs={"household_id": h.pk})
    return _step(
        request,
        form,
        title=title,
        button=button,
        action=lambda d: action(h, d),
        success=success,
        done=back,
        facts=_household_facts(h),
        back=back,
        back_label=f"Back to {h.name}",
        warning="" if h.is_active else "This household is de-registered.",
        on_show=lambda: auditing.audit_view(request, h, summary=f"{title} form"),
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def vacancies(request: HttpRequest, household_id: uuid.UUID) -> HttpResponse:
    return _household_step(
        request,
        household_id,
        forms.VacanciesForm(posted(request)),
        title="Update vacancies",
        button="Save vacancies",
        action=lambda h, d: services.update_vacancies(household=h, vacancies=d["vacancies"]),
        success="Vacancies are updated",
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, household_id: uuid.UUID) -> HttpResponse:
    return _household_step(
        request,
        household_id,
        forms.ReviewForm(posted(request)),
        title="Annual review",
        button="Save the review",
        action=lambda h, d: services.record_review(
            household=h,
            held_on=d["held_on"],
            approval_continues=d["approval_continues"] == "yes",
            notes=d["notes"],
        ),
        success="The annual review is saved",
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def deregister(request: HttpRequest, household_id: uuid.UUID) -> HttpResponse:
    return _household_step(
        request,
        household_id,
        forms.DeregisterForm(posted(request)),
        title="De-register the household",
        button="De-register",
        action=lambda h, d: services.deregister_household(
            household=h, on=d["on"], reason=d["reason"]
        ),
        success="The household is de-registered",
    )
