"""A real browser for page tests: Debian's Chromium driven by Playwright, checked by axe-core.

axe-core 4.14.1 (MPL-2.0, ``axe-LICENSE.txt``) is vendored beside this module so the
tests need nothing from the network. It is evaluated through the DevTools protocol,
which the page's Content-Security-Policy does not govern, so the site's CSP stays strict.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SOURCE = (Path(__file__).parent / "axe.min.js").read_text(encoding="utf-8")


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core (WCAG 2.2 A and AA rules) on the page; return the violations found."""
    page.evaluate(AXE_SOURCE)
    result: dict[str, Any] = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
        })"""
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [n["target"] for n in v["nodes"]],
        }
        for v in result["violations"]
    ]


def assert_accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert violations == [], f"axe-core found accessibility problems on {page.url}: {violations}"


def click_and_wait(page: Page, selector: str) -> None:
    """Click something that loads a new page (a link, or a form that posts back) and wait.

    A form that posts back to its own address re-renders with an error summary; reading
    the page before that answer arrives sees the old page, or nothing, mid-navigation.
    """
    with page.expect_navigation():
        page.click(selector)
