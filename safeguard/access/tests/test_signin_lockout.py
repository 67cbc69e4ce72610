"""Lockout (django-axes): 5 failures for a username — passwords or codes — lock it."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client

from safeguard.access.signin import services
from safeguard.access.signin.forms import WRONG_CODE, WRONG_DETAILS
from safeguard.access.signin.testing import app_code

PASSWORD = "a-long-password-for-lockout"
LOCKED = "Your account is locked"


@pytest.fixture
def staff(db):
    user = get_user_model().objects.create_user("j.patel", password=PASSWORD, is_staff=True)
    services.provision_totp(user=user)
    return user


def wrong_code(device) -> str:
    return "000000" if app_code(device) != "000000" else "111111"


def fail_password(client: Client, times: int, username: str = "j.patel"):
    response = None
    for _ in range(times):
        response = client.post("/sign-in/", {"username": username, "password": "wrong-guess"})
    return response


def sign_in(client: Client, device, *, username: str = "j.patel") -> None:
    response = client.post("/sign-in/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    response = client.post("/sign-in/code/", {"code": app_code(device)})
    assert response.status_code == 302, response.content.decode()[:500]


def test_fifth_wrong_password_locks_and_the_right_one_is_then_refused(client, staff):
    response = fail_password(client, 4)
    assert response.status_code == 200 and WRONG_DETAILS in response.content.decode()
    response = fail_password(client, 1)
    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED in html and "for 30 minutes" in html and "<title>Your account is locked" in html

    sixth = client.post("/sign-in/", {"username": "j.patel", "password": PASSWORD})
    assert sixth.status_code == 429 and LOCKED in sixth.content.decode()
    assert "_auth_user_id" not in client.session
    assert services.PENDING_KEY not in client.session


def test_lockout_is_per_username_from_any_address(staff, db):
    other = get_user_model().objects.create_user("m.silva", password=PASSWORD, is_staff=True)
    other_device = services.provision_totp(user=other)
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    fail_password(attacker, 5)
    # Same username from another address: still locked.
    office = Client(REMOTE_ADDR="198.51.100.20")
    response = office.post("/sign-in/", {"username": "j.patel", "password": PASSWORD})
    assert response.status_code == 429
    # Another username from the attacker's own address: not locked.
    sign_in(attacker, other_device, username="m.silva")


def test_wrong_codes_count_towards_the_lockout(client, staff):
    device = services.confirmed_device(staff)
    client.post("/sign-in/", {"username": "j.patel", "password": PASSWORD})
    for _ in range(4):
        response = client.post("/sign-in/code/", {"code": wrong_code(device)})
        assert response.status_code == 200 and WRONG_CODE in response.content.decode()
    response = client.post("/sign-in/code/", {"code": wrong_code(device)})
    assert response.status_code == 429 and LOCKED in response.content.decode()
    # The half-finished sign-in is gone and the right password no longer helps.
    assert services.PENDING_KEY not in client.session
    response = client.post("/sign-in/", {"username": "j.patel", "password": PASSWORD})
    assert response.status_code == 429


def test_password_and_code_failures_add_up(client, staff):
    device = services.confirmed_device(staff)
    fail_password(client, 3)
    client.post("/sign-in/", {"username": "j.patel", "password": PASSWORD})
    assert client.post("/sign-in/code/", {"code": wrong_code(device)}).status_code == 200
    assert client.post("/sign-in/code/", {"code": wrong_code(device)}).status_code == 429


def test_code_step_refuses_once_the_username_is_locked_elsewhere(client, staff):
    device = services.confirmed_device(staff)
    client.post("/sign-in/", {"username": "j.patel", "password": PASSWORD})
    fail_password(Client(REMOTE_ADDR="203.0.113.9"), 5)
    response = client.post("/sign-in/code/", {"code": app_code(device)})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_first_time_set_up_codes_count_too(client, db):
    get_user_model().objects.create_user("new.starter", password=PASSWORD)
    client.post("/sign-in/", {"username": "new.starter", "password": PASSWORD})
    for _ in range(4):
        assert client.post("/sign-in/set-up/", {"code": "000000"}).status_code == 200
    assert client.post("/sign-in/set-up/", {"code": "000000"}).status_code == 429


def test_lock_lifts_after_the_cool_off(client, staff):
    fail_password(client, 5)
    assert AccessAttempt.objects.filter(username="j.patel").exists()
    AccessAttempt.objects.filter(username="j.patel").update(
        attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=31)
    )
    sign_in(client, services.confirmed_device(staff))
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_signing_in_clears_earlier_failures(client, staff):
    device = services.confirmed_device(staff)
    fail_password(client, 4)
    sign_in(client, device)
    client.post("/sign-out/")
    response = fail_password(client, 4)
    assert response.status_code == 200 and WRONG_DETAILS in response.content.decode()
