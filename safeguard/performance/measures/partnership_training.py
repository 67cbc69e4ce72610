"""Multi-agency training: the partnership's quarterly table as measures (seed 001, "Feedback
and Impact": booking %, occupancy %, feedback %; 1,725 attendees a year).

Counted as the training quarterly table counts them (``safeguard.partnership.selectors.
training_report``): a session belongs to the period it was held in (cancelled sessions
are left out); a booking is a place taken on it (not the waiting list, not a booking
cancelled with notice). The drill-down lists places by course, date and agency, never a
delegate's name.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from safeguard.partnership.models.training import (
    AgencySector,
    Attendance,
    BookingStatus,
    CourseSession,
    TrainingBooking,
)
from safeguard.performance.data import Data
from safeguard.performance.frames import frame, read, since_filter
from safeguard.performance.measures.care_cohorts import breakdown
from safeguard.performance.periods import Period
from safeguard.performance.registry import (
    Figure,
    PeriodType,
    Polarity,
    Unit,
    count,
    in_period,
    measure,
    percent,
    rows,
)

SOURCE = "001 Partnership annual report"
AREA = "Partnership"
LEAD = "Partnership business unit"
SECTOR_LABELS = {str(k): str(v) for k, v in AgencySector.choices}
BOOKINGS = "Places booked on the multi-agency training sessions held in the period"
ATTENDED = "Delegates who attended the multi-agency training sessions held in the period"


@frame("training_sessions")
def training_sessions(since: dt.date | None) -> pl.DataFrame:
    return read(
        since_filter(
            CourseSession.objects.filter(cancelled_on__isnull=True), since, on="starts_on"
        ),
        "id",
        "starts_on",
        "capacity",
        course="course__title",
    )


@frame("training_places")
def training_places(since: dt.date | None) -> pl.DataFrame:
    found = TrainingBooking.objects.filter(
        status=BookingStatus.BOOKED, session__cancelled_on__isnull=True
    )
    return read(
        since_filter(found, since, on="session__starts_on"),
        "id",
        "attendance",
        starts_on="session__starts_on",
        course="session__course__title",
        sector="agency__sector",
        evaluation_id="evaluation__id",
    )


def _places(data: Data, period: Period) -> pl.DataFrame:
    return (
        data.frame("training_places")
        .filter(in_period("starts_on", period))
        .with_columns(
            agency=pl.col("sector").replace_strict(SECTOR_LABELS, default="Not recorded"),
            nobody=pl.lit(None, dtype=pl.Utf8),
        )
    )


def _rows(found: pl.DataFrame) -> pl.DataFrame:
    """One row per place: the course and the agency, no delegate (``child`` left empty)."""
    return rows(found, child="nobody", on="starts_on", record="course", detail=pl.col("agency"))


def _attended(found: pl.DataFrame) -> pl.DataFrame:
    return found.filter(pl.col("attendance") == str(Attendance.ATTENDED))


@measure(
    id="PA-TRN-01",
    name="Multi-agency training: booking rate",
    area=AREA,
    cohort="Spaces on the multi-agency training sessions held in the period",
    numerator=BOOKINGS,
    denominator="Spaces (places offered) on those sessions",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    source=SOURCE,
    lead=LEAD,
    frequency="Quarterly",
)
def booking_rate(data: Data, period: Period) -> Figure:
    sessions = data.frame("training_sessions").filter(in_period("starts_on", period))
    spaces = int(sessions["capacity"].sum() or 0) if sessions.height else 0
    numerator = _rows(_places(data, period))
    value = 100.0 * numerator.height / spaces if spaces else None
    return Figure(value, numerator, denominator_value=spaces)


@measure(
    id="PA-TRN-02",
    name="Multi-agency training: occupancy (attendance of places booked)",
    area=AREA,
    cohort=BOOKINGS,
    numerator="Those delegates who attended",
    denominator=BOOKINGS,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    source=SOURCE,
    lead=LEAD,
    frequency="Quarterly",
)
def occupancy_rate(data: Data, period: Period) -> Figure:
    found = _places(data, period)
    return percent(_rows(_attended(found)), _rows(found))


@measure(
    id="PA-TRN-03",
    name="Multi-agency training: evaluation forms returned",
    area=AREA,
    cohort=ATTENDED,
    numerator="Those delegates whose feedback form was returned",
    denominator=ATTENDED,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    source=SOURCE,
    lead=LEAD,
    frequency="Quarterly",
)
def feedback_rate(data: Data, period: Period) -> Figure:
    attended = _attended(_places(data, period))
    returned = attended.filter(pl.col("evaluation_id").is_not_null())
    return percent(_rows(returned), _rows(attended))


@measure(
    id="PA-TRN-04",
    name="Multi-agency training: attendees",
    area=AREA,
    cohort=ATTENDED,
    numerator=f"{ATTENDED}; the breakdown is by kind of agency",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.HIGHER,
    source=SOURCE,
    lead=LEAD,
    frequency="Quarterly",
)
def attendees(data: Data, period: Period) -> Figure:
    attended = _attended(_places(data, period))
    figure = count(_rows(attended))
    figure.breakdown = breakdown(attended, "agency", list(SECTOR_LABELS.values()))
    return figure
