"""Every view declares who may reach it; the middleware refuses any view that does not.

``@requires("app.permission")`` names the Django permission a signed-in user needs;
``@public`` marks the few pages anyone may open (sign-in, health check). A view with
neither is refused with 403 and fails the URL-protection test.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

PUBLIC_ATTR = "safeguard_public"
PERMISSION_ATTR = "safeguard_permission"


def public(view: F) -> F:
    setattr(view, PUBLIC_ATTR, True)
    return view


def requires(permission: str) -> Callable[[F], F]:
    if "." not in permission:
        raise ValueError(f"Permission {permission!r} must be 'app_label.codename'")

    def mark(view: F) -> F:
        setattr(view, PERMISSION_ATTR, permission)
        return view

    return mark


def declared_rule(view: Callable[..., Any]) -> str | None:
    """Return 'public', the permission name, or None when the view declares nothing."""
    target: Any = getattr(view, "view_class", view)
    if getattr(target, PUBLIC_ATTR, False) or getattr(view, PUBLIC_ATTR, False):
        return "public"
    permission = getattr(target, PERMISSION_ATTR, None) or getattr(view, PERMISSION_ATTR, None)
    return str(permission) if permission else None
