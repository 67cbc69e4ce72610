"""`safeguard demo`: what `make run` runs — a working try-out in one command.

Migrates; generates the synthetic authority into an empty database (demo scale and span,
ending today); creates the administrator and one demo user per worker role, each with its
access role and linked to a generated worker of that role in post today (social workers
and managers with a real caseload), plus one partner-agency user per agency; gives each
a confirmed authenticator (TOTP) device; prints the logins with their authenticator
secrets and starts the server. A second run reuses the database.
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from safeguard.core import clock

DEMO_ADMIN_USERNAME = "admin"
# Demo only: the try-out database holds synthetic data. Production never runs this
# command (it refuses when SAFEGUARD_PRODUCTION=1).
DEMO_ADMIN_PASSWORD = "safeguard-demo-admin"  # noqa: S105
#: One shared password for the per-role demo users (synthetic data only).
DEMO_USER_PASSWORD = "safeguard-demo"  # noqa: S105
#: Demo authority: scale and years chosen so a fresh start stays well under 5 minutes.
DEMO_SCALE = "1.0"
DEMO_YEARS = 3


def demo_username(role: str) -> str:
    return f"demo.{role}"


class Command(BaseCommand):
    help = "Migrate, generate the demo authority if empty, create demo logins and serve."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--addrport", default="127.0.0.1:8000")
        parser.add_argument(
            "--no-serve", action="store_true", help="Prepare the database but do not serve."
        )
        parser.add_argument("--scale", default=DEMO_SCALE, help="demo authority scale")
        parser.add_argument("--years", type=int, default=DEMO_YEARS, help="years of history")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and os.environ.get("SAFEGUARD_PRODUCTION") == "1":
            raise CommandError("The demo cannot run with SAFEGUARD_PRODUCTION=1.")
        self.stdout.write("Preparing the database…")
        call_command("migrate", interactive=False, verbosity=0)

        from safeguard.synth.generate import database_is_empty

        if database_is_empty():
            self.stdout.write(
                f"Empty database: generating the demo authority (scale {options['scale']}, "
                f"{options['years']} years ending today)…"
            )
            call_command(
                "generate",
                "--scale", str(options["scale"]),
                "--years", str(options["years"]),
                stdout=self.stdout, stderr=self.stderr,
            )  # fmt: skip
        else:
            self.stdout.write("Reusing the existing data (no regeneration).")

        from safeguard.performance.loading import load_demo_reference

        load_demo_reference()

        _admin, admin_secret = self._admin()
        logins = self._role_users()

        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Safeguard demo — synthetic data only"))
        self.stdout.write(f"  Open http://{options['addrport']}/")
        self.stdout.write("  Demo logins:")
        self.stdout.write(
            f"    administrator  username: {DEMO_ADMIN_USERNAME}  password: {DEMO_ADMIN_PASSWORD}"
            f"  authenticator secret: {admin_secret}"
        )
        self.stdout.write(f"  One user per role, all with password: {DEMO_USER_PASSWORD}")
        self.stdout.write(
            f"    {'username':28s} {'role':32s} {'worker':26s} {'open cases':12s} "
            "authenticator secret"
        )
        for username, label, worker_name, cases, secret in logins:
            self.stdout.write(
                f"    {username:28s} {label:32s} {worker_name:26s} {cases!s:12s} {secret}"
            )
        self.stdout.write(
            "  Sign-in asks for a 6-digit code after the password: add the secret to an "
            "authenticator app, or run `.venv/bin/safeguard otp_code USERNAME` for the "
            "current code (demo only)."
        )
        self.stdout.write("")
        if options["no_serve"]:
            return
        call_command("runserver", options["addrport"], use_reloader=False)

    def _admin(self) -> tuple[Any, str]:
        """The system administrator: staff for the admin site, no access to children."""
        from safeguard.access.services import assign_role
        from safeguard.access.signin.services import provision_totp, secret_base32

        user_model = get_user_model()
        admin, created = user_model.objects.get_or_create(
            username=DEMO_ADMIN_USERNAME,
            defaults={"is_staff": True, "is_superuser": True, "first_name": "Demo"},
        )
        if created or not admin.check_password(DEMO_ADMIN_PASSWORD):
            admin.set_password(DEMO_ADMIN_PASSWORD)
            admin.save()
        assign_role(user=admin, role_code="system_administrator")
        return admin, secret_base32(provision_totp(user=admin))

    def _role_users(self) -> list[tuple[str, str, str, int | str, str]]:
        """One login per staff role (linked to a generated worker) and per partner agency."""
        from safeguard.access.roles import WORKER_ROLE_TO_ROLE, Agency
        from safeguard.access.services import assign_role
        from safeguard.access.signin.services import provision_totp, secret_base32
        from safeguard.workforce.models import Worker, WorkerRole
        from safeguard.workforce.selectors import busiest_unlinked_worker, open_cases_for

        today = clock.today()
        user_model = get_user_model()
        rows: list[tuple[str, str, str, int | str, str]] = []

        def login(username: str, last_name: str) -> Any:
            user, created = user_model.objects.get_or_create(
                username=username, defaults={"first_name": "Demo", "last_name": last_name}
            )
            if created or not user.check_password(DEMO_USER_PASSWORD):
                user.set_password(DEMO_USER_PASSWORD)
                user.save()
            return user

        for role in WorkerRole:
            user = login(demo_username(role.value), role.label)
            assign_role(user=user, role_code=WORKER_ROLE_TO_ROLE[role.value])
            secret = secret_base32(provision_totp(user=user))
            worker = Worker.objects.filter(user=user).first()
            if worker is None:
                worker = busiest_unlinked_worker(role.value, on=today)
                if worker is not None:
                    worker.user = user
                    worker.save(update_fields=["user"])
            if worker is None:
                rows.append((user.username, role.label, "(no generated worker)", 0, secret))
                continue
            name = f"{worker.first_name} {worker.last_name}"
            rows.append((user.username, role.label, name, open_cases_for(worker), secret))
        for agency, label in Agency.CHOICES:
            user = login(demo_username(agency), f"{label} partner")
            assign_role(user=user, role_code="partner_agency", agency=agency)
            secret = secret_base32(provision_totp(user=user))
            rows.append((user.username, f"Partner agency: {label}", "-", "shared only", secret))
        return rows
