"""In a real browser: the partnership business unit adds a course and a session, books
delegates (the third onto the waiting list), records attendance and an evaluation, and
reads the quarterly table. Every page is checked with axe-core, and the user guide's
screenshots are taken (docs/images/training-*.png)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from safeguard.access.testing.login import session_cookie
from safeguard.access.testing.world import build_world
from safeguard.core import clock
from safeguard.core.testing.browser import assert_accessible, chromium, click_and_wait
from safeguard.partnership.quarters import Quarter


def fill_date(page: Page, name: str, day: dt.date) -> None:
    page.fill(f"#id_{name}_0", str(day.day))
    page.fill(f"#id_{name}_1", str(day.month))
    page.fill(f"#id_{name}_2", str(day.year))


def save(page: Page, button: str) -> None:
    click_and_wait(page, f"button:has-text('{button}')")
    assert page.locator(".govuk-notification-banner--success").count() == 1, page.content()[:3000]
    assert_accessible(page)


def _last_quarter(today: dt.date) -> None:
    """Two sessions held last quarter, so the table has a previous quarter to compare."""
    from safeguard.partnership.models.training import TrainingAgency
    from safeguard.partnership.services import training as services

    course = services.add_course(
        title="Level 3 Working Together", level="3", length=Decimal("1"), length_unit="days",
        mode="virtual", capacity=20, price_per_place=Decimal("80"), provider="Commissioned",
    )  # fmt: skip
    agencies = list(TrainingAgency.objects.order_by("name"))
    start = Quarter.containing(today).previous().start
    for k, starts_on in enumerate((start + dt.timedelta(days=20), start + dt.timedelta(days=50))):
        session = services.add_session(course=course, starts_on=starts_on)
        made = [
            services.book_place(
                session=session,
                agency=agencies[n % len(agencies)],
                delegate_name=f"Practitioner {k}-{n}",
                delegate_role="Practitioner",
                delegate_email=f"p{k}.{n}@example.org",
                booked_on=starts_on - dt.timedelta(days=14),
            )
            for n in range(18 + k)
        ]
        services.record_attendance(
            session=session,
            outcomes={
                str(b.pk): "attended" if n % 9 else "did_not_attend" for n, b in enumerate(made)
            },
            recorded_on=starts_on,
        )
        for b in [b for n, b in enumerate(made) if n % 9][:10]:
            services.record_evaluation(
                booking=b, returned_on=starts_on, rating=5 if b.pk.int % 4 else 4
            )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_unit_runs_a_session_and_reads_the_quarterly_table(live_server, guide_screenshot):
    from safeguard.partnership.models.training import BookingStatus, TrainingBooking

    world = build_world()
    today = clock.today()
    _last_quarter(today)
    cookie = session_cookie(world.users["partnership_business_unit"], live_server.url)

    with chromium() as browser:
        context = browser.new_context()
        context.add_cookies([cookie])
        page = context.new_page()
        page.goto(live_server.url + reverse("partnership:training_programme"))
        assert "Waiting for you" in page.content()
        assert_accessible(page)

        click_and_wait(page, "nav >> text=Courses")
        assert_accessible(page)
        click_and_wait(page, "text=Add a course")
        click_and_wait(page, "button:has-text('Add the course')")
        summary = page.locator(".govuk-error-summary").inner_text()
        assert "Enter the course title" in summary and "Select the level" in summary
        assert_accessible(page)
        page.fill("#id_title", "Managing Allegations")
        page.select_option("#id_level", "3")
        page.fill("#id_length", "0.5")
        page.check("input[name=length_unit][value=days]")
        page.check("input[name=mode][value=virtual]")
        page.fill("#id_capacity", "2")
        page.fill("#id_price_per_place", "50")
        page.fill("#id_provider", "LADO service")
        save(page, "Add the course")
        assert "½ day" in page.content()

        click_and_wait(page, "text=Add a session")
        assert_accessible(page)
        fill_date(page, "starts_on", today)
        page.fill("#id_start_time", "13:30")
        page.fill("#id_venue", "Microsoft Teams")
        save(page, "Add the session")

        for n, (name, agency) in enumerate(
            [
                ("Sam Okafor", "Police"),
                ("Robin Hale", "Schools and academies"),
                ("Jo Pryce", "Early years providers and childminders"),
            ]
        ):
            click_and_wait(page, "text=Book a delegate")
            assert_accessible(page)
            page.select_option("#id_agency", label=agency)
            page.fill("#id_delegate_name", name)
            page.fill("#id_delegate_role", "Designated safeguarding lead")
            page.fill("#id_delegate_email", f"delegate{n}@example.org")
            save(page, "Book the place")
        assert "Jo Pryce is on the waiting list" in page.content()
        assert page.locator("#waiting tbody tr").count() == 1
        guide_screenshot(page, "training-session-booked")

        click_and_wait(page, "text=Record attendance")
        assert_accessible(page)
        radios = page.locator("input[type=radio][value=attended]")
        radios.nth(0).check()
        page.locator("input[type=radio][value=did_not_attend]").nth(1).check()
        guide_screenshot(page, "training-attendance")
        save(page, "Save attendance")

        click_and_wait(page, "#places >> text=Record")
        assert_accessible(page)
        fill_date(page, "returned_on", today)
        page.check("input[name=rating][value='5']")
        page.fill(
            "#id_learning_applied", "I will call the LADO for advice before a strategy meeting."
        )
        save(page, "Save the evaluation")
        assert "Rated 5 of 5" in page.content()
        guide_screenshot(page, "training-session")

        page.goto(
            live_server.url
            + reverse("partnership:training_report")
            + f"?quarter={Quarter.containing(today).code}"
        )
        assert "Feedback and impact" in page.content()
        assert page.locator("#quarters tbody tr").count() == 5
        assert_accessible(page)
        guide_screenshot(page, "training-report")

        page.goto(live_server.url + reverse("partnership:training_programme"))
        assert "Managing Allegations" in page.content()
        assert_accessible(page)
        guide_screenshot(page, "training-programme")
        context.close()

    booked = TrainingBooking.objects.filter(session__course__title="Managing Allegations")
    assert booked.filter(status=BookingStatus.BOOKED).count() == 2
    assert booked.filter(status=BookingStatus.WAITING).count() == 1
    assert booked.filter(attendance="attended", evaluation__rating=5).count() == 1
