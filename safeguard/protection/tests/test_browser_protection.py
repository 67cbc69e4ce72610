"""In a real browser: strategy discussion → s47 outcome → ICPC request → booking → the
chair's outcome with a CP plan, each page checked by axe-core; screenshots for the guide."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from safeguard.access.services import grant_access
from safeguard.access.testing.login import session_cookie
from safeguard.access.testing.world import build_world
from safeguard.core import clock
from safeguard.core.testing.browser import assert_accessible, chromium, click_and_wait
from safeguard.protection.models import Conference, CPPlan, Section47Enquiry
from safeguard.protection.tests.pathway import (
    days_ago,
    episode_for,
    weekday_on_or_after,
    weekday_on_or_before,
)


def fill_date(page, name: str, day: dt.date) -> None:
    page.fill(f"#id_{name}_0", str(day.day))
    page.fill(f"#id_{name}_1", str(day.month))
    page.fill(f"#id_{name}_2", str(day.year))


def check(page, name: str, value: str) -> None:
    page.check(f'input[name="{name}"][value="{value}"]')


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_from_strategy_discussion_to_cp_plan_in_the_browser(live_server, guide_screenshot):
    world = build_world()
    child = world.child_allocated
    episode_for(child)
    chair = world.workers["cp_chair_iro"]
    # Requests awaiting a booking are not on the conference queue rule yet: a grant lets
    # business support open the child (see the report on safeguard/access/rules.py).
    grant_access(
        user=world.users["conference_support"],
        child=child,
        granted_by=world.users["service_manager"],
        reason="Booking the initial conference.",
        until=clock.now() + dt.timedelta(days=2),
    )
    cookies = {
        role: session_cookie(world.users[role], live_server.url)
        for role in ("social_worker", "conference_support", "cp_chair_iro")
    }
    strategy_on = days_ago(6)
    booked_for = weekday_on_or_after(clock.today() + dt.timedelta(days=8))
    held_on = weekday_on_or_before(clock.today())
    base = live_server.url

    with chromium() as browser:
        # The social worker: strategy discussion, then the enquiry's outcome and request.
        worker = browser.new_context()
        worker.add_cookies([cookies["social_worker"]])
        page = worker.new_page()
        page.goto(base + reverse("protection:record_strategy_discussion", args=[child.pk]))
        assert_accessible(page)
        with page.expect_navigation():  # the form posts back: wait for the answer
            page.click("text=Save strategy discussion")
            page.wait_for_load_state()
        assert page.title().startswith("Error:")
        assert (
            "Enter the date of the strategy discussion"
            in page.locator(".govuk-error-summary").inner_text()
        )
        assert_accessible(page)
        fill_date(page, "held_on", strategy_on)
        check(page, "s47_initiated", "yes")
        check(page, "criminal_investigation", "no")
        page.fill("#id_attendee_1_name", "Sam Worker")
        page.fill("#id_attendee_2_name", "DC Ali Khan")
        page.fill("#id_attendee_3_name", "Jo Patel")
        page.click("text=Save strategy discussion")
        page.wait_for_url("**/children/*/")
        assert "section 47 enquiries started" in page.content()
        worker.close()

    enquiry = Section47Enquiry.objects.get(episode__child=child)
    with chromium() as browser:
        worker = browser.new_context()
        worker.add_cookies([cookies["social_worker"]])
        page = worker.new_page()
        outcome_url = reverse("protection:record_section47_outcome", args=[child.pk, enquiry.pk])
        page.goto(base + outcome_url)
        assert_accessible(page)
        check(page, "outcome", "substantiated")
        click_and_wait(page, "text=Save outcome")
        assert "Select whether an initial conference is requested" in page.content()
        assert_accessible(page)
        page.goto(base + reverse("protection:request_conference", args=[child.pk, enquiry.pk]))
        assert_accessible(page)
        fill_date(page, "outcome_date", days_ago(1))
        fill_date(page, "conference_requested_on", days_ago(1))
        page.click("text=Request conference")
        page.wait_for_url("**/children/*/")
        assert "Initial child protection conference requested" in page.content()
        worker.close()

        # Business support: the request on the queue, then the booking.
        support = browser.new_context()
        support.add_cookies([cookies["conference_support"]])
        page = support.new_page()
        page.goto(base + reverse("protection:business_support"))
        assert "Requests awaiting a booking" in page.content()
        assert (
            f"{child.first_name} {child.last_name}"
            in page.locator("#requests + table").inner_text()
        )
        assert_accessible(page)
        guide_screenshot(page, "business-support")
        click_and_wait(page, f"text=Book a conference for {child.first_name} {child.last_name}")
        assert_accessible(page)
        check(page, "conference_type", "initial")
        fill_date(page, "scheduled_for", booked_for)
        page.fill("#id_start_time", "10:30")
        page.select_option("#id_chair", str(chair.pk))
        page.fill("#id_room", "Room 2, County Hall")
        page.click("text=Book conference")
        page.wait_for_url("**/child-protection/conferences/")
        assert "Send invitations by" in page.content()
        assert "Room 2, County Hall" in page.content()
        assert_accessible(page)
        support.close()

    conference = Conference.objects.get(section47=enquiry)
    with chromium() as browser:
        # The chair: their page, then the outcome that makes the plan.
        chair_context = browser.new_context()
        chair_context.add_cookies([cookies["cp_chair_iro"]])
        page = chair_context.new_page()
        page.goto(base + reverse("protection:chair_home"))
        assert f"{child.first_name} {child.last_name}" in page.content()
        assert_accessible(page)
        guide_screenshot(page, "chair")
        page.goto(
            base + reverse("protection:record_conference_outcome", args=[child.pk, conference.pk])
        )
        assert_accessible(page)
        fill_date(page, "held_on", held_on)
        check(page, "quorate", "yes")
        check(page, "outcome", "plan")
        page.select_option("#id_category", "NEG")
        check(page, "advocacy_offered", "yes")
        check(page, "advocacy_accepted", "no")
        check(page, "visit_frequency_weeks", "2")
        guide_screenshot(page, "conference-outcome")
        page.click("text=Save outcome")
        page.wait_for_url("**/child-protection/chair/")
        assert "Conference outcome recorded" in page.content()
        assert_accessible(page)
        chair_context.close()

    plan = CPPlan.objects.get(child=child)
    assert (plan.start_date, plan.initial_category, plan.visit_frequency_weeks) == (
        held_on,
        "NEG",
        2,
    )
