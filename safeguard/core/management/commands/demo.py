"""`safeguard demo`: what `make run` runs — a working try-out in one command."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

DEMO_ADMIN_USERNAME = "admin"
# Demo only: the try-out database holds synthetic data. Production never runs this
# command (it refuses unless SAFEGUARD_ALLOW_DEMO is set or the database is the default).
DEMO_ADMIN_PASSWORD = "safeguard-demo-admin"  # noqa: S105


class Command(BaseCommand):
    help = "Migrate the database, create the demo logins and start the server on 127.0.0.1:8000."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--addrport", default="127.0.0.1:8000")
        parser.add_argument(
            "--no-serve", action="store_true", help="Prepare the database but do not serve."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and os.environ.get("SAFEGUARD_PRODUCTION") == "1":
            raise CommandError("The demo cannot run with SAFEGUARD_PRODUCTION=1.")
        self.stdout.write("Preparing the database…")
        call_command("migrate", interactive=False, verbosity=0)
        user_model = get_user_model()
        admin, created = user_model.objects.get_or_create(
            username=DEMO_ADMIN_USERNAME,
            defaults={"is_staff": True, "is_superuser": True, "first_name": "Demo"},
        )
        if created or not admin.check_password(DEMO_ADMIN_PASSWORD):
            admin.set_password(DEMO_ADMIN_PASSWORD)
            admin.save()
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Safeguard demo — synthetic data only"))
        self.stdout.write(f"  Open http://{options['addrport']}/")
        self.stdout.write("  Demo logins:")
        self.stdout.write(
            f"    administrator  username: {DEMO_ADMIN_USERNAME}  password: {DEMO_ADMIN_PASSWORD}"
        )
        self.stdout.write("")
        if options["no_serve"]:
            return
        call_command("runserver", options["addrport"], use_reloader=False)
