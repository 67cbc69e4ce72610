"""In a real browser: year-round validation lists the rules a child's record fails, opens
to the child (named for a manager, pseudonymised for an analyst), axe-checked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse

from safeguard.access.pseudonymised import pseudonym
from safeguard.access.testing.login import session_cookie
from safeguard.access.testing.world import build_world, make_child
from safeguard.cin.models import CINEpisode
from safeguard.core.testing.browser import assert_accessible, chromium, click_and_wait
from safeguard.people.identifiers import upn_check_letter

YEAR = 2026  # 1 April 2025 to 31 March 2026


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_validation_by_rule_opens_to_the_child(live_server, guide_screenshot):
    world = build_world()
    body = "001" + "2345" + "19" + "123"  # characters 2-4: not a DfE local authority number
    child = make_child(first_name="Cara", last_name="Browser", upn=upn_check_letter(body) + body)
    CINEpisode.objects.create(child=child, referral_date=dt.date(2025, 6, 2), referral_source="6")
    manager = session_cookie(world.users["team_manager"], live_server.url)
    analyst = session_cookie(world.users["performance_analyst"], live_server.url)
    start = live_server.url + reverse("returns:index") + f"?year={YEAR}"

    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_cookies([manager])
        page = context.new_page()
        page.goto(start)
        assert page.locator("h1").inner_text() == "Statutory returns"
        assert page.get_by_role("link", name="Download").count() == 0  # no export_returns
        assert_accessible(page)
        click_and_wait(page, "text=CIN census: errors and queries by rule")
        assert page.locator("h1").inner_text().startswith("CIN census, 2025 to 2026")
        rule = page.locator("#rules-failing a", has_text="1530")
        assert rule.count() == 1
        assert_accessible(page)
        guide_screenshot(page, "returns-validation")

        with page.expect_navigation():
            rule.click()
        assert page.locator("h1").inner_text() == "Rule 1530"
        link = page.locator("#failing-rows a", has_text="Cara Browser")
        assert link.count() == 1
        assert link.get_attribute("href") == reverse(
            "people:child_record", kwargs={"child_id": child.pk}
        )
        assert_accessible(page)
        guide_screenshot(page, "returns-rule")
        context.close()

        # An analyst sees the same list with pseudonyms, and may download the returns.
        context = browser.new_context()
        context.add_cookies([analyst])
        page = context.new_page()
        page.goto(
            live_server.url
            + reverse("returns:validation_rule", args=["cin-census", "1530"])
            + f"?year={YEAR}"
        )
        assert "Cara" not in page.content()
        assert page.locator("#failing-rows code", has_text=pseudonym(child.pk)).count() == 1
        assert_accessible(page)
        page.goto(start)
        with page.expect_download() as download:
            page.click("text=CIN census 2026 (XML)")
        assert download.value.suggested_filename == "cin-census-2026.xml"
        saved = Path(download.value.path())
        assert b"<LAchildID>" in saved.read_bytes()
        context.close()
