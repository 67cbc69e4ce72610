"""Sign-in business logic: authenticator devices, the half-signed-in state, audit events.

Between a correct password and a correct code the user is *not* signed in: the session
only remembers who is part-way through (``PENDING_KEY``) for ``PENDING_SECONDS``. Django's
``login`` runs once the code is right, so no page ever sees a user who has given only a
password. Failures at either step are counted by django-axes under the username.
"""

from __future__ import annotations

import base64
import time
from dataclasses import dataclass
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp.oath import hotp
from django_otp.plugins.otp_totp.models import TOTPDevice

from safeguard.access.signin.checks import demo_bypass_forbidden_reason
from safeguard.audit.services import record_event

#: Session key: who has given a correct password and must now give a code.
PENDING_KEY = "safeguard_sign_in_pending"
#: Session key: signed in without a code under the demo-only bypass.
DEMO_SKIP_KEY = "safeguard_2fa_skipped"
#: How long the code step waits after a correct password.
PENDING_SECONDS = 10 * 60
#: The device name given to authenticator apps set up on the set-up page.
SET_UP_DEVICE_NAME = "Authenticator app"
#: The backend that checked the password; Django's login needs it named.
SIGN_IN_BACKEND = "django.contrib.auth.backends.ModelBackend"


@dataclass(frozen=True)
class PendingSignIn:
    user: Any
    next_url: str


# --- Authenticator devices -------------------------------------------------------------


def confirmed_device(user: Any) -> TOTPDevice | None:
    """The user's authenticator app, if they have set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


@transaction.atomic
def provision_totp(*, user: Any, name: str = "Safeguard") -> TOTPDevice:
    """Give the user a confirmed TOTP device (demo and tests); idempotent.

    Returns the existing confirmed device when there is one, so the secret a demo user
    already typed into an app keeps working. The secret is ``secret_base32(device)``.
    """
    device = confirmed_device(user)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=name, confirmed=True)
    return device


def secret_base32(device: TOTPDevice) -> str:
    """The secret as authenticator apps take it when typed in (base32, no padding)."""
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


def code_for(device: TOTPDevice, *, at: float | None = None) -> str:
    """The code the device's authenticator app shows at time ``at`` (default now)."""
    moment = time.time() if at is None else at
    counter = (int(moment) - int(device.t0)) // int(device.step) + int(device.drift)
    value = hotp(device.bin_key, counter, int(device.digits))
    return f"{value:0{int(device.digits)}d}"


def current_code(user: Any) -> str:
    """The user's current 6-digit code. Raises TOTPDevice.DoesNotExist without a device."""
    device = confirmed_device(user)
    if device is None:
        raise TOTPDevice.DoesNotExist(f"{user} has no authenticator app set up.")
    return code_for(device)


@transaction.atomic
def start_set_up(*, user: Any) -> TOTPDevice:
    """The unconfirmed device shown on the set-up page (the same one until confirmed)."""
    device = (
        TOTPDevice.objects.filter(user=user, confirmed=False, name=SET_UP_DEVICE_NAME)
        .order_by("pk")
        .first()
    )
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=SET_UP_DEVICE_NAME, confirmed=False)
    return device


def verify_code(device: TOTPDevice, code: str) -> bool:
    """Check a code against the device (django-otp refuses a code used before)."""
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        return bool(locked.verify_token(code))


@transaction.atomic
def confirm_device(*, device: TOTPDevice) -> TOTPDevice:
    """The first right code confirms the device; older unconfirmed ones are removed."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user_id=device.user_id, confirmed=False).delete()
    return device


# --- The sign-in steps -------------------------------------------------------------------


def client_ip(request: HttpRequest) -> str | None:
    """The client address as django-axes sees it (so both logs agree)."""
    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR")


def safe_next(request: HttpRequest, candidate: str | None) -> str:
    """Where to go after signing in: a local address only, never another site."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return str(settings.LOGIN_REDIRECT_URL)


def begin_pending(request: HttpRequest, *, user: Any, next_url: str) -> None:
    """After a correct password: remember who is signing in, in a fresh session key."""
    request.session.cycle_key()
    request.session[PENDING_KEY] = {
        "user_id": user.pk,
        "next": next_url,
        "since": int(time.time()),
    }


def pending_sign_in(request: HttpRequest) -> PendingSignIn | None:
    """Who is part-way through signing in, or None (none, expired or deactivated)."""
    data = request.session.get(PENDING_KEY)
    if not isinstance(data, dict):
        return None
    if time.time() - float(data.get("since", 0)) > PENDING_SECONDS:
        clear_pending(request)
        return None
    user_id = data.get("user_id")
    user = (
        get_user_model().objects.filter(pk=user_id, is_active=True).first()
        if isinstance(user_id, int | str)
        else None
    )
    if user is None:
        clear_pending(request)
        return None
    return PendingSignIn(user=user, next_url=str(data.get("next") or ""))


def clear_pending(request: HttpRequest) -> None:
    request.session.pop(PENDING_KEY, None)


def complete_sign_in(request: HttpRequest, *, user: Any, device: TOTPDevice | None) -> None:
    """Sign the user in, verified by ``device`` (None only under the demo bypass)."""
    clear_pending(request)
    login(request, user, backend=SIGN_IN_BACKEND)
    if device is not None:
        otp_login(request, device)
        summary = "Signed in with password and authenticator code"
    else:
        request.session[DEMO_SKIP_KEY] = True
        summary = "Signed in with password only (demo two-factor bypass)"
    record_event(action="sign_in", user=user, ip=client_ip(request), summary=summary)


def sign_out(request: HttpRequest) -> None:
    user = request.user if request.user.is_authenticated else None
    if user is not None:
        record_event(action="sign_out", user=user, ip=client_ip(request), summary="Signed out")
    logout(request)


def record_failure(request: HttpRequest, *, username: str, step: str, user: Any = None) -> None:
    """Audit a failed attempt. ``step`` is "password" or "code"."""
    record_event(
        action="sign_in_failed",
        user=user,
        ip=client_ip(request),
        summary=f"Sign-in failed at the {step} step for username {username[:150]!r}",
    )


def count_code_failure(request: HttpRequest, *, user: Any) -> None:
    """A wrong code counts towards the lockout exactly as a wrong password does."""
    record_failure(request, username=user.get_username(), step="code", user=user)
    user_login_failed.send(
        sender=__name__,
        credentials={"username": user.get_username()},
        request=request,
    )


def is_locked_out(request: HttpRequest, *, username: str) -> bool:
    return bool(AxesProxyHandler.is_locked(request, {"username": username}))


def two_factor_satisfied(request: HttpRequest) -> bool:
    """The one rule: signed in and verified by a code (or the demo bypass, when on)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    is_verified = getattr(user, "is_verified", None)
    if callable(is_verified) and is_verified():
        return True
    return demo_bypass_active() and request.session.get(DEMO_SKIP_KEY) is True


def demo_bypass_active() -> bool:
    """The demo-only bypass is on *and* allowed here. Checked on every use, not only by
    the start-up check, so a server started without checks still cannot use it."""
    return bool(settings.SAFEGUARD_DEMO_SKIP_2FA) and demo_bypass_forbidden_reason() is None
