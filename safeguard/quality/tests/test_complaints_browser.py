"""In a real browser: a complaints officer records a formal complaint, answers it, and the
quarterly report shows it; then records a family feedback survey. Every page is checked
with axe-core, and the user guide's screenshots are taken."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from safeguard.access.testing.login import session_cookie
from safeguard.access.testing.world import build_world
from safeguard.core import clock
from safeguard.core.quarters import FinancialQuarter
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
def test_record_answer_report_and_feedback(live_server, guide_screenshot):
    from safeguard.cin.models import CINEpisode
    from safeguard.quality.models import Complaint, FamilyFeedback

    world = build_world()
    today = clock.today()
    child = world.child_allocated
    CINEpisode.objects.create(
        child=child, referral_date=today - dt.timedelta(days=200), referral_source="2A"
    )
    url = live_server.url
    cookie = session_cookie(world.users["quality_assurance"], url)

    with chromium() as browser:
        context = browser.new_context()
        context.add_cookies([cookie])
        page = context.new_page()
        page.goto(url + reverse("quality:complaint_list"))
        assert "No complaints are recorded yet" in page.content()
        assert_accessible(page)
        click_and_wait(page, "text=Record a complaint")
        assert_accessible(page)
        click_and_wait(page, "button:has-text('Save the complaint')")
        assert "Select formal or informal" in page.locator(".govuk-error-summary").inner_text()
        assert_accessible(page)
        page.check("input[name=kind][value=formal]")
        fill_date(page, "received_on", today)
        page.fill("#id_complainant_name", "Jordan Example")
        page.check("input[name=complainant_relationship][value=parent]")
        page.fill("#id_child", child.la_child_id)
        page.select_option("#id_team", str(world.teams["team_a"].pk))
        page.check("input[name=category][value=communication]")
        page.fill("#id_summary", "Calls to the social worker were not returned for three weeks.")
        guide_screenshot(page, "complaint-form")
        save(page, "Save the complaint")
        assert "Awaiting a response" in page.content()

        click_and_wait(page, "text=Answer the complaint")
        assert_accessible(page)
        fill_date(page, "responded_on", today)
        page.check("input[name=outcome][value=partly_justified]")
        page.fill("#id_response_summary", "We apologised and named a duty contact.")
        page.fill("#id_learning_points", "Workers return calls within two working days.")
        guide_screenshot(page, "complaint-answer")
        save(page, "Save the response")
        assert "within 20 working days" in page.content()
        guide_screenshot(page, "complaint-detail")

        page.goto(url + reverse("quality:complaint_list"))
        assert f"CMP-{today.year}-0001" in page.content()
        assert_accessible(page)
        guide_screenshot(page, "complaint-register")

        quarter = FinancialQuarter.containing(today)
        page.goto(url + reverse("quality:complaint_report") + f"?quarter={quarter.code}")
        content = page.content()
        assert "Workers return calls within two working days." in content
        assert "100% (1 of 1)" in page.locator("#on-time").inner_text()
        assert "Jordan Example" not in content
        assert_accessible(page)
        guide_screenshot(page, "complaint-report")

        page.goto(url + reverse("quality:feedback_due"))
        assert child.la_child_id in page.content()
        assert_accessible(page)
        click_and_wait(page, "a:has-text('Record feedback')")
        assert_accessible(page)
        assert page.input_value("#id_child") == child.la_child_id
        page.check("input[name=occasion][value=six_monthly]")
        page.check("input[name=respondent][value=parent]")
        for question, answer in (("clear_information", "agree"), ("able_to_talk", "agree"),
                                 ("listened_to", "agree"), ("involved", "neither"),
                                 ("made_difference", "agree")):  # fmt: skip
            page.check(f"input[name={question}][value={answer}]")
        page.fill("#id_comments", "The worker explained everything.")
        guide_screenshot(page, "complaint-feedback-form")
        save(page, "Save the feedback")
        assert "I felt listened to" in page.content()
        guide_screenshot(page, "complaint-feedback")
        context.close()

    complaint = Complaint.objects.get()
    assert complaint.within_timescale is True and complaint.child == child
    assert FamilyFeedback.objects.get().episode is not None
