# ruff: noqa: E501
"""Multi-agency training: the partnership's course menu, a programme of sessions, bookings
by agency (with waiting lists), attendance and evaluations.

Calibration (seed 001, "Multi Agency Training and Practice Improvement"; calibration.md):
95 courses (sessions) a year attended by 1,725 practitioners at scale 1.0 (about 18 a
session), the number of sessions scaled by ``settings.scale``. The quarterly table's
rates: bookings about 98% of spaces (79.5% in a thin quarter), attendance 89-95% of
bookings, feedback forms 57-64.5% of attendance, 90-95% of forms rating the course good or
excellent. Day courses about £75-£80 a place, half days £50, some free. Schools, early
years and the local authority are the biggest cohorts; police and parts of health are
thin (single-agency provision). Few sessions in August and over Christmas.

Sessions after the end of the history are planned (bookings so far, no attendance); the
last few held have no attendance recorded yet (the unit's work list).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import numpy as np

from safeguard.core import calendar
from safeguard.partnership.models.training import (
    Attendance,
    BookingStatus,
    Course,
    CourseSession,
    TrainingAgency,
    TrainingBooking,
    TrainingEvaluation,
)
from safeguard.synth.context import SynthContext
from safeguard.synth.draws import weighted
from safeguard.synth.writer import build

STREAM = "training"
SESSIONS_PER_YEAR = 95.0
#: Seed 001's quarterly table: bookings / spaces, attendance / bookings, forms / attendance.
DEMAND = 1.2  # requests for a place, as a share of places (the rest wait)
ATTEND = 0.925
FEEDBACK = 0.60
CANCEL_WITH_NOTICE = 0.03
RATINGS = ((5, 0.52), (4, 0.41), (3, 0.05), (2, 0.015), (1, 0.005))
PLANNED_AHEAD_DAYS = 56
#: (title, level, length, unit, mode, places, £ a place, provider, share of sessions)
MENU: tuple[tuple[str, str, str, str, str, int, str, str, float], ...] = (
    ("Level 3 Working Together", "3", "1", "days", "virtual", 20, "80", "Commissioned provider", 0.22),
    ("Level 3 Working Together Update", "3", "0.5", "days", "virtual", 20, "50", "Partnership business managers", 0.20),
    ("Managing Allegations", "3", "0.5", "days", "virtual", 20, "50", "LADO service", 0.08),
    ("Safer Recruitment", "3", "1", "days", "face_to_face", 24, "75", "Commissioned provider", 0.07),
    ("Supervision Skills", "4", "1", "days", "face_to_face", 20, "80", "Commissioned provider", 0.06),
    ("Criminal Exploitation", "3", "0.5", "days", "virtual", 24, "50", "Commissioned provider", 0.09),
    ("Missing, Exploited and Trafficking", "3", "0.5", "days", "virtual", 24, "50", "Commissioned provider", 0.07),
    ("Neglect", "3", "1", "days", "face_to_face", 20, "75", "Commissioned provider", 0.09),
    ("Safeguarding Children with SEND", "3", "3", "hours", "virtual", 20, "0", "NSPCC and partnership", 0.06),
    ("Level 2 Foundation Safeguarding", "2", "0.5", "days", "virtual", 24, "50", "Partnership business managers", 0.06),
)  # fmt: skip
#: Share of places by agency (schools, early years and the local authority the most).
AGENCY_SHARES: tuple[tuple[str, str, float], ...] = (
    ("Schools and academies", "education", 0.27),
    ("Further education colleges", "education", 0.03),
    ("Early years providers and childminders", "early_years", 0.17),
    ("Children's social care", "childrens_social_care", 0.16),
    ("NHS community health services", "health", 0.07),
    ("Hospital trust", "health", 0.03),
    ("GP practices", "health", 0.02),
    ("Police", "police", 0.02),
    ("Adult social care", "adult_services", 0.04),
    ("Probation Service", "probation", 0.02),
    ("Housing (council and housing associations)", "housing", 0.03),
    ("Voluntary and community organisations", "voluntary", 0.09),
    ("Sports and activity clubs", "voluntary", 0.02),
    ("Faith organisations", "voluntary", 0.02),
    ("Other", "other", 0.01),
)
ROLES = {
    "education": ("Designated safeguarding lead", "Teacher", "Head of year", "Teaching assistant"),
    "early_years": ("Nursery manager", "Early years practitioner", "Childminder"),
    "childrens_social_care": ("Social worker", "Family support worker", "Team manager"),
    "health": ("Health visitor", "School nurse", "Midwife", "Practice nurse"),
    "police": ("Police constable", "Detective constable"),
    "adult_services": ("Adult social worker", "Care co-ordinator"),
    "probation": ("Probation officer",),
    "housing": ("Housing officer", "Tenancy support worker"),
    "voluntary": ("Youth worker", "Volunteer co-ordinator", "Club welfare officer"),
    "other": ("Safeguarding lead",),
}
#: Relative sessions by calendar month (thin in August and December).
MONTH_WEIGHT = {1: 1.1, 2: 1.1, 3: 1.1, 4: 0.9, 5: 1.1, 6: 1.1, 7: 0.8, 8: 0.2, 9: 1.1,
                10: 1.2, 11: 1.2, 12: 0.6}  # fmt: skip


def _agencies(ctx: SynthContext) -> list[tuple[TrainingAgency, str, float]]:
    """The list the migration seeded (any missing name is added), with each one's share."""
    known = {a.name: a for a in TrainingAgency.objects.all()}
    out = []
    for name, sector, share in AGENCY_SHARES:
        agency = known.get(name)
        if agency is None:
            agency = ctx.writer.add(
                build(TrainingAgency, name=name, sector=sector, active=True),
                id=ctx.new_id(STREAM),
                at=ctx.at(ctx.settings.start),
            )
        out.append((agency, sector, share))
    return out


