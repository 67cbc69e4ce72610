"""Signing test users in with a two-factor-verified session, as the sign-in pages would.

The two-factor middleware refuses a session without a verified device, so tests that
``force_login`` must also mark the session verified: a confirmed TOTP device and its id
in the session under django-otp's key (what ``django_otp.login`` stores).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


def verified_device(user: Any) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Test authenticator", confirmed=True)
    return device


def sign_in(client: Client, user: Any) -> Client:
    """Log ``user`` in on the test client with a verified second factor."""
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = verified_device(user).persistent_id
    session.save()
    return client


def session_cookie(user: Any, base_url: str) -> dict[str, Any]:
    """A verified session for ``user`` as a Playwright cookie.

    Make it before starting the browser: Playwright's sync API runs an event loop in the
    thread, and Django refuses database work from inside one.
    """
    client = sign_in(Client(), user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": base_url,
        "httpOnly": True,
        "secure": bool(settings.SESSION_COOKIE_SECURE),
        "sameSite": "Lax",
    }
