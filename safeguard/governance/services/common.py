"""Helpers every governance service uses: audit, capability checks, collected errors."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

from safeguard.access.backends import capabilities_of


def audit(**kwargs: Any) -> None:
    """Write to the audit log through its contract (looked up at call time)."""
    from safeguard.audit.services import record_event

    record_event(**kwargs)


def require(user: Any, capability: str, message: str) -> None:
    if capability not in capabilities_of(user):
        raise PermissionDenied(message)


def clean(value: str | None) -> str:
    return (value or "").strip()


class Errors:
    """Collect every problem with the input, then raise them together keyed by field."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def __contains__(self, field: str) -> bool:
        return field in self.errors

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def name_of(user: Any) -> str:
    return str(user.get_full_name() or user.get_username())
