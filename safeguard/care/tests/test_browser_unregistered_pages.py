"""In a real browser: an unregistered placement goes on the register, is visited, and appears
in the weekly report the schedule issues (every page axe-checked)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page

from safeguard.access.testing.login import session_cookie
from safeguard.access.testing.world import build_world
from safeguard.core import clock
from safeguard.core.testing.browser import assert_accessible, chromium, click_and_wait


def fill_date(page: Page, name: str, day: dt.date) -> None:
    page.fill(f"#id_{name}_0", str(day.day))
    page.fill(f"#id_{name}_1", str(day.month))
    page.fill(f"#id_{name}_2", str(day.year))


def saved(page: Page, text: str) -> None:
    page.wait_for_url("**/unregistered-placements/*/")
    banner = page.locator(".govuk-notification-banner--success")
    assert banner.count() == 1 and text in banner.inner_text()
    assert_accessible(page)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_unregistered_placement_then_visit_then_weekly_report(live_server, guide_screenshot):
    from safeguard.care.models_unregistered import IssuedDocument, UnregisteredPlacement
    from safeguard.care.tests.unregistered_helpers import placed_unregistered

    world = build_world()
    child = world.child_other_team
    today = clock.today()
    placed_on = today - dt.timedelta(days=9)
    placed_unregistered(child, placed_on)
    manager = session_cookie(world.users["service_manager"], live_server.url)
    iro = session_cookie(world.users["cp_chair_iro"], live_server.url)
    register_url = live_server.url + reverse("care:unregistered_register")
    visitor = str(world.workers["cp_chair_iro"].pk)

    with chromium() as browser:
        context = browser.new_context()
        context.add_cookies([manager])
        page = context.new_page()
        page.goto(register_url)
        assert page.locator("h1").inner_text() == "Unregistered placements register"
        assert_accessible(page)
        click_and_wait(page, "text=Add the placement to the register")
        assert_accessible(page)
        click_and_wait(page, "text=Add to the register")
        assert page.title().startswith("Error:")
        summary = page.locator(".govuk-error-summary").inner_text()
        assert "Select why no registered place was available" in summary
        assert_accessible(page)
        page.fill("#id_address", "Flat 2, 14 Harbour View\nWeymouth\nDT4 8AA")
        page.check("input[name=setting][value=rented]")
        page.check("input[name=reason][value=no_vacancy]")
        page.fill(
            "#id_reason_detail",
            "Eleven registered homes approached through the regional framework; none could "
            "meet the needs that day.",
        )
        fill_date(page, "approved_on", placed_on)
        page.fill("#id_approved_by", "Jo Pemberton")
        guide_screenshot(page, "unregistered-add-form")
        click_and_wait(page, "text=Add to the register")
        saved(page, "is on the register")
        context.close()

        context = browser.new_context()
        context.add_cookies([iro])
        page = context.new_page()
        page.goto(register_url)
        click_and_wait(page, f"#current >> text={child.first_name} {child.last_name}")
        assert_accessible(page)
        click_and_wait(page, "text=Record an independent visit")
        assert_accessible(page)
        fill_date(page, "visited_on", today)
        page.select_option("#id_visitor", visitor)
        page.check("input[name=child_spoken_to][value=spoken]")
        page.check("input[name=staff_spoken_to][value=spoken]")
        page.check("input[name=physical_condition][value=good]")
        for record in ("daily_log", "complaints", "sanctions", "restraint"):
            page.check(f"input[name=records_checked][value={record}_checked]")
        page.check("input[name=standard_of_care][value=adequate]")
        page.fill("#id_opinion", "Staff know the young person well; the flat is clean and warm.")
        guide_screenshot(page, "unregistered-visit-form")
        click_and_wait(page, "text=Save the visit")
        saved(page, "independent visit is saved")
        context.close()

    # The schedule runs: this week's report and this month's Ofsted notification.
    call_command("issue_unregistered_reports", "--date", today.isoformat(), "--no-pdf")
    weekly = IssuedDocument.objects.get(kind="weekly")
    assert UnregisteredPlacement.objects.get().visits.count() == 1

    with chromium() as browser:
        context = browser.new_context()
        context.add_cookies([manager])
        page = context.new_page()
        page.goto(register_url)
        assert "Week from" in page.locator("main").inner_text()
        guide_screenshot(page, "unregistered-register")
        page.goto(live_server.url + reverse("care:unregistered_documents"))
        assert_accessible(page)
        click_and_wait(page, "#documents >> text=Weekly report on unregistered placements")
        assert page.url.endswith(f"/documents/{weekly.pk}/")
        assert child.last_name in page.locator("main").inner_text()
        assert_accessible(page)
        with page.expect_download() as download:
            page.click("text=Download the CSV")
        assert download.value.suggested_filename.endswith(".csv")
        page.goto(live_server.url + reverse("care:unregistered_board"))
        assert "Children in unregistered placements now" in page.content()
        assert_accessible(page)
        context.close()

    assert weekly.placement_count == 1
    assert child.last_name in weekly.html
