"""Authorization matrix cases for multi-agency training: the partnership business unit
(``manage_training``) only. Delegate lists are personal data, and the course menu and the
quarterly table are the unit's working pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from safeguard.access.testing.matrix import Case
from safeguard.core import clock

UNIT = {"partnership_business_unit"}
EMPTY = "(empty form: re-rendered with errors)"


def _course(w):
    from safeguard.partnership.services.training import add_course

    course = add_course(
        title="Managing Allegations",
        level="3",
        length=Decimal("0.5"),
        length_unit="days",
        mode="virtual",
        capacity=20,
        price_per_place=Decimal("50"),
        provider="Partnership business unit",
    )
    return {"course_id": course.pk}


def _session_and_booking(w, *, held: bool = False):
    from safeguard.partnership.models.training import Course, TrainingAgency
    from safeguard.partnership.services.training import add_session, book_place

    course = Course.objects.get(pk=_course(w)["course_id"])
    today = clock.today()
    session = add_session(course=course, starts_on=today + dt.timedelta(days=5))
    booking = book_place(
        session=session,
        agency=TrainingAgency.objects.order_by("name")[0],
        delegate_name="Alex Delegate",
        delegate_role="Health visitor",
        delegate_email="alex@example.org",
        booked_on=today,
    )
    if held:
        from safeguard.partnership.services.training import record_attendance

        session.starts_on = today - dt.timedelta(days=1)
        session.save(update_fields=["starts_on"])
        record_attendance(session=session, outcomes={str(booking.pk): "attended"})
    return session, booking


def _session(w):
    return {"session_id": _session_and_booking(w)[0].pk}


def _booking(w):
    return {"booking_id": _session_and_booking(w)[1].pk}


def _attended(w):
    return {"booking_id": _session_and_booking(w, held=True)[1].pk}


CASES = [
    Case(url_name="partnership:training_programme", allowed=UNIT),
    Case(url_name="partnership:training_programme", allowed=UNIT, query="quarter=2020-Q3"),
    Case(url_name="partnership:training_courses", allowed=UNIT),
    Case(url_name="partnership:training_course_add", allowed=UNIT),
    Case(url_name="partnership:training_course_add", allowed=UNIT, method="post", note=EMPTY),
    Case(url_name="partnership:training_course", kwargs=_course, allowed=UNIT),
    Case(url_name="partnership:training_session_add", kwargs=_course, allowed=UNIT),
    Case(
        url_name="partnership:training_session_add",
        kwargs=_course,
        allowed=UNIT,
        method="post",
        note=EMPTY,
    ),
    Case(
        url_name="partnership:training_session",
        kwargs=_session,
        allowed=UNIT,
        note="(delegates' names and emails)",
    ),
    Case(url_name="partnership:training_book", kwargs=_session, allowed=UNIT),
    Case(
        url_name="partnership:training_book",
        kwargs=_session,
        allowed=UNIT,
        method="post",
        note=EMPTY,
    ),
    Case(url_name="partnership:training_attendance", kwargs=_session, allowed=UNIT),
    Case(
        url_name="partnership:training_attendance",
        kwargs=_session,
        allowed=UNIT,
        method="post",
        note="(not held yet: the page says so)",
    ),
    Case(url_name="partnership:training_booking_cancel", kwargs=_booking, allowed=UNIT),
    Case(
        url_name="partnership:training_booking_cancel",
        kwargs=_booking,
        allowed=UNIT,
        method="post",
        note=EMPTY,
    ),
    Case(url_name="partnership:training_evaluation", kwargs=_attended, allowed=UNIT),
    Case(
        url_name="partnership:training_evaluation",
        kwargs=_attended,
        allowed=UNIT,
        method="post",
        note=EMPTY,
    ),
    Case(url_name="partnership:training_agencies", allowed=UNIT),
    Case(url_name="partnership:training_agency_add", allowed=UNIT),
    Case(url_name="partnership:training_agency_add", allowed=UNIT, method="post", note=EMPTY),
    Case(url_name="partnership:training_report", allowed=UNIT),
    Case(url_name="partnership:training_report", allowed=UNIT, query="quarter=2020-Q3"),
    Case(
        url_name="partnership:training_report_export",
        kwargs=lambda w: {"fmt": "csv"},
        allowed=UNIT,
        query="quarter=2020-Q3",
    ),
    Case(
        url_name="partnership:training_report_export",
        kwargs=lambda w: {"fmt": "pdf"},
        allowed=UNIT,
        query="quarter=2020-Q3",
        note="(PDF)",
    ),
]
