"""The sign-in pages in a real browser: the whole journey, and every page axe-clean."""

from __future__ import annotations

import base64

import pytest
from django.contrib.auth import get_user_model
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from safeguard.access.signin.services import provision_totp
from safeguard.core.testing.browser import assert_accessible, chromium, click_and_wait

PASSWORD = "a-long-password-in-a-browser"


def app_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_password_and_code_sign_in_and_sign_out(live_server):
    user = get_user_model().objects.create_user("b.nowak", password=PASSWORD, is_staff=True)
    device = provision_totp(user=user)
    with chromium() as browser:
        page = browser.new_page()
        page.goto(f"{live_server.url}/admin/")
        assert page.url == f"{live_server.url}/sign-in/?next=/admin/"
        assert_accessible(page)

        click_and_wait(page, "button[type=submit]")  # nothing filled in
        assert page.locator(".govuk-error-summary").is_visible()
        assert "Enter your username" in page.inner_text(".govuk-error-summary")
        assert page.title().startswith("Error: Sign in")
        assert_accessible(page)

        page.fill("#id_username", "b.nowak")
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/sign-in/code/")
        assert_accessible(page)

        page.fill("#id_code", "000000" if app_code(device) != "000000" else "111111")
        click_and_wait(page, "button[type=submit]")
        assert "The code is not right or has expired" in page.inner_text(".govuk-error-summary")
        assert_accessible(page)

        page.wait_for_timeout(1100)  # django-otp waits a second after a wrong code
        page.fill("#id_code", app_code(device))
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/admin/")
        assert "Safeguard administration" in page.content()

        page.goto(f"{live_server.url}/sign-in/")
        assert "You are signed in as b.nowak" in page.content()
        assert_accessible(page)
        page.click("main button:has-text('Sign out')")
        page.wait_for_url(f"{live_server.url}/sign-in/")
        assert "You have signed out" in page.content()
        page.goto(f"{live_server.url}/admin/")
        assert page.url.startswith(f"{live_server.url}/sign-in/")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_first_sign_in_sets_up_an_app_from_the_secret(live_server):
    user = get_user_model().objects.create_user("c.ng", password=PASSWORD, is_staff=True)
    with chromium() as browser:
        page = browser.new_page()
        refused = []
        page.on(
            "console",
            lambda msg: refused.append(msg.text) if "Content Security Policy" in msg.text else None,
        )
        page.goto(f"{live_server.url}/sign-in/")
        page.fill("#id_username", "c.ng")
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/sign-in/set-up/")
        assert_accessible(page)
        qr = page.locator("img[alt^='QR code']")
        assert qr.evaluate("img => img.complete && img.naturalWidth > 100")
        # What a person does: type the secret shown on the page into their app, which
        # then shows the code (RFC 6238 defaults: 30-second steps, 6 digits).
        shown = page.inner_text("#totp-secret").replace(" ", "").replace("\n", "")
        secret = base64.b32decode(shown + "=" * (-len(shown) % 8))
        page.fill("#id_code", f"{totp(secret):06d}")
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/admin/")  # staff with no role: the admin site
        assert "Your authenticator app is set up" in page.content()
        assert refused == []
    device = TOTPDevice.objects.get(user=user)
    assert device.confirmed and device.bin_key == secret


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_lockout_page_is_accessible(live_server):
    get_user_model().objects.create_user("d.king", password=PASSWORD, is_staff=True)
    with chromium() as browser:
        page = browser.new_page()
        page.goto(f"{live_server.url}/sign-in/")
        response = None
        for _ in range(5):
            page.fill("#id_username", "d.king")
            page.fill("#id_password", "not-the-password")
            with page.expect_navigation() as navigation:
                page.click("button[type=submit]")
            response = navigation.value
        assert response is not None and response.status == 429
        assert page.locator("h1").inner_text() == "Your account is locked"
        assert_accessible(page)
