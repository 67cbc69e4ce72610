"""Sign-in pages: password, then code (or setting up an authenticator app), sign-out.

All are public (anyone may open a sign-in page); what they allow is decided in
``services``. Every page is ``never_cache``: the set-up page shows a secret.
"""

from __future__ import annotations

from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from safeguard.access.decorators import public
from safeguard.access.signin import services
from safeguard.access.signin.forms import WRONG_CODE, CodeForm, SignInForm

TIMED_OUT = "Your sign-in timed out. Enter your username and password again."


@public
@never_cache
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if services.two_factor_satisfied(request):
        return render(
            request,
            "access/signin/signed_in.html",
            {"continue_url": services.safe_next(request, next_url)},
        )
    if request.user.is_authenticated:
        # Signed in some other way without a code: start again from the password.
        logout(request)
    if request.method == "POST":
        form = SignInForm(request, data=request.POST)
        if form.is_valid():
            return _after_password(request, user=form.user, next_url=next_url)
        if form.has_error("__all__", "invalid_login"):
            services.record_failure(
                request, username=form.cleaned_data.get("username", ""), step="password"
            )
    else:
        form = SignInForm(request)
    return render(request, "access/signin/sign_in.html", {"form": form, "next": next_url})


def _after_password(request: HttpRequest, *, user: Any, next_url: str) -> HttpResponse:
    destination = services.safe_next(request, next_url)
    device = services.confirmed_device(user)
    if device is None and services.demo_bypass_active():
        services.complete_sign_in(request, user=user, device=None)
        return redirect(destination)
    services.begin_pending(request, user=user, next_url=destination)
    return redirect("access:sign_in_code" if device else "access:sign_in_set_up")


@public
@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def sign_in_code(request: HttpRequest) -> HttpResponse:
    pending = services.pending_sign_in(request)
    if pending is None:
        messages.info(request, TIMED_OUT)
        return redirect("access:sign_in")
    device = services.confirmed_device(pending.user)
    if device is None:
        return redirect("access:sign_in_set_up")
    if services.is_locked_out(request, username=pending.user.get_username()):
        return locked_out(request)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if services.verify_code(device, form.cleaned_data["code"]):
            services.complete_sign_in(request, user=pending.user, device=device)
            return redirect(pending.next_url or settings.LOGIN_REDIRECT_URL)
        form.add_error("code", WRONG_CODE)
        # May lock the username: django-axes then answers with ``locked_out``.
        services.count_code_failure(request, user=pending.user)
    return render(request, "access/signin/code.html", {"form": form})


@public
@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def sign_in_set_up(request: HttpRequest) -> HttpResponse:
    """First sign-in: link an authenticator app by QR code or typed secret, then a code."""
    pending = services.pending_sign_in(request)
    if pending is None:
        messages.info(request, TIMED_OUT)
        return redirect("access:sign_in")
    if services.confirmed_device(pending.user) is not None:
        return redirect("access:sign_in_code")
    if services.is_locked_out(request, username=pending.user.get_username()):
        return locked_out(request)
    device = services.start_set_up(user=pending.user)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if services.verify_code(device, form.cleaned_data["code"]):
            services.confirm_device(device=device)
            services.complete_sign_in(request, user=pending.user, device=device)
            messages.success(request, "Your authenticator app is set up")
            return redirect(pending.next_url or settings.LOGIN_REDIRECT_URL)
        form.add_error("code", WRONG_CODE)
        services.count_code_failure(request, user=pending.user)
    return render(request, "access/signin/set_up.html", {"form": form, **_set_up_context(device)})


def _set_up_context(device: TOTPDevice) -> dict[str, Any]:
    secret = services.secret_base32(device)
    qr = segno.make(device.config_url, error="m")
    return {
        "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
        "qr_data_uri": qr.svg_data_uri(scale=5, border=4, dark="#0b0c0c", light="#ffffff"),
    }


@public
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """POST only, so a link or image on another page cannot sign anyone out."""
    was_signed_in = request.user.is_authenticated
    services.sign_out(request)
    if was_signed_in:
        messages.success(request, "You have signed out")
    return redirect("access:sign_in")


@never_cache
def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """django-axes' lockout answer (AXES_LOCKOUT_CALLABLE): a GOV.UK page, HTTP 429."""
    services.clear_pending(request)
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "access/signin/locked.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
