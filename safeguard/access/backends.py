"""Permissions from the user's role: each capability the role holds is 'access.<code>'.

Object questions (may this user open *this* child?) are not answered here: they go
through ``safeguard.access.selectors.child_access`` so that no backend, and no superuser
flag, can open a child's record around the object rules.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import BaseBackend

#: Cached on the user object, so one request asks the database once.
CACHE_ATTR = "_safeguard_capabilities"

#: Django admin permissions that come with the ``manage_users`` capability, so a system
#: administrator need not be a superuser to manage users and see the role catalogue.
USER_ADMIN_PERMISSIONS = frozenset(
    {
        "access.view_user",
        "access.add_user",
        "access.change_user",
        "access.view_role",
        "access.view_capability",
    }
)


def capabilities_of(user_obj: Any) -> frozenset[str]:
    """The capability codes the user's role holds (cached on the user object)."""
    if user_obj is None or not getattr(user_obj, "is_authenticated", False):
        return frozenset()
    if not user_obj.is_active:
        return frozenset()
    cached = getattr(user_obj, CACHE_ATTR, None)
    if cached is not None:
        return cached
    role_id = getattr(user_obj, "role_id", None)
    if role_id is None:
        codes: frozenset[str] = frozenset()
    else:
        from safeguard.access.models import Capability

        codes = frozenset(
            Capability.objects.filter(roles__id=role_id).values_list("code", flat=True)
        )
    setattr(user_obj, CACHE_ATTR, codes)
    return codes


def forget_capabilities(user_obj: Any) -> None:
    """Drop the cache after the user's role changes."""
    if hasattr(user_obj, CACHE_ATTR):
        delattr(user_obj, CACHE_ATTR)


class RoleCapabilityBackend(BaseBackend):
    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if obj is not None:
            return set()
        codes = capabilities_of(user_obj)
        perms = {f"access.{code}" for code in codes}
        if "manage_users" in codes:
            perms |= USER_ADMIN_PERMISSIONS
        return perms

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        if obj is not None:
            return False
        return perm in self.get_all_permissions(user_obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        """Only the admin permissions count: capabilities are not admin models."""
        return app_label == "access" and "manage_users" in capabilities_of(user_obj)
