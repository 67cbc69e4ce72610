"""`safeguard demo`: what `make run` runs — a working try-out in one command.

Migrates; generates the synthetic authority into an empty database (demo scale and span,
ending today); creates the administrator and one demo user per worker role, each linked
to a generated worker of that role in post today (social workers and managers with a real
caseload); prints the logins and starts the server. A second run reuses the database.
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Count, Q

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
#: Apps whose records the demo users may view in the admin (access rules come later).
JOURNEY_APPS = (
    "people", "workforce", "frontdoor", "earlyhelp", "cin", "assessment", "protection",
    "care", "exploitation",
)  # fmt: skip
#: Roles whose demo user should hold a caseload (open allocations, own or their team's).
CASEWORK_ROLES = {"social_worker", "consultant_sw"}
MANAGER_ROLES = {"team_manager", "service_manager"}


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

        user_model = get_user_model()
        admin, created = user_model.objects.get_or_create(
            username=DEMO_ADMIN_USERNAME,
            defaults={"is_staff": True, "is_superuser": True, "first_name": "Demo"},
        )
        if created or not admin.check_password(DEMO_ADMIN_PASSWORD):
            admin.set_password(DEMO_ADMIN_PASSWORD)
            admin.save()
        logins = self._role_users()

        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Safeguard demo — synthetic data only"))
        self.stdout.write(f"  Open http://{options['addrport']}/")
        self.stdout.write("  Demo logins:")
        self.stdout.write(
            f"    administrator  username: {DEMO_ADMIN_USERNAME}  password: {DEMO_ADMIN_PASSWORD}"
        )
        self.stdout.write(f"  One user per role, all with password: {DEMO_USER_PASSWORD}")
        self.stdout.write(f"    {'username':30s} {'role':30s} {'worker':28s} open cases")
        for username, label, worker_name, cases in logins:
            self.stdout.write(f"    {username:30s} {label:30s} {worker_name:28s} {cases}")
        self.stdout.write(
            "  Access rules per role come later: for now every demo user is staff with "
            "view-only permission on the case records in the admin."
        )
        self.stdout.write("")
        if options["no_serve"]:
            return
        call_command("runserver", options["addrport"], use_reloader=False)

    def _role_users(self) -> list[tuple[str, str, str, int]]:
        from safeguard.workforce.models import Worker, WorkerRole

        today = clock.today()
        user_model = get_user_model()
        view = list(
            Permission.objects.filter(
                content_type__app_label__in=JOURNEY_APPS, codename__startswith="view_"
            )
        )
        in_post = Worker.objects.filter(started_on__lte=today).filter(
            Q(left_on__isnull=True) | Q(left_on__gt=today)
        )
        open_cases = Q(allocations__ended_on__isnull=True)
        rows = []
        for role in WorkerRole:
            username = demo_username(role.value)
            user, created = user_model.objects.get_or_create(
                username=username,
                defaults={"is_staff": True, "first_name": "Demo", "last_name": role.label},
            )
            if created or not user.check_password(DEMO_USER_PASSWORD):
                user.set_password(DEMO_USER_PASSWORD)
                user.is_staff = True
                user.save()
            user.user_permissions.add(*view)
            worker = Worker.objects.filter(user=user).first()
            if worker is None:
                candidates = in_post.filter(role=role, user__isnull=True)
                if role.value in CASEWORK_ROLES:
                    candidates = candidates.annotate(n=Count("allocations", filter=open_cases))
                    candidates = candidates.filter(n__gt=0).order_by("-n", "staff_id")
                elif role.value in MANAGER_ROLES:
                    candidates = candidates.annotate(
                        n=Count(
                            "team__workers__allocations",
                            filter=Q(team__workers__allocations__ended_on__isnull=True),
                        )
                    ).order_by("-n", "staff_id")
                else:
                    candidates = candidates.order_by("staff_id")
                worker = candidates.first()
                if worker is not None:
                    worker.user = user
                    worker.save(update_fields=["user"])
            if worker is None:
                rows.append((username, role.label, "(no generated worker)", 0))
                continue
            if role.value in MANAGER_ROLES and worker.team_id is not None:
                cases = Worker.objects.filter(team_id=worker.team_id).aggregate(
                    n=Count("allocations", filter=open_cases)
                )["n"]
            else:
                cases = worker.allocations.filter(ended_on__isnull=True).count()
            rows.append((username, role.label, f"{worker.first_name} {worker.last_name}", cases))
        return rows
