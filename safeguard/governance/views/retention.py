"""Retention rules, the review report (page and CSV), and destruction requests."""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguard.access.backends import capabilities_of
from safeguard.access.decorators import requires
from safeguard.access.guards import signed_in_user
from safeguard.core import clock
from safeguard.core.forms import apply_service_errors
from safeguard.governance import services
from safeguard.governance.forms.retention import (
    DestructionDecisionForm,
    ReportForm,
    RetentionRuleForm,
)
from safeguard.governance.models import DestructionRequest, DestructionStatus, RetentionRule
from safeguard.governance.retention import record_type
from safeguard.governance.selectors.destruction import destruction_plan
from safeguard.governance.selectors.retention import (
    destruction_requests as requests_list,
)
from safeguard.governance.selectors.retention import (
    due_queryset,
    due_records,
    rule_counts,
    rules,
)
from safeguard.governance.services.common import audit
from safeguard.governance.views.common import download, paginate


@requires("access.manage_retention")
@require_GET
def retention(request: HttpRequest) -> HttpResponse:
    """The authority's retention rules, with how many records each has due today."""
    return render(
        request,
        "governance/retention.html",
        {"counts": rule_counts(clock.today()), "today": clock.today()},
    )


@requires("access.manage_retention")
@require_http_methods(["GET", "POST"])
def retention_rule_edit(request: HttpRequest, rule_id: uuid.UUID) -> HttpResponse:
    rule = get_object_or_404(RetentionRule, pk=rule_id)
    kind = record_type(rule.record_type)
    if kind is None:
        raise Http404("This rule's record type is no longer known.")
    initial = {
        "years": rule.years,
        "date_basis": rule.date_basis,
        "action": rule.action,
        "basis_note": rule.basis_note,
        "is_active": rule.is_active,
    }
    form = RetentionRuleForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        basis_choices=kind.basis_choices,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_rule(
                    rule=rule, changed_by=signed_in_user(request), **form.cleaned_data
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, f"The rule “{rule.label}” has been changed.")
                return redirect("governance:retention")
        status = 400
    return render(
        request,
        "governance/retention_rule.html",
        {"rule": rule, "kind": kind, "form": form},
        status=status,
    )


def _report_params(request: HttpRequest) -> tuple[ReportForm, dt.date, RetentionRule | None]:
    has_date = any(f"as_at_{part}" in request.GET for part in range(3))
    form = ReportForm(request.GET if has_date else None, initial={"as_at": clock.today()})
    as_at = clock.today()
    if has_date and form.is_valid():
        as_at = form.cleaned_data["as_at"]
    code = request.GET.get("rule", "")
    rule = next((r for r in rules() if r.record_type == code), None) if code else None
    return form, as_at, rule


def _query(as_at: dt.date, rule: RetentionRule | None) -> str:
    params = {"as_at_0": as_at.day, "as_at_1": as_at.month, "as_at_2": as_at.year}
    if rule is not None:
        params["rule"] = rule.record_type  # type: ignore[assignment]
    return urlencode(params)


@requires("access.manage_retention")
@require_GET
def retention_report(request: HttpRequest) -> HttpResponse:
    """Records due for review or destruction on a date: counts per rule, then one rule's
    records a page at a time, each saying whether it can be destroyed yet."""
    form, as_at, rule = _report_params(request)
    context: dict[str, Any] = {
        "form": form,
        "as_at": as_at,
        "rule": rule,
        "counts": rule_counts(as_at),
        "query": _query(as_at, rule) + "&",
        "csv_query": _query(as_at, rule),
        "future": as_at > clock.today(),
    }
    if rule is not None and rule.is_active:
        kind = record_type(rule.record_type)
        assert kind is not None
        page = paginate(request, due_queryset(rule, as_at))
        lines = due_records(rule, page.object_list)
        plans = {line.key: destruction_plan(line.obj, case_file=kind.case_file) for line in lines}
        context.update({"page": page, "lines": lines, "plans": plans, "kind": kind})
    return render(request, "governance/retention_report.html", context)


