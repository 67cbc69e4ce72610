"""What the child protection measures share: plans with their previous plan, conferences
held and the meetings they were held in, children's characteristics and age bands.

Conventions (measures.md): a child is *on a plan on a day* when the plan started on or
before that day and had not ended by it (a plan ending on the day is no longer open);
*repeat* plans are plans starting for a child who had a previous CP plan, "within 2 years"
meaning the previous plan ended on or after the day 2 calendar years before the new
plan's start (so 2 years minus a day is within, 2 years plus a day is not).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import polars as pl

from safeguard.core.codes import codelist
from safeguard.performance.data import Data
from safeguard.performance.registry import NOT_RECORDED
from safeguard.protection.models import INITIAL_CONFERENCE_TYPES, ConferenceType

CP_LEAD = "Head of Service, Safeguarding and Quality Assurance"
OBA_SOURCE = "003 Service Improvement Plan (OBA snapshot)"
CP_REPORT_SOURCE = "000 Annual child protection report 2018/19"
OUTCOMES_SOURCE = "002/003 Outcomes-focused monitoring (scrutiny committee)"
SELF_EVALUATION_SOURCE = "004 self-evaluation (data taken from CHAT)"
#: Children aged this or over are referred to an advocate unless they opt out.
ADVOCACY_AGE = 8

ICPC_TYPES: tuple[str, ...] = tuple(str(t) for t in INITIAL_CONFERENCE_TYPES)
RCPC = str(ConferenceType.REVIEW)

# --- children -----------------------------------------------------------------------------


def with_children(found: pl.DataFrame, data: Data, among: str = "plan_children") -> pl.DataFrame:
    """``found`` with its children's characteristics, from the smallest frame holding them
    all (``among``: plan_children, conferenced_children or children)."""
    return found.join(data.frame(among), on="child_id", how="left")


def age_on(day: pl.Expr | dt.date) -> pl.Expr:
    """Whole years of age on ``day`` (29 February birthdays fall on 28 February, as in
    ``core.calendar.age_on``); null when the date of birth is not recorded."""
    on = pl.lit(day) if isinstance(day, dt.date) else day
    dob = pl.col("date_of_birth")
    years = on.dt.year() - dob.dt.year()
    birthday = dob.dt.offset_by(pl.concat_str(years.cast(pl.Utf8), pl.lit("y")))
    return pl.when(on < birthday).then(years - 1).otherwise(years)


AGE_BANDS: tuple[str, ...] = (
    "Unborn",
    "Under 1",
    "1 to 4",
    "5 to 9",
    "10 to 15",
    "16 to 17",
    "18 or over",
    NOT_RECORDED,
)


def age_band(day: pl.Expr | dt.date) -> pl.Expr:
    """DfE age bands on ``day``; a child born after it (or only expected) is unborn."""
    on = pl.lit(day) if isinstance(day, dt.date) else day
    age = age_on(on)
    dob = pl.col("date_of_birth")
    return (
        pl.when(dob.is_null() & pl.col("expected_date_of_birth").is_not_null())
        .then(pl.lit("Unborn"))
        .when(dob.is_null())
        .then(pl.lit(NOT_RECORDED))
        .when(dob > on)
        .then(pl.lit("Unborn"))
        .when(age < 1)
        .then(pl.lit("Under 1"))
        .when(age < 5)
        .then(pl.lit("1 to 4"))
        .when(age < 10)
        .then(pl.lit("5 to 9"))
        .when(age < 16)
        .then(pl.lit("10 to 15"))
        .when(age < 18)
        .then(pl.lit("16 to 17"))
        .otherwise(pl.lit("18 or over"))
    )


def coded(column: str, key: str, *, not_recorded: Sequence[str] = ()) -> pl.Expr:
    """The label of a DfE code; blank, unknown and ``not_recorded`` codes are Not recorded."""
    labels = {
        code: label for code, label in codelist(key).labels.items() if code not in not_recorded
    }
    return (
        pl.col(column)
        .replace_strict(labels, default=NOT_RECORDED, return_dtype=pl.Utf8)
        .fill_null(NOT_RECORDED)
    )


def code_labels(key: str, *, not_recorded: Sequence[str] = ()) -> tuple[str, ...]:
    labels = [label for code, label in codelist(key).labels.items() if code not in not_recorded]
    return (*labels, NOT_RECORDED)


#: Ethnicity "information not yet obtained" is reported as Not recorded (seed 000's
#: "not recorded/not stated", a data-quality flag); "Refused" keeps its own row.
ETHNICITY_NOT_RECORDED = ("NOBT",)
#: Gender code 0 is "not recorded or unborn": it is the Not recorded row.
GENDER_NOT_RECORDED = ("0",)
SEX_LABELS = code_labels("gender", not_recorded=GENDER_NOT_RECORDED)
ETHNICITY_LABELS = code_labels("ethnicity", not_recorded=ETHNICITY_NOT_RECORDED)
CATEGORY_LABELS = code_labels("category_of_abuse")
DISABILITY_LABELS = ("Disability recorded", "No disability", NOT_RECORDED)


def breakdown(found: pl.DataFrame, column: str, labels: Sequence[str]) -> list[tuple[str, float]]:
    """Rows counted by ``column``, every label in order (zeros too) so a chart's categories
    are the same in every period; a label outside ``labels`` is an error, not a loss."""
    counts = dict(found.group_by(column).len().iter_rows())
    unknown = set(counts) - set(labels)
    if unknown:
        raise ValueError(f"Breakdown labels {sorted(map(str, unknown))} are not in {labels}.")
    return [(label, float(counts.get(label, 0))) for label in labels]


# --- plans ----------------------------------------------------------------------------------


def plans(data: Data) -> pl.DataFrame:
    """Every CP plan with the child's previous plan (the latest one starting before it)."""

    def build() -> pl.DataFrame:
        found = data.frame("cp_plans").sort("child_id", "start_date")
        return found.with_columns(
            previous_start=pl.col("start_date").shift(1).over("child_id"),
            previous_end=pl.col("end_date").shift(1).over("child_id"),
            plan_number=pl.int_range(1, pl.len() + 1).over("child_id"),
        ).with_columns(
            repeat=pl.col("plan_number") > 1,
            # A previous plan with no end date (a data error: plans may not overlap) counts
            # as ending when the new one started.
            previous_end=pl.when(pl.col("plan_number") > 1)
            .then(pl.col("previous_end").fill_null(pl.col("start_date")))
            .otherwise(None),
        )

    return data.derived("cp_plans_with_previous", lambda _: build())


