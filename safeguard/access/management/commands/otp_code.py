"""`safeguard otp_code USERNAME`: print a demo user's current authenticator code.

For trying the product without a phone: the demo gives every demo user an authenticator
secret, and this prints the 6-digit code an app would show right now. Refused when
SAFEGUARD_PRODUCTION=1 — in production only the user's own phone knows the code.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from safeguard.access.signin.services import confirmed_device, current_code


class Command(BaseCommand):
    help = "Print the current 6-digit sign-in code of a demo user (not in production)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.SAFEGUARD_PRODUCTION:
            raise CommandError("otp_code is for the demo and refuses to run in production.")
        username = options["username"]
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user called {username!r}.")
        if confirmed_device(user) is None:
            raise CommandError(
                f"{username} has no authenticator app set up: sign in once to set one up, "
                "or re-run `safeguard demo`."
            )
        self.stdout.write(current_code(user))
