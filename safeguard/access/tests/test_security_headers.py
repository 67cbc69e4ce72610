"""Security headers on every page, and cookies that scripts and other sites cannot use."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from safeguard.access.signin import services
from safeguard.access.signin.testing import app_code

PASSWORD = "a-long-password-for-headers"


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user("h.jones", password=PASSWORD, is_staff=True)


def test_standard_headers_on_the_sign_in_page(client, db):
    response = client.get("/sign-in/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Permissions-Policy"] == "camera=(), microphone=(), geolocation=()"
    assert "no-store" in response["Cache-Control"]


def test_content_security_policy_is_strict(client, db):
    policy = client.get("/sign-in/")["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["img-src"] == ["'self'", "data:"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_pages_for_signed_in_users_are_not_stored_by_the_browser(client, staff):
    public = client.get("/healthz")
    assert "no-store" not in public.get("Cache-Control", "")
    client.force_login(staff)
    for path in ("/admin/", "/healthz"):
        cache_control = client.get(path)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control, path
    stylesheet = client.get("/static/safeguard/safeguard.css")
    assert stylesheet.status_code == 200
    assert "no-store" not in stylesheet.get("Cache-Control", "")
    assert stylesheet["Permissions-Policy"] == "camera=(), microphone=(), geolocation=()"


def test_cookies_are_secure_http_only_and_same_site(client, staff):
    device = services.provision_totp(user=staff)
    page = client.get("/sign-in/")
    csrf = page.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
    client.post("/sign-in/", {"username": "h.jones", "password": PASSWORD})
    response = client.post("/sign-in/code/", {"code": app_code(device)})
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


def test_forms_need_a_csrf_token(staff):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/sign-in/", {"username": "h.jones", "password": PASSWORD})
    assert response.status_code == 403


def test_hsts_only_when_configured(settings, db):
    assert Client().get("/healthz", secure=True).get("Strict-Transport-Security") is None
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = Client().get("/healthz", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
