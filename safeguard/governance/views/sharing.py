"""A child's sharing history, recording a disclosure, withholding from the family, and the
family copy of a conference record. Each opens the child through the object rules."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.access.backends import capabilities_of
from safeguard.access.decorators import requires
from safeguard.access.guards import open_child_record, signed_in_user
from safeguard.core.forms import apply_service_errors
from safeguard.governance import services
from safeguard.governance.forms.sharing import DisclosureForm, LiftWithheldForm, WithholdForm
from safeguard.governance.models import WithheldItem
from safeguard.governance.selectors import agreements_in_force, withheld_items
from safeguard.governance.selectors import sharing_history as history
from safeguard.governance.selectors.conference import conferences_of, family_copy
from safeguard.governance.selectors.records import held_records, record_choices, walk
from safeguard.governance.views.common import download, paginate


def _history_url(child: Any) -> str:
    from django.urls import reverse

    return reverse("governance:sharing_history", kwargs={"child_id": child.pk})


@requires("access.view_sharing_history")
@require_GET
def sharing_history(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    """What has been shared about the child, with whom, when and why; what is withheld."""
    child = open_child_record(request, child_id, summary="Sharing history")
    capabilities = capabilities_of(request.user)
    may_disclose = "record_disclosure" in capabilities
    return render(
        request,
        "governance/sharing_history.html",
        {
            "child": child,
            "page": paginate(request, history(child)),
            "withheld": withheld_items(child),
            "may_disclose": may_disclose,
            "may_withhold": "mark_withheld" in capabilities,
            "conferences": conferences_of(child) if may_disclose else [],
        },
    )


@requires("access.record_disclosure")
@require_http_methods(["GET", "POST"])
def record_disclosure(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Record a disclosure")
    initial = {"record": request.GET.get("record", "")}
    form = DisclosureForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        agreements=agreements_in_force().order_by("agency", "title"),
        records=record_choices(child, exclude={"governance.Disclosure", "governance.WithheldItem"}),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.record_disclosure(
                    child=child,
                    recipient_kind=data["recipient_kind"],
                    agreement=data["agreement"],
                    recipient_name=data["recipient_name"],
                    recipient_role=data["recipient_role"],
                    description=data["description"],
                    record=data["record"],
                    purpose=data["purpose"],
                    legal_basis=data["legal_basis"],
                    consent_status=data["consent_status"],
                    consent_note=data["consent_note"],
                    disclosed_on=data["disclosed_on"],
                    disclosed_by=signed_in_user(request),
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, "The disclosure has been recorded in the sharing log.")
                return redirect(_history_url(child))
        status = 400
    return render(
        request, "governance/record_disclosure.html", {"child": child, "form": form}, status=status
    )


@requires("access.mark_withheld")
@require_http_methods(["GET", "POST"])
def withhold(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Withhold from family")
    records = held_records(walk(child))
    form = WithholdForm(request.POST if request.method == "POST" else None, records=records)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            record, field_name = data["target"]
            if data["target"] != (None, "") and record is None:
                form.add_error("target", "Choose one of this child's records.")
            else:
                try:
                    services.mark_withheld(
                        child=child,
                        record=record,
                        field_name=field_name,
                        passage=data["passage"],
                        description=data["description"],
                        reason_category=data["reason_category"],
                        reason=data["reason"],
                        review_on=data["review_on"],
                        marked_by=signed_in_user(request),
                    )
                except ValidationError as exc:
                    apply_service_errors(form, exc)
                else:
                    messages.success(request, "The item is now withheld from the family.")
                    return redirect(_history_url(child))
        status = 400
    return render(
        request, "governance/withhold.html", {"child": child, "form": form}, status=status
    )


@requires("access.mark_withheld")
@require_http_methods(["GET", "POST"])
def lift_withheld(request: HttpRequest, item_id: uuid.UUID) -> HttpResponse:
    item = get_object_or_404(WithheldItem, pk=item_id)
    child = open_child_record(request, item.child_id, summary="Lift a withhold from family")
    form = LiftWithheldForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.lift_withheld(
                    item=item, reason=form.cleaned_data["reason"], lifted_by=signed_in_user(request)
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, "The item is no longer withheld from the family.")
                return redirect(_history_url(child))
        status = 400
    return render(
        request,
        "governance/lift_withheld.html",
        {"child": child, "item": item, "form": form},
        status=status,
    )


def _conference(request: HttpRequest, child_id: uuid.UUID, conference_id: uuid.UUID) -> Any:
    from safeguard.protection.models import Conference

    child = open_child_record(request, child_id, summary="Family copy of a conference record")
    return get_object_or_404(
        Conference.objects.select_related("child"), pk=conference_id, child=child
    )


@requires("access.record_disclosure")
@require_GET
def conference_family_copy(
    request: HttpRequest, child_id: uuid.UUID, conference_id: uuid.UUID
) -> HttpResponse:
    """The conference record as the family would receive it (withheld items left out)."""
    conference = _conference(request, child_id, conference_id)
    copy = family_copy(conference)
    return render(
        request,
        "governance/conference_family_copy.html",
        {"child": conference.child, "copy": copy},
    )


@requires("access.record_disclosure")
@require_GET
def conference_family_copy_pdf(
    request: HttpRequest, child_id: uuid.UUID, conference_id: uuid.UUID
) -> HttpResponse:
    conference = _conference(request, child_id, conference_id)
    try:
        name, pdf = services.conference_family_copy_pdf(
            conference=conference, downloaded_by=signed_in_user(request)
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(_history_url(conference.child))
    return download(name, "application/pdf", pdf)
