"""The training pages through the test client: a course, a session, bookings onto the
waiting list, a cancellation, attendance, an evaluation and the quarterly table; errors;
and the audit of every page that shows delegates."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from safeguard.access.testing.login import sign_in
from safeguard.access.testing.world import make_user
from safeguard.audit.models import AuditEvent
from safeguard.core import clock
from safeguard.partnership.models.training import (
    BookingStatus,
    Course,
    CourseSession,
    TrainingAgency,
    TrainingBooking,
)

pytestmark = pytest.mark.django_db
TODAY = clock.today()


def date(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def assert_error(response: Any, anchor: str, message: str) -> None:
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html and "<title>Error: " in html
    assert f'href="#{anchor}">{message}' in html, html[html.find("error-summary") :][:1500]


@pytest.fixture
def unit(client):
    return sign_in(client, make_user("pbu.officer", "partnership_business_unit"))


COURSE = {
    "title": "Safer Recruitment",
    "level": "3",
    "length": "1",
    "length_unit": "days",
    "mode": "face_to_face",
    "capacity": "2",
    "price_per_place": "80",
    "provider": "Commissioned trainer",
    "description": "",
}


def _add_course(unit) -> Course:
    response = unit.post(reverse("partnership:training_course_add"), COURSE)
    course = Course.objects.get(title="Safer Recruitment")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "partnership:training_course", kwargs={"course_id": course.pk}
    )
    return course


def _book(unit, session: CourseSession, n: int) -> Any:
    agency = TrainingAgency.objects.get(name="Police")
    return unit.post(
        reverse("partnership:training_book", kwargs={"session_id": session.pk}),
        {
            "agency": str(agency.pk),
            "delegate_name": f"Officer {n}",
            "delegate_role": "Detective constable",
            "delegate_email": f"officer{n}@police.example.org",
        },
        follow=True,
    )


def test_from_a_new_course_to_the_quarterly_table(unit):
    course = _add_course(unit)
    starts_on = TODAY + dt.timedelta(days=3)
    response = unit.post(
        reverse("partnership:training_session_add", kwargs={"course_id": course.pk}),
        {**date("starts_on", starts_on), "start_time": "09:30", "capacity": "2", "venue": "Hall"},
    )
    session = CourseSession.objects.get(course=course)
    assert response.status_code == 302 and session.capacity == 2
    for n in (1, 2):
        assert "is booked" in _book(unit, session, n).content.decode()
    page = _book(unit, session, 3).content.decode()
    assert "Officer 3 is on the waiting list" in page
    assert 'id="waiting"' in page and "officer3@police.example.org" in page
    # Cancel officer 1: the place goes to officer 3.
    first = TrainingBooking.objects.get(delegate_name="Officer 1")
    cancel_url = reverse("partnership:training_booking_cancel", kwargs={"booking_id": first.pk})
    assert unit.get(cancel_url).status_code == 200
    page = unit.post(cancel_url, date("cancelled_on", TODAY), follow=True).content.decode()
    assert "The place is offered to Officer 3" in page
    assert TrainingBooking.objects.get(delegate_name="Officer 3").status == BookingStatus.BOOKED
    # The session is held; attendance, then an evaluation.
    CourseSession.objects.filter(pk=session.pk).update(starts_on=TODAY - dt.timedelta(days=1))
    attendance_url = reverse("partnership:training_attendance", kwargs={"session_id": session.pk})
    places = TrainingBooking.objects.filter(session=session, status=BookingStatus.BOOKED)
    two, three = places.get(delegate_name="Officer 2"), places.get(delegate_name="Officer 3")
    response = unit.post(attendance_url, {f"booking_{two.pk}": "attended"})
    assert_error(response, f"id_booking_{three.pk}_1", "Select whether Officer 3 attended")
    response = unit.post(
        attendance_url,
        {f"booking_{two.pk}": "attended", f"booking_{three.pk}": "did_not_attend"},
        follow=True,
    )
    assert "Attendance recorded for 2 delegates" in response.content.decode()
    evaluation_url = reverse("partnership:training_evaluation", kwargs={"booking_id": two.pk})
    response = unit.post(
        evaluation_url,
        {**date("returned_on", TODAY), "rating": "5", "learning_applied": "Check references."},
        follow=True,
    )
    assert "Officer 2&#x27;s evaluation is recorded" in response.content.decode()
    assert "Rated 5 of 5" in response.content.decode()
    # A no-show's evaluation page says why there is no form.
    page = unit.get(reverse("partnership:training_evaluation", kwargs={"booking_id": three.pk}))
    assert "Only a delegate recorded as attending" in page.content.decode()
    # The quarterly table counts it.
    from safeguard.partnership.quarters import Quarter

    code = Quarter.containing(TODAY - dt.timedelta(days=1)).code
    report = unit.get(reverse("partnership:training_report") + f"?quarter={code}")
    html = report.content.decode()
    assert report.status_code == 200 and 'id="quarters"' in html and 'id="by-agency"' in html
    csv = unit.get(
        reverse("partnership:training_report_export", kwargs={"fmt": "csv"}) + f"?quarter={code}"
    )
    body = csv.content.decode()
    assert f"{code},Quarter,{code},Bookings,2" in body
    assert f"{code},Quarter,{code},Attendance,1" in body
    assert AuditEvent.objects.filter(action="download", summary__contains="Training").exists()


def test_the_session_page_and_the_forms_naming_delegates_are_audited(unit):
    course = _add_course(unit)
    session = CourseSession.objects.create(
        course=course, starts_on=TODAY + dt.timedelta(days=9), capacity=5
    )
    _book(unit, session, 1)
    before = AuditEvent.objects.filter(action="view", summary__startswith="Training").count()
    unit.get(reverse("partnership:training_session", kwargs={"session_id": session.pk}))
    booking = TrainingBooking.objects.get(session=session)
    unit.get(reverse("partnership:training_booking_cancel", kwargs={"booking_id": booking.pk}))
    unit.get(reverse("partnership:training_attendance", kwargs={"session_id": session.pk}))
    events = AuditEvent.objects.filter(action="view", summary__startswith="Training")
    assert events.count() == before + 3
    latest = events.order_by("-sequence").first()
    assert latest is not None and latest.actor_username == "pbu.officer"


def test_errors_are_shown_in_the_summary(unit):
    response = unit.post(reverse("partnership:training_course_add"), {})
    assert_error(response, "id_title", "Enter the course title")
    _add_course(unit)
    response = unit.post(reverse("partnership:training_course_add"), COURSE)
    assert_error(
        response, "id_title", "There is already a course called Safer Recruitment: add a "
        "session to it."
    )  # fmt: skip
    response = unit.post(reverse("partnership:training_agency_add"), {"name": "Police"})
    assert_error(response, "id_sector", "Select the kind of agency")
    response = unit.get(reverse("partnership:training_report") + "?quarter=2020-Q9")
    assert response.status_code == 400


def test_empty_states(unit):
    TrainingAgency.objects.all().delete()
    page = unit.get(reverse("partnership:training_programme")).content.decode()
    assert 'id="no-sessions"' in page and 'id="work-list-empty"' in page
    assert 'id="no-courses"' in unit.get(reverse("partnership:training_courses")).content.decode()
    assert 'id="no-agencies"' in unit.get(reverse("partnership:training_agencies")).content.decode()


def test_the_programme_lists_the_quarters_sessions_and_the_work_list(unit):
    course = _add_course(unit)
    held = CourseSession.objects.create(
        course=course, starts_on=TODAY - dt.timedelta(days=2), capacity=5
    )
    TrainingBooking.objects.create(
        session=held,
        agency=TrainingAgency.objects.get(name="Police"),
        delegate_name="X",
        delegate_role="Y",
        delegate_email="x@example.org",
        booked_on=TODAY - dt.timedelta(days=9),
        status=BookingStatus.BOOKED,
    )
    page = unit.get(reverse("partnership:training_programme")).content.decode()
    assert "Record attendance (held" in page
