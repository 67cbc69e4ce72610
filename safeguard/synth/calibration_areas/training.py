# ruff: noqa: E501
"""Calibration targets for multi-agency training (see ``safeguard.synth.calibration``).

Seed 001 ("Multi Agency Training and Practice Improvement"): 95 courses a year attended by
1,725 multi-agency practitioners; the quarterly table's booking, occupancy and feedback
rates; 90-95% of evaluations rating the training good or excellent. Counted as the
quarterly table counts them (``safeguard.partnership.selectors.training_report``), over
the sessions held in the 12 months.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Q, Sum

from safeguard.partnership.models.training import Attendance, TrainingEvaluation
from safeguard.partnership.selectors.training_report import held_sessions, places
from safeguard.synth.calibration import Target

# fmt: off
TARGETS: list[Target] = [
    Target("training_sessions_pa", "Multi-agency training courses (sessions) a year", 85, 105, "count", "sessions held in the 12 months, not cancelled", "001 Training overview (95 courses)"),
    Target("training_attendees_pa", "Practitioners attending multi-agency training a year", 1550, 1900, "count", "delegates recorded as attending sessions held in the 12 months", "001 Training overview (1,725 attendees)"),
    Target("training_booking_rate", "Training spaces booked", 90, 99, "%", "bookings / spaces on the sessions held in the 12 months", "001 Feedback and Impact (98, 98, 79.5)", gap="a thin quarter (Covid Q2) was 79.5%; a normal year 95-98%"),
    Target("training_occupancy", "Training bookings attended (occupancy)", 88, 95, "%", "attendance / bookings on those sessions", "001 Feedback and Impact (89, 92, 95)"),
    Target("training_feedback", "Evaluation forms returned", 55, 66, "%", "forms returned / attendance on those sessions", "001 Feedback and Impact (57, 60, 64.5)"),
    Target("training_good", "Evaluations rating the training good or excellent", 90, 96, "%", "forms rating it 4 or 5 of 5", "001 Feedback and Impact (90-95%)"),
]
# fmt: on


def _pct(numerator: int, denominator: int) -> float | None:
    return 100.0 * numerator / denominator if denominator else None


def measures(as_at: dt.date) -> dict[str, Callable[[], float | None]]:
    since = as_at - relativedelta(years=1) + dt.timedelta(days=1)

    def figures() -> dict[str, int]:
        sessions = held_sessions(since, as_at).aggregate(n=Count("pk"), spaces=Sum("capacity"))
        booked = places(since, as_at).aggregate(
            n=Count("pk"), attended=Count("pk", filter=Q(attendance=Attendance.ATTENDED))
        )
        forms = TrainingEvaluation.objects.filter(booking__in=places(since, as_at)).aggregate(
            n=Count("pk"), good=Count("pk", filter=Q(rating__gte=4))
        )
        return {
            "sessions": sessions["n"],
            "spaces": sessions["spaces"] or 0,
            "bookings": booked["n"],
            "attended": booked["attended"],
            "forms": forms["n"],
            "good": forms["good"],
        }

    cache: dict[str, dict[str, int]] = {}

    def f() -> dict[str, int]:
        if "v" not in cache:
            cache["v"] = figures()
        return cache["v"]

    return {
        "training_sessions_pa": lambda: float(f()["sessions"]),
        "training_attendees_pa": lambda: float(f()["attended"]),
        "training_booking_rate": lambda: _pct(f()["bookings"], f()["spaces"]),
        "training_occupancy": lambda: _pct(f()["attended"], f()["bookings"]),
        "training_feedback": lambda: _pct(f()["forms"], f()["attended"]),
        "training_good": lambda: _pct(f()["good"], f()["forms"]),
    }
