"""A real browser (Debian's Chromium driven by Playwright) signs in to the running site."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django_otp.oath import totp
from playwright.sync_api import Page

from safeguard.access.signin.services import provision_totp
from safeguard.core.testing.browser import chromium


def sign_in(page: Page, base_url: str, username: str, password: str, device) -> None:
    """Password, then the code the user's authenticator app would show."""
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/sign-in/code/")
    page.fill("#id_code", f"{totp(device.bin_key, step=device.step, t0=device.t0):06d}")
    page.click("button[type=submit]")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_administrator_signs_in_with_secure_cookies_over_loopback(live_server):
    admin = get_user_model().objects.create_superuser("browser-admin", password="a-long-pw-7")
    device = provision_totp(user=admin)
    with chromium() as browser:
        page = browser.new_page()
        page.goto(f"{live_server.url}/admin/")
        assert page.url == f"{live_server.url}/sign-in/?next=/admin/"
        sign_in(page, live_server.url, "browser-admin", "a-long-pw-7", device)
        page.wait_for_url(f"{live_server.url}/admin/")
        assert "Safeguard administration" in page.content()
        cookies = {c["name"]: c for c in page.context.cookies()}
        assert cookies["sessionid"]["secure"] and cookies["sessionid"]["httpOnly"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_admin_pages_work_under_the_content_security_policy(live_server, child):
    """The strict CSP blocks nothing the admin needs: no script is refused on its pages."""
    admin = get_user_model().objects.create_superuser("csp-admin", password="a-long-pw-8")
    device = provision_totp(user=admin)
    with chromium() as browser:
        page = browser.new_page()
        refused = []
        page.on(
            "console",
            lambda msg: (
                refused.append(msg.text)
                if "Content Security Policy" in msg.text and "script" in msg.text
                else None
            ),
        )
        page.goto(f"{live_server.url}/admin/login/")
        assert page.url.startswith(f"{live_server.url}/sign-in/")
        sign_in(page, live_server.url, "csp-admin", "a-long-pw-8", device)
        page.wait_for_url(f"{live_server.url}/admin/")
        for path in (
            "/admin/people/person/",
            f"/admin/people/person/{child.pk}/change/",
            "/admin/cin/cinepisode/add/",
        ):
            response = page.goto(f"{live_server.url}{path}")
            assert response is not None and response.status == 200, path
        header = response.headers["content-security-policy"]
        assert "script-src 'self'" in header and "frame-ancestors 'none'" in header
        assert refused == []
