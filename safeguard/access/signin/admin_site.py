"""The Django admin's default site, made to require a two-factor-verified user.

Installed through ``apps.VerifiedAdminConfig`` (in INSTALLED_APPS in place of
``django.contrib.admin``), so ``admin.site`` everywhere is this site. Its own password-only
login page is replaced by a redirect to Safeguard's sign-in, and its sign-out by ours.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from safeguard.access.signin.services import two_factor_satisfied


class VerifiedAdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        return bool(super().has_permission(request)) and two_factor_satisfied(request)

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        destination = request.GET.get(REDIRECT_FIELD_NAME) or reverse(
            "admin:index", current_app=self.name
        )
        return redirect_to_login(destination)

    # Redirects to sign-in rather than rendering the admin's "logged out" template.
    def logout(  # type: ignore[override]
        self, request: HttpRequest, extra_context: Any = None
    ) -> HttpResponse:
        from safeguard.access.signin.views import sign_out

        return sign_out(request)
