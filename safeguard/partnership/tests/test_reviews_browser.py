"""In a real browser: the partnership business unit records a serious incident, its
notification and rapid review, adds an action to the action plan and completes it; then
the list and the review tracker. Every page is checked with axe-core, and the user
guide's screenshots are taken (docs/images/practice-review-*.png)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from safeguard.access.testing.login import session_cookie
from safeguard.access.testing.world import build_world
from safeguard.core import calendar, clock
from safeguard.core.testing.browser import assert_accessible, chromium, click_and_wait


def fill_date(page: Page, name: str, day: dt.date) -> None:
    page.fill(f"#id_{name}_0", str(day.day))
    page.fill(f"#id_{name}_1", str(day.month))
    page.fill(f"#id_{name}_2", str(day.year))


def save(page: Page, button: str) -> None:
    click_and_wait(page, f"button:has-text('{button}')")
    assert page.locator(".govuk-notification-banner--success").count() == 1, page.content()[:3000]
    assert_accessible(page)


def _earlier_review(today: dt.date) -> None:
    """An older review with an overdue action, so the tracker has something in it."""
    from safeguard.partnership.services import reviews as services
    from safeguard.partnership.services import reviews_plan as plan

    aware = calendar.add_working_days(today, -80)
    incident = services.record_incident(
        child_identifier="Child T", la_area="neighbour", incident_type="death", aware_on=aware
    )
    services.record_notification(
        incident=incident,
        panel_notified_on=calendar.add_working_days(aware, 3),
        partners_notified_on=calendar.add_working_days(aware, 3),
    )
    held = calendar.add_working_days(aware, 15)
    services.record_rapid_review(
        incident=incident,
        held_on=held,
        sent_on=held,
        facts="Sudden unexpected death in infancy; co-sleeping.",
        immediate_actions="Safe sleep advice to the family.",
        decision="no_further_review",
        reasons="Learning clear from the rapid review.",
    )
    plan.add_action(
        incident=incident,
        action="Refresh safe sleep guidance for health visitors.",
        owner_agency="NHS community health services",
        due_on=today - dt.timedelta(days=10),
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_notification_rapid_review_and_action_completed(live_server, guide_screenshot):
    from safeguard.partnership.models import ReviewAction, SeriousIncident
    from safeguard.partnership.services.reviews_checks import ensure_standard_themes

    world = build_world()
    ensure_standard_themes()
    today = clock.today()
    _earlier_review(today)
    cookie = session_cookie(world.users["partnership_business_unit"], live_server.url)
    aware = calendar.add_working_days(today, -20)
    notified = calendar.add_working_days(aware, 2)
    held = calendar.add_working_days(notified, 12)

    with chromium() as browser:
        context = browser.new_context()
        context.add_cookies([cookie])
        page = context.new_page()
        page.goto(live_server.url + reverse("partnership:review_list"))
        assert "Child T" in page.content()
        assert_accessible(page)
        click_and_wait(page, "text=Record a serious incident")
        assert_accessible(page)
        page.fill("#id_child_identifier", "1234567")
        click_and_wait(page, "button:has-text('Save the serious incident')")
        summary = page.locator(".govuk-error-summary").inner_text()
        assert "not a number" in summary and "Select the area" in summary
        assert_accessible(page)
        page.fill("#id_child_identifier", "Child L")
        page.check("input[name=la_area][value=ours]")
        page.check("input[name=incident_type][value=serious_harm]")
        page.check("input[name=looked_after][value=no]")
        fill_date(page, "aware_on", aware)
        page.fill("#id_summary", "Baby of 4 months admitted with a fractured femur.")
        guide_screenshot(page, "practice-review-notification")
        save(page, "Save the serious incident")

        click_and_wait(page, "text=Record the notification")
        assert_accessible(page)
        fill_date(page, "panel_notified_on", notified)
        fill_date(page, "partners_notified_on", notified)
        save(page, "Save the notification")

        click_and_wait(page, "text=Record the rapid review")
        assert_accessible(page)
        fill_date(page, "held_on", held)
        fill_date(page, "sent_on", held)
        page.fill(
            "#id_facts", "Non-mobile baby with an unexplained injury; father's account varied."
        )
        page.fill("#id_immediate_actions", "Strategy discussion; child protection enquiries.")
        page.check("input[name=decision][value=local_cspr]")
        page.fill("#id_reasons", "Significant learning about bruising and fractures in babies.")
        guide_screenshot(page, "practice-review-rapid-review")
        save(page, "Save the rapid review")

        click_and_wait(page, "text=Add an action to the action plan")
        assert_accessible(page)
        page.fill("#id_action", "Audit health visitor records of injuries to non-mobile babies.")
        page.fill("#id_owner_agency", "NHS community health services")
        fill_date(page, "due_on", today + dt.timedelta(days=60))
        save(page, "Save the action")
        assert "Not started" in page.content()

        click_and_wait(page, "#action-plan >> text=Complete")
        assert_accessible(page)
        fill_date(page, "completed_on", today)
        page.fill("#id_evidence", "Audit of 40 records reported to the learning and review group.")
        save(page, "Complete the action")
        assert "Audit of 40 records" in page.content()
        guide_screenshot(page, "practice-review-case")

        page.goto(live_server.url + reverse("partnership:review_tracker"))
        assert "Child L" in page.content() and "Refresh safe sleep" in page.content()
        assert_accessible(page)
        guide_screenshot(page, "practice-review-tracker")

        page.goto(live_server.url + reverse("partnership:review_themes_list"))
        assert_accessible(page)
        context.close()

    incident = SeriousIncident.objects.get(child_identifier="Child L")
    assert incident.decision == "local_cspr" and incident.rapid_review_sent_on == held
    action = ReviewAction.objects.get(incident=incident)
    assert action.status == "complete" and action.completed_on == today
