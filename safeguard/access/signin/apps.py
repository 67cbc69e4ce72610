"""The admin app config that installs ``VerifiedAdminSite`` as ``admin.site``."""

from __future__ import annotations

from django.contrib.admin.apps import AdminConfig


class VerifiedAdminConfig(AdminConfig):
    default_site = "safeguard.access.signin.admin_site.VerifiedAdminSite"

    def ready(self) -> None:
        super().ready()
        from safeguard.access.signin import checks  # noqa: F401  (registers system checks)
