"""Subject access requests: list, receive, the request page, extend, refuse, review
third-party information, export (PDF, ZIP) and release.

These pages are for the people who handle requests (``manage_subject_access``) and
review redactions (``review_redactions``) for any person, so they are not limited by the
child's object rules; every view of a request is written to the audit log instead.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguard.access.decorators import requires
from safeguard.access.guards import signed_in_user
from safeguard.core.forms import apply_service_errors
from safeguard.governance import services
from safeguard.governance.forms.subject_access import (
    ExtendForm,
    RedactionDecisionForm,
    RefuseForm,
    SubjectAccessForm,
)
from safeguard.governance.models import RedactionItem, SubjectAccessRequest, SubjectAccessStatus
from safeguard.governance.selectors.subject_access import (
    redaction_progress,
    releasable_records,
    requests_list,
    requests_to_review,
    summary_by_model,
)
from safeguard.governance.views.common import PER_PAGE, download, paginate


def _request(request_id: uuid.UUID) -> SubjectAccessRequest:
    return get_object_or_404(SubjectAccessRequest.objects.select_related("person"), pk=request_id)


def _audit_view(request: HttpRequest, sar: SubjectAccessRequest, summary: str) -> None:
    from safeguard.audit.services import record_view

    record_view(request, sar, child=sar.person, summary=summary)


def _refused(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@requires("access.manage_subject_access")
@require_GET
def subject_access_requests(request: HttpRequest) -> HttpResponse:
    return render(request, "governance/sar_list.html", {"page": paginate(request, requests_list())})


@requires("access.manage_subject_access")
@require_http_methods(["GET", "POST"])
def sar_create(request: HttpRequest) -> HttpResponse:
    from safeguard.people.models import Person

    form = SubjectAccessForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            person = Person.objects.filter(la_child_id=data["la_person_id"].strip()).first()
            if person is None:
                form.add_error("la_person_id", "There is no person with that identifier.")
            else:
                try:
                    sar = services.create_subject_access_request(
                        person=person,
                        requester_name=data["requester_name"],
                        requester_relationship=data["requester_relationship"],
                        requester_detail=data["requester_detail"],
                        received_on=data["received_on"],
                        opened_by=signed_in_user(request),
                    )
                except ValidationError as exc:
                    apply_service_errors(form, exc)
                else:
                    messages.success(request, f"Request logged: due {sar.due_on:%d/%m/%Y}.")
                    return redirect("governance:sar_detail", request_id=sar.pk)
        status = 400
    return render(request, "governance/sar_form.html", {"form": form}, status=status)


@requires("access.manage_subject_access")
@require_GET
def sar_detail(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    sar = _request(request_id)
    _audit_view(request, sar, "Subject access request")
    records = releasable_records(sar.person)
    decided, total = redaction_progress(sar)
    return render(
        request,
        "governance/sar_detail.html",
        {
            "sar": sar,
            "summary": summary_by_model(records),
            "record_count": len(records),
            "decided": decided,
            "total": total,
            "exportable": sar.status in {SubjectAccessStatus.READY, SubjectAccessStatus.RELEASED},
        },
    )


def _form_page(
    request: HttpRequest, sar: SubjectAccessRequest, form: Any, template: str, status: int
) -> HttpResponse:
    return render(request, template, {"sar": sar, "form": form}, status=status)


@requires("access.manage_subject_access")
@require_http_methods(["GET", "POST"])
def sar_extend(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    sar = _request(request_id)
    form = ExtendForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.extend_deadline(
                    request=sar,
                    months=form.cleaned_data["months"],
                    reason=form.cleaned_data["reason"],
                    extended_by=signed_in_user(request),
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, "The deadline has been extended.")
                return redirect("governance:sar_detail", request_id=sar.pk)
        return _form_page(request, sar, form, "governance/sar_extend.html", 400)
    return _form_page(request, sar, form, "governance/sar_extend.html", 200)


@requires("access.manage_subject_access")
@require_http_methods(["GET", "POST"])
def sar_refuse(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    sar = _request(request_id)
    form = RefuseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.refuse_request(
                    request=sar,
                    reason=form.cleaned_data["reason"],
                    refused_by=signed_in_user(request),
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, "The request has been refused.")
                return redirect("governance:sar_detail", request_id=sar.pk)
        return _form_page(request, sar, form, "governance/sar_refuse.html", 400)
    return _form_page(request, sar, form, "governance/sar_refuse.html", 200)


@requires("access.manage_subject_access")
@require_POST
def sar_start_review(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    sar = _request(request_id)
    try:
        new = services.start_review(request=sar, started_by=signed_in_user(request))
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(
            request, f"{new} new item(s) of third-party information listed for review."
        )
    return redirect("governance:sar_detail", request_id=sar.pk)


@requires("access.manage_subject_access")
@require_POST
def sar_release(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    sar = _request(request_id)
    try:
        services.release_request(request=sar, released_by=signed_in_user(request))
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, "The response is recorded as released and in the sharing log.")
    return redirect("governance:sar_detail", request_id=sar.pk)


def _export(request: HttpRequest, request_id: uuid.UUID, fmt: str) -> HttpResponse:
    sar = _request(request_id)
    try:
        name, content_type, content = services.export_subject_access(
            request=sar, exported_by=signed_in_user(request), fmt=fmt
        )
    except ValidationError as exc:
        _refused(request, exc)
        return redirect("governance:sar_detail", request_id=sar.pk)
    return download(name, content_type, content)


@requires("access.manage_subject_access")
@require_GET
def sar_export_zip(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    return _export(request, request_id, "zip")


@requires("access.manage_subject_access")
@require_GET
def sar_export_pdf(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    return _export(request, request_id, "pdf")


@requires("access.review_redactions")
@require_GET
def redaction_reviews(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "governance/redaction_reviews.html",
        {"page": paginate(request, requests_to_review())},
    )


def _redactions_page(
    request: HttpRequest,
    sar: SubjectAccessRequest,
    bound: RedactionDecisionForm | None = None,
    bound_item: Any = None,
    status: int = 200,
) -> HttpResponse:
    items = sar.redaction_items.select_related("decided_by")
    page = Paginator(items, PER_PAGE).get_page(request.POST.get("page") or request.GET.get("page"))
    rows = []
    for item in page:
        if bound is not None and bound_item == item.pk:
            form = bound
        else:
            form = RedactionDecisionForm(
                prefix=f"item-{item.pk}",
                initial={"decision": item.decision or None, "reason": item.decision_reason},
            )
        rows.append((item, form))
    decided, total = redaction_progress(sar)
    return render(
        request,
        "governance/sar_redactions.html",
        {"sar": sar, "page": page, "rows": rows, "decided": decided, "total": total, "form": bound},
        status=status,
    )


@requires("access.review_redactions")
@require_GET
def sar_redactions(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    sar = _request(request_id)
    _audit_view(request, sar, "Redaction review")
    return _redactions_page(request, sar)


@requires("access.review_redactions")
@require_POST
def sar_decide_redaction(request: HttpRequest, item_id: uuid.UUID) -> HttpResponse:
    item = get_object_or_404(RedactionItem.objects.select_related("request__person"), pk=item_id)
    form = RedactionDecisionForm(request.POST, prefix=f"item-{item.pk}")
    if form.is_valid():
        try:
            services.decide_redaction(
                item=item,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
                decided_by=signed_in_user(request),
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            url = reverse("governance:sar_redactions", kwargs={"request_id": item.request_id})
            page = request.POST.get("page", "")
            return redirect(f"{url}?page={page}#item-{item.pk}" if page.isdigit() else url)
    return _redactions_page(request, item.request, form, item.pk, status=400)
