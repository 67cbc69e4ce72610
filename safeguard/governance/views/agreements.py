"""Sharing agreements with partner agencies: list, record, end."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.access.decorators import requires
from safeguard.access.guards import signed_in_user
from safeguard.core import clock
from safeguard.core.forms import apply_service_errors
from safeguard.governance import services
from safeguard.governance.forms.sharing import AgreementForm, EndAgreementForm
from safeguard.governance.models import SharingAgreement
from safeguard.governance.views.common import paginate


@requires("access.manage_sharing_agreements")
@require_GET
def agreements(request: HttpRequest) -> HttpResponse:
    rows = SharingAgreement.objects.select_related("recorded_by", "ended_by").order_by(
        "agency", "-starts_on"
    )
    return render(
        request,
        "governance/agreements.html",
        {"page": paginate(request, rows), "today": clock.today()},
    )


@requires("access.manage_sharing_agreements")
@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest) -> HttpResponse:
    form = AgreementForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.create_agreement(**form.cleaned_data, recorded_by=signed_in_user(request))
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, "The sharing agreement has been recorded.")
                return redirect("governance:agreements")
        status = 400
    return render(request, "governance/agreement_form.html", {"form": form}, status=status)


@requires("access.manage_sharing_agreements")
@require_http_methods(["GET", "POST"])
def agreement_end(request: HttpRequest, agreement_id: uuid.UUID) -> HttpResponse:
    agreement = get_object_or_404(SharingAgreement, pk=agreement_id)
    form = EndAgreementForm(
        request.POST if request.method == "POST" else None, initial={"ends_on": clock.today()}
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.end_agreement(
                    agreement=agreement,
                    ends_on=form.cleaned_data["ends_on"],
                    reason=form.cleaned_data["reason"],
                    ended_by=signed_in_user(request),
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, f"The agreement “{agreement.title}” has been ended.")
                return redirect("governance:agreements")
        status = 400
    return render(
        request,
        "governance/agreement_end.html",
        {"agreement": agreement, "form": form, "shared": agreement.disclosures.count()},
        status=status,
    )
