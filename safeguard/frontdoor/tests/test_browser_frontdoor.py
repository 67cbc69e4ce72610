"""In a real browser: record a contact, triage it and decide, each page checked by axe."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from safeguard.access.testing.login import session_cookie
from safeguard.access.testing.world import build_world, make_child
from safeguard.core import clock
from safeguard.core.testing.browser import assert_accessible, chromium, click_and_wait
from safeguard.frontdoor import services
from safeguard.frontdoor.models import Contact
from safeguard.frontdoor.tests.pages import new_contact, triaged


def _fill_the_queue(world) -> None:
    """A realistic queue for the screenshot: every priority, a PPN, checks, an overdue one."""
    red = triaged(world, priority="red", hours_ago=3)
    services.request_partner_check(
        triage=red, agency="police", requested_at=clock.now() - dt.timedelta(hours=2)
    )
    services.request_partner_check(
        triage=red, agency="health", requested_at=clock.now() - dt.timedelta(hours=2)
    )
    new_contact(hours_ago=5, channel="police_ppn", source="6", ppn_rating="amber")
    new_contact(hours_ago=24 * 4, source="3B", channel="phone")
    triaged(world, priority="green", hours_ago=20, source="1A", channel="public_line")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_contact_to_triage_to_decision_in_the_browser(live_server, guide_screenshot):
    world = build_world()
    _fill_the_queue(world)
    child = make_child(first_name="Morgan", last_name="Reeve")
    cookie = session_cookie(world.users["mash_officer"], live_server.url)
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_cookies([cookie])
        page = context.new_page()

        page.goto(live_server.url + reverse("frontdoor:mash_queue"))
        assert page.locator("h1").inner_text() == "MASH queue"
        assert_accessible(page)
        guide_screenshot(page, "mash-queue")

        page.goto(live_server.url + reverse("frontdoor:record_contact"))
        assert_accessible(page)
        guide_screenshot(page, "contact-form")
        click_and_wait(page, "text=Save contact")
        assert page.title().startswith("Error:")
        assert (
            "Enter what the referrer is worried about"
            in page.locator(".govuk-error-summary").inner_text()
        )
        assert_accessible(page)

        page.fill("#id_children", child.la_child_id)
        page.select_option("#id_source", "2A")
        page.check("#id_channel_1")
        page.fill("#id_referrer_name", "Pat Teacher")
        page.fill("#id_concerns", "Morgan came to school with a burn on the hand.")
        page.check("#id_consent_asked_1")
        page.check("#id_consent_given_1")
        page.click("text=Save contact")
        page.wait_for_url("**/front-door/contacts/*/")
        assert "Morgan Reeve" in page.content()
        assert_accessible(page)

        page.click("text=Start MASH triage")
        page.wait_for_url("**/triage/")
        assert_accessible(page)
        page.check("#id_priority_1")
        page.click("text=Start triage")
        page.wait_for_url("**/front-door/contacts/*/")
        assert "MASH triage started with red priority" in page.content()

        page.click("text=Record the MASH decision")
        page.wait_for_url("**/decision/")
        assert_accessible(page)
        page.check("#id_outcome_3")  # assessment
        page.fill("#id_reasons", "Unexplained burn; needs a single assessment.")
        page.check("#id_feedback_given_2")
        page.click("text=Save decision")
        page.wait_for_url("**/children/*/")
        assert "A referral to children's social care is open" in page.content()
        assert_accessible(page)
        context.close()

    contact = Contact.objects.get(contact_children__child=child)
    assert contact.triage.decisions.get().cin_episode is not None
