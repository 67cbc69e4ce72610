"""Care leavers: in touch, in suitable accommodation, in education, employment or training.

The cohort is ``care.selectors.care_leaver_status`` in Polars: looked after for at least
13 weeks since the 14th birthday with some of it at 16 or over (short breaks left out),
not looked after on the day, care not ended by death (E2) or a transfer (E3), aged 16-25.

What a care leaver is doing comes from the keeping-in-touch contact that counts at the end
of the period (the ``care_leaver_contact`` timescale, the SSDA903 OC3 window): the latest
contact since the window around the most recent birthday opened (3 months before it), or,
while that window is still open (until 1 month after the birthday), since the previous
birthday's window opened. A young person with no such contact is Not recorded: in the
denominator, never in the numerator.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from safeguard.care.selectors import (
    CARE_LEAVER_MAX_AGE,
    CARE_LEAVER_QUALIFYING_DAYS,
    NOT_CARE_LEAVER_ENDINGS,
)
from safeguard.performance.data import Data
from safeguard.performance.measures.care_cohorts import (
    CARE_LEAVERS_LEAD,
    NOT_RECORDED,
    OBA_SOURCE,
    OUTCOMES_SOURCE,
    SELF_EVALUATION_SOURCE,
    SHORT_BREAKS,
    age_on,
    birthday,
    care_children,
    step,
)
from safeguard.performance.periods import Period
from safeguard.performance.registry import (
    Figure,
    PeriodType,
    Polarity,
    Unit,
    measure,
    percent,
    rows,
)

AREA = "Care leavers"
CARE_LEAVER_MIN_AGE = 16
#: OC3 main activities that are education, employment or training.
EET_ACTIVITIES = ("F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5")
COHORT = (
    "Care leavers (relevant and former relevant young people) aged {} to {} at the end of "
    "the period"
)


def _qualifying_episodes(data: Data) -> pl.DataFrame:
    """Episodes that count towards being a care leaver (not short breaks), with the day
    each began to count (the 14th birthday at the earliest) and the 16th birthday."""
    dob = pl.col("date_of_birth")
    return (
        data.frame("care_episodes")
        .filter(~pl.col("legal_status").is_in(SHORT_BREAKS))
        .join(care_children(data), on="child_id")
        .select(
            "child_id",
            "started_on",
            "ended_on",
            since_14=pl.max_horizontal(pl.col("started_on"), birthday(dob, 14)),
            sixteenth=birthday(dob, CARE_LEAVER_MIN_AGE),
        )
    )


def care_leavers_on(data: Data, day: dt.date) -> pl.DataFrame:
    """One row per care leaver on ``day``: child_id, date_of_birth, left_care_on."""
    periods = data.frame("periods_of_care").filter(pl.col("started_on") <= day)
    still_in_care = periods.filter(pl.col("ended_on").is_null() | (pl.col("ended_on") > day))
    last = periods.group_by("child_id").agg(
        period_id=pl.col("period_id").sort_by("started_on").last(),
        left_care_on=pl.col("ended_on").sort_by("started_on").last(),
    )
    episodes = data.frame("care_episodes").filter(pl.col("started_on") <= day)
    endings = (
        episodes.filter(pl.col("reason_ceased").is_in(sorted(NOT_CARE_LEAVER_ENDINGS)))
        .select("period_id")
        .unique()
    )
    until = pl.min_horizontal(pl.col("ended_on").fill_null(day), pl.lit(day))
    qualifying = (
        data.derived("care.leaver_episodes", _qualifying_episodes)
        .filter(pl.col("started_on") <= day)
        .group_by("child_id")
        .agg(
            days=(until - pl.col("since_14")).dt.total_days().clip(lower_bound=0).sum(),
            at_sixteen=(until >= pl.col("sixteenth")).any(),
        )
        .filter((pl.col("days") >= CARE_LEAVER_QUALIFYING_DAYS) & pl.col("at_sixteen"))
    )
    dob = pl.col("date_of_birth")
    return (
        last.join(still_in_care.select("child_id"), on="child_id", how="anti")
        .join(endings, on="period_id", how="anti")
        .join(qualifying.select("child_id"), on="child_id", how="semi")
        .join(care_children(data), on="child_id", how="inner")
        .filter(
            (birthday(dob, CARE_LEAVER_MIN_AGE) <= day)
            & (birthday(dob, CARE_LEAVER_MAX_AGE + 1) > day)
        )
        .select("child_id", "date_of_birth", "left_care_on")
    )


def with_current_contact(data: Data, leavers: pl.DataFrame, day: dt.date) -> pl.DataFrame:
    """Add the keeping-in-touch contact that counts on ``day`` (see the module docstring):
    columns contact_on, in_touch, activity, accommodation (null when there is none)."""
    window = step("care_leaver_contact")
    before, after = f"-{window.months_before}mo", f"{window.months_after}mo"
    dob = pl.col("date_of_birth")
    age = age_on(dob, day)
    last_birthday = dob.dt.offset_by(pl.format("{}mo", age * 12))
    previous_birthday = dob.dt.offset_by(pl.format("{}mo", (age - 1) * 12))
    latest = (
        data.frame("care_leaver_contacts")
        .filter(pl.col("contact_on") <= day)
        .sort("child_id", "contact_on")
        .unique("child_id", keep="last", maintain_order=True)
        .select("child_id", "contact_on", "in_touch", "activity", "accommodation")
    )
    found = leavers.join(latest, on="child_id", how="left").with_columns(
        opens=last_birthday.dt.offset_by(before),
        still_open=pl.lit(day) < last_birthday.dt.offset_by(after),
        previous_opens=previous_birthday.dt.offset_by(before),
    )
    counts = (pl.col("contact_on") >= pl.col("opens")) | (
        pl.col("still_open") & (pl.col("contact_on") >= pl.col("previous_opens"))
    )
    fields = ("contact_on", "in_touch", "activity", "accommodation")
    return found.with_columns(pl.when(counts).then(pl.col(name)).alias(name) for name in fields)


def contact_detail(column: str) -> pl.Expr:
    return (
        pl.when(pl.col("contact_on").is_null())
        .then(pl.lit(f"{NOT_RECORDED}: no keeping-in-touch contact in the current window"))
        .otherwise(
            pl.format("{} {} (contact {})", pl.lit(column), pl.col(column), pl.col("contact_on"))
        )
    )


def leaver_rows(found: pl.DataFrame, column: str) -> pl.DataFrame:
    return rows(found, on="left_care_on", record="Care leaver", detail=contact_detail(column))


def aged(data: Data, period: Period, youngest: int, oldest: int) -> pl.DataFrame:
    """Care leavers aged ``youngest`` to ``oldest`` at the period end, with their contact."""
    day = period.end
    leavers = data.derived(
        f"care.leavers.{day.isoformat()}",
        lambda data: with_current_contact(data, care_leavers_on(data, day), day),
    )
    dob = pl.col("date_of_birth")
    return leavers.filter((birthday(dob, youngest) <= day) & (birthday(dob, oldest + 1) > day))


def share(data: Data, period: Period, ages: tuple[int, int], column: str, good: pl.Expr) -> Figure:
    found = aged(data, period, *ages)
    return percent(leaver_rows(found.filter(good), column), leaver_rows(found, column))


SUITABLE = pl.col("accommodation").str.ends_with("1") & (pl.col("accommodation") != "0")
IN_TOUCH = pl.col("in_touch") == "YES"
IN_EET = pl.col("activity").is_in(EET_ACTIVITIES)


@measure(
    id="OBA3-05",
    name="Care leavers in suitable accommodation",
    area=AREA,
    cohort=COHORT.format(17, 21),
    numerator="Those whose current keeping-in-touch contact records accommodation as "
    "suitable (OC3 accommodation code ending 1)",
    denominator="Care leavers aged 17-21, including those with no contact in the window "
    "(Not recorded)",
    period_type=PeriodType.AT_END,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    good=87.1,
    source=f"{OBA_SOURCE}; {OUTCOMES_SOURCE}; {SELF_EVALUATION_SOURCE}",
    lead=CARE_LEAVERS_LEAD,
)
def suitable_accommodation(data: Data, period: Period) -> Figure:
    return share(data, period, (17, 21), "accommodation", SUITABLE)


def _in_touch(ages: tuple[int, int], measure_id: str) -> None:
    @measure(
        id=measure_id,
        name=f"Care leavers aged {ages[0]}-{ages[1]} in touch",
        area=AREA,
        cohort=COHORT.format(*ages),
        numerator="Those whose current keeping-in-touch contact says the authority is in "
        "touch (OC3 IN_TOUCH YES)",
        denominator=f"Care leavers aged {ages[0]}-{ages[1]}, including those with no "
        "contact in the window (Not recorded)",
        period_type=PeriodType.AT_END,
        unit=Unit.PERCENT,
        polarity=Polarity.HIGHER,
        source=SELF_EVALUATION_SOURCE,
        lead=CARE_LEAVERS_LEAD,
    )
    def compute(data: Data, period: Period) -> Figure:
        return share(data, period, ages, "in_touch", IN_TOUCH)


def _in_eet(ages: tuple[int, int], measure_id: str) -> None:
    @measure(
        id=measure_id,
        name=f"Care leavers aged {ages[0]}-{ages[1]} in education, employment or training",
        area=AREA,
        cohort=COHORT.format(*ages),
        numerator="Those whose current keeping-in-touch contact records education, "
        "employment or training as the main activity (OC3 ACTIV F1-F5, P1-P5)",
        denominator=f"Care leavers aged {ages[0]}-{ages[1]}, including those with no "
        "contact in the window (Not recorded)",
        period_type=PeriodType.AT_END,
        unit=Unit.PERCENT,
        polarity=Polarity.HIGHER,
        source=SELF_EVALUATION_SOURCE,
        lead=CARE_LEAVERS_LEAD,
    )
    def compute(data: Data, period: Period) -> Figure:
        return share(data, period, ages, "activity", IN_EET)


_in_touch((17, 18), "SE-CL-01")
_in_touch((19, 21), "SE-CL-02")
_in_eet((17, 18), "SE-CL-03")
_in_eet((19, 21), "SE-CL-04")
