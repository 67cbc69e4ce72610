"""Opening a child's record from a view: the one gate every child page goes through.

``open_child_record(request, child_id)`` returns the child's Person when
``child_access`` allows it and writes the view to the audit log. Otherwise it raises
PermissionDenied, or — when the user's role may break glass and the record is not
restricted — redirects them to the break-glass page, which asks for a reason. An id that
does not exist is a 404 for users who may open records at all, and a 403 for others, so
a partner cannot tell a guessed id from a real one.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from safeguard.access.backends import capabilities_of
from safeguard.access.models import User
from safeguard.access.selectors import child_access


class BreakGlassRequired(Exception):
    """Sends the user to the break-glass page (``DenyByDefaultMiddleware`` redirects)."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


def signed_in_user(request: HttpRequest) -> User:
    """The request's user; the deny-by-default middleware has already refused anonymous ones."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied("Sign in to use this page.")
    return user


def break_glass_url(child_id: Any, next_url: str = "") -> str:
    url = reverse("access:break_glass", kwargs={"child_id": child_id})
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def open_child_record(request: HttpRequest, child_id: Any, *, summary: str = "") -> Any:
    """The child, if the user may open their record (audited); otherwise refuse."""
    from safeguard.audit.services import record_view
    from safeguard.people.models import Person

    user = signed_in_user(request)
    if "open_child_record" not in capabilities_of(user):
        raise PermissionDenied("Your role does not open children's records.")
    try:
        child = Person.objects.get(pk=child_id)
    except (Person.DoesNotExist, ValidationError, ValueError) as exc:
        if user.role is not None and user.role.is_partner:
            raise PermissionDenied("You may not open this record.") from exc
        raise Http404("There is no record with this identifier.") from exc
    decision = child_access(user, child)
    if not decision.allowed:
        if decision.may_break_glass and not decision.restricted:
            raise BreakGlassRequired(break_glass_url(child.pk, request.get_full_path()))
        raise PermissionDenied(decision.reason)
    note = f"{summary}: {decision.reason}" if summary else decision.reason
    record_view(request, child, child=child, summary=note, flagged=decision.via == "break_glass")
    return child
