"""Two-factor enforcement and the security headers Django does not set itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

from safeguard.access.decorators import declared_rule
from safeguard.access.signin.services import two_factor_satisfied


class TwoFactorMiddleware:
    """The one place that requires a code: a signed-in user who has not entered one
    reaches public pages only (sign-in, set-up, sign-out, health check); every other page,
    the admin included, sends them to sign in.

    Installed right after django-otp's OTPMiddleware (which sets ``user.is_verified``)
    and before the deny-by-default middleware, which handles anonymous users.
    """

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
        if declared_rule(view_func) == "public":
            return None
        if not request.user.is_authenticated or two_factor_satisfied(request):
            return None
        return redirect_to_login(request.get_full_path())


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response, and ``Cache-Control: no-store`` on every
    response to a signed-in user so a shared computer's browser keeps no copy of a
    child's record. Static files (served before sign-in is known) stay cacheable."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = getattr(settings, "SAFEGUARD_PERMISSIONS_POLICY", "")
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
