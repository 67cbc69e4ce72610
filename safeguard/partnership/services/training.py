"""Writes for multi-agency training: the course menu, sessions, agencies, bookings (with
the waiting list), attendance and evaluations.

One function per business action, keyword-only, one transaction each, raising
``ValidationError`` keyed by the field at fault. Places are counted with the session row
locked, so two bookings at once cannot both take the last place; a cancelled place goes
to the first on the waiting list (booked earliest, then recorded earliest).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.validators import validate_email
from django.db import transaction

from safeguard.core import clock
from safeguard.core import validation as v
from safeguard.partnership.models.training import (
    AgencySector,
    Attendance,
    BookingStatus,
    Course,
    CourseLevel,
    CourseSession,
    DeliveryMode,
    LengthUnit,
    TrainingAgency,
    TrainingBooking,
    TrainingEvaluation,
)


def _choice(value: str, choices: Any, *, field: str, label: str) -> None:
    if value not in choices.values:
        raise v.fail(field, f"Select {label}.")


def _text(value: str, *, field: str, message: str) -> str:
    text = (value or "").strip()
    if not text:
        raise v.fail(field, message)
    return text


def _lock(session: CourseSession) -> CourseSession:
    return CourseSession.objects.select_for_update().select_related("course").get(pk=session.pk)


def places_taken(session: CourseSession) -> int:
    return session.bookings.filter(status=BookingStatus.BOOKED).count()


@transaction.atomic
def add_course(
    *,
    title: str,
    level: str,
    length: Decimal,
    length_unit: str,
    mode: str,
    capacity: int,
    price_per_place: Decimal,
    provider: str,
    description: str = "",
) -> Course:
    """A course joins the menu. Titles are unique: a second run of a course is a session."""
    name = _text(title, field="title", message="Enter the course title.")
    if Course.objects.filter(title__iexact=name).exists():
        raise v.fail("title", f"There is already a course called {name}: add a session to it.")
    _choice(level, CourseLevel, field="level", label="the level")
    _choice(length_unit, LengthUnit, field="length_unit", label="hours or days")
    _choice(mode, DeliveryMode, field="mode", label="how it is delivered")
    if length is None or length <= 0:
        raise v.fail("length", "The length must be more than 0.")
    if capacity is None or capacity < 1:
        raise v.fail("capacity", "A course needs at least 1 place.")
    if price_per_place is None or price_per_place < 0:
        raise v.fail("price_per_place", "The price cannot be negative (0 for a free course).")
    return Course.objects.create(
        title=name,
        level=level,
        length=length,
        length_unit=length_unit,
        mode=mode,
        capacity=capacity,
        price_per_place=price_per_place,
        provider=_text(provider, field="provider", message="Enter who provides the course."),
        description=description.strip(),
    )


@transaction.atomic
def add_session(
    *,
    course: Course,
    starts_on: dt.date,
    capacity: int | None = None,
    start_time: dt.time | None = None,
    venue: str = "",
    trainer: str = "",
) -> CourseSession:
    """A date the course runs on; its places default to the course's."""
    if not course.active:
        raise v.fail("course", f"{course.title} is no longer on the menu.")
    if starts_on is None:
        raise v.fail("starts_on", "Enter the date of the session.")
    places = course.capacity if capacity is None else capacity
    if places < 1:
        raise v.fail("capacity", "A session needs at least 1 place.")
    return CourseSession.objects.create(
        course=course,
        starts_on=starts_on,
        capacity=places,
        start_time=start_time,
        venue=venue.strip(),
        trainer=trainer.strip(),
    )


@transaction.atomic
def add_agency(*, name: str, sector: str) -> TrainingAgency:
    text = _text(name, field="name", message="Enter the agency's name.")
    _choice(sector, AgencySector, field="sector", label="the kind of agency")
    if TrainingAgency.objects.filter(name__iexact=text).exists():
        raise v.fail("name", f"{text} is already on the list.")
    return TrainingAgency.objects.create(name=text, sector=sector)


@transaction.atomic
def book_place(
    *,
    session: CourseSession,
    agency: TrainingAgency,
    delegate_name: str,
    delegate_role: str,
    delegate_email: str,
    booked_on: dt.date | None = None,
) -> TrainingBooking:
    """Book a delegate: a place while there is one, else the waiting list.

    Not on a cancelled session or one already held; not the same email twice on a
    session (unless that booking was cancelled).
    """
    session = _lock(session)
    day = booked_on or clock.today()
    v.not_in_future(day, field="booked_on", label="Date booked")
    if session.is_cancelled:
        raise v.fail("session", "This session was cancelled: book a place on another date.")
    if session.attendance_recorded_on is not None or day > session.starts_on:
        raise v.fail("booked_on", "This session has been held: book a place on another date.")
    if not agency.active:
        raise v.fail("agency", f"{agency.name} is no longer on the list of agencies.")
    name = _text(delegate_name, field="delegate_name", message="Enter the delegate's name.")
    role = _text(delegate_role, field="delegate_role", message="Enter the delegate's role.")
    email = _text(delegate_email, field="delegate_email", message="Enter the delegate's email.")
    try:
        validate_email(email)
    except Exception as exc:  # Django's ValidationError, re-keyed to the field
        raise v.fail("delegate_email", "Enter an email address like name@example.org.") from exc
    already = session.bookings.exclude(status=BookingStatus.CANCELLED).filter(
        delegate_email__iexact=email
    )
    if already.exists():
        raise v.fail("delegate_email", f"{email} is already booked on this session.")
    full = places_taken(session) >= session.capacity
    return TrainingBooking.objects.create(
        session=session,
        agency=agency,
        delegate_name=name,
        delegate_role=role,
        delegate_email=email.lower(),
        booked_on=day,
        status=BookingStatus.WAITING if full else BookingStatus.BOOKED,
    )


