"""In a real browser: quality assurance schedules a Diagonal Slice, invites a team and one
person, records apologies and attendance, and reads the quarter's attendance report.
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


def fill_date(page: Page, name: str, day: dt.date) -> None:
    page.fill(f"#id_{name}_0", str(day.day))
    page.fill(f"#id_{name}_1", str(day.month))
    page.fill(f"#id_{name}_2", str(day.year))


def saved(page: Page) -> None:
    assert page.locator(".govuk-notification-banner--success").count() == 1, page.content()[:2000]
    assert_accessible(page)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_qa_runs_a_diagonal_slice(live_server, guide_screenshot):
    from safeguard.quality.models import PracticeMeeting, Response

    world = build_world()
    day = calendar.previous_working_day(clock.today())
    apologies = calendar.add_working_days(day, -3)
    cookie = session_cookie(world.users["quality_assurance"], live_server.url)
    team_a = world.teams["team_a"]
    absent = world.workers["consultant_social_worker"]

    with chromium() as browser:
        context = browser.new_context()
        context.add_cookies([cookie])
        page = context.new_page()
        page.goto(live_server.url + reverse("quality:meeting_list"))
        assert_accessible(page)
        click_and_wait(page, "a.govuk-button:has-text('Schedule a meeting')")
        assert_accessible(page)
        page.check("input[name=kind][value=diagonal_slice]")
        fill_date(page, "held_on", day)
        page.fill("#id_title", "The 5 C's: care, challenge, curiosity")
        click_and_wait(page, "button:has-text('Schedule')")
        saved(page)

        page.select_option("#id_team", str(team_a.pk))
        page.check(f"input[name=workers][value='{world.workers['team_b'].pk}']")
        guide_screenshot(page, "practice-meeting-invite")
        click_and_wait(page, "button:has-text('Send invitations')")
        saved(page)

        click_and_wait(page, "a:has-text('Record apologies')")
        assert_accessible(page)
        page.select_option("#id_invitation", label=str(absent))
        fill_date(page, "received_on", apologies)
        click_and_wait(page, "button:has-text('Save apologies')")
        saved(page)

        click_and_wait(page, "a:has-text('Record attendance')")
        assert_accessible(page)
        boxes = page.locator("input[name=attended]")
        for n in range(boxes.count()):
            boxes.nth(n).check()
        page.get_by_label(f"{absent} (apologies", exact=False).uncheck()
        guide_screenshot(page, "practice-meeting-attendance")
        click_and_wait(page, "button:has-text('Save attendance')")
        saved(page)
        guide_screenshot(page, "practice-meeting-detail")

        quarter = FinancialQuarter.containing(day)
        page.goto(live_server.url + reverse("quality:meeting_report") + f"?quarter={quarter.code}")
        assert "Attendance by kind of meeting" in page.content()
        assert_accessible(page)
        guide_screenshot(page, "practice-meeting-report")
        context.close()

    meeting = PracticeMeeting.objects.get()
    responses = dict(meeting.invitations.values_list("worker_id", "response"))
    assert responses[absent.pk] == Response.APOLOGIES
    assert responses[world.workers["team_b"].pk] == Response.ATTENDED
    assert meeting.attendance_recorded_on is not None
