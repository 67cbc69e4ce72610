"""Multi-agency training: places within capacity, a waiting list only on a full session,
attendance after the session and on places only, evaluations from attendees."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Count, F, Q

from safeguard.partnership.models.training import (
    Attendance,
    BookingStatus,
    CourseSession,
    TrainingBooking,
    TrainingEvaluation,
)
from safeguard.synth.checker import Check, Violation, rule

SESSION, BOOKING, EVALUATION = (
    "partnership.CourseSession",
    "partnership.TrainingBooking",
    "partnership.TrainingEvaluation",
)


def _counted() -> object:
    return CourseSession.objects.annotate(
        booked=Count("bookings", filter=Q(bookings__status=BookingStatus.BOOKED)),
        waiting=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITING)),
    )


@rule(
    "TRAINING-PLACES",
    "A session's places taken are within its capacity, and people wait only when it is "
    "full (a cancellation offers the place to the first waiting).",
)
def places(check: Check) -> Iterator[Violation]:
    for row in _counted().values("pk", "capacity", "booked", "waiting", "cancelled_on"):  # type: ignore[attr-defined]
        if row["booked"] > row["capacity"]:
            yield check.v(
                "TRAINING-PLACES",
                SESSION,
                row["pk"],
                None,
                f"{row['booked']} places taken of {row['capacity']}.",
            )
        elif row["waiting"] and row["booked"] < row["capacity"] and row["cancelled_on"] is None:
            yield check.v(
                "TRAINING-PLACES",
                SESSION,
                row["pk"],
                None,
                f"{row['waiting']} waiting while "
                f"{row['capacity'] - row['booked']} places are free.",
            )


@rule(
    "TRAINING-BOOKING-DATES",
    "Bookings are made by the day of the session, cancellations before it, and attendance "
    "is recorded only on places of a session held and marked as recorded.",
)
def booking_dates(check: Check) -> Iterator[Violation]:
    rows = TrainingBooking.objects.values(
        "pk", "booked_on", "cancelled_on", "attendance", "status",
        "session__starts_on", "session__attendance_recorded_on",
    )  # fmt: skip
    for row in rows.iterator(chunk_size=5_000):
        held, recorded = row["session__starts_on"], row["session__attendance_recorded_on"]
        problem = ""
        if row["booked_on"] > held:
            problem = f"booked {row['booked_on']}, after the session ({held})"
        elif row["cancelled_on"] is not None and row["cancelled_on"] > held:
            problem = f"cancelled {row['cancelled_on']}, after the session ({held})"
        elif row["attendance"] and recorded is None:
            problem = "attendance on a session whose attendance is not recorded"
        elif (
            recorded is not None and row["status"] == BookingStatus.BOOKED and not row["attendance"]
        ):
            problem = "no attendance for a place on a session whose attendance is recorded"
        if problem:
            yield check.v("TRAINING-BOOKING-DATES", BOOKING, row["pk"], None, problem + ".")
    for pk, held, recorded in CourseSession.objects.filter(
        attendance_recorded_on__lt=F("starts_on")
    ).values_list("pk", "starts_on", "attendance_recorded_on"):
        yield check.v(
            "TRAINING-BOOKING-DATES",
            SESSION,
            pk,
            None,
            f"attendance recorded {recorded}, before the session ({held}).",
        )


@rule(
    "TRAINING-EVALUATIONS",
    "An evaluation comes from a delegate who attended, on or after the session, rated 1-5.",
)
def evaluations(check: Check) -> Iterator[Violation]:
    rows = TrainingEvaluation.objects.values(
        "pk", "returned_on", "rating", "booking__attendance", "booking__session__starts_on"
    )
    for row in rows.iterator(chunk_size=5_000):
        problem = ""
        if row["booking__attendance"] != Attendance.ATTENDED:
            problem = "from a delegate not recorded as attending"
        elif row["returned_on"] < row["booking__session__starts_on"]:
            problem = f"returned {row['returned_on']}, before the session"
        elif not 1 <= row["rating"] <= 5:
            problem = f"rating {row['rating']}"
        if problem:
            yield check.v("TRAINING-EVALUATIONS", EVALUATION, row["pk"], None, problem + ".")
