"""`safeguard sync_roles`: make the role and capability tables match safeguard/access/roles.py."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from safeguard.access.models import Capability, Role
from safeguard.access.roles import apply_catalogue


class Command(BaseCommand):
    help = "Re-apply the role and capability catalogue (safeguard/access/roles.py)."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            roles, capabilities = apply_catalogue(Role, Capability)
        self.stdout.write(
            self.style.SUCCESS(f"{roles} roles and {capabilities} capabilities are up to date.")
        )
