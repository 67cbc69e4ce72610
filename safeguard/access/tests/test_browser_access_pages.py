"""In a real browser: break-glass, the child's record and the access pages, checked by axe."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from safeguard.access import services
from safeguard.access.testing.login import session_cookie
from safeguard.access.testing.world import build_world
from safeguard.core import clock
from safeguard.core.testing.browser import assert_accessible, chromium, click_and_wait

REASON = "Called by the police at 2am: the child was found alone at the bus station."


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_break_glass_in_the_browser(live_server):
    world = build_world()
    child = world.child_other_team
    worker = session_cookie(world.users["social_worker"], live_server.url)
    manager_cookie = session_cookie(world.users["team_manager"], live_server.url)
    with chromium() as browser:
        context = browser.new_context()
        context.add_cookies([worker])
        page = context.new_page()
        page.goto(live_server.url + reverse("people:child_record", kwargs={"child_id": child.pk}))
        assert "/break-glass/" in page.url
        assert page.locator("h1").inner_text() == "This record is outside your access rules"
        assert_accessible(page)

        click_and_wait(page, "text=Break glass and open the record")
        summary = page.locator(".govuk-error-summary")
        assert "Enter the reason you need to open this record" in summary.inner_text()
        assert page.title().startswith("Error:")
        assert_accessible(page)

        page.fill("#id_reason", REASON)
        page.click("text=Break glass and open the record")
        page.wait_for_url("**/children/*/")
        assert f"{child.first_name} {child.last_name}" in page.locator("h1").inner_text()
        assert "You opened this record by breaking glass" in page.content()
        assert_accessible(page)
        context.close()

        manager = browser.new_context()
        manager.add_cookies([manager_cookie])
        page = manager.new_page()
        page.goto(live_server.url + "/")
        page.goto(live_server.url + reverse("access:notifications"))
        assert "Notifications (1)" in page.locator("#navigation").inner_text()
        assert "used break-glass access" in page.content()
        assert_accessible(page)
        click_and_wait(page, "text=Mark as read")
        assert "Notifications (1)" not in page.locator("#navigation").inner_text()
        manager.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_access_pages_are_accessible(live_server):
    world = build_world()
    services.grant_access(
        user=world.users["consultant_social_worker"],
        child=world.child_restricted,
        granted_by=world.users["service_manager"],
        reason="Covering leave.",
        until=clock.now() + dt.timedelta(days=2),
    )
    cookie = session_cookie(world.users["service_manager"], live_server.url)
    with chromium() as browser:
        context = browser.new_context()
        context.add_cookies([cookie])
        page = context.new_page()
        for path in (
            reverse("people:child_record", kwargs={"child_id": world.child_allocated.pk}),
            reverse("access:capabilities"),
            reverse("access:notifications"),
            reverse("access:restriction", kwargs={"child_id": world.child_restricted.pk}),
            reverse("access:restriction", kwargs={"child_id": world.child_allocated.pk}),
            reverse("access:grant_access", kwargs={"child_id": world.child_restricted.pk}),
        ):
            response = page.goto(live_server.url + path)
            assert response is not None and response.status == 200, path
            assert_accessible(page)
        # The refusal page.
        response = page.goto(
            live_server.url
            + reverse("access:break_glass", kwargs={"child_id": world.child_restricted.pk})
        )
        assert response is not None and response.status == 403
        assert "You cannot open this page" in page.content()
        assert "This record is restricted" in page.content()
        assert_accessible(page)
        # The restrict form's own error state.
        page.goto(
            live_server.url
            + reverse("access:restriction", kwargs={"child_id": world.child_allocated.pk})
        )
        click_and_wait(page, "text=Restrict this record")
        assert "Select why the record is restricted." in page.content()
        assert_accessible(page)
        context.close()
