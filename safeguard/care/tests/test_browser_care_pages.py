"""In a real browser: a child comes into care, moves placement and has a review (axe-checked)."""

from __future__ import annotations

import datetime as dt

import pytest
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


def fill_placement(page: Page, *, carers: str, postcode: str) -> None:
    page.select_option("#id_placement_type", "U6")
    page.select_option("#id_placement_provider", "PR1")
    page.fill("#id_carer_name", carers)
    page.fill("#id_placement_postcode", postcode)
    page.fill("#id_placement_la_code", "001")
    page.fill("#id_distance_miles", "4.5")
    page.check("#id_is_registered_1")


def save(page: Page, button: str) -> None:
    page.click(f"text={button}")
    page.wait_for_url("**/children/*/")
    assert page.locator(".govuk-notification-banner--success").count() == 1
    assert_accessible(page)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_into_care_then_a_move_then_a_review(live_server, guide_screenshot):
    world = build_world()
    child = world.child_allocated
    iro = world.workers["cp_chair_iro"]
    cookie = session_cookie(world.users["social_worker"], live_server.url)
    today = clock.today()

    def go(name: str) -> str:
        return live_server.url + reverse(name, kwargs={"child_id": child.pk})

    with chromium() as browser:
        context = browser.new_context()
        context.add_cookies([cookie])
        page = context.new_page()

        page.goto(go("care:start_care"))
        assert page.locator("h1").inner_text() == "Child becomes looked after"
        assert_accessible(page)
        click_and_wait(page, "text=Save and start the period of care")
        assert page.title().startswith("Error:")
        assert "Select the legal status" in page.locator(".govuk-error-summary").inner_text()
        assert_accessible(page)
        page.goto(go("care:start_care"))
        fill_date(page, "started_on", today - dt.timedelta(days=30))
        page.select_option("#id_legal_status", "C2")
        page.select_option("#id_category_of_need", "N1")
        page.fill("#id_home_postcode", "BH8 8AA")
        fill_placement(page, carers="Jo and Sam Smith", postcode="BH1 1AA")
        guide_screenshot(page, "start-care-form")
        save(page, "Save and start the period of care")
        assert "is recorded as looked after" in page.content()

        page.goto(go("care:change_placement"))
        assert "Full care order (C2)" in page.content()
        assert_accessible(page)
        fill_date(page, "changed_on", today - dt.timedelta(days=10))
        page.select_option("#id_reason_placement_change", "CARPL")
        page.check("#id_same_carers_2")
        fill_placement(page, carers="Pat Jones", postcode="BH2 5AA")
        save(page, "Save the change of placement")

        page.goto(go("care:record_review"))
        assert "Next review due" in page.content()
        assert_accessible(page)
        fill_date(page, "held_on", today - dt.timedelta(days=2))
        page.check("#id_participation_2")
        page.select_option("#id_chaired_by", str(iro.pk))
        save(page, "Save the review")
        context.close()

    from safeguard.care.models import LookedAfterEpisode, LookedAfterReview

    episodes = LookedAfterEpisode.objects.filter(child=child).order_by("started_on")
    assert [e.reason_new_episode for e in episodes] == ["S", "P"]
    assert LookedAfterReview.objects.get(child=child).participation == "PN1"
