"""Demo conveniences: TOTP secrets for demo users, `otp_code`, and the guarded bypass."""

from __future__ import annotations

import base64
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from safeguard.access.signin import services
from safeguard.access.signin.checks import demo_two_factor_bypass

PASSWORD = "a-long-password-for-the-demo"
SAFEGUARD = str(Path(sys.executable).with_name("safeguard"))


@pytest.fixture
def newcomer(db):
    """A user with no authenticator app yet."""
    return get_user_model().objects.create_user("demo.newcomer", password=PASSWORD, is_staff=True)


def run_check(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SAFEGUARD_")}
    return subprocess.run(
        [SAFEGUARD, "check"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_provision_totp_is_idempotent_and_confirmed(newcomer):
    first = services.provision_totp(user=newcomer)
    second = services.provision_totp(user=newcomer, name="Another name")
    assert first.pk == second.pk and second.confirmed and second.name == "Safeguard"
    assert TOTPDevice.objects.filter(user=newcomer).count() == 1
    secret = services.secret_base32(first)
    assert base64.b32decode(secret + "=" * (-len(secret) % 8)) == first.bin_key


def test_otp_code_prints_a_code_that_signs_in(client, newcomer):
    device = services.provision_totp(user=newcomer)
    out = io.StringIO()
    call_command("otp_code", "demo.newcomer", stdout=out)
    code = out.getvalue().strip()
    assert len(code) == 6 and code.isdigit()
    assert code == services.current_code(newcomer)
    client.post("/sign-in/", {"username": "demo.newcomer", "password": PASSWORD})
    assert client.post("/sign-in/code/", {"code": code})["Location"] == "/"
    assert client.session["otp_device_id"] == device.persistent_id


def test_otp_code_refuses_in_production_and_explains_other_refusals(settings, newcomer):
    with pytest.raises(CommandError, match="no authenticator app"):
        call_command("otp_code", "demo.newcomer", stdout=io.StringIO())
    with pytest.raises(CommandError, match="no user called"):
        call_command("otp_code", "nobody", stdout=io.StringIO())
    services.provision_totp(user=newcomer)
    settings.SAFEGUARD_PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("otp_code", "demo.newcomer", stdout=io.StringIO())


def test_bypass_is_off_by_default():
    result = run_check()
    assert result.returncode == 0, result.stderr
    assert "W401" not in result.stderr + result.stdout


def allow_bypass(settings) -> None:
    """Bypass on where it is allowed: DEBUG on, so also when the tests run on PostgreSQL."""
    settings.SAFEGUARD_DEMO_SKIP_2FA = True
    settings.DEBUG = True


def test_bypass_lets_a_user_without_an_app_in_and_warns(client, settings, newcomer):
    allow_bypass(settings)
    assert [m.id for m in demo_two_factor_bypass()] == ["safeguard.W401"]
    response = client.post("/sign-in/", {"username": "demo.newcomer", "password": PASSWORD})
    assert response["Location"] == "/"
    assert client.get("/admin/").status_code == 200
    assert not TOTPDevice.objects.filter(user=newcomer).exists()
    # Turning the bypass off ends what it allowed.
    settings.SAFEGUARD_DEMO_SKIP_2FA = False
    assert client.get("/admin/")["Location"].startswith("/sign-in/")


def test_bypass_still_asks_for_a_code_from_users_who_have_an_app(client, settings, newcomer):
    allow_bypass(settings)
    services.provision_totp(user=newcomer)
    response = client.post("/sign-in/", {"username": "demo.newcomer", "password": PASSWORD})
    assert response["Location"] == "/sign-in/code/"


def test_bypass_is_an_error_in_production_and_does_nothing(client, settings, newcomer):
    allow_bypass(settings)
    settings.SAFEGUARD_PRODUCTION = True
    messages = demo_two_factor_bypass()
    assert [m.id for m in messages] == ["safeguard.E401"]
    assert "SAFEGUARD_PRODUCTION" in messages[0].msg
    response = client.post("/sign-in/", {"username": "demo.newcomer", "password": PASSWORD})
    assert response["Location"] == "/sign-in/set-up/"


@pytest.mark.parametrize(
    ("env", "reason"),
    [
        ({"SAFEGUARD_PRODUCTION": "1"}, "SAFEGUARD_PRODUCTION is set"),
        ({"DATABASE_URL": "postgres://u:p@db.invalid/safeguard"}, "not SQLite"),
    ],
)
def test_server_refuses_to_start_with_the_bypass_where_it_is_forbidden(env, reason):
    result = run_check(SAFEGUARD_DEMO_SKIP_2FA="1", **env)
    assert result.returncode != 0
    assert "safeguard.E401" in result.stderr and reason in result.stderr


def test_bypass_is_allowed_on_postgres_only_with_debug():
    result = run_check(
        SAFEGUARD_DEMO_SKIP_2FA="1",
        SAFEGUARD_DEBUG="1",
        DATABASE_URL="postgres://u:p@db.invalid/safeguard",
    )
    assert result.returncode == 0, result.stderr
    assert "safeguard.W401" in result.stderr + result.stdout
