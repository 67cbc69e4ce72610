"""In a real browser: QA plans an audit, the auditor completes it with scores, a grade and
an action, QA moderates it, and the worker marks the action done; then the report. Every
page is checked with axe-core, and the user guide's screenshots are taken."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from safeguard.access.testing.login import session_cookie
from safeguard.access.testing.world import build_world
from safeguard.core import clock
from safeguard.core.testing.browser import assert_accessible, chromium, click_and_wait
from safeguard.quality.models import AuditDomain


def fill_date(page: Page, name: str, day: dt.date) -> None:
    page.fill(f"#id_{name}_0", str(day.day))
    page.fill(f"#id_{name}_1", str(day.month))
    page.fill(f"#id_{name}_2", str(day.year))


def save(page: Page, button: str) -> None:
    click_and_wait(page, f"button:has-text('{button}')")
    assert page.locator(".govuk-notification-banner--success").count() == 1, page.content()[:3000]
    assert_accessible(page)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_plan_audit_moderate_and_complete_the_action(live_server, guide_screenshot):
    from safeguard.quality.models import CaseAudit, CaseAuditAction

    world = build_world()
    today = clock.today()
    child = world.child_allocated
    qa_worker = world.workers["quality_assurance"]
    social_worker = world.workers["social_worker"]
    url = live_server.url
    qa_cookie = session_cookie(world.users["quality_assurance"], url)
    worker_cookie = session_cookie(world.users["social_worker"], url)

    with chromium() as browser:
        context = browser.new_context()
        context.add_cookies([qa_cookie])
        page = context.new_page()
        page.goto(url + reverse("quality:audit_programme"))
        assert "No audits are planned yet" in page.content()
        assert_accessible(page)
        click_and_wait(page, "text=Plan an audit")
        assert_accessible(page)
        click_and_wait(page, "button:has-text('Plan the audit')")
        assert "Enter the child's identifier" in page.locator(".govuk-error-summary").inner_text()
        assert_accessible(page)
        page.fill("#id_child", child.la_child_id)
        page.check("input[name=kind][value=case_audit]")
        page.select_option("#id_auditor", str(qa_worker.pk))
        fill_date(page, "programme_month", today)
        fill_date(page, "due_on", today + dt.timedelta(days=10))
        save(page, "Plan the audit")

        click_and_wait(page, "text=Complete the audit")
        assert_accessible(page)
        for n, domain in enumerate(AuditDomain.values):
            page.select_option(f"#id_score_{domain}", str(5 + n % 3))
            page.fill(f"#id_evidence_{domain}", "Seen on the file.")
        page.check("input[name=grade][value=requires_improvement]")
        page.fill("#id_strengths", "Alex was seen alone and their views are recorded.")
        page.fill("#id_areas_for_development", "The assessment does not analyse risk.")
        page.locator("input[name=themes]").first.check()
        guide_screenshot(page, "case-audit-form")
        save(page, "Complete the audit")

        click_and_wait(page, "text=Set an action")
        assert_accessible(page)
        page.fill("#id_action", "Update the chronology and analyse the risks.")
        page.select_option("#id_worker", str(social_worker.pk))
        fill_date(page, "due_on", today + dt.timedelta(days=14))
        save(page, "Save the action")

        click_and_wait(page, "text=Moderate the audit")
        assert_accessible(page)
        page.check("input[name=agreed][value=yes]")
        save(page, "Save the moderation")
        assert "Moderated" in page.content()
        guide_screenshot(page, "case-audit-detail")

        page.goto(url + reverse("quality:audit_programme"))
        assert f"CA-{today.year}-0001" in page.content()
        assert_accessible(page)
        guide_screenshot(page, "case-audit-programme")

        page.goto(url + reverse("quality:audit_report") + f"?period={today:%Y-%m}")
        assert "Average score by domain" in page.content()
        assert_accessible(page)
        guide_screenshot(page, "case-audit-report")
        context.close()

        worker_context = browser.new_context()
        worker_context.add_cookies([worker_cookie])
        page = worker_context.new_page()
        page.goto(url + reverse("quality:audit_my_actions"))
        assert "Update the chronology" in page.content()
        assert_accessible(page)
        guide_screenshot(page, "case-audit-my-actions")
        click_and_wait(page, "#actions a.govuk-link")
        assert_accessible(page)
        page.fill("#id_note", "Chronology updated; risk analysis added to the assessment.")
        save(page, "Mark it done")
        assert "You have no open audit actions" in page.content()
        worker_context.close()

    audit = CaseAudit.objects.get()
    assert audit.moderated_grade == "requires_improvement"
    assert CaseAuditAction.objects.get().completed_on == today