def within_two_years() -> pl.Expr:
    """The previous plan ended on or after the day 2 years before this plan started."""
    return pl.col("previous_end") >= pl.col("start_date").dt.offset_by("-2y")


def open_on(day: dt.date) -> pl.Expr:
    """The plan (or period of care) was open at the end of ``day``."""
    return (pl.col("start_date") <= day) & (
        pl.col("end_date").is_null() | (pl.col("end_date") > day)
    )


def on_plan(data: Data, day: dt.date) -> pl.DataFrame:
    """The plans open on ``day``, one per child, with the child's characteristics."""
    return with_children(plans(data).filter(open_on(day)), data)


DURATION_BANDS: tuple[str, ...] = (
    "Under 3 months",
    "3 to 6 months",
    "6 to 12 months",
    "1 to 2 years",
    "2 years or more",
)


def duration_band(start: pl.Expr, end: pl.Expr) -> pl.Expr:
    """Calendar time from ``start`` to ``end`` in the DfE bands, months clamped to the
    month end (a plan from 31 May to 31 August is 3 months)."""
    return (
        pl.when(end < start.dt.offset_by("3mo"))
        .then(pl.lit(DURATION_BANDS[0]))
        .when(end < start.dt.offset_by("6mo"))
        .then(pl.lit(DURATION_BANDS[1]))
        .when(end < start.dt.offset_by("12mo"))
        .then(pl.lit(DURATION_BANDS[2]))
        .when(end < start.dt.offset_by("24mo"))
        .then(pl.lit(DURATION_BANDS[3]))
        .otherwise(pl.lit(DURATION_BANDS[4]))
    )


# --- conferences ----------------------------------------------------------------------------


def conferences_held(data: Data) -> pl.DataFrame:
    """Conferences that took place (not cancelled), one row per child, with ``kind``
    (ICPC for initial, transfer-in and pre-birth conferences; RCPC for reviews) and
    ``meeting``: the meeting the child was conferenced in.

    Siblings conferenced together share a ``group_reference``; the synthetic authority
    and the booking pages keep one reference for a family's initial and review
    conferences, so a meeting is the group reference *and* the date. A conference with
    no group reference was a meeting of its own.
    """

    def build() -> pl.DataFrame:
        found = data.frame("conferences").filter(
            pl.col("held_on").is_not_null() & pl.col("cancelled_on").is_null()
        )
        group = pl.col("group_reference").fill_null("")
        return found.with_columns(
            kind=pl.when(pl.col("conference_type").is_in(ICPC_TYPES))
            .then(pl.lit("ICPC"))
            .otherwise(pl.lit("RCPC")),
            meeting=pl.when(group == "")
            .then(pl.concat_str(pl.lit("conference "), pl.col("conference_id")))
            .otherwise(pl.concat_str(group, pl.lit(" on "), pl.col("held_on").cast(pl.Utf8))),
        )

    return data.derived("conferences_held", lambda _: build())
