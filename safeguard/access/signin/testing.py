"""Test support: ``client.force_login(user)`` signs in *with* two-factor verification.

Every page but sign-in needs a verified user, so the test client's ``force_login`` would
otherwise land on the sign-in page. This pytest plugin (listed in the root conftest's
``pytest_plugins``) makes ``force_login`` also give the user a confirmed TOTP device and
mark the session verified by it, exactly as the code step does. Tests of the sign-in
itself use the real forms, or ``force_login_unverified`` for a password-only session.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

_original_force_login = Client.force_login


def mark_verified(client: Client, user: Any) -> None:
    """Mark the client's session as verified by the user's (provisioned) TOTP device."""
    from safeguard.access.signin.services import provision_totp

    device = provision_totp(user=user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def force_login_verified(self: Client, user: Any, backend: str | None = None) -> None:
    _original_force_login(self, user, backend)
    mark_verified(self, user)


def force_login_unverified(client: Client, user: Any) -> None:
    """Signed in with no code: what the two-factor middleware must refuse."""
    _original_force_login(client, user)


def pytest_configure(config: pytest.Config) -> None:
    """Patch once for the whole run, so fixtures of every scope get verified sessions."""
    setattr(Client, "force_login", force_login_verified)  # noqa: B010


def app_code(device: Any, *, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows for the device, computed as the app does."""
    from django_otp.oath import totp

    value = totp(
        device.bin_key,
        step=device.step,
        t0=device.t0 - steps_ahead * device.step,
        digits=device.digits,
        drift=device.drift,
    )
    return f"{value:0{device.digits}d}"
