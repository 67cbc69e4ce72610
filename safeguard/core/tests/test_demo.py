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

from safeguard.core.management.commands.demo import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME


@pytest.mark.django_db
def test_demo_creates_the_administrator_and_prints_the_login(client):
    out = io.StringIO()
    call_command("demo", "--no-serve", stdout=out)
    printed = out.getvalue()
    assert DEMO_ADMIN_USERNAME in printed and DEMO_ADMIN_PASSWORD in printed
    assert "http://127.0.0.1:8000/" in printed

    admin = get_user_model().objects.get(username=DEMO_ADMIN_USERNAME)
    assert admin.is_superuser and admin.check_password(DEMO_ADMIN_PASSWORD)
    assert admin.password.startswith("argon2")

    assert client.login(username=DEMO_ADMIN_USERNAME, password=DEMO_ADMIN_PASSWORD)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert b"Safeguard administration" in response.content
    assert client.get("/admin/people/person/").status_code == 200


@pytest.mark.django_db
def test_demo_is_idempotent(client):
    call_command("demo", "--no-serve", stdout=io.StringIO())
    call_command("demo", "--no-serve", stdout=io.StringIO())
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
def test_home_sends_people_to_the_administration_site(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


@pytest.mark.django_db
def test_security_headers_are_set(client):
    response = client.get("/healthz")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