@requires("access.manage_retention")
@require_GET
def retention_report_csv(request: HttpRequest) -> HttpResponse:
    _, as_at, chosen = _report_params(request)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "rule",
            "record_type",
            "model",
            "id",
            "identifier",
            "record",
            "counted_from",
            "due_on",
            "action",
            "proposed",
        ]
    )
    count = 0
    for rule in [chosen] if chosen is not None else rules():
        if rule is None or not rule.is_active:
            continue
        kind = record_type(rule.record_type)
        assert kind is not None
        for line in due_records(rule, due_queryset(rule, as_at).iterator()):
            writer.writerow(
                [
                    rule.label,
                    rule.record_type,
                    kind.model_label,
                    line.key,
                    line.identifier,
                    line.label,
                    line.counted_from.isoformat(),
                    line.due_on.isoformat(),
                    rule.get_action_display(),
                    "yes" if line.proposed else "no",
                ]
            )
            count += 1
    audit(
        action="export",
        user=request.user,
        model_label="governance.RetentionRule",
        row_count=count,
        summary=f"Retention report as at {as_at:%d/%m/%Y} (CSV)",
    )
    return download(f"retention-due-{as_at:%Y%m%d}.csv", "text/csv", buffer.getvalue().encode())


@requires("access.manage_retention")
@require_GET
def destruction_requests(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "governance/destruction_requests.html",
        {"page": paginate(request, requests_list())},
    )


@requires("access.manage_retention")
@require_POST
def destruction_propose(request: HttpRequest) -> HttpResponse:
    code = request.POST.get("rule", "")
    rule = next((r for r in rules() if r.record_type == code), None)
    try:
        as_at = dt.date.fromisoformat(request.POST.get("as_at", ""))
    except ValueError:
        as_at = clock.today()
    back = reverse("governance:retention_report") + "?" + _query(as_at, rule)
    if rule is None:
        messages.error(request, "Choose a retention rule first.")
        return redirect(back)
    try:
        proposal = services.propose_destruction(
            rule=rule,
            as_at=as_at,
            object_ids=request.POST.getlist("records"),
            note=request.POST.get("note", ""),
            proposed_by=signed_in_user(request),
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(back)
    messages.success(request, "Proposed for destruction: another person must now approve it.")
    return redirect("governance:destruction_request", request_id=proposal.pk)


def _destruction_page(
    request: HttpRequest, proposal: DestructionRequest, form: Any, status: int = 200
) -> HttpResponse:
    kind = record_type(proposal.rule.record_type)
    items = list(proposal.items.all())
    plans: dict[Any, Any] = {}
    if proposal.status == DestructionStatus.PROPOSED and kind is not None:
        model = kind.model
        for item in items:
            obj = model._default_manager.filter(pk=item.object_id).first()
            plans[item.pk] = destruction_plan(obj, case_file=kind.case_file) if obj else None
    user = signed_in_user(request)
    return render(
        request,
        "governance/destruction_request.html",
        {
            "proposal": proposal,
            "items": items,
            "plans": plans,
            "form": form,
            "may_decide": "approve_destruction" in capabilities_of(user),
            "is_proposer": proposal.proposed_by_id == user.pk,
        },
        status=status,
    )


@requires("access.manage_retention")
@require_GET
def destruction_request(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    proposal = get_object_or_404(requests_list(), pk=request_id)
    return _destruction_page(request, proposal, DestructionDecisionForm())


@requires("access.approve_destruction")
@require_POST
def destruction_approve(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    proposal = get_object_or_404(requests_list(), pk=request_id)
    form = DestructionDecisionForm(request.POST)
    form.is_valid()
    try:
        done = services.approve_destruction(
            request=proposal,
            approved_by=signed_in_user(request),
            note=form.cleaned_data.get("note", ""),
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, f"Destroyed: {done.destroyed_count} row(s). Tombstones are in the audit log."
        )
    return redirect("governance:destruction_request", request_id=proposal.pk)


@requires("access.approve_destruction")
@require_POST
def destruction_reject(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    proposal = get_object_or_404(requests_list(), pk=request_id)
    form = DestructionDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.reject_destruction(
                request=proposal,
                rejected_by=signed_in_user(request),
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "The request has been rejected: nothing was destroyed.")
            return redirect("governance:destruction_request", request_id=proposal.pk)
    return _destruction_page(request, proposal, form, status=400)
