"""Reads for the training pages: the menu, the programme of sessions, a session's
delegates and waiting list, the agencies, and what needs doing."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from safeguard.partnership.models.training import (
    BookingStatus,
    Course,
    CourseSession,
    TrainingAgency,
    TrainingBooking,
)
from safeguard.partnership.quarters import Quarter

#: Sessions this soon with people waiting are flagged (the unit may add a session).
WAITING_SOON_DAYS = 28


def with_counts(sessions: QuerySet[CourseSession]) -> QuerySet[Any]:
    """Sessions with ``booked`` (places taken) and ``waiting`` (the waiting list)."""
    return sessions.select_related("course").annotate(
        booked=Count("bookings", filter=Q(bookings__status=BookingStatus.BOOKED)),
        waiting=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITING)),
    )


def courses(*, include_inactive: bool = True) -> QuerySet[Course]:
    found = Course.objects.annotate(session_count=Count("sessions")).order_by("title")
    return found if include_inactive else found.filter(active=True)


def course(course_id: uuid.UUID) -> Course | None:
    return Course.objects.filter(pk=course_id).first()


def course_sessions(course: Course) -> QuerySet[Any]:
    return with_counts(course.sessions.all()).order_by("-starts_on")


def programme(quarter: Quarter) -> QuerySet[Any]:
    """The quarter's sessions, in date order (cancelled ones too, marked)."""
    return with_counts(
        CourseSession.objects.filter(starts_on__range=(quarter.start, quarter.end))
    ).order_by("starts_on", "start_time", "course__title")


def session(session_id: uuid.UUID) -> CourseSession | None:
    found = with_counts(CourseSession.objects.filter(pk=session_id))
    return found.first()


def places(session: CourseSession) -> list[TrainingBooking]:
    """Booked places, by agency then name."""
    return list(
        session.bookings.filter(status=BookingStatus.BOOKED)
        .select_related("agency", "evaluation")
        .order_by("agency__name", "delegate_name")
    )


def waiting(session: CourseSession) -> list[TrainingBooking]:
    """The waiting list in the order places are offered."""
    return list(
        session.bookings.filter(status=BookingStatus.WAITING)
        .select_related("agency")
        .order_by("booked_on", "created_at", "pk")
    )


def cancelled(session: CourseSession) -> list[TrainingBooking]:
    return list(
        session.bookings.filter(status=BookingStatus.CANCELLED)
        .select_related("agency")
        .order_by("cancelled_on", "delegate_name")
    )


def booking(booking_id: uuid.UUID) -> TrainingBooking | None:
    return (
        TrainingBooking.objects.select_related("session__course", "agency")
        .filter(pk=booking_id)
        .first()
    )


def agencies(*, active_only: bool = False) -> QuerySet[TrainingAgency]:
    found = TrainingAgency.objects.annotate(booking_count=Count("bookings")).order_by("name")
    return found.filter(active=True) if active_only else found


@dataclass(frozen=True)
class ToDo:
    """A session needing the unit: attendance to record, or a waiting list before it."""

    session: CourseSession
    what: str


def attendance_due(today: dt.date) -> QuerySet[Any]:
    """Held sessions (not cancelled) with booked places and no attendance recorded."""
    return (
        with_counts(
            CourseSession.objects.filter(
                starts_on__lte=today, cancelled_on__isnull=True, attendance_recorded_on__isnull=True
            )
        )
        .filter(booked__gt=0)
        .order_by("starts_on")
    )


def waiting_soon(today: dt.date) -> QuerySet[Any]:
    """Sessions in the next four weeks (not yet held) that people are waiting for."""
    return (
        with_counts(
            CourseSession.objects.filter(
                starts_on__gte=today,
                starts_on__lte=today + dt.timedelta(days=WAITING_SOON_DAYS),
                cancelled_on__isnull=True,
                attendance_recorded_on__isnull=True,
            )
        )
        .filter(waiting__gt=0)
        .order_by("starts_on")
    )


def work_list(today: dt.date) -> list[ToDo]:
    out = [
        ToDo(s, f"Record attendance (held {s.starts_on:%d/%m/%Y})") for s in attendance_due(today)
    ]
    out += [
        ToDo(s, f"{s.waiting} waiting for a place: offer any cancellation or add a session")
        for s in waiting_soon(today)
    ]
    return out
