"""In a real browser: the scorecard draws its charts under the strict CSP, a drill-down
lists the children behind a figure, and the PDF downloads (axe-checked)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from safeguard.access.pseudonymised import pseudonym
from safeguard.access.testing.login import session_cookie
from safeguard.access.testing.world import build_world, make_child
from safeguard.cin.models import CINEpisode
from safeguard.core.testing.browser import assert_accessible, chromium, click_and_wait


def wait_for_charts(page: Page) -> int:
    """Every chart on the page drawn by Vega (charts.mjs marks the body when done)."""
    page.wait_for_selector("body[data-charts-drawn]", timeout=30_000)
    figures = page.locator("[data-chart-spec]").count()
    assert page.locator(".sg-chart--failed").count() == 0
    assert page.locator(".sg-chart--drawn .sg-chart__canvas svg").count() == figures
    return figures


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_scorecard_charts_drill_down_and_pdf(live_server, guide_screenshot):
    world = build_world()
    rereferred = []
    for name, first in (("Ann", dt.date(2025, 1, 5)), ("Ben", dt.date(2025, 6, 1))):
        child = make_child(first_name=name, last_name="Browser")
        CINEpisode.objects.create(child=child, referral_date=first, referral_source="6")
        CINEpisode.objects.create(
            child=child, referral_date=dt.date(2025, 8, 5), referral_source="6"
        )
        rereferred.append(child)
    cookie = session_cookie(world.users["performance_analyst"], live_server.url)
    scorecard = live_server.url + reverse("performance:scorecard") + "?month=2025-08"

    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        context.add_cookies([cookie])
        page = context.new_page()
        problems: list[str] = []
        page.on(
            "console",
            lambda m: problems.append(m.text) if m.type in ("error", "warning") else None,
        )
        page.on("pageerror", lambda e: problems.append(str(e)))

        page.goto(scorecard)
        assert page.locator("h1").inner_text() == "OBA snapshot: August 2025"
        drawn = wait_for_charts(page)
        assert drawn >= 10  # a sparkline for every measure with a figure in the 12 months
        spark = page.locator("#chart-spark-OBA2-11 .sg-chart__canvas")
        assert spark.get_attribute("role") == "img"
        assert spark.get_attribute("aria-label").startswith("Re-referrals within 12 months, ")
        assert_accessible(page)
        guide_screenshot(page, "performance-scorecard")

        # Vega's tooltip, styled by our stylesheet (its own inline style is refused).
        point = page.locator("#chart-spark-OBA2-11 .mark-symbol path").last
        point.hover()
        page.wait_for_selector("#vg-tooltip-element.visible", timeout=5_000)
        assert "Aug 25" in page.locator("#vg-tooltip-element").inner_text()

        click_and_wait(page, "#row-OBA2-11 th a")
        assert page.locator("h1").inner_text() == "Re-referrals within 12 months"
        wait_for_charts(page)
        assert page.locator("#figure-value").inner_text() == "100.0%"
        listed = page.locator("#drill-down-rows tbody tr")
        assert listed.count() == 2
        text = page.locator("#drill-down-rows").inner_text()
        assert all(pseudonym(child.pk) in text for child in rereferred)
        assert "Browser" not in text  # an analyst sees pseudonyms, never names
        assert_accessible(page)
        guide_screenshot(page, "performance-measure")

        page.goto(scorecard)
        with page.expect_download() as download:
            page.click("#downloads a:has-text('PDF')")
        pdf = Path(download.value.path()).read_bytes()
        assert pdf.startswith(b"%PDF")
        assert download.value.suggested_filename == "oba-2025-08.pdf"
        context.close()

    csp = [p for p in problems if "Content Security Policy" in p or "unsafe-eval" in p]
    assert csp == [], csp
    assert problems == [], problems
