"""Deny by default: no view is reachable unless it declares a rule that allows the user."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from safeguard.access.decorators import declared_rule
from safeguard.access.guards import BreakGlassRequired

# The Django admin enforces staff status and model permissions itself.
SELF_GUARDED_NAMESPACES = frozenset({"admin"})


class DenyByDefaultMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is not None and SELF_GUARDED_NAMESPACES.intersection(match.namespaces):
            return None
        rule = declared_rule(view_func)
        if rule == "public":
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if rule is None:
            raise PermissionDenied("This page declares no access rule, so nobody may open it.")
        if not request.user.has_perm(rule):
            raise PermissionDenied(f"You need the '{rule}' permission to open this page.")
        return None

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """``open_child_record`` asks for break-glass by raising; answer with the redirect."""
        if isinstance(exception, BreakGlassRequired):
            return HttpResponseRedirect(exception.url)
        return None
