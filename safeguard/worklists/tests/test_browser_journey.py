"""In a real browser, the main child protection journey end to end, each step by its role:
contact → MASH decision → allocation → assessment → strategy discussion (which starts the
section 47 enquiry) → s47 outcome with the initial conference requested → ICPC booked →
ICPC outcome with a CP plan → CP visit recorded → on the worker's "My work" as done.

Only the starting world is set up in code (the users, teams and a child known to the
system); every step after that fills in and submits the real forms, reached by the links a
practitioner would follow, and every page visited is checked by axe-core. Screenshots of
the journey are taken for the user guide (docs/images/journey-*.png).

Dates run backwards from the conference day (the last weekday up to today): the contact
ten working days before it, the plan made on it, and the visit today.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from safeguard.access.testing.login import session_cookie
from safeguard.access.testing.world import build_world, make_child
from safeguard.cin.models import Visit
from safeguard.core import clock
from safeguard.core.testing.browser import assert_accessible, chromium
from safeguard.frontdoor.models import MashDecision
from safeguard.protection.models import Conference, CPPlan, Section47Enquiry
from safeguard.workforce.models import Allocation

SUBMIT = "#main-content form button[type=submit]"
ROLES = (
    "mash_officer",
    "team_manager",
    "social_worker",
    "conference_support",
    "cp_chair_iro",
)


def weekday_on_or_before(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def working_days_before(day: dt.date, n: int) -> dt.date:
    for _ in range(n):
        day = weekday_on_or_before(day - dt.timedelta(days=1))
    return day


def fill_date(page: Page, name: str, day: dt.date) -> None:
    page.fill(f"#id_{name}_0", str(day.day))
    page.fill(f"#id_{name}_1", str(day.month))
    page.fill(f"#id_{name}_2", str(day.year))


def fill_moment(page: Page, name: str, day: dt.date, time: str) -> None:
    """A front door date-and-time pair: ``name`` (GOV.UK date) and ``name_time``."""
    fill_date(page, name, day)
    page.fill(f"#id_{name}_time", time)


def check(page: Page, name: str, value: str) -> None:
    page.check(f'input[name="{name}"][value="{value}"]')


def dmy(day: dt.date) -> str:
    """As the record header shows a date: 09/03/2026."""
    return day.strftime("%d/%m/%Y")


def long_date(day: dt.date) -> str:
    """As the child protection pages show a date: 9 March 2026."""
    return f"{day:%-d %B %Y}"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_child_protection_journey_from_contact_to_my_work(live_server, guide_screenshot):
    world = build_world()
    child = make_child(first_name="Riley", last_name="Journey")
    name = f"{child.first_name} {child.last_name}"
    social_worker = world.workers["social_worker"]
    chair = world.workers["cp_chair_iro"]
    # Cookies before the browser starts: Django refuses database work inside its loop.
    cookies = {role: session_cookie(world.users[role], live_server.url) for role in ROLES}

    today = clock.today()
    conference_day = weekday_on_or_before(today)
    contact_day = working_days_before(conference_day, 10)
    allocated_on = working_days_before(conference_day, 9)
    assessment_authorised = working_days_before(conference_day, 6)
    strategy_day = working_days_before(conference_day, 5)
    s47_outcome_day = working_days_before(conference_day, 2)

    base = live_server.url
    record_path = reverse("people:child_record", kwargs={"child_id": child.pk})

    with chromium() as browser:

        def signed_in(role: str) -> Page:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.add_cookies([cookies[role]])
            return context.new_page()

        def back_on_the_record(page: Page, message: str) -> None:
            page.wait_for_url(f"**{record_path}")
            assert message in page.content()
            assert_accessible(page)

        # 1. The MASH officer records the contact, triages it and decides on an assessment.
        page = signed_in("mash_officer")
        page.goto(base + reverse("frontdoor:record_contact"))
        assert_accessible(page)
        page.fill("#id_children", child.la_child_id)
        fill_moment(page, "received_at", contact_day, "09:10")
        page.select_option("#id_source", "2A")
        check(page, "channel", "professional_line")
        page.fill("#id_referrer_name", "Pat Teacher")
        page.fill("#id_referrer_agency", "Hillside Primary School")
        page.fill("#id_concerns", "Riley came to school with a burn on the hand and bruised arms.")
        check(page, "consent_asked", "yes")
        check(page, "consent_given", "yes")
        guide_screenshot(page, "journey-contact")
        page.click("text=Save contact")
        page.wait_for_url("**/front-door/contacts/*/")
        assert name in page.content()
        assert_accessible(page)

        page.click("text=Start MASH triage")
        page.wait_for_url("**/triage/")
        assert_accessible(page)
        check(page, "priority", "red")
        fill_moment(page, "started_at", contact_day, "09:40")
        page.click("text=Start triage")
        page.wait_for_url("**/front-door/contacts/*/")
        assert "MASH triage started with red priority" in page.content()
        assert_accessible(page)

        page.click("text=Record the MASH decision")
        page.wait_for_url("**/decision/")
        assert_accessible(page)
        check(page, "outcome", "assessment")
        page.fill("#id_reasons", "Unexplained burn and bruising; needs a single assessment.")
        fill_moment(page, "decided_at", contact_day, "15:20")
        check(page, "feedback_given", "yes")
        fill_date(page, "feedback_given_on", contact_day)
        guide_screenshot(page, "journey-mash-decision")
        page.click("text=Save decision")
        back_on_the_record(page, "A referral to children's social care is open")
        page.context.close()

        # 2. The team manager allocates the new referral to the social worker in Team A.
        page = signed_in("team_manager")
        page.goto(base + reverse("workforce:team"))
        assert name in page.content()
        assert_accessible(page)
        page.click(f"text=Allocate {name}")
        page.wait_for_url("**/allocation/new/")
        assert_accessible(page)
        page.select_option("#id_worker", str(social_worker.pk))
        fill_date(page, "started_on", allocated_on)
        guide_screenshot(page, "journey-allocate")
        page.click("text=Save allocation")
        page.wait_for_url("**/teams/")
        assert f"{name}'s case is allocated to" in page.content()
        assert_accessible(page)
        page.context.close()

        # 3. The social worker: the assessment, the strategy discussion that starts the
        # section 47 enquiry, and the enquiry's outcome with the conference requested.
        page = signed_in("social_worker")
        page.goto(base + record_path)
        assert "Not allocated" not in page.locator("h1 ~ dl").first.inner_text()
        assert_accessible(page)
        page.click("text=Start an assessment")
        page.wait_for_url("**/assessment/new/")
        assert_accessible(page)
        fill_date(page, "start_date", allocated_on)
        page.click(SUBMIT)
        back_on_the_record(page, "The assessment has been started.")
        actions = page.locator("h2:text-is('Actions') + ul").inner_text()
        assert "Complete the assessment" in actions and "Start an assessment" not in actions

        page.click("text=Complete the assessment")
        page.wait_for_url("**/assessment/complete/")
        assert_accessible(page)
        fill_date(page, "authorised_on", assessment_authorised)
        check(page, "factors", "18C")  # physical abuse (adult on child)
        check(page, "outcome", "strategy")
        check(page, "child_seen", "yes")
        check(page, "seen_alone", "yes")
        page.fill("#id_contributors", "Hillside Primary School, GP, school nurse")
        guide_screenshot(page, "journey-assessment")
        page.click(SUBMIT)
        back_on_the_record(page, "The assessment has been completed.")

        page.click("text=Record a strategy discussion")
        page.wait_for_url("**/strategy-discussions/new/")
        assert_accessible(page)
        fill_date(page, "held_on", strategy_day)
        check(page, "s47_initiated", "yes")
        check(page, "criminal_investigation", "yes")
        page.fill("#id_attendee_1_name", "Sam Worker")
        page.fill("#id_attendee_2_name", "DC Ali Khan")
        page.fill("#id_attendee_3_name", "Jo Patel")
        guide_screenshot(page, "journey-strategy-discussion")
        page.click("text=Save strategy discussion")
        back_on_the_record(page, "section 47 enquiries started")

        # Recording the discussion started the enquiry: nothing is left to start by hand.
        page.click("text=Start a section 47 enquiry")
        page.wait_for_url("**/section-47/new/")
        assert "No strategy discussion is waiting for its enquiry to start" in page.content()
        assert_accessible(page)
        page.goto(base + record_path)

        page.click("text=Record the section 47 outcome")
        page.wait_for_url("**/section-47/*/outcome/")
        assert long_date(strategy_day) in page.content()
        assert_accessible(page)
        check(page, "outcome", "substantiated")
        fill_date(page, "outcome_date", s47_outcome_day)
        check(page, "icpc_not_required", "no")
        fill_date(page, "conference_requested_on", s47_outcome_day)
        guide_screenshot(page, "journey-s47-outcome")
        page.click("text=Save outcome")
        back_on_the_record(
            page,
            "Section 47 outcome recorded: concerns substantiated; initial conference requested",
        )
        assert "Record the section 47 outcome" not in page.content()
        page.context.close()

        # 4. Conference business support books the initial conference with the CP chair.
        page = signed_in("conference_support")
        page.goto(base + reverse("protection:business_support"))
        assert name in page.locator("#requests + table").inner_text()
        assert_accessible(page)
        page.click(f"text=Book a conference for {name}")
        page.wait_for_url("**/conferences/new/")
        assert_accessible(page)
        check(page, "conference_type", "initial")
        fill_date(page, "scheduled_for", conference_day)
        page.fill("#id_start_time", "10:00")
        page.select_option("#id_chair", str(chair.pk))
        page.fill("#id_room", "Room 3, County Hall")
        guide_screenshot(page, "journey-book-icpc")
        page.click("text=Book conference")
        page.wait_for_url("**/child-protection/conferences/")
        assert f"conference booked for {long_date(conference_day)}" in page.content()
        assert_accessible(page)
        page.context.close()

        # 5. The chair records the conference's outcome: a CP plan, physical abuse.
        page = signed_in("cp_chair_iro")
        page.goto(base + reverse("protection:chair_home"))
        assert name in page.locator("#conferences + table").inner_text()
        assert_accessible(page)
        page.click(f"text=Record outcome for {name}")
        page.wait_for_url("**/outcome/")
        assert_accessible(page)
        fill_date(page, "held_on", conference_day)
        check(page, "quorate", "yes")
        check(page, "outcome", "plan")
        page.select_option("#id_category", "PHY")
        check(page, "advocacy_offered", "yes")
        check(page, "advocacy_accepted", "yes")
        check(page, "visit_frequency_weeks", "2")
        page.select_option("#id_lead_social_worker", str(social_worker.pk))
        guide_screenshot(page, "journey-icpc-outcome")
        page.click("text=Save outcome")
        page.wait_for_url("**/child-protection/chair/")
        assert "Conference outcome recorded" in page.content()
        assert_accessible(page)
        page.context.close()

        # 6. The social worker visits today and sees the visit on "My work" as done.
        page = signed_in("social_worker")
        page.goto(base + record_path)
        assert_accessible(page)
        page.click("text=Record a visit")
        page.wait_for_url("**/visit/new/")
        assert_accessible(page)
        fill_date(page, "visit_date", today)
        check(page, "visit_type", "cp")
        check(page, "child_seen", "yes")
        check(page, "seen_alone", "yes")
        page.select_option("#id_location", "home")
        page.fill("#id_notes", "Saw Riley alone in their room; the burn is healing.")
        guide_screenshot(page, "journey-cp-visit")
        page.click(SUBMIT)
        back_on_the_record(page, "The visit has been recorded.")

        page.goto(base + reverse("worklists:my_work"))
        assert page.locator("h1").inner_text() == "My work"
        done = page.locator("#done + table tbody tr", has_text=name)
        assert "Child protection visit (seen alone)" in done.all_inner_texts()[0]
        assert_accessible(page)
        guide_screenshot(page, "journey-my-work-done")

        done.first.locator("a", has_text=name).click()
        page.wait_for_url(f"**{record_path}")
        header = page.locator("h1 ~ dl").first.inner_text()
        assert f"Child protection plan since {dmy(conference_day)} (Physical abuse)" in header
        assert social_worker.last_name in header
        assert_accessible(page)
        guide_screenshot(page, "journey-child-record")
        page.context.close()

    # What the pages wrote, as the services saw it.
    decision = MashDecision.objects.get(child=child)
    assert decision.outcome == "assessment" and decision.cin_episode is not None
    episode = decision.cin_episode
    assert episode.referral_date == contact_day
    allocation = Allocation.objects.get(child=child)
    assert (allocation.worker, allocation.started_on) == (social_worker, allocated_on)
    enquiry = Section47Enquiry.objects.get(episode=episode)
    assert (enquiry.start_date, enquiry.outcome, enquiry.conference_requested_on) == (
        strategy_day,
        "substantiated",
        s47_outcome_day,
    )
    conference = Conference.objects.get(section47=enquiry)
    assert (conference.chair, conference.held_on, conference.outcome) == (
        chair,
        conference_day,
        "plan",
    )
    plan = CPPlan.objects.get(child=child, end_date__isnull=True)
    assert (plan.start_date, plan.initial_category, plan.visit_frequency_weeks) == (
        conference_day,
        "PHY",
        2,
    )
    visit = Visit.objects.get(child=child)
    assert (visit.visit_type, visit.visit_date, visit.seen_alone, visit.worker) == (
        "cp",
        today,
        True,
        social_worker,
    )
