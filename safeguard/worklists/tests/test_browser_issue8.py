"""In a real browser: a MACE review due on the social worker's "My work", explained and
linked to the CAROLE page; the LADO's work queue; both checked by axe."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.urls import reverse

from safeguard.access.testing.login import session_cookie
from safeguard.access.testing.world import build_world
from safeguard.core import clock
from safeguard.core.testing.browser import assert_accessible, chromium
from safeguard.worklists.tests import issue8 as i8


@contextmanager
def chromium_page(cookie: Any) -> Iterator[Any]:
    with chromium() as browser:
        context = browser.new_context()
        context.add_cookies([cookie])
        try:
            yield context.new_page()
        finally:
            context.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_mace_review_due_on_my_work_and_the_lado_queue_in_the_browser(live_server):
    world = build_world()
    child = world.child_allocated
    today = clock.today()
    i8.moderated(child, today - dt.timedelta(days=60))
    # Significant risk: the review is due 6 weeks after this MACE, i.e. in 2 days.
    i8.mace(child, today - dt.timedelta(days=40), "significant", due=today + dt.timedelta(days=9))
    i8.allegation(
        today - dt.timedelta(days=35), reported_to_employer_on=today - dt.timedelta(days=45)
    )
    worker = session_cookie(world.users["social_worker"], live_server.url)
    lado = session_cookie(world.users["lado"], live_server.url)
    with chromium_page(worker) as page:
        page.goto(live_server.url + reverse("worklists:my_work"))
        week = page.locator("table", has=page.locator("caption", has_text="Due this week"))
        row = week.locator("tr", has_text="MACE review")
        assert row.count() == 1
        assert "Alex" in row.inner_text() and "Due this week" in row.inner_text()
        assert "agreed significant risk" in row.inner_text()
        row.locator("summary").click()
        explanation = row.locator(".govuk-details__text").inner_text()
        assert "6 weeks after previous MACE" in explanation and "significant risk" in explanation
        assert_accessible(page)
        row.locator("a.govuk-link").first.click()
        page.wait_for_url("**/carole/")
        assert "MACE review due by" in page.content()
    with chromium_page(lado) as page:
        page.goto(live_server.url + reverse("worklists:queue_lado"))
        assert page.locator("h1").inner_text() == "LADO: allegations to resolve"
        row = page.locator("tbody tr").first
        assert "Overdue" in row.inner_text() and "late: the employer knew" in row.inner_text()
        assert_accessible(page)
        # By keyboard: the item's link takes the LADO to the case.
        row.locator("a.govuk-link").first.focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**/lado/cases/*/")
        assert page.locator("h1").inner_text().startswith("LADO-WL-")