def _courses(ctx: SynthContext) -> list[tuple[Course, float]]:
    known = {c.title: c for c in Course.objects.all()}
    out = []
    for title, level, length, unit, mode, places, price, provider, share in MENU:
        course = known.get(title) or ctx.writer.add(
            build(
                Course,
                title=title,
                level=level,
                length=Decimal(length),
                length_unit=unit,
                mode=mode,
                capacity=places,
                price_per_place=Decimal(price),
                provider=provider,
                description="",
                active=True,
            ),
            id=ctx.new_id(STREAM),
            at=ctx.at(ctx.settings.start),
        )
        out.append((course, share))
    return out


def _session_days(
    rng: np.random.Generator, start: dt.date, end: dt.date, per_year: float
) -> list[dt.date]:
    """Working days for ``per_year`` sessions a year: each month its share (by
    ``MONTH_WEIGHT``, for the part of it in range), fractions carried on, so any 12 months
    hold close to ``per_year``; the days in a month drawn at random."""
    total_weight = sum(MONTH_WEIGHT.values())
    out: list[dt.date] = []
    carry = float(rng.random())
    month = start.replace(day=1)
    while month <= end:
        following = calendar.add_months(month, 1)
        days = [
            month + dt.timedelta(days=i)
            for i in range((following - month).days)
            if start <= month + dt.timedelta(days=i) <= end
            and calendar.is_working_day(month + dt.timedelta(days=i))
        ]
        share = len(days) / max(1, sum(
            1 for i in range((following - month).days)
            if calendar.is_working_day(month + dt.timedelta(days=i))
        ))  # fmt: skip
        carry += per_year * MONTH_WEIGHT[month.month] / total_weight * share
        n, carry = int(carry), carry - int(carry)
        if days and n:
            out += [days[int(i)] for i in rng.integers(0, len(days), size=n)]
        month = following
    return sorted(out)


def generate(ctx: SynthContext) -> None:
    settings = ctx.settings
    rng = ctx.stream(STREAM)
    fake = ctx.faker(STREAM)
    planned_to = settings.end + dt.timedelta(days=PLANNED_AHEAD_DAYS)
    days = _session_days(rng, settings.start, planned_to, SESSIONS_PER_YEAR * settings.scale)
    if not days:
        return
    courses = _courses(ctx)
    agencies = _agencies(ctx)
    agency_weights = [(i, share) for i, (_, _, share) in enumerate(agencies)]
    for starts_on in days:
        course = weighted(rng, [(c, share) for c, share in courses])
        _session(ctx, rng, fake, course, starts_on, agencies, agency_weights)


