"""In a real browser: the sharing history and its forms, and the redaction review, checked
by axe-core."""

from __future__ import annotations

import pytest
from django.urls import reverse

from safeguard.access.testing.login import session_cookie
from safeguard.access.testing.world import allocate, build_world
from safeguard.core import clock
from safeguard.core.testing.browser import assert_accessible, chromium, click_and_wait
from safeguard.governance import services
from safeguard.governance.tests.helpers import build_family


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sharing_history_and_redaction_review_in_the_browser(live_server):
    world = build_world()
    family = build_family(worker=world.workers["cp_chair_iro"])
    allocate(family.child, world.workers["social_worker"])
    services.record_disclosure(
        child=family.child,
        recipient_kind="family",
        recipient_name="Morgan Ashdown",
        recipient_role="Mother",
        description="The conference outcome and the plan.",
        record=family.conference,
        purpose="So the family know the plan.",
        legal_basis="ca1989_s47",
        consent_status="not_required",
        disclosed_on=clock.today(),
        disclosed_by=world.users["social_worker"],
    )
    services.mark_withheld(
        child=family.child,
        record=family.discussion,
        description="Police information at the strategy discussion",
        reason_category="police_investigation",
        reason="Charging decision awaited.",
        marked_by=world.users["social_worker"],
    )
    sar = services.create_subject_access_request(
        person=family.child,
        requester_name="Robin Ashdown",
        requester_relationship="self",
        received_on=clock.today(),
        opened_by=world.users["service_manager"],
    )
    services.start_review(request=sar, started_by=world.users["service_manager"])
    worker = session_cookie(world.users["social_worker"], live_server.url)
    reviewer = session_cookie(world.users["team_manager"], live_server.url)
    history = reverse("governance:sharing_history", kwargs={"child_id": family.child.pk})
    redactions = reverse("governance:sar_redactions", kwargs={"request_id": sar.pk})

    with chromium() as browser:
        context = browser.new_context()
        context.add_cookies([worker])
        page = context.new_page()
        page.goto(live_server.url + history)
        assert page.locator("h1").inner_text() == "Sharing history"
        assert "Morgan Ashdown (Mother)" in page.content()
        assert "Police information at the strategy discussion" in page.content()
        assert_accessible(page)

        click_and_wait(page, "text=Record a disclosure")
        assert_accessible(page)
        click_and_wait(page, "text=Record the disclosure")
        summary = page.locator(".govuk-error-summary")
        assert "Select who the information was shared with." in summary.inner_text()
        assert page.title().startswith("Error:")
        assert_accessible(page)
        page.click("text=Enter what was shared.")
        assert page.evaluate("document.activeElement.id") == "id_description"

        page.goto(live_server.url + history)
        click_and_wait(page, "text=Withhold from family")
        assert_accessible(page)
        click_and_wait(page, "button:has-text('Withhold from family')")
        assert (
            "Choose a record or enter the passage"
            in page.locator(".govuk-error-summary").inner_text()
        )
        assert_accessible(page)

        conference_copy = reverse(
            "governance:conference_family_copy",
            kwargs={"child_id": family.child.pk, "conference_id": family.conference.pk},
        )
        page.goto(live_server.url + conference_copy)
        assert "Morgan Ashdown" in page.content()
        assert_accessible(page)
        context.close()

        context = browser.new_context()
        context.add_cookies([reviewer])
        page = context.new_page()
        page.goto(live_server.url + redactions)
        assert page.locator("h1").inner_text() == "Review third-party information"
        assert "Referrer name" in page.content()
        assert_accessible(page)
        first = page.locator(".govuk-summary-card").first
        first.locator("input[value='redact']").check()
        with page.expect_navigation():
            first.locator("button").click()
        assert (
            "Enter why this information is redacted."
            in page.locator(".govuk-error-summary").inner_text()
        )
        assert_accessible(page)
        context.close()
