"""Pages about access to one child's record: break-glass, restriction and grants.

Break-glass is reached from ``open_child_record`` when the rules refuse. The restriction
and grant pages are for holders of ``grant_restricted_access`` (service managers), who
manage restrictions for any child: they show only the child's name and identifier, and
each view is written to the audit log.
"""

from __future__ import annotations

import datetime as dt
import uuid

from axes.helpers import get_client_ip_address
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_http_methods, require_POST

from safeguard.access import selectors, services
from safeguard.access.decorators import requires
from safeguard.access.forms import BreakGlassForm, GrantForm, RestrictForm
from safeguard.access.guards import safe_next, signed_in_user
from safeguard.access.models import AccessGrant
from safeguard.core import clock
from safeguard.people.models import Person


def _client_ip(request: HttpRequest) -> str | None:
    """The client address as the lockout log sees it (honours trusted proxies)."""
    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR") or None


def _record_url(child: Person) -> str:
    try:
        return reverse("people:child_record", kwargs={"child_id": child.pk})
    except NoReverseMatch:
        return "/"


def _apply_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form (field errors where it names a field)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


@requires("access.break_glass")
@require_http_methods(["GET", "POST"])
def break_glass(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = get_object_or_404(Person, pk=child_id)
    destination = safe_next(request, _record_url(child))
    decision = selectors.child_access(request.user, child)
    if decision.allowed:
        return redirect(destination)
    if decision.restricted:
        raise PermissionDenied(decision.reason)
    if not decision.may_break_glass:
        raise PermissionDenied("Your role may not break glass.")
    status = 200
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.break_glass(
                    user=signed_in_user(request),
                    child=child,
                    reason=form.cleaned_data["reason"],
                    ip=_client_ip(request),
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                return redirect(destination)
        status = 400
    return render(
        request,
        "access/break_glass.html",
        {
            "child": child,
            "form": form,
            "next": destination,
            "hours": services.BREAK_GLASS_HOURS,
            "min_length": services.REASON_MIN_LENGTH,
        },
        status=status,
    )


def _restriction_context(child: Person) -> dict[str, object]:
    return {
        "child": child,
        "restriction": selectors.live_restriction(child),
        "history": selectors.restrictions_of(child),
        "grants": selectors.grants_for(child),
        "now": clock.now(),
    }


@requires("access.grant_restricted_access")
@require_http_methods(["GET", "POST"])
def restriction(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    """See and change whether a child's record is restricted, and who holds grants."""
    from safeguard.audit.services import record_view

    child = get_object_or_404(Person, pk=child_id)
    form = RestrictForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "lift":
            live = selectors.live_restriction(child)
            if live is not None:
                services.lift_restriction(restriction=live, lifted_by=signed_in_user(request))
            return redirect("access:restriction", child_id=child.pk)
        if form.is_valid():
            try:
                services.restrict_record(
                    child=child,
                    reason_category=form.cleaned_data["reason_category"],
                    note=form.cleaned_data["note"],
                    restricted_by=signed_in_user(request),
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                return redirect("access:restriction", child_id=child.pk)
        status = 400
    else:
        record_view(request, child, child=child, summary="Restriction and grants")
    context = _restriction_context(child) | {"form": form}
    return render(request, "access/restriction.html", context, status=status)


@requires("access.grant_restricted_access")
@require_http_methods(["GET", "POST"])
def grant_access(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    from safeguard.audit.services import record_view

    child = get_object_or_404(Person, pk=child_id)
    form = GrantForm(request.POST or None, users=selectors.grantable_users())
    status = 200
    if request.method == "GET":
        record_view(request, child, child=child, summary="Grant access to a restricted record")
    else:
        if form.is_valid():
            try:
                services.grant_access(
                    user=form.cleaned_data["user"],
                    child=child,
                    granted_by=signed_in_user(request),
                    reason=form.cleaned_data["reason"],
                    until=clock.now() + dt.timedelta(days=form.cleaned_data["days"]),
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                return redirect("access:restriction", child_id=child.pk)
        status = 400
    return render(request, "access/grant.html", {"child": child, "form": form}, status=status)


@requires("access.grant_restricted_access")
@require_POST
def revoke_grant(request: HttpRequest, grant_id: uuid.UUID) -> HttpResponse:
    grant = get_object_or_404(AccessGrant.objects.select_related("child"), pk=grant_id)
    if grant.revoked_at is None:
        services.revoke_grant(grant=grant, revoked_by=signed_in_user(request))
    return redirect("access:restriction", child_id=grant.child_id)