def _session(
    ctx: SynthContext,
    rng: np.random.Generator,
    fake: Any,
    course: Course,
    starts_on: dt.date,
    agencies: list[tuple[TrainingAgency, str, float]],
    agency_weights: list[tuple[int, float]],
) -> None:
    end = ctx.settings.end
    places = int(course.capacity)
    # Attendance is recorded within a few working days (the last sessions wait for it).
    recorded = calendar.add_working_days(starts_on, int(rng.integers(1, 4)))
    recorded_on = recorded if recorded <= end else None
    start_hour = 13 if course.length_label == "½ day" and rng.random() < 0.4 else 9
    session = ctx.writer.add(
        build(
            CourseSession,
            course=course,
            starts_on=starts_on,
            start_time=dt.time(start_hour, 30),
            venue="Microsoft Teams" if course.mode == "virtual" else "County Hall, training room 2",
            capacity=places,
            trainer=course.provider,
            attendance_recorded_on=recorded_on,
        ),
        id=ctx.new_id(STREAM),
        at=ctx.at(starts_on - dt.timedelta(days=90)),
    )
    requests = int(rng.poisson(places * DEMAND * (1.0 if rng.random() < 0.85 else 1.2)))
    if starts_on > end:  # still filling up: the nearer the date, the fuller
        requests = int(requests * max(0.2, 1 - (starts_on - end).days / 70))
    asked = sorted(starts_on - dt.timedelta(days=int(rng.integers(3, 75))) for _ in range(requests))
    bookings: list[dict[str, Any]] = []
    for booked_on in asked:
        if booked_on > end:
            continue
        agency, sector, _ = agencies[weighted(rng, agency_weights)]
        cancel_on = booked_on + dt.timedelta(days=int(rng.integers(1, 30)))
        bookings.append(
            {
                "session": session,
                "agency": agency,
                "delegate_role": str(rng.choice(ROLES[sector])),
                "booked_on": booked_on,
                **_delegate(fake, agency),
                "_cancel": cancel_on
                if rng.random() < CANCEL_WITH_NOTICE and cancel_on < starts_on and cancel_on <= end
                else None,
            }
        )
    for values in _allocate(bookings, places):
        cancel = values.pop("_cancel")
        if values["status"] == BookingStatus.BOOKED:
            _place(ctx, rng, values, starts_on, recorded_on)
        else:
            _add(ctx, values, cancelled_on=cancel if values["status"] == "cancelled" else None)


def _allocate(bookings: list[dict[str, Any]], places: int) -> list[dict[str, Any]]:
    """Run the requests and cancellations in date order as the services would: a place
    while there is one, else the waiting list; a cancellation gives its place to the
    first waiting (``place_offered_on``). Sets each booking's ``status``."""
    events = sorted(
        [(b["booked_on"], 1, i) for i, b in enumerate(bookings)]
        + [(b["_cancel"], 0, i) for i, b in enumerate(bookings) if b["_cancel"] is not None]
    )
    taken, waiting = 0, []
    for day, kind, i in events:
        booking = bookings[i]
        if kind == 1:
            if taken < places:
                booking["status"], taken = BookingStatus.BOOKED, taken + 1
            else:
                booking["status"] = BookingStatus.WAITING
                waiting.append(booking)
        elif booking.get("status") == BookingStatus.BOOKED and not booking.get("place_offered_on"):
            booking["status"], taken = BookingStatus.CANCELLED, taken - 1
            if waiting:
                first = waiting.pop(0)
                first["status"], first["place_offered_on"] = BookingStatus.BOOKED, day
                taken += 1
        else:  # a cancellation of a place not taken (still waiting): stays waiting
            booking["_cancel"] = None
    for booking in bookings:
        if booking["status"] != BookingStatus.CANCELLED:
            booking["_cancel"] = None
    return bookings


def _delegate(fake: Any, agency: TrainingAgency) -> dict[str, str]:
    first, last = fake.first_name(), fake.last_name()
    domain = "".join(ch for ch in agency.name.lower() if ch.isalnum())[:20]
    return {
        "delegate_name": f"{first} {last}",
        "delegate_email": f"{first}.{last}@{domain}.example.org".lower().replace("'", ""),
    }


def _add(ctx: SynthContext, values: dict[str, Any], **more: Any) -> Any:
    return ctx.writer.add(
        build(TrainingBooking, **values, **more),
        id=ctx.new_id(STREAM),
        at=ctx.at(values["booked_on"], 11),
    )


def _place(
    ctx: SynthContext,
    rng: np.random.Generator,
    values: dict[str, Any],
    starts_on: dt.date,
    recorded_on: dt.date | None,
) -> None:
    attendance = ""
    if recorded_on is not None:
        if rng.random() < ATTEND:
            attendance = Attendance.ATTENDED
        else:
            attendance = (
                Attendance.DID_NOT_ATTEND if rng.random() < 0.6 else Attendance.CANCELLED_LATE
            )
    booking = _add(ctx, values, attendance=attendance)
    if attendance != Attendance.ATTENDED or rng.random() >= FEEDBACK:
        return
    returned_on = starts_on + dt.timedelta(days=int(rng.integers(0, 15)))
    if returned_on > ctx.settings.end:
        return
    rating = weighted(rng, RATINGS)
    ctx.writer.add(
        build(
            TrainingEvaluation,
            booking=booking,
            returned_on=returned_on,
            rating=rating,
            comments="" if rng.random() < 0.5 else "Clear, practical and well paced.",
            learning_applied=""
            if rng.random() < 0.4
            else "I will use the escalation policy and share the learning with my team.",
        ),
        id=ctx.new_id(STREAM),
        at=ctx.at(returned_on, 14),
    )
