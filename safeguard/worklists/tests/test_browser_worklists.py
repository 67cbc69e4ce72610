"""In a real browser: "My work" and the team page, checked by axe, with screenshots."""

from __future__ import annotations

import pytest
from django.urls import reverse

from safeguard.access.testing.login import session_cookie
from safeguard.access.testing.world import build_world
from safeguard.core.testing.browser import assert_accessible, chromium, click_and_wait
from safeguard.worklists.tests.test_pages import busy_caseload


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_my_work_and_team_page_in_the_browser(live_server, guide_screenshot):
    world = build_world()
    busy_caseload(world.workers["social_worker"], 12)
    busy_caseload(world.workers["consultant_social_worker"], 6)
    worker = session_cookie(world.users["social_worker"], live_server.url)
    manager = session_cookie(world.users["team_manager"], live_server.url)
    with chromium() as browser:
        context = browser.new_context()
        context.add_cookies([worker])
        page = context.new_page()
        page.goto(live_server.url + "/")
        assert page.url.endswith(reverse("worklists:my_work"))
        assert page.locator("h1").inner_text() == "My work"
        page.locator("details summary").first.click()
        assert "Due " in page.locator("details[open] .govuk-details__text").inner_text()
        assert_accessible(page)
        guide_screenshot(page, "my-work")
        page.locator("table a.govuk-link").first.click()
        page.wait_for_url("**/children/*/")
        context.close()

        context = browser.new_context()
        context.add_cookies([manager])
        page = context.new_page()
        page.goto(live_server.url + "/")
        assert page.url.endswith(reverse("workforce:team"))
        assert page.locator("h1").inner_text() == "Team A"
        assert_accessible(page)
        guide_screenshot(page, "team")
        page.goto(
            live_server.url
            + reverse("workforce:allocate_case", kwargs={"child_id": world.child_allocated.pk})
        )
        click_and_wait(page, "text=Save allocation")
        assert "Select the worker to allocate the case to" in page.content()
        assert page.title().startswith("Error:")
        assert_accessible(page)
        context.close()
