"""In a real browser: an outcome indicator page draws its trend chart under the strict CSP,
and a lead officer writes the quarter's commentary (axe-checked)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from safeguard.access.testing.login import session_cookie
from safeguard.access.testing.world import make_user
from safeguard.core.testing.browser import assert_accessible, chromium, click_and_wait
from safeguard.performance.models import IndicatorCommentary
from safeguard.performance.tests.test_browser_performance import wait_for_charts
from safeguard.performance.tests.test_outcomes import make_cp_records


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_indicator_page_chart_and_commentary(live_server, guide_screenshot):
    make_cp_records()
    lead = make_user("lead", "service_manager")
    cookie = session_cookie(lead, live_server.url)
    indicator = (
        live_server.url
        + reverse("performance:outcome", kwargs={"code": "S01"})
        + "?quarter=2025-Q2"
    )

    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_cookies([cookie])
        page = context.new_page()
        problems: list[str] = []
        page.on(
            "console",
            lambda m: problems.append(m.text) if m.type in ("error", "warning") else None,
        )
        page.on("pageerror", lambda e: problems.append(str(e)))

        page.goto(indicator)
        assert page.locator("h1").inner_text() == (
            "S01 Children subject to a child protection plan, rate per 10,000 children"
        )
        assert wait_for_charts(page) == 3  # the trend chart and two linked sparklines
        canvas = page.locator("#chart-S01-trend .sg-chart__canvas")
        assert canvas.get_attribute("aria-label").startswith("S01 Child protection plan rate")
        assert page.locator("#chart-S01-trend .sg-chart__static").is_hidden()
        assert page.locator("#benchmark-S01").inner_text() == "England 3.2 (2024-25)"
        assert page.locator(".sg-commentary").inner_text().count("Not written yet") == 3
        assert_accessible(page)

        click_and_wait(page, "#write-commentary-S01")
        assert page.locator("h1").inner_text() == "Write the commentary"
        assert_accessible(page)
        page.get_by_label("What are the indicators/performance measures telling us?").fill(
            "The rate rose to 3.0 per 10,000, still within 10% of England's."
        )
        page.get_by_label("What has changed and why?").fill(
            "Two new plans in September after a rise in section 47 enquiries."
        )
        page.get_by_label("What are the issues and how can we address them?").fill(
            "Repeat plans: every second plan is reviewed by the head of service."
        )
        click_and_wait(page, "button:has-text('Save the commentary')")

        assert page.url.startswith(indicator)
        assert "Commentary for S01, Q2 2025-26 saved." in page.locator("main").inner_text()
        commentary = page.locator(".sg-commentary").inner_text()
        assert "Two new plans in September" in commentary
        assert "Not written yet" not in commentary
        wait_for_charts(page)
        assert_accessible(page)
        guide_screenshot(page, "performance-outcomes")

        # The quarter's overview and the risk register the pages link to.
        click_and_wait(page, ".govuk-breadcrumbs__list-item:last-child a")
        assert page.locator("h1").inner_text() == "Outcomes-focused monitoring: Q2 2025-26"
        assert "Written" in page.locator("#indicator-S01").inner_text()
        assert_accessible(page)
        click_and_wait(page, "#indicator-S01 a:has-text('CRR-01')")
        assert page.locator("h1").inner_text() == "Corporate risk register"
        assert page.locator("#risk-CRR-01").is_visible()
        assert_accessible(page)
        context.close()

    record = IndicatorCommentary.objects.get()
    assert (record.measure_id, record.period_code, record.updated_by) == (
        "OUT-S01",
        "2025-Q2",
        lead,
    )
    assert problems == [], problems
