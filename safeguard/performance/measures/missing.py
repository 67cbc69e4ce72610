"""Missing children and return home interviews (OBA2-14, OBA2-20, OBA2-21, self-evaluation).

Missing episodes include "away from placement without authorisation" (SSDA903 A) as well
as missing (M), from home or from care. An episode is counted in the period it started
(an incident); a return home interview is due from the child's return, so interview
measures take the episodes that ENDED in the period as their cohort and ask what happened
after each return, whenever that was recorded (an interview for a return on the 31st held
on the 2nd still counts for the month of the return). Times are compared as elapsed time
(a clock change does not stretch 72 hours); the 72-hour and 3-working-day rules are the
timescale registry's ``rhi`` variants.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from safeguard.performance.data import Data
from safeguard.performance.measures.care_cohorts import (
    NOT_RECORDED,
    OBA_SOURCE,
    SELF_EVALUATION_SOURCE,
    SHORT_BREAKS,
    breakdown,
    due_after,
    looked_after_between,
    step,
)
from safeguard.performance.periods import Period
from safeguard.performance.registry import (
    Compute,
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

AREA = "Missing children"
LEAD = "Service Manager, MASH"
RETURNS = "Missing episodes that ended (the child returned) in the period"
IN_CARE, OTHERS = "Children in care", "Other children"


def from_where() -> pl.Expr:
    return (
        pl.when(pl.col("care_episode_id").is_not_null())
        .then(pl.lit("from care"))
        .otherwise(pl.lit("from home"))
    )


@measure(
    id="OBA2-14",
    name="Missing episodes",
    area=AREA,
    cohort="Missing episodes (missing or away without authorisation, from home or care) "
    "that started in the period",
    numerator="Missing episodes that started in the period",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.LOWER,
    source=f"{OBA_SOURCE}; {SELF_EVALUATION_SOURCE} (incidents)",
    lead=LEAD,
)
def missing_episodes(data: Data, period: Period) -> Figure:
    found = data.frame("missing_episodes").filter(in_period("started_on", period))
    detail = pl.concat_str(pl.col("missing_type"), pl.lit(" "), from_where())
    return count(rows(found, on="started_on", record="Missing episode", detail=detail))


@measure(
    id="SE-MIS-02",
    name="Children with a missing episode",
    area=AREA,
    cohort="Children with a missing episode that started in the period",
    numerator="Children (counted once) with a missing episode starting in the period, split "
    "into children in care (missing from care at least once) and other children",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.LOWER,
    source=SELF_EVALUATION_SOURCE,
    lead=LEAD,
)
def children_missing(data: Data, period: Period) -> Figure:
    found = (
        data.frame("missing_episodes")
        .filter(in_period("started_on", period))
        .group_by("child_id")
        .agg(
            first=pl.col("started_on").min(),
            episodes=pl.len(),
            group=pl.when(pl.col("care_episode_id").is_not_null().any())
            .then(pl.lit(IN_CARE))
            .otherwise(pl.lit(OTHERS)),
        )
        .sort("first", "child_id")
    )
    detail = pl.format("{}: {} episode(s)", pl.col("group"), pl.col("episodes"))
    figure = count(rows(found, on="first", record="Missing", detail=detail))
    figure.breakdown = breakdown(found, "group", [IN_CARE, OTHERS])
    return figure


@measure(
    id="SE-MIS-01",
    name="Children in care with a missing episode in the last 12 months",
    area=AREA,
    cohort="Children looked after at any time in the 12 months to the period end (not "
    "only on short breaks)",
    numerator="Those with a missing episode from care that started in the 12 months",
    denominator="Children looked after at some time in the 12 months",
    period_type=PeriodType.ROLLING_12,
    unit=Unit.PERCENT,
    polarity=Polarity.LOWER,
    source=SELF_EVALUATION_SOURCE,
    lead=LEAD,
)
def in_care_and_missing(data: Data, period: Period) -> Figure:
    first, last = period.rolling_12_months()
    cohort = looked_after_between(data, first, last)
    care = data.frame("care_episodes").filter(~pl.col("legal_status").is_in(SHORT_BREAKS))
    missed = (
        data.frame("missing_episodes")
        .filter(pl.col("started_on").is_between(first, last))
        .join(care.select(care_episode_id="episode_id"), on="care_episode_id", how="semi")
        .group_by("child_id")
        .agg(first_missing=pl.col("started_on").min(), episodes=pl.len())
    )
    found = cohort.join(missed, on="child_id", how="left")
    detail = pl.format("{} missing episode(s) from care", pl.col("episodes").fill_null(0))
    missing = found.filter(pl.col("episodes").is_not_null())
    return percent(
        rows(missing, on="first_missing", record="Missing from care", detail=detail),
        rows(found, on="looked_after_from", record="Looked after", detail=detail),
    )


def _returns(data: Data) -> pl.DataFrame:
    interviews = data.frame("return_interviews").select(
        "episode_id", "offered_at", "accepted", "held_at"
    )
    notified = pl.col("return_notification_received_at").dt.date()
    return (
        data.frame("missing_episodes")
        .filter(pl.col("ended_on").is_not_null())
        .join(interviews, on="episode_id", how="left")
        .with_columns(
            due_at=due_after(step("rhi", "hours"), pl.col("ended_at"), data),
            due_on=due_after(step("rhi", "working_days"), notified, data),
        )
    )


def returns_in(data: Data, period: Period) -> pl.DataFrame:
    """Episodes that ended in the period with their interview (columns null when none) and
    the registry's two deadlines: 72 hours after the return, and 3 working days after the
    notification of the return (null when the notification time is not recorded)."""
    return data.derived("missing.returns", _returns).filter(in_period("ended_on", period))


def interview_detail() -> pl.Expr:
    held = pl.col("held_at").dt.strftime("%Y-%m-%d %H:%M")
    return (
        pl.when(pl.col("held_at").is_not_null())
        .then(pl.format("interview held {}", held))
        .when(pl.col("accepted") == False)  # noqa: E712 - a Polars comparison, not Python's
        .then(pl.lit("interview offered and declined"))
        .when(pl.col("offered_at").is_not_null())
        .then(pl.lit("interview offered, not held"))
        .otherwise(pl.lit("no interview offered"))
    )


def interview_rows(found: pl.DataFrame) -> pl.DataFrame:
    returned = pl.col("ended_at").dt.strftime("%Y-%m-%d %H:%M")
    return rows(
        found,
        on="ended_on",
        record="Return from missing",
        detail=pl.format("returned {}; ", returned) + interview_detail(),
    )


def returns_measure(
    measure_id: str, name: str, numerator: str, **spec: object
) -> Callable[[Compute], Compute]:
    """Register an interview measure over the returns in the period."""
    return measure(
        id=measure_id,
        name=name,
        area=AREA,
        cohort=RETURNS,
        numerator=numerator,
        denominator=RETURNS,
        period_type=PeriodType.IN_PERIOD,
        unit=Unit.PERCENT,
        polarity=Polarity.HIGHER,
        lead=LEAD,
        **spec,
    )


@returns_measure(
    "OBA2-20",
    "Return home interview completion",
    "Returns whose return home interview has been held",
    good=80.0,
    source=f"{OBA_SOURCE}; {SELF_EVALUATION_SOURCE} (RHIs completed)",
)
def rhi_completion(data: Data, period: Period) -> Figure:
    found = returns_in(data, period)
    held = found.filter(pl.col("held_at").is_not_null())
    return percent(interview_rows(held), interview_rows(found))


@returns_measure(
    "OBA2-21",
    "Return home interviews within 72 hours of the return",
    "Returns whose interview was held within 72 hours (elapsed) of the child's return: "
    "exactly 72 hours is on time",
    good=70.0,
    source=f"{OBA_SOURCE}; {SELF_EVALUATION_SOURCE} (RHIs within 72 hours)",
)
def rhi_within_72_hours(data: Data, period: Period) -> Figure:
    found = returns_in(data, period)
    on_time = found.filter(pl.col("held_at") <= pl.col("due_at"))
    return percent(interview_rows(on_time), interview_rows(found))


@returns_measure(
    "SE-MIS-03",
    "Return home interviews offered",
    "Returns where a return home interview was offered (accepted, declined or not yet known)",
    source=SELF_EVALUATION_SOURCE,
)
def rhi_offered(data: Data, period: Period) -> Figure:
    found = returns_in(data, period)
    offered = found.filter(pl.col("offered_at").is_not_null())
    return percent(interview_rows(offered), interview_rows(found))


@returns_measure(
    "SE-MIS-04",
    "Return home interviews within 3 working days of notification of the return",
    "Returns whose interview was held on or before the 3rd working day after the day we "
    "were told of the return; a return with no notification time is Not recorded "
    "(denominator only)",
    source=SELF_EVALUATION_SOURCE,
)
def rhi_within_3_working_days(data: Data, period: Period) -> Figure:
    found = returns_in(data, period)
    on_time = found.filter(pl.col("held_at").dt.date() <= pl.col("due_on"))
    figure = percent(interview_rows(on_time), interview_rows(found))
    unknown = found.filter(pl.col("due_on").is_null()).height
    if unknown:
        figure.note = f"{unknown} return(s) have no notification time recorded ({NOT_RECORDED})."
    return figure
