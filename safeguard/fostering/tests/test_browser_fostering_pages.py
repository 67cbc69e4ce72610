"""In a real browser: a team manager records a fostering enquiry (after an empty save
shows the error summary), starts the assessment, takes it through panel to approval and
opens the household; then the sufficiency report. Every page is checked with axe-core,
and the user guide's screenshots are taken."""

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


def save(page: Page, button: str) -> None:
    click_and_wait(page, f"button:has-text('{button}')")
    assert page.locator(".govuk-notification-banner--success").count() == 1, page.content()[:3000]
    assert_accessible(page)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_manager_takes_an_enquiry_to_approval_and_reads_the_report(live_server, guide_screenshot):
    from safeguard.fostering.models import FosterHousehold

    world = build_world()
    today = clock.today()
    enquired = today - dt.timedelta(days=240)
    started = enquired + dt.timedelta(days=10)
    cookie = session_cookie(world.users["team_manager"], live_server.url)
    assessor = world.workers["social_worker"]

    with chromium() as browser:
        context = browser.new_context()
        context.add_cookies([cookie])
        page = context.new_page()
        page.goto(live_server.url + reverse("fostering:enquiries"))
        assert "No enquiries are at this stage." in page.content()
        assert_accessible(page)
        click_and_wait(page, "text=Record an enquiry")
        click_and_wait(page, "button:has-text('Save the enquiry')")
        summary = page.locator(".govuk-error-summary").inner_text()
        assert "Enter the name of the enquirer" in summary
        assert_accessible(page)
        fill_date(page, "received_on", enquired)
        page.fill("#id_enquirer_name", "Morgan Hale")
        page.select_option("#id_source", "event")
        save(page, "Save the enquiry")

        click_and_wait(page, "text=Start the assessment")
        fill_date(page, "started_on", started)
        page.select_option("#id_assessing_worker", str(assessor.pk))
        save(page, "Start stage 1")
        click_and_wait(page, "text=Start stage 2")
        fill_date(page, "stage_one_completed_on", started + dt.timedelta(days=45))
        fill_date(page, "started_on", started + dt.timedelta(days=46))
        save(page, "Start stage 2")
        click_and_wait(page, "text=Record the panel")
        fill_date(page, "stage_two_completed_on", started + dt.timedelta(days=150))
        fill_date(page, "panel_on", started + dt.timedelta(days=170))
        page.check("input[name=recommendation][value=approve]")
        save(page, "Save the panel")
        click_and_wait(page, "text=Record the ADM's decision")
        assert_accessible(page)
        fill_date(page, "decided_on", started + dt.timedelta(days=180))
        page.check("input[name=approved][value=yes]")
        page.fill("#id_household_name", "The Hales")
        page.fill("#id_carer_names", "Morgan Hale and Ari Hale")
        page.select_option("#id_approval_type", "short_term")
        page.fill("#id_age_from", "0")
        page.fill("#id_age_to", "11")
        page.fill("#id_children_approved", "2")
        save(page, "Save the decision")

        click_and_wait(page, "text=The Hales")
        assert "Next annual review due" in page.content()
        assert_accessible(page)
        guide_screenshot(page, "fostering-household")

        page.goto(live_server.url + reverse("fostering:households"))
        assert "The Hales" in page.content()
        assert_accessible(page)
        click_and_wait(page, "nav[aria-label=Fostering] >> text=Sufficiency report")
        assert "Median months from assessment to approval" in page.content()
        assert_accessible(page)
        guide_screenshot(page, "fostering-report")
        context.close()

    household = FosterHousehold.objects.get()
    assert household.vacancies == 2 and household.assessment.approved
