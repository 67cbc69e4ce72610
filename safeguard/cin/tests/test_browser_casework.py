"""In a real browser: start an assessment, complete it with factors, start a CIN plan and
record a visit (child seen alone); every page checked by axe-core, then the other CIN and
early help forms and their error states. Takes the user guide's screenshots of the
assessment and visit forms."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from safeguard.access.testing.login import session_cookie
from safeguard.access.testing.world import build_world
from safeguard.cin.models import CINPlan, Visit
from safeguard.cin.services import open_referral
from safeguard.core import clock
from safeguard.core.testing.browser import assert_accessible, chromium, click_and_wait


def fill_date(page, name: str, value: dt.date) -> None:
    page.fill(f"#id_{name}_0", str(value.day))
    page.fill(f"#id_{name}_1", str(value.month))
    page.fill(f"#id_{name}_2", str(value.year))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_assessment_to_visit_in_the_browser(live_server, guide_screenshot):
    world = build_world()
    child = world.child_allocated
    today = clock.today()
    episode = open_referral(
        child=child, referral_date=today - dt.timedelta(days=20), referral_source="2A"
    )
    cookie = session_cookie(world.users["social_worker"], live_server.url)
    early_help_cookie = session_cookie(world.users["early_help_worker"], live_server.url)
    record = reverse("people:child_record", kwargs={"child_id": child.pk})

    def url(name: str) -> str:
        return live_server.url + reverse(name, kwargs={"child_id": child.pk})

    with chromium() as browser:
        context = browser.new_context()
        context.add_cookies([cookie])
        page = context.new_page()

        # Start the assessment; the 45-working-day due date is shown.
        page.goto(url("assessment:start_assessment"))
        assert page.locator("h1").inner_text() == "Start an assessment"
        assert "The assessment is due by" in page.locator(".govuk-inset-text").inner_text()
        assert_accessible(page)
        fill_date(page, "start_date", today - dt.timedelta(days=18))
        page.click("#main-content form button[type=submit]")
        page.wait_for_url(f"**{record}")
        assert "The assessment has been started." in page.content()

        # Complete it: an error first (no factors), then the factors and outcome.
        page.goto(url("assessment:complete_assessment"))
        assert_accessible(page)
        click_and_wait(page, "#main-content form button[type=submit]")
        assert page.title().startswith("Error:")
        summary = page.locator(".govuk-error-summary").inner_text()
        assert "Select the factors identified" in summary
        assert "Enter the date the assessment was authorised" in summary
        assert_accessible(page)
        page.goto(url("assessment:complete_assessment"))
        fill_date(page, "authorised_on", today - dt.timedelta(days=2))
        page.check("input[name=factors][value='3B']")
        page.check("input[name=factors][value='4B']")
        page.check("input[name=outcome][value=cin_plan]")
        page.check("input[name=child_seen][value=yes]")
        page.check("input[name=seen_alone][value=yes]")
        page.fill("#id_contributors", "School (head of year), GP, health visitor")
        guide_screenshot(page, "assessment-form")
        page.click("#main-content form button[type=submit]")
        page.wait_for_url(f"**{record}")
        assert "The assessment has been completed." in page.content()

        # Start the CIN plan.
        page.goto(url("cin:start_cin_plan"))
        assert_accessible(page)
        fill_date(page, "start_date", today - dt.timedelta(days=1))
        page.click("#main-content form button[type=submit]")
        page.wait_for_url(f"**{record}")
        assert "The child in need plan has been started." in page.content()

        # Record a CIN visit: child seen alone, at home.
        page.goto(url("cin:record_visit"))
        assert_accessible(page)
        fill_date(page, "visit_date", today)
        page.check("input[name=visit_type][value=cin]")
        page.check("input[name=child_seen][value=yes]")
        page.check("input[name=seen_alone][value=yes]")
        page.select_option("#id_location", "home")
        page.fill(
            "#id_notes", "Saw the child alone in their bedroom; they showed me their drawings."
        )
        guide_screenshot(page, "visit-form")
        page.click("#main-content form button[type=submit]")
        page.wait_for_url(f"**{record}")
        assert "The visit has been recorded." in page.content()
        assert_accessible(page)

        # The other CIN forms for this child, and their error states.
        for name in ("cin:review_cin_plan", "cin:end_cin_plan", "cin:close_episode"):
            page.goto(url(name))
            assert_accessible(page)
            click_and_wait(page, "#main-content form button[type=submit]")
            assert page.title().startswith("Error:"), name
            assert_accessible(page)
        page.goto(url("earlyhelp:step_down"))
        assert_accessible(page)
        context.close()

        # The early help forms, as the early help worker leading the world's episode.
        context = browser.new_context()
        context.add_cookies([early_help_cookie])
        page = context.new_page()
        for name in (
            "earlyhelp:record_early_help_assessment",
            "earlyhelp:appoint_lead_professional",
            "earlyhelp:record_taf_plan",
            "earlyhelp:step_up",
            "earlyhelp:close_early_help",
        ):
            page.goto(
                live_server.url + reverse(name, kwargs={"child_id": world.child_early_help.pk})
            )
            assert_accessible(page)
        click_and_wait(page, "#main-content form button[type=submit]")
        assert page.title().startswith("Error:")
        assert_accessible(page)
        context.close()

    assert CINPlan.objects.get(episode=episode).start_date == today - dt.timedelta(days=1)
    visit = Visit.objects.get(child=child)
    assert (visit.child_seen, visit.seen_alone, visit.episode) == (True, True, episode)
    assert visit.worker == world.workers["social_worker"]