def waiting_list(session: CourseSession) -> list[TrainingBooking]:
    return list(
        session.bookings.filter(status=BookingStatus.WAITING)
        .select_related("agency")
        .order_by("booked_on", "created_at", "pk")
    )


@transaction.atomic
def cancel_booking(
    *, booking: TrainingBooking, cancelled_on: dt.date | None = None
) -> TrainingBooking | None:
    """Cancel a booking (with notice, before the session). A freed place is offered to
    the first on the waiting list, who is booked onto it; returns that booking, if any.

    A delegate who drops out on the day is recorded at attendance as "cancelled late".
    """
    session = _lock(booking.session)
    booking = TrainingBooking.objects.select_for_update().get(pk=booking.pk)
    day = cancelled_on or clock.today()
    v.not_in_future(day, field="cancelled_on", label="Date cancelled")
    if booking.status == BookingStatus.CANCELLED:
        raise v.fail("cancelled_on", "This booking is already cancelled.")
    if session.attendance_recorded_on is not None or day > session.starts_on:
        raise v.fail(
            "cancelled_on",
            "The session has been held: record a late cancellation with the attendance.",
        )
    freed = booking.status == BookingStatus.BOOKED
    booking.status, booking.cancelled_on = BookingStatus.CANCELLED, day
    booking.save(update_fields=["status", "cancelled_on", "updated_at"])
    if not freed or session.is_cancelled:
        return None
    waiting = waiting_list(session)
    if not waiting or places_taken(session) >= session.capacity:
        return None
    first = waiting[0]
    first.status, first.place_offered_on = BookingStatus.BOOKED, day
    first.save(update_fields=["status", "place_offered_on", "updated_at"])
    return first


@transaction.atomic
def cancel_session(*, session: CourseSession, cancelled_on: dt.date | None = None) -> int:
    """The session will not run; returns how many delegates (booked or waiting) to tell."""
    session = _lock(session)
    if session.is_cancelled:
        raise v.fail("cancelled_on", "This session is already cancelled.")
    if session.attendance_recorded_on is not None:
        raise v.fail("cancelled_on", "Attendance is recorded: the session was held.")
    session.cancelled_on = cancelled_on or clock.today()
    session.save(update_fields=["cancelled_on", "updated_at"])
    return session.bookings.exclude(status=BookingStatus.CANCELLED).count()


@transaction.atomic
def record_attendance(
    *,
    session: CourseSession,
    outcomes: Mapping[Any, str],
    recorded_on: dt.date | None = None,
) -> int:
    """Attendance of every booked place, after the session (keyed by booking id).

    May be recorded again to correct it, while no evaluation depends on "attended".
    """
    session = _lock(session)
    day = recorded_on or clock.today()
    v.not_in_future(day, field="recorded_on", label="Date recorded")
    if session.is_cancelled:
        raise v.fail("session", "This session was cancelled: there is no attendance.")
    if session.starts_on > day:
        raise v.fail("session", "Record attendance after the session has been held.")
    places = {str(b.pk): b for b in session.bookings.filter(status=BookingStatus.BOOKED)}
    if not places:
        raise v.fail("session", "Nobody had a place on this session.")
    for key, booking in places.items():
        outcome = outcomes.get(key) or outcomes.get(booking.pk)
        if outcome not in Attendance.values:
            raise v.fail(f"booking_{key}", f"Select whether {booking.delegate_name} attended.")
        if outcome != Attendance.ATTENDED and hasattr(booking, "evaluation"):
            raise v.fail(
                f"booking_{key}",
                f"{booking.delegate_name} returned an evaluation, so attended.",
            )
        if booking.attendance != outcome:
            booking.attendance = outcome
            booking.save(update_fields=["attendance", "updated_at"])
    session.attendance_recorded_on = day
    session.save(update_fields=["attendance_recorded_on", "updated_at"])
    return len(places)


@transaction.atomic
def record_evaluation(
    *,
    booking: TrainingBooking,
    returned_on: dt.date,
    rating: int,
    comments: str = "",
    learning_applied: str = "",
) -> TrainingEvaluation:
    """The feedback form a delegate who attended returned: once each."""
    booking = TrainingBooking.objects.select_related("session").get(pk=booking.pk)
    if booking.attendance != Attendance.ATTENDED:
        raise v.fail("returned_on", "Only a delegate recorded as attending returns a form.")
    if TrainingEvaluation.objects.filter(booking=booking).exists():
        raise v.fail("returned_on", "This delegate's evaluation is already recorded.")
    if returned_on is None:
        raise v.fail("returned_on", "Enter the date the form was returned.")
    v.not_in_future(returned_on, field="returned_on", label="Date returned")
    v.not_before(
        returned_on,
        booking.session.starts_on,
        field="returned_on",
        label="Date returned",
        earliest_label="the session",
    )
    if rating not in range(1, 6):
        raise v.fail("rating", "Select a rating from 1 to 5.")
    return TrainingEvaluation.objects.create(
        booking=booking,
        returned_on=returned_on,
        rating=rating,
        comments=comments.strip(),
        learning_applied=learning_applied.strip(),
    )
