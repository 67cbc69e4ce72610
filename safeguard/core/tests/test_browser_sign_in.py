"""A real browser (Debian's Chromium driven by Playwright) signs in to the running site."""

from __future__ import annotations

import shutil

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.mark.django_db(transaction=True)
def test_administrator_signs_in_with_secure_cookies_over_loopback(live_server):
    get_user_model().objects.create_superuser("browser-admin", password="a-long-password-7")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(f"{live_server.url}/")
            assert "/admin/login/" in page.url
            page.fill("#id_username", "browser-admin")
            page.fill("#id_password", "a-long-password-7")
            page.click("input[type=submit]")
            page.wait_for_url(f"{live_server.url}/admin/")
            assert "Safeguard administration" in page.content()
            cookies = {c["name"]: c for c in page.context.cookies()}
            assert cookies["sessionid"]["secure"] and cookies["sessionid"]["httpOnly"]
        finally:
            browser.close()


@pytest.mark.django_db(transaction=True)
def test_admin_pages_work_under_the_content_security_policy(live_server, child):
    """The strict CSP blocks nothing the admin needs: no script is refused on its pages."""
    get_user_model().objects.create_superuser("csp-admin", password="a-long-password-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            refused: list[str] = []
            page.on(
                "console",
                lambda msg: (
                    refused.append(msg.text)
                    if "Content Security Policy" in msg.text and "script" in msg.text
                    else None
                ),
            )
            page.goto(f"{live_server.url}/admin/login/")
            page.fill("#id_username", "csp-admin")
            page.fill("#id_password", "a-long-password-8")
            page.click("input[type=submit]")
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
        finally:
            browser.close()
