"""In a real browser: the record's risks outside the home and a MACE in the chronology;
axe-checked; the MACE entry's link opens the child's CAROLE page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from safeguard.access.testing.login import session_cookie
from safeguard.access.testing.world import build_world
from safeguard.core.testing.browser import assert_accessible, chromium, click_and_wait
from safeguard.people.tests.journey import full_history
from safeguard.people.tests.journey_outside_home import outside_home_history


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_risks_outside_the_home_and_a_mace_in_the_chronology(live_server):
    world = build_world()
    child = world.child_allocated
    full_history(child, world.workers["social_worker"])
    outside_home_history(child, world.workers["social_worker"])
    cookie = session_cookie(world.users["social_worker"], live_server.url)
    with chromium() as browser:
        context = browser.new_context()
        context.add_cookies([cookie])
        page = context.new_page()
        page.goto(live_server.url + reverse("people:child_record", kwargs={"child_id": child.pk}))
        section = page.locator("#risks-outside-home")
        assert "Risks outside the home" in section.inner_text()
        assert "Moderate" in section.inner_text()
        assert "MACE review due by" in section.inner_text()
        assert page.locator("#ppns tbody tr").count() == 1
        assert_accessible(page)

        page.click("nav[aria-label='Sections of the record'] >> text=Chronology")
        page.wait_for_url("**/chronology/")
        page.check("input[name='types'][value='exploitation']")
        click_and_wait(page, "button:has-text('Apply filters')")
        rows = page.locator("#chronology tbody tr")
        # Screening, assessment, moderation, first MACE and the review.
        assert rows.count() == 5
        assert "MACE review" in rows.first.inner_text()
        assert "Moderate risk; next review due by" in rows.first.inner_text()
        assert_accessible(page)

        # The entry's link is followed with the keyboard.
        link = page.locator("#chronology a", has_text="First MACE meeting")
        link.focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith(reverse("exploitation:carole", kwargs={"child_id": child.pk}))
        assert "Exploitation (CAROLE)" in page.locator("h1").inner_text()
        context.close()
