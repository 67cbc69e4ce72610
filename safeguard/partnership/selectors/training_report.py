"""The training quarterly table (seed 001, "Feedback and Impact"): per quarter, courses
run, spaces, bookings, attendance and feedback forms, with the rates and their change on
the previous quarter; and attendance by agency.

Definitions (stated on the page, in the PDF and in the CSV):

* **courses**: sessions held in the quarter (by their date; cancelled sessions excluded);
* **spaces**: the places on those sessions;
* **bookings**: places taken on them (a waiting-list place or a booking cancelled with
  notice is not a booking; a late cancellation or a no-show is);
* **attendance**: delegates recorded as attending;
* **booking %** = bookings / spaces; **occupancy %** = attendance / bookings;
  **feedback %** = evaluation forms returned / attendance; the change on the previous
  quarter is in percentage points;
* **rated good or excellent**: forms rating the course 4 or 5, of the forms returned.

Counts only: no delegate is named.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, Q, QuerySet, Sum

from safeguard.partnership.models.training import (
    AgencySector,
    Attendance,
    BookingStatus,
    CourseSession,
    TrainingBooking,
    TrainingEvaluation,
)
from safeguard.partnership.quarters import Quarter

QUARTERS_SHOWN = 4


def percent(numerator: int, denominator: int) -> float | None:
    return 100.0 * numerator / denominator if denominator else None


def change(now: float | None, before: float | None) -> float | None:
    """Percentage points on the previous quarter (none when either has no rate)."""
    return None if now is None or before is None else now - before


@dataclass(frozen=True)
class QuarterFigures:
    quarter: Quarter
    courses: int
    spaces: int
    bookings: int
    attendance: int
    feedback: int
    good_or_excellent: int

    @property
    def heading(self) -> str:
        """ "Q3 2020-21": short enough for the table's row and column headings."""
        q = self.quarter
        return f"Q{q.number} {q.year}-{str(q.year + 1)[2:]}"

    @property
    def booking_rate(self) -> float | None:
        return percent(self.bookings, self.spaces)

    @property
    def occupancy_rate(self) -> float | None:
        return percent(self.attendance, self.bookings)

    @property
    def feedback_rate(self) -> float | None:
        return percent(self.feedback, self.attendance)

    @property
    def good_rate(self) -> float | None:
        return percent(self.good_or_excellent, self.feedback)


@dataclass(frozen=True)
class Row:
    """A quarter's line of the table, with the change on the quarter before."""

    figures: QuarterFigures
    previous: QuarterFigures

    @property
    def booking_change(self) -> float | None:
        return change(self.figures.booking_rate, self.previous.booking_rate)

    @property
    def occupancy_change(self) -> float | None:
        return change(self.figures.occupancy_rate, self.previous.occupancy_rate)

    @property
    def feedback_change(self) -> float | None:
        return change(self.figures.feedback_rate, self.previous.feedback_rate)


@dataclass(frozen=True)
class AgencyLine:
    key: str
    label: str
    counts: list[int]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass
class TrainingReport:
    quarter: Quarter
    run_on: dt.date
    rows: list[Row]
    total: QuarterFigures
    by_agency: list[AgencyLine] = field(default_factory=list)

    @property
    def current(self) -> Row:
        return self.rows[0]

    @property
    def quarters(self) -> list[Quarter]:
        return [row.figures.quarter for row in self.rows]

    @property
    def agency_totals(self) -> list[int]:
        return [sum(line.counts[i] for line in self.by_agency) for i in range(len(self.rows))]


def held_sessions(start: dt.date, end: dt.date) -> QuerySet[CourseSession]:
    return CourseSession.objects.filter(starts_on__range=(start, end), cancelled_on__isnull=True)


def places(start: dt.date, end: dt.date) -> QuerySet[TrainingBooking]:
    """Bookings (places taken) on the sessions held between the dates."""
    return TrainingBooking.objects.filter(
        session__starts_on__range=(start, end),
        session__cancelled_on__isnull=True,
        status=BookingStatus.BOOKED,
    )


def figures(quarter: Quarter, *, end: dt.date | None = None) -> QuarterFigures:
    """The quarter's line (``end`` to cover several quarters, from ``quarter.start``)."""
    last = end or quarter.end
    sessions = held_sessions(quarter.start, last).aggregate(
        courses=Count("pk"), spaces=Sum("capacity")
    )
    booked = places(quarter.start, last).aggregate(
        bookings=Count("pk"), attendance=Count("pk", filter=Q(attendance=Attendance.ATTENDED))
    )
    forms = TrainingEvaluation.objects.filter(booking__in=places(quarter.start, last)).aggregate(
        feedback=Count("pk"), good=Count("pk", filter=Q(rating__gte=4))
    )
    return QuarterFigures(
        quarter=quarter,
        courses=sessions["courses"],
        spaces=sessions["spaces"] or 0,
        bookings=booked["bookings"],
        attendance=booked["attendance"],
        feedback=forms["feedback"],
        good_or_excellent=forms["good"],
    )


def _by_agency(quarters: list[Quarter]) -> list[AgencyLine]:
    counts = Counter(
        places(quarters[-1].start, quarters[0].end)
        .filter(attendance=Attendance.ATTENDED)
        .values_list("agency__sector", "session__starts_on")
    )
    per: dict[str, list[int]] = {key: [0] * len(quarters) for key in AgencySector.values}
    for (sector, starts_on), n in counts.items():
        index = quarters.index(Quarter.containing(starts_on))
        per.setdefault(sector, [0] * len(quarters))[index] += n
    return [AgencyLine(str(k), str(label), per[k]) for k, label in AgencySector.choices]


def quarterly_report(quarter: Quarter, *, run_on: dt.date) -> TrainingReport:
    """The quarter and the three before it (newest first), as seed 001 lays it out."""
    shown = quarter.recent(QUARTERS_SHOWN)
    lines = {q: figures(q) for q in [*shown, shown[-1].previous()]}
    return TrainingReport(
        quarter=quarter,
        run_on=run_on,
        rows=[Row(lines[q], lines[q.previous()]) for q in shown],
        total=figures(shown[-1], end=quarter.end),
        by_agency=_by_agency(shown),
    )


def quarters_with_sessions() -> list[Quarter]:
    """Every quarter from the first session to the latest, newest first."""
    span = CourseSession.objects.aggregate(first=Min("starts_on"), last=Max("starts_on"))
    if span["first"] is None:
        return []
    first, last = Quarter.containing(span["first"]), Quarter.containing(span["last"])
    out = [last]
    while out[-1] > first:
        out.append(out[-1].previous())
    return out
