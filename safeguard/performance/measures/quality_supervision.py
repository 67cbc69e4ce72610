"""Supervision and practice meeting measures (issue 9): OBA2-03, OBA2-04, OBA2-07, OBA2-08.

Supervision (seed 003, A01 Back to Basics): the cohort is the supervisions **due** in the
period (the due date from the timescale registry, ``supervision``), recorded ones and the
one a worker in post is overdue for with nothing recorded yet (held: no). Completed is
held at all; on time is held on or before the due date.

Practice meetings (seed 003, A05 Staff Engagement): the invitations to meetings held in
the period whose attendance is recorded. The Diagonal Slice (OBA2-07) is attended out of
invited; the QA meeting (OBA2-08) leaves out those who sent timely apologies (the same
rule as ``safeguard.quality.selectors.meetings``). Drill-downs name staff identifiers,
never a child.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from safeguard.core import clock
from safeguard.performance.data import Data
from safeguard.performance.frames import frame, read, since_filter
from safeguard.performance.measures.awaiting import QA_LEAD, WORKFORCE_LEAD
from safeguard.performance.measures.care_cohorts import due_after, step
from safeguard.performance.measures.front_door import OBA_SOURCE
from safeguard.performance.periods import Period
from safeguard.performance.registry import (
    Figure,
    PeriodType,
    Polarity,
    Unit,
    in_period,
    measure,
    percent,
    rows,
)
from safeguard.quality.models import (
    SUPERVISEE_ROLES,
    Invitation,
    MeetingKind,
    Response,
    Supervision,
)
from safeguard.workforce.models import Worker

DUE = "Supervisions due in the period"


@frame("quality_supervisions")
def quality_supervisions(since: dt.date | None) -> pl.DataFrame:
    return read(
        Supervision.objects.all(),
        "due_on",
        "held_on",
        worker_id="supervisee",
        staff_id="supervisee__staff_id",
    )


@frame("quality_supervisees")
def quality_supervisees(since: dt.date | None) -> pl.DataFrame:
    return read(
        Worker.objects.filter(role__in=SUPERVISEE_ROLES),
        "started_on",
        "left_on",
        "staff_id",
        worker_id="id",
    )


@frame("quality_invitations")
def quality_invitations(since: dt.date | None) -> pl.DataFrame:
    return read(
        since_filter(
            Invitation.objects.filter(meeting__attendance_recorded_on__isnull=False),
            since,
            on="meeting__held_on",
        ),
        "response",
        held_on="meeting__held_on",
        kind="meeting__kind",
        staff_id="worker__staff_id",
        worker_id="worker",
    )


def _outstanding(data: Data, records: pl.DataFrame) -> pl.DataFrame:
    """The supervision each worker in post is overdue for with nothing recorded: due a
    cycle after their last record (held, or missed on its due date), or after starting."""
    cycle = step("supervision")
    last = records.group_by("worker_id").agg(
        pl.coalesce("held_on", "due_on").sort_by("due_on").last().alias("base")
    )
    workers = data.frame("quality_supervisees").join(last, on="worker_id", how="left")
    base = pl.coalesce("base", "started_on")
    due = workers.with_columns(due_on=due_after(cycle, base, data))
    today = clock.today()
    return due.filter(
        (pl.col("due_on") < today)
        & (pl.col("left_on").is_null() | (pl.col("left_on") >= pl.col("due_on")))
    ).select(
        "worker_id",
        "staff_id",
        "due_on",
        pl.lit(None, dtype=pl.Date).alias("held_on"),
    )


def _due(data: Data, period: Period) -> pl.DataFrame:
    records = data.frame("quality_supervisions")
    cohort = pl.concat(
        [
            records.select("worker_id", "staff_id", "due_on", "held_on"),
            _outstanding(data, records),
        ],
        how="vertical_relaxed",
    )
    return cohort.filter(in_period("due_on", period))


def _supervision_rows(found: pl.DataFrame) -> pl.DataFrame:
    detail = (
        pl.when(pl.col("held_on").is_null())
        .then(pl.lit("not held"))
        .otherwise(pl.concat_str(pl.lit("held "), pl.col("held_on").dt.strftime("%d/%m/%Y")))
    )
    return rows(found, child="worker_id", on="due_on", record="staff_id", detail=detail)


@measure(
    id="OBA2-03",
    name="Supervisions completed",
    area="Workforce",
    cohort="Case supervisions due in the period (timescale registry: supervision, every 4 "
    "weeks by default)",
    numerator="Supervisions due in the period that were held",
    denominator=DUE,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    lead=WORKFORCE_LEAD,
    source=OBA_SOURCE,
)
def supervisions_completed(data: Data, period: Period) -> Figure:
    due = _due(data, period)
    return percent(
        _supervision_rows(due.filter(pl.col("held_on").is_not_null())), _supervision_rows(due)
    )


@measure(
    id="OBA2-04",
    name="Supervisions on time",
    area="Workforce",
    cohort="Case supervisions due in the period",
    numerator="Supervisions held on or before their due date",
    denominator=DUE,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    lead=WORKFORCE_LEAD,
    source=OBA_SOURCE,
)
def supervisions_on_time(data: Data, period: Period) -> Figure:
    due = _due(data, period)
    on_time = due.filter(pl.col("held_on").is_not_null() & (pl.col("held_on") <= pl.col("due_on")))
    return percent(_supervision_rows(on_time), _supervision_rows(due))


def _invited(data: Data, period: Period, kind: str) -> pl.DataFrame:
    return (
        data.frame("quality_invitations")
        .filter(in_period("held_on", period))
        .filter(pl.col("kind") == kind)
    )


def _attendance(data: Data, period: Period, kind: str) -> Figure:
    """Seed 003 (OBA2-07, OBA2-08): of those invited, less those who sent timely apologies,
    the share who attended."""
    invited = _invited(data, period, kind).filter(pl.col("response") != Response.APOLOGIES)
    attended = invited.filter(pl.col("response") == Response.ATTENDED)
    return percent(_invitation_rows(attended), _invitation_rows(invited))


def _invitation_rows(found: pl.DataFrame) -> pl.DataFrame:
    return rows(found, child="worker_id", on="held_on", record="staff_id", detail="response")


@measure(
    id="OBA2-07",
    name="Diagonal Slice attendance",
    area="Quality assurance",
    cohort="Staff invited to Diagonal Slice meetings held in the period",
    numerator="Invitees who attended",
    denominator="Invitees less those who sent timely apologies",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    good=90.0,
    lead=QA_LEAD,
    source=OBA_SOURCE,
)
def diagonal_slice_attendance(data: Data, period: Period) -> Figure:
    return _attendance(data, period, MeetingKind.DIAGONAL_SLICE)


@measure(
    id="OBA2-08",
    name="QA meeting attendance",
    area="Quality assurance",
    cohort="Staff invited to mandatory QA meetings held in the period",
    numerator="Invitees who attended",
    denominator="Invitees less those who sent timely apologies",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    good=75.0,
    lead=QA_LEAD,
    source=OBA_SOURCE,
)
def qa_meeting_attendance(data: Data, period: Period) -> Figure:
    return _attendance(data, period, MeetingKind.QA_MEETING)
