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
