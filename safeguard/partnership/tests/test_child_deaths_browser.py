"""In a real browser: the partnership business unit records a child death notification,
the Joint Agency Response, the child death review meeting and the panel's review with its
category and modifiable factors; then the list and the annual statistics. Every page is
checked with axe-core, and the user guide's screenshots are taken."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from safeguard.access.testing.login import session_cookie
from safeguard.access.testing.world import build_world
from safeguard.core import clock
from safeguard.core.quarters import financial_year_of
from safeguard.core.testing.browser import assert_accessible, chromium, click_and_wait
from safeguard.partnership.services.child_deaths_checks import ensure_standard_factors


def fill_date(page: Page, name: str, day: dt.date) -> None:
    page.fill(f"#id_{name}_0", str(day.day))
    page.fill(f"#id_{name}_1", str(day.month))
    page.fill(f"#id_{name}_2", str(day.year))


def save(page: Page, button: str) -> None:
    click_and_wait(page, f"button:has-text('{button}')")
    assert page.locator(".govuk-notification-banner--success").count() == 1, page.content()[:3000]
    assert_accessible(page)


def _earlier_deaths(today: dt.date) -> None:
    """Last financial year's deaths, some reviewed, so the statistics have something."""
    from safeguard.partnership.tests.test_child_deaths_support import notify, reviewed

    start = dt.date(financial_year_of(today) - 1, 4, 1)
    plan = [
        (0, "expected", "ours", ("smoking_in_pregnancy",)),
        (200, "unexpected", "neighbour", ("co_sleeping", "household_smoking")),
        (3, "expected", "neighbour", ()),
        (6000, "unexpected", "ours", ()),
    ]
    for n, (age_days, expectation, area, factors) in enumerate(plan):
        died = start + dt.timedelta(days=20 * n + 5)
        death = notify(
            date_of_birth=died - dt.timedelta(days=age_days),
            date_of_death=died,
            notified_on=died + dt.timedelta(days=1),
            expectation=expectation,
            resident_area=area,
            sex="1" if n % 2 else "2",
        )
        reviewed(death, on=died + dt.timedelta(days=120), factors=factors,
                 category="8" if age_days < 28 else "10")  # fmt: skip


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_business_unit_reviews_a_child_death_and_reads_the_statistics(
    live_server, guide_screenshot
):
    from safeguard.partnership.models import ChildDeath

    world = build_world()
    ensure_standard_factors()
    today = clock.today()
    _earlier_deaths(today)
    cookie = session_cookie(world.users["partnership_business_unit"], live_server.url)
    died = today - dt.timedelta(days=75)

    with chromium() as browser:
        context = browser.new_context()
        context.add_cookies([cookie])
        page = context.new_page()
        page.goto(live_server.url + reverse("partnership:child_death_list"))
        assert "Waiting for you" in page.content()
        assert_accessible(page)
        click_and_wait(page, "text=Record a notification")
        assert_accessible(page)
        click_and_wait(page, "button:has-text('Save the notification')")
        summary = page.locator(".govuk-error-summary").inner_text()
        assert "Enter the date of death" in summary
        assert "Select whether the death was expected" in summary
        assert_accessible(page)
        page.fill("#id_first_name", "Robin")
        page.fill("#id_last_name", "Marsh")
        fill_date(page, "date_of_birth", died - dt.timedelta(days=90))
        fill_date(page, "date_of_death", died)
        page.check("input[name=sex][value='1']")
        page.select_option("#id_ethnicity", "WBRI")
        page.check("input[name=resident_area][value=ours]")
        fill_date(page, "notified_on", died)
        page.select_option("#id_notified_by", "ambulance")
        page.fill("#id_notifier_detail", "Paramedic, Wessex Ambulance Service")
        page.select_option("#id_place_of_death", "home")
        page.check("input[name=expectation][value=unexpected]")
        page.check("input[name=known_to_social_care][value=no]")
        page.fill("#id_circumstances", "Found unresponsive in the parents' bed in the morning.")
        save(page, "Save the notification")
        assert "28 to 364 days" in page.content()
        guide_screenshot(page, "child-death-notification")

        click_and_wait(page, "#actions a:has-text('Record the Joint Agency Response')")
        assert_accessible(page)
        fill_date(page, "started_on", died)
        page.fill("#id_lead", "Dr Lane, designated paediatrician for unexpected deaths")
        save(page, "Save the response")

        click_and_wait(page, "#actions a:has-text('Record the child death review meeting')")
        assert_accessible(page)
        fill_date(page, "meeting_on", died + dt.timedelta(days=40))
        page.check("input[name=held][value=yes]")
        save(page, "Save the meeting")

        click_and_wait(page, '#actions a:has-text("Record the panel\'s review")')
        assert_accessible(page)
        fill_date(page, "reviewed_on", died + dt.timedelta(days=70))
        page.check("input[name=category][value='10']")
        page.check("input[name=modifiable][value=yes]")
        page.check("label:has-text('Co-sleeping')")
        page.check("label:has-text('Unsafe sleeping environment')")
        page.fill("#id_learning", "Repeat safer sleep advice before the holidays.")
        guide_screenshot(page, "child-death-panel")
        save(page, "Save the review")
        assert "The review is complete" in page.content()
        guide_screenshot(page, "child-death-review")

        page.goto(live_server.url + reverse("partnership:child_death_list"))
        assert "Robin Marsh" in page.content()
        assert_accessible(page)
        guide_screenshot(page, "child-death-list")

        click_and_wait(page, "text=Annual statistics and NCMD extract")
        assert "Reviews with modifiable factors" in page.content()
        assert page.locator("#modifiable").inner_text().startswith("2 of 4")
        assert_accessible(page)
        guide_screenshot(page, "child-death-statistics")
        context.close()

    death = ChildDeath.objects.get(last_name="Marsh")
    assert death.is_reviewed and death.category == "10" and death.modifiable
    assert sorted(death.factors.values_list("code", flat=True)) == [
        "co_sleeping",
        "unsafe_sleeping",
    ]
