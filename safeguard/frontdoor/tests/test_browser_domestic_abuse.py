"""In a real browser: a PPN received, triaged, listed at HRDA and an action recorded (axe)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from safeguard.access.testing.login import session_cookie
from safeguard.access.testing.world import build_world
from safeguard.core import clock
from safeguard.core.testing.browser import assert_accessible, chromium, click_and_wait
from safeguard.frontdoor.models_domestic_abuse import HrdaAction, HrdaListing
from safeguard.frontdoor.services_domestic_abuse import next_hrda_day
from safeguard.frontdoor.tests.pages import new_contact


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ppn_to_hrda_action_in_the_browser(live_server, guide_screenshot):
    world = build_world()
    ppn = new_contact(
        hours_ago=3,
        children=[world.child_mash],
        source="6",
        channel="police_ppn",
        ppn_rating="red",
        concerns="Police attended a domestic incident at night; the child was in the house.",
    )
    new_contact(hours_ago=30, source="6", channel="police_ppn", ppn_rating="green")
    hrda_day = next_hrda_day(clock.today())  # the consultation lists the case there
    first_name = world.child_mash.first_name
    cookie = session_cookie(world.users["mash_officer"], live_server.url)
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_cookies([cookie])
        page = context.new_page()

        page.goto(live_server.url + reverse("frontdoor:ppn_list"))
        assert page.locator("h1").inner_text() == "Police PPNs to triage"
        assert_accessible(page)
        guide_screenshot(page, "ppn-list")

        page.goto(live_server.url + reverse("frontdoor:consult_ppn", kwargs={"contact_id": ppn.pk}))
        assert_accessible(page)
        click_and_wait(page, "text=Record outcome")
        assert (
            "Select the consultation outcome" in page.locator(".govuk-error-summary").inner_text()
        )
        assert_accessible(page)
        page.check("#id_outcome_5")  # high risk: HRDA
        page.fill("#id_notes", "DASH high risk; repeat incident with the child present.")
        click_and_wait(page, "text=Record outcome")
        assert "Consultation outcome recorded" in page.content()

        page.goto(live_server.url + reverse("frontdoor:hrda_meeting") + f"?date={hrda_day}")
        assert "1 case listed" in page.content()
        assert first_name in page.content()
        assert_accessible(page)

        click_and_wait(page, "text=Record action")
        assert_accessible(page)
        due = hrda_day
        page.fill("#id_action", "Refer to the IDVA and agree a safety plan.")
        page.fill("#id_agency", "You First")
        page.fill("#id_due_on_0", str(due.day))
        page.fill("#id_due_on_1", str(due.month))
        page.fill("#id_due_on_2", str(due.year))
        click_and_wait(page, "text=Record action")
        assert "Refer to the IDVA and agree a safety plan." in page.content()
        assert_accessible(page)
        guide_screenshot(page, "hrda-meeting")
        context.close()

    listing = HrdaListing.objects.get(case__contact=ppn)
    assert listing.meeting.held_on == hrda_day
    assert HrdaAction.objects.get(listing=listing).agency == "You First"
