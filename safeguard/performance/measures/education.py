"""Children out of school (OBA1-09, OBA2-13), computed from ``safeguard.education``.

The cohort is children open to children's social care on the last day of the period (an
open CIN episode, CP plan or period of care, as the CIN rate counts them). Such a child is
out of school that day when a missing education episode is open or an exclusion is in
force (a suspension to its last school day, a permanent exclusion until it is lifted or the
child starts at a new school), as ``safeguard.education.selectors`` says. OBA2-13 averages,
over those children, the days from the first day missed of the records in force (the
earliest start) to the last day of the period, both counted.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from safeguard.education.models import Exclusion, MissingEducationEpisode
from safeguard.performance.data import Data
from safeguard.performance.frames import frame, read
from safeguard.performance.measures.front_door import OBA_SOURCE
from safeguard.performance.periods import Period
from safeguard.performance.registry import (
    Figure,
    PeriodType,
    Polarity,
    Unit,
    average,
    count,
    measure,
    open_on,
    rows,
)

AREA = "Education"
LEAD = "Head of Education Inclusion"
COHORT = (
    "Children open to children's social care (an open CIN episode, CP plan or period of "
    "care) who are out of school at the end of the period: missing education, or with a "
    "suspension or permanent exclusion in force"
)
#: Who is open to children's social care: (frame, start, end).
OPEN_TO_SOCIAL_CARE = (
    ("referrals", "referral_date", "closure_date"),
    ("cp_plans", "start_date", "end_date"),
    ("periods_of_care", "started_on", "ended_on"),
)


@frame("missing_education")
def missing_education(since: dt.date | None) -> pl.DataFrame:
    return read(
        MissingEducationEpisode.objects.all(),
        "reported_on",
        "ended_on",
        "reason",
        episode_id="id",
        child_id="child",
    )


@frame("exclusions")
def exclusions(since: dt.date | None) -> pl.DataFrame:
    return read(
        Exclusion.objects.all(),
        "kind",
        "excluded_on",
        "ends_on",
        "lifted_on",
        "reintegrated_on",
        "school_name",
        exclusion_id="id",
        child_id="child",
    )


def out_of_school_on(data: Data, day: dt.date) -> pl.DataFrame:
    """Every record that has a child out of school on ``day``: child_id, since, why."""
    episodes = (
        data.frame("missing_education")
        .filter(open_on("reported_on", "ended_on", day))
        .select(
            "child_id",
            pl.col("reported_on").alias("since"),
            pl.lit("Missing education").alias("why"),
        )
    )
    found = data.frame("exclusions").with_columns(
        until=pl.min_horizontal(
            pl.col("ends_on") + pl.duration(days=1), "lifted_on", "reintegrated_on"
        )
    )
    excluded = found.filter(open_on("excluded_on", "until", day)).select(
        "child_id",
        pl.col("excluded_on").alias("since"),
        pl.when(pl.col("kind") == "permanent")
        .then(pl.lit("Permanent exclusion"))
        .otherwise(pl.lit("Suspension"))
        .alias("why"),
    )
    return pl.concat([episodes, excluded])


def _cohort(data: Data, period: Period) -> pl.DataFrame:
    """One row per child in the cohort: the earliest record in force and its kind.

    Built once per day for the run (OBA1-09 and OBA2-13 share it); the few children out
    of school are found first, so the large case frames are only filtered for them.
    """
    day = period.end

    def build(data: Data) -> pl.DataFrame:
        out = out_of_school_on(data, day)
        ids = out.get_column("child_id").unique().to_list()
        open_ = pl.concat(
            [
                data.frame(name)
                .filter(pl.col("child_id").is_in(ids) & open_on(start, end, day))
                .select("child_id")
                for name, start, end in OPEN_TO_SOCIAL_CARE
            ]
        )
        return (
            out.join(open_, on="child_id", how="semi")
            .sort("child_id", "since")
            .unique("child_id", keep="first", maintain_order=True)
            .with_columns(days=((pl.lit(day) - pl.col("since")).dt.total_days() + 1))
        )

    return data.derived(f"{__name__}._cohort.{day.isoformat()}", build)


def _rows(found: pl.DataFrame) -> pl.DataFrame:
    return rows(
        found, on="since", record="why", detail=pl.concat_str(pl.col("days"), pl.lit(" days"))
    )


@measure(
    id="OBA1-09",
    name="Children out of school",
    area=AREA,
    cohort=COHORT,
    numerator="Children out of school on the last day of the period (each child once)",
    denominator=None,
    period_type=PeriodType.AT_END,
    unit=Unit.COUNT,
    polarity=Polarity.LOWER,
    source=OBA_SOURCE,
    lead=LEAD,
    frequency="Monthly",
)
def children_out_of_school(data: Data, period: Period) -> Figure:
    return count(_rows(_cohort(data, period)))


@measure(
    id="OBA2-13",
    name="Children out of school: duration of absence",
    area=AREA,
    cohort=COHORT,
    numerator="Days out of school, from the first day missed to the last day of the period",
    denominator="Children out of school at the end of the period (average days)",
    period_type=PeriodType.AT_END,
    unit=Unit.DAYS,
    polarity=Polarity.LOWER,
    source=OBA_SOURCE,
    lead=LEAD,
    frequency="Monthly",
)
def duration_out_of_school(data: Data, period: Period) -> Figure:
    found = _cohort(data, period)
    shaped = _rows(found)
    return average(shaped, found["days"].cast(pl.Float64), shaped)
