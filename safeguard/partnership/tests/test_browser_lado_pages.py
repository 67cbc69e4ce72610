"""In a real browser: the LADO records a contact, progresses it to a referral and holds the
strategy meeting; then the case list and the quarterly report. Every page is checked with
axe-core, and the user guide's screenshots are taken."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from safeguard.access.testing.login import session_cookie
from safeguard.access.testing.world import build_world
from safeguard.core import clock
from safeguard.core.testing.browser import assert_accessible, chromium, click_and_wait
from safeguard.partnership.quarters import Quarter


def fill_date(page: Page, name: str, day: dt.date) -> None:
    page.fill(f"#id_{name}_0", str(day.day))
    page.fill(f"#id_{name}_1", str(day.month))
    page.fill(f"#id_{name}_2", str(day.year))


def save(page: Page, button: str) -> None:
    click_and_wait(page, f"button:has-text('{button}')")
    assert page.locator(".govuk-notification-banner--success").count() == 1, page.content()[:3000]
    assert_accessible(page)


def _earlier_cases(today: dt.date) -> None:
    """A few cases from the last quarter, so the list and the report have something in them."""
    from safeguard.partnership.services import lado as services

    start = Quarter.containing(today).previous().start
    plan = [
        ("foster_carer", "fostering", "Casey Marsh", True),
        ("education", "education", "Drew Patel", False),
        ("residential_worker", "residential", "Avery Stone", True),
        ("health", "health", "Jamie Holt", False),
        ("early_years", "early_years", "Quinn Lowe", False),
    ]
    for n, (role, source, name, referral) in enumerate(plan):
        informed = start + dt.timedelta(days=7 * n + 2)
        allegation = services.record_contact(
            lado_informed_on=informed,
            reported_to_employer_on=informed - dt.timedelta(days=1),
            source_agency=source,
            subject_name=name,
            subject_role=role,
            category="physical",
            summary="Alleged rough handling.",
        )
        if referral:
            services.progress_to_referral(allegation=allegation, referral_on=informed)
        else:
            services.close_allegation(
                allegation=allegation, closed_on=informed, contact_outcome="advice"
            )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_lado_works_a_case_and_reads_the_report(live_server, guide_screenshot):
    from safeguard.partnership.models import Allegation

    world = build_world()
    today = clock.today()
    _earlier_cases(today)
    child = world.child_allocated
    cookie = session_cookie(world.users["lado"], live_server.url)
    informed = today - dt.timedelta(days=2)
    while informed.weekday() >= 5:
        informed -= dt.timedelta(days=1)

    with chromium() as browser:
        context = browser.new_context()
        context.add_cookies([cookie])
        page = context.new_page()
        page.goto(live_server.url + reverse("partnership:lado_cases"))
        assert "Waiting for you" in page.content()
        assert_accessible(page)
        click_and_wait(page, "text=Record a contact")
        assert_accessible(page)
        click_and_wait(page, "button:has-text('Save the contact')")
        summary = page.locator(".govuk-error-summary").inner_text()
        assert "Enter the date the LADO was informed" in summary
        assert "Select the category of the allegation" in summary
        assert_accessible(page)
        fill_date(page, "lado_informed_on", informed)
        fill_date(page, "reported_to_employer_on", informed - dt.timedelta(days=1))
        page.select_option("#id_source_agency", "education")
        page.fill("#id_source_detail", "Head teacher, Hill Primary School")
        page.fill("#id_subject_name", "Jordan Reed")
        page.select_option("#id_subject_role", "education")
        page.fill("#id_subject_employer", "Hill Primary School")
        page.check("input[name=category][value=physical]")
        page.fill("#id_summary", "A pupil says the teacher pulled them by the arm in class.")
        page.fill("#id_children", child.la_child_id)
        save(page, "Save the contact")
        assert "Alex" in page.content()  # the named child

        click_and_wait(page, "text=Progress to a referral")
        assert_accessible(page)
        fill_date(page, "referral_on", informed)
        save(page, "Save the referral")
        click_and_wait(page, "text=Record the strategy meeting")
        assert_accessible(page)
        fill_date(page, "held_on", today)
        page.check("input[name=police_involved][value=yes]")
        page.fill("#id_notes", "Police to speak with the child; teacher to stay off site.")
        save(page, "Save the meeting")
        assert "Record the outcome" in page.content()
        guide_screenshot(page, "lado-case")

        page.goto(live_server.url + reverse("partnership:lado_cases"))
        assert "Jordan Reed" in page.content()
        assert_accessible(page)
        guide_screenshot(page, "lado-cases")

        click_and_wait(page, "text=Quarterly report")
        assert "Contacts and referrals" in page.content()
        assert_accessible(page)
        guide_screenshot(page, "lado-report")
        context.close()

    allegation = Allegation.objects.get(subject_name="Jordan Reed")
    assert allegation.is_referral and allegation.meetings.count() == 1
    assert [c.child_id for c in allegation.children.all()] == [child.pk]
