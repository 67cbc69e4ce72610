"""`safeguard demo` prepares a usable try-out, and the console script is the manage.py."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from safeguard.core.management.commands.demo import (
    DEMO_ADMIN_PASSWORD,
    DEMO_ADMIN_USERNAME,
    DEMO_USER_PASSWORD,
    demo_username,
)

#: A tiny demo authority keeps these tests fast.
TINY = ("--scale", "0.02", "--years", "1")


@pytest.mark.django_db
def test_demo_creates_the_administrator_and_prints_the_login(client):
    out = io.StringIO()
    call_command("demo", "--no-serve", *TINY, stdout=out)
    printed = out.getvalue()
    assert DEMO_ADMIN_USERNAME in printed and DEMO_ADMIN_PASSWORD in printed
    assert "http://127.0.0.1:8000/" in printed

    admin = get_user_model().objects.get(username=DEMO_ADMIN_USERNAME)
    assert admin.is_superuser and admin.check_password(DEMO_ADMIN_PASSWORD)
    assert admin.password.startswith("argon2")

    client.force_login(admin)  # the real sign-in form is tested in safeguard/access
    response = client.get("/admin/")
    assert response.status_code == 200
    assert b"Safeguard administration" in response.content
    assert client.get("/admin/people/person/").status_code == 200


@pytest.mark.django_db
def test_demo_is_idempotent(client):
    call_command("demo", "--no-serve", *TINY, stdout=io.StringIO())
    call_command("demo", "--no-serve", *TINY, stdout=io.StringIO())
    assert get_user_model().objects.filter(username=DEMO_ADMIN_USERNAME).count() == 1


def test_console_script_migrates_a_fresh_sqlite_database(tmp_path: Path):
    """The `safeguard` script is the project's manage.py and honours DATABASE_URL."""
    script = Path(sys.executable).with_name("safeguard")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.db'}"}
    subprocess.run([str(script), "migrate", "-v", "0"], check=True, env=env, timeout=300)
    listing = subprocess.run(
        [str(script), "showmigrations", "people"],
        check=True,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "[X] 0001_initial" in listing.stdout
    assert (tmp_path / "fresh.db").exists()


@pytest.mark.django_db
def test_health_check_is_public(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_home_sends_someone_not_signed_in_to_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/"


@pytest.mark.django_db
def test_security_headers_are_set(client):
    response = client.get("/healthz")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_demo_generates_an_empty_database_and_creates_one_user_per_role(client):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from safeguard.access.roles import WORKER_ROLE_TO_ROLE, Agency
    from safeguard.access.signin.services import secret_base32
    from safeguard.people.models import Person
    from safeguard.workforce.models import Worker, WorkerRole

    out = io.StringIO()
    call_command("demo", "--no-serve", *TINY, stdout=out)
    printed = out.getvalue()
    assert Person.objects.exists()
    assert DEMO_USER_PASSWORD in printed and "otp_code" in printed
    users = get_user_model().objects
    for role in WorkerRole:
        user = users.get(username=demo_username(role.value))
        assert not user.is_staff and not user.is_superuser
        assert user.role is not None and user.role.code == WORKER_ROLE_TO_ROLE[role.value]
        assert user.password.startswith("argon2")
        device = TOTPDevice.objects.get(user=user, confirmed=True)
        assert f"{demo_username(role.value)} " in printed and secret_base32(device) in printed
        assert totp(device.bin_key) >= 0
    for agency in Agency.CODES:
        partner = users.get(username=demo_username(agency))
        assert partner.role.code == "partner_agency" and partner.agency == agency
    for role in ("social_worker", "team_manager"):
        line = next(x for x in printed.splitlines() if f"{demo_username(role)} " in x)
        assert "(no generated worker)" not in line
    social_worker = Worker.objects.get(user__username=demo_username("social_worker"))
    child = social_worker.allocations.filter(ended_on__isnull=True).first().child
    social_worker_user = users.get(username=demo_username("social_worker"))
    assert social_worker_user.check_password(DEMO_USER_PASSWORD)
    client.force_login(social_worker_user)
    assert client.get("/admin/").status_code == 302  # the admin is for administrators
    assert client.get(f"/children/{child.pk}/").status_code == 200
    admin = users.get(username=DEMO_ADMIN_USERNAME)
    assert admin.role.code == "system_administrator"


@pytest.mark.django_db
def test_second_demo_run_reuses_the_data():
    from safeguard.people.models import Person

    call_command("demo", "--no-serve", *TINY, stdout=io.StringIO())
    people = Person.objects.count()
    out = io.StringIO()
    call_command("demo", "--no-serve", *TINY, stdout=out)
    assert "Reusing the existing data" in out.getvalue()
    assert Person.objects.count() == people
    assert get_user_model().objects.filter(username=demo_username("analyst")).count() == 1


def test_the_wsgi_entry_point_freezes_start_up_objects():
    import gc
    import importlib

    import safeguard.wsgi

    importlib.reload(safeguard.wsgi)
    assert callable(safeguard.wsgi.application)
    assert gc.get_freeze_count() > 0
    gc.unfreeze()
