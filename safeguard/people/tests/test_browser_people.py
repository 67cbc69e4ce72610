"""In a real browser: find a child, open their record, filter the chronology; axe-checked.

Takes the user guide's screenshots of person search, the child's record and the chronology.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from safeguard.access.testing.login import session_cookie
from safeguard.access.testing.world import build_world
from safeguard.core.testing.browser import assert_accessible, chromium, click_and_wait
from safeguard.people.tests.journey import full_history


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_search_open_record_and_filter_chronology(live_server, guide_screenshot):
    world = build_world()
    child = world.child_allocated
    full_history(child, world.workers["social_worker"])
    cookie = session_cookie(world.users["social_worker"], live_server.url)
    with chromium() as browser:
        context = browser.new_context()
        context.add_cookies([cookie])
        page = context.new_page()
        page.goto(live_server.url + reverse("people:search"))
        assert_accessible(page)
        click_and_wait(page, "button:has-text('Search')")
        assert (
            "Enter a name, a date of birth or an identifier"
            in page.locator(".govuk-error-summary").inner_text()
        )
        assert page.title().startswith("Error:")
        assert_accessible(page)

        page.fill("#id_name", "alx")  # a slip in the first name
        page.fill("#id_date_of_birth_0", "9")
        page.fill("#id_date_of_birth_1", "3")
        page.fill("#id_date_of_birth_2", "2014")
        click_and_wait(page, "button:has-text('Search')")
        assert "found" in page.locator("#results").inner_text()
        assert_accessible(page)
        guide_screenshot(page, "person-search")

        page.click(f"text={child.first_name} {child.last_name}")
        page.wait_for_url(f"**/children/{child.pk}/")
        assert "Missing now" in page.locator("h1").inner_text()
        assert "Actions" in page.content()
        assert_accessible(page)
        guide_screenshot(page, "child-record")

        page.click("nav[aria-label='Sections of the record'] >> text=Chronology")
        page.wait_for_url("**/chronology/")
        assert_accessible(page)
        page.check("input[name='types'][value='missing']")
        click_and_wait(page, "button:has-text('Apply filters')")
        rows = page.locator("#chronology tbody tr")
        assert rows.count() == 4  # went missing twice, returned once, one interview
        assert_accessible(page)
        guide_screenshot(page, "chronology")

        page.fill("#id_start_0", "1")
        page.fill("#id_start_1", "1")
        page.fill("#id_start_2", "2021")
        page.fill("#id_end_0", "1")
        page.fill("#id_end_1", "1")
        page.fill("#id_end_2", "2020")
        click_and_wait(page, "button:has-text('Apply filters')")
        assert (
            "The to date must be the same as or after the from date"
            in page.locator(".govuk-error-summary").inner_text()
        )
        assert_accessible(page)
        context.close()
