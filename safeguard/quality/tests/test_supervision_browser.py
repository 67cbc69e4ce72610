"""In a real browser: a team manager opens their team's supervision, records a supervision
of a social worker with a direction on a child's case, and the direction shows on the
child's chronology, then reads the quarter's supervision report (a bad quarter first).
Every page is checked with axe-core; the guide's screenshots are taken."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from safeguard.access.testing.login import session_cookie
from safeguard.access.testing.world import build_world
from safeguard.core import calendar, clock
from safeguard.core.quarters import FinancialQuarter
from safeguard.core.testing.browser import assert_accessible, chromium, click_and_wait
from safeguard.quality.selectors.supervision import first_due

DIRECTION = "Visit this week and see Alex alone; update the safety plan."


def fill_date(page: Page, name: str, day: dt.date) -> None:
    page.fill(f"#id_{name}_0", str(day.day))
    page.fill(f"#id_{name}_1", str(day.month))
    page.fill(f"#id_{name}_2", str(day.year))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_manager_records_supervision_and_the_direction_is_on_the_record(
    live_server, guide_screenshot
):
    from safeguard.quality.models import Supervision

    world = build_world()
    child = world.child_allocated
    worker = world.workers["social_worker"]
    held = calendar.previous_working_day(clock.today())
    cookie = session_cookie(world.users["team_manager"], live_server.url)
    # The one recorded is the first due, 4 weeks after the worker started (in 2015).
    report_quarter = FinancialQuarter.containing(first_due(worker))

    with chromium() as browser:
        context = browser.new_context()
        context.add_cookies([cookie])
        page = context.new_page()
        page.goto(live_server.url + reverse("quality:supervision_team"))
        assert str(worker) in page.content() and "Overdue" in page.content()
        assert_accessible(page)
        guide_screenshot(page, "supervision-team")

        click_and_wait(page, f"a:has-text('Record supervision of {worker}')")
        assert_accessible(page)
        click_and_wait(page, "button:has-text('Save the supervision')")
        assert (
            "Select whether the supervision was held"
            in page.locator(".govuk-error-summary").inner_text()
        )
        assert_accessible(page)
        page.check("input[name=outcome][value=held]")
        fill_date(page, "held_on", held)
        page.fill(f"#id_case_{child.pk.hex}", DIRECTION)
        guide_screenshot(page, "supervision-record")
        click_and_wait(page, "button:has-text('Save the supervision')")
        assert page.locator(".govuk-notification-banner--success").count() == 1
        assert DIRECTION in page.content()
        assert_accessible(page)
        guide_screenshot(page, "supervision-detail")

        page.goto(
            live_server.url + reverse("people:child_chronology", kwargs={"child_id": child.pk})
        )
        assert "Management direction in supervision" in page.content()
        assert DIRECTION in page.content()
        assert_accessible(page)
        guide_screenshot(page, "supervision-chronology")

        page.goto(live_server.url + reverse("quality:supervision_team"))
        click_and_wait(page, "a#report-link")
        assert_accessible(page)  # the last complete quarter (perhaps empty)
        page.fill("#quarter", "this quarter")
        click_and_wait(page, "button:has-text('Show the report')")
        assert "Enter the quarter as YYYY-Qn" in page.locator(".govuk-error-summary").inner_text()
        assert_accessible(page)
        page.fill("#quarter", report_quarter.code)
        click_and_wait(page, "button:has-text('Show the report')")
        total = page.locator("#total").inner_text()
        assert world.teams["team_a"].name in page.locator("#by-team").inner_text()
        assert "All teams" in total and str(worker) not in page.content()
        assert_accessible(page)
        guide_screenshot(page, "supervision-report")
        context.close()

    record = Supervision.objects.get()
    assert FinancialQuarter.containing(record.due_on) == report_quarter
    assert record.held_on == held and record.cases.get().child_id == child.pk
