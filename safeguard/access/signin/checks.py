"""System checks: the demo-only two-factor bypass must never reach production.

The rule (safeguard.E401): ``SAFEGUARD_DEMO_SKIP_2FA`` may be on only when
``SAFEGUARD_PRODUCTION`` is off **and** either the database is SQLite (the laptop try-out)
or ``DEBUG`` is on (a developer's machine). Any other combination — production, or a
non-debug server on PostgreSQL — refuses to start. When the bypass is allowed it still
warns (safeguard.W401) on every start so nobody forgets it is on.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning, register

SQLITE_ENGINE = "django.db.backends.sqlite3"


def demo_bypass_forbidden_reason() -> str | None:
    """Why the bypass may not be on in this configuration, or None when it may."""
    if getattr(settings, "SAFEGUARD_PRODUCTION", False):
        return "SAFEGUARD_PRODUCTION is set"
    engine = settings.DATABASES["default"]["ENGINE"]
    if not settings.DEBUG and engine != SQLITE_ENGINE:
        return f"DEBUG is off and the database is not SQLite ({engine})"
    return None


@register("security")
def demo_two_factor_bypass(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if not getattr(settings, "SAFEGUARD_DEMO_SKIP_2FA", False):
        return []
    reason = demo_bypass_forbidden_reason()
    if reason is not None:
        return [
            Error(
                f"SAFEGUARD_DEMO_SKIP_2FA is on but {reason}: every user must sign in with "
                "an authenticator code.",
                hint="Unset SAFEGUARD_DEMO_SKIP_2FA; it exists for the laptop demo only.",
                id="safeguard.E401",
            )
        ]
    return [
        Warning(
            "SAFEGUARD_DEMO_SKIP_2FA is on: users without an authenticator app sign in "
            "with a password only. Demo use only.",
            id="safeguard.W401",
        )
    ]
