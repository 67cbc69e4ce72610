"""Training services: the menu, sessions, bookings with the waiting list, cancellations
offering the place to the first waiting, attendance and evaluations."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from safeguard.core import clock
from safeguard.partnership.models.training import (
    Attendance,
    BookingStatus,
    TrainingAgency,
    TrainingBooking,
)
from safeguard.partnership.services import training as services

pytestmark = pytest.mark.django_db
TODAY = clock.today()


def errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


@pytest.fixture
def course():
    return services.add_course(
        title="Level 3 Working Together",
        level="3",
        length=Decimal("1"),
        length_unit="days",
        mode="virtual",
        capacity=20,
        price_per_place=Decimal("80"),
        provider="Partnership business unit",
    )


@pytest.fixture
def agency():
    return TrainingAgency.objects.get(name="Schools and academies")


def book(session, agency, n: int, **kw) -> TrainingBooking:
    return services.book_place(
        session=session,
        agency=agency,
        delegate_name=f"Delegate {n}",
        delegate_role="Designated safeguarding lead",
        delegate_email=f"delegate{n}@example.org",
        **kw,
    )


def test_the_agency_list_is_seeded_with_every_kind_of_agency():
    sectors = set(TrainingAgency.objects.values_list("sector", flat=True))
    assert {"police", "health", "education", "early_years", "probation", "housing"} <= sectors


def test_a_course_and_its_session(course):
    assert course.length_label == "1 day"
    session = services.add_session(course=course, starts_on=TODAY + dt.timedelta(days=10))
    assert session.capacity == 20  # the course's, unless given
    with pytest.raises(ValidationError) as exc:
        services.add_course(
            title="level 3 working together",
            level="3",
            length=Decimal("0.5"),
            length_unit="days",
            mode="virtual",
            capacity=20,
            price_per_place=Decimal("50"),
            provider="x",
        )
    assert "title" in errors(exc)


def test_bad_course_values_are_refused_by_field():
    base = dict(title="Neglect", level="3", length=Decimal("0.5"), length_unit="days",
                mode="face_to_face", capacity=20, price_per_place=Decimal("0"),
                provider="P")  # fmt: skip
    bad = (("level", "9"), ("length", Decimal("0")), ("capacity", 0),
           ("price_per_place", Decimal("-1")), ("mode", "carrier_pigeon"))  # fmt: skip
    for field, value in bad:
        with pytest.raises(ValidationError) as exc:
            services.add_course(**{**base, field: value})
        assert field in errors(exc), field
    free = services.add_course(**base)
    assert free.price_per_place == 0 and free.length_label == "½ day"


def test_over_capacity_goes_on_the_waiting_list_and_a_cancellation_offers_the_place(course, agency):
    session = services.add_session(
        course=course, starts_on=TODAY + dt.timedelta(days=7), capacity=2
    )
    first, second = book(session, agency, 1), book(session, agency, 2)
    waiting_a = book(session, agency, 3)
    waiting_b = book(session, agency, 4)
    assert [b.status for b in (first, second)] == [BookingStatus.BOOKED] * 2
    assert waiting_a.status == waiting_b.status == BookingStatus.WAITING
    offered = services.cancel_booking(booking=first)
    assert offered is not None and offered.pk == waiting_a.pk
    waiting_a.refresh_from_db()
    assert waiting_a.status == BookingStatus.BOOKED and waiting_a.place_offered_on == TODAY
    first.refresh_from_db()
    assert first.status == BookingStatus.CANCELLED and first.cancelled_on == TODAY
    # Leaving the waiting list frees no place: nobody is moved up.
    assert services.cancel_booking(booking=waiting_b) is None
    assert session.bookings.filter(status=BookingStatus.BOOKED).count() == 2
    with pytest.raises(ValidationError):
        services.cancel_booking(booking=first)


def test_the_same_delegate_cannot_book_twice(course, agency):
    session = services.add_session(course=course, starts_on=TODAY + dt.timedelta(days=7))
    book(session, agency, 1)
    with pytest.raises(ValidationError) as exc:
        book(session, agency, 1)
    assert "delegate_email" in errors(exc)


def test_no_booking_on_a_session_held_or_cancelled(course, agency):
    held = services.add_session(course=course, starts_on=TODAY - dt.timedelta(days=1))
    with pytest.raises(ValidationError) as exc:
        book(held, agency, 1)
    assert "booked_on" in errors(exc)
    later = services.add_session(course=course, starts_on=TODAY + dt.timedelta(days=3))
    assert services.cancel_session(session=later) == 0
    with pytest.raises(ValidationError) as exc:
        book(later, agency, 2)
    assert "session" in errors(exc)


def test_attendance_then_an_evaluation(course, agency):
    day = TODAY - dt.timedelta(days=14)
    session = services.add_session(course=course, starts_on=TODAY + dt.timedelta(days=1))
    a, b, c = (book(session, agency, n, booked_on=day) for n in (1, 2, 3))
    with pytest.raises(ValidationError) as exc:  # not yet held
        services.record_attendance(session=session, outcomes={})
    assert "session" in errors(exc)
    session.starts_on = day + dt.timedelta(days=7)
    session.save()
    with pytest.raises(ValidationError) as exc:  # every place needs an answer
        services.record_attendance(session=session, outcomes={str(a.pk): "attended"})
    assert f"booking_{b.pk}" in errors(exc)
    outcomes = {str(a.pk): "attended", str(b.pk): "did_not_attend", str(c.pk): "cancelled_late"}
    assert services.record_attendance(session=session, outcomes=outcomes) == 3
    a.refresh_from_db()
    assert a.attendance == Attendance.ATTENDED
    with pytest.raises(ValidationError):  # a no-show returns no form
        services.record_evaluation(booking=b, returned_on=TODAY, rating=4)
    with pytest.raises(ValidationError) as exc:
        services.record_evaluation(booking=a, returned_on=day, rating=4)  # before the session
    assert "returned_on" in errors(exc)
    with pytest.raises(ValidationError) as exc:
        services.record_evaluation(booking=a, returned_on=TODAY, rating=6)
    assert "rating" in errors(exc)
    form = services.record_evaluation(
        booking=a, returned_on=TODAY, rating=5, learning_applied="Call the LADO for advice."
    )
    assert form.rating == 5
    with pytest.raises(ValidationError):
        services.record_evaluation(booking=a, returned_on=TODAY, rating=4)
    # Correcting attendance cannot make a delegate who returned a form a no-show.
    with pytest.raises(ValidationError):
        services.record_attendance(
            session=session, outcomes={**outcomes, str(a.pk): "did_not_attend"}
        )
    with pytest.raises(ValidationError):  # held and recorded: cancel as "late" instead
        services.cancel_booking(booking=b)


def test_agencies_are_kept_unique():
    added = services.add_agency(name="Wessex Vale Hospice", sector="voluntary")
    assert added.active
    with pytest.raises(ValidationError) as exc:
        services.add_agency(name="wessex vale hospice", sector="voluntary")
    assert "name" in errors(exc)
    with pytest.raises(ValidationError) as exc:
        services.add_agency(name="Somewhere", sector="nowhere")
    assert "sector" in errors(exc)
