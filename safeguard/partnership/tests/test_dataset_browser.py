"""In a real browser: a police user writes and submits the police exception report for the
last quarter; the partnership business unit sees it on the dataset page, reads it, and
records a partner survey response. Every page is checked with axe-core, and the user
guide's screenshots are taken."""

from __future__ import annotations

import pytest
from django.urls import reverse

from safeguard.access.testing.login import session_cookie
from safeguard.access.testing.world import build_world
from safeguard.core import clock
from safeguard.core.testing.browser import assert_accessible, chromium, click_and_wait
from safeguard.partnership.quarters import Quarter

TEXTS = {
    "risks": "Knife crime involving under-18s is up in the town centre; joint patrols agreed.",
    "emerging_priorities": "Online sextortion reports from secondary-age boys.",
    "resources": "The child abuse investigation team is two detectives short until May.",
    "workforce": "New public protection officers trained in the neglect toolkit.",
}
RAGS = {"risks": "red", "emerging_priorities": "amber", "resources": "amber", "workforce": "green"}


def _earlier_reports(quarter: Quarter) -> None:
    """Health and education have submitted; housing has a draft (so something is missing)."""
    from safeguard.partnership.services.dataset import record_survey_response, save_exception_report

    for agency in ("health", "education"):
        save_exception_report(
            agency=agency,
            quarter=quarter,
            sections={
                n: f"{agency.title()}: {n.replace('_', ' ')} as last quarter." for n in TEXTS
            },
            rags={n: "green" for n in TEXTS},
            submit=True,
        )
    save_exception_report(
        agency="housing", quarter=quarter, sections={"risks": "Temporary accommodation."}, rags={}
    )
    for rating in ("good", "excellent", "adequate"):
        record_survey_response(agency="education", responded_on=clock.today(), rating=rating)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_police_submit_their_report_and_the_unit_reads_it(live_server, guide_screenshot):
    from safeguard.partnership.models.dataset import ExceptionReport

    world = build_world()
    quarter = Quarter.containing(clock.today()).previous()
    _earlier_reports(quarter)
    police = session_cookie(world.users["partner_police"], live_server.url)
    unit = session_cookie(world.users["partnership_business_unit"], live_server.url)

    with chromium() as browser:
        context = browser.new_context()
        context.add_cookies([police])
        page = context.new_page()
        page.goto(live_server.url + reverse("partnership:dataset_agency_reports"))
        assert "Police exception reports" in page.content()
        assert_accessible(page)
        click_and_wait(page, f"a:has-text('Write'):has-text('{quarter.label}')")
        assert_accessible(page)
        # Submitting an empty report: every section and rating is asked for.
        click_and_wait(page, "button:has-text('Submit the report')")
        summary = page.locator(".govuk-error-summary").inner_text()
        assert "Write about current risks" in summary
        assert "Select red, amber or green for workforce" in summary
        assert_accessible(page)
        page.goto(page.url)  # a clean form for the screenshot
        for name, text in TEXTS.items():
            page.fill(f"#id_{name}", text)
            page.check(f"input[name={name}_rag][value={RAGS[name]}]")
        guide_screenshot(page, "partnership-dataset-form")
        click_and_wait(page, "button:has-text('Submit the report')")
        assert page.locator(".govuk-notification-banner--success").count() == 1
        assert "Submitted" in page.content()
        assert_accessible(page)
        guide_screenshot(page, "partnership-dataset-our-reports")
        context.close()

        context = browser.new_context()
        context.add_cookies([unit])
        page = context.new_page()
        page.goto(live_server.url + reverse("partnership:dataset_page"))
        html = page.content()
        assert "Ten basic metrics" in html and TEXTS["risks"] in html
        missing = page.locator("#missing-reports").inner_text()
        assert "Housing (draft)" in missing and "Police" not in missing
        assert_accessible(page)
        guide_screenshot(page, "partnership-dataset-page")
        click_and_wait(page, "#reports a:has-text('Police')")
        assert "Send back as a draft" in page.content()
        assert_accessible(page)
        guide_screenshot(page, "partnership-dataset-report")

        page.goto(live_server.url + reverse("partnership:dataset_survey"))
        assert "OBA3-06 Partner experience: 66.7%" in page.content()
        assert_accessible(page)
        click_and_wait(page, "text=Record a response")
        assert_accessible(page)
        page.select_option("#id_agency", "police")
        today = clock.today()
        page.fill("#id_responded_on_0", str(today.day))
        page.fill("#id_responded_on_1", str(today.month))
        page.fill("#id_responded_on_2", str(today.year))
        page.check("input[name=rating][value=good]")
        page.fill("#id_comments", "Strategy discussions are well run.")
        click_and_wait(page, "button:has-text('Save the response')")
        assert "OBA3-06 Partner experience: 75.0%" in page.content()
        assert_accessible(page)
        guide_screenshot(page, "partnership-dataset-survey")
        context.close()

    report = ExceptionReport.objects.get(agency="police", quarter=quarter.code)
    assert report.is_submitted and report.risks_rag == "red"
    assert report.submitted_by == world.users["partner_police"]
