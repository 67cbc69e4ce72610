"""Session expiry: 30 minutes without a request signs the user out."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.utils import timezone

from safeguard.access.signin import services
from safeguard.access.signin.testing import app_code

PASSWORD = "a-long-password-for-sessions"


@pytest.fixture
def signed_in(client, db):
    """A client signed in through the real password and code pages."""
    user = get_user_model().objects.create_user("r.ahmed", password=PASSWORD, is_staff=True)
    device = services.provision_totp(user=user)
    client.post("/sign-in/", {"username": "r.ahmed", "password": PASSWORD})
    assert client.post("/sign-in/code/", {"code": app_code(device)}).status_code == 302
    assert client.get("/admin/").status_code == 200
    return client


def session_row(client) -> Session:
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def test_session_limit_is_thirty_minutes_and_renewed_by_every_request(signed_in):
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_SAVE_EVERY_REQUEST
    row = session_row(signed_in)
    row.expire_date = timezone.now() + dt.timedelta(minutes=1)
    row.save()
    assert signed_in.get("/admin/").status_code == 200
    remaining = session_row(signed_in).expire_date - timezone.now()
    assert dt.timedelta(minutes=29) < remaining <= dt.timedelta(minutes=30)


def test_idle_session_is_refused_and_the_user_signs_in_again(signed_in):
    Session.objects.filter(pk=session_row(signed_in).pk).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    response = signed_in.get("/admin/people/person/", follow=True)
    assert response.redirect_chain[-1][0] == "/sign-in/?next=/admin/people/person/"
    assert "Sign in to Safeguard" in response.content.decode()
    assert "_auth_user_id" not in signed_in.session


def test_session_cookie_ends_with_the_browser(signed_in):
    cookie = signed_in.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""
