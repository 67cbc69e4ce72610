"""Who is in care, where they are placed and who has left care: the cohorts the care,
adoption and care-leaver measures share, plus the timescale registry in Polars form.

No measures are registered here. Cohorts follow the DfE (SSDA903) conventions:
"looked after on a day" means an episode open at the end of that day, so a child who
ceased to be looked after that day is not counted; agreed series of short breaks (legal
status V3/V4) are not "in care" for these counts.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

import polars as pl

from safeguard.care.models import SHORT_BREAK_LEGAL_STATUSES
from safeguard.core.timescales import Kind, Step, TimescaleError, get_rule
from safeguard.performance.data import Data
from safeguard.performance.registry import NOT_RECORDED, open_on, rows

CARE_LEAD = "Head of Service, Children in Care"
PLACEMENTS_LEAD = "Head of Service, Placements and Fostering"
CARE_LEAVERS_LEAD = "Head of Service, Care Leavers"
OBA_SOURCE = "003 Service Improvement Plan (OBA snapshot)"
OUTCOMES_SOURCE = "002/003 scrutiny committee outcomes monitoring"
SELF_EVALUATION_SOURCE = "004 self-evaluation (data taken from CHAT)"
SHORT_BREAKS = sorted(SHORT_BREAK_LEGAL_STATUSES)
#: A legal-status-only change (RNE L) keeps the child in the same placement.
SAME_PLACEMENT_RNE = ("L",)
IN_CARE = "Children looked after at the end of the period (not on short breaks V3/V4)"


# --- the timescale registry as Polars expressions ------------------------------------------


def step(key: str, variant: str | None = None) -> Step:
    """The rule's counting step as in force here (local overrides applied)."""
    rule = get_rule(key)
    if rule.step is not None:
        return rule.step
    if variant is None:
        raise TimescaleError(f"Timescale {key!r} needs a variant.")
    return rule.variant(variant).step


def due_after(rule_step: Step, start: pl.Expr, data: Data) -> pl.Expr:
    """The due date (or time, for hours rules) ``rule_step`` gives for each ``start``.

    The same counting as ``safeguard.core.timescales.compute_due``: working days are the
    n-th working day after the start; months clamp to the month end; "days" rules that
    land on a non-working day roll forward to the next working day.
    """
    if rule_step.before:
        raise TimescaleError("Rules counted back from an event are not used by measures.")
    amount = rule_step.amount
    if rule_step.kind is Kind.HOURS:
        return start + pl.duration(hours=amount)
    if rule_step.kind is Kind.WORKING_DAYS:
        return start.dt.add_business_days(amount, holidays=data.holidays, roll="backward")
    if rule_step.kind is Kind.DAYS:
        due = start + pl.duration(days=amount)
    elif rule_step.kind is Kind.WEEKS:
        due = start + pl.duration(weeks=amount)
    elif rule_step.kind is Kind.MONTHS:
        due = start.dt.offset_by(f"{amount}mo")
    else:
        raise TimescaleError(f"A {rule_step.kind} rule cannot be counted over a whole frame.")
    if rule_step.roll_forward:
        due = due.dt.add_business_days(0, holidays=data.holidays, roll="forward")
    return due


def birthday(dob: pl.Expr, age: int) -> pl.Expr:
    """The day a person reaches ``age`` (29 February birthdays fall on 28 February)."""
    return dob.dt.offset_by(f"{12 * age}mo")


def aged_between(dob: pl.Expr, day: dt.date, youngest: int, oldest: int) -> pl.Expr:
    """Aged ``youngest`` to ``oldest`` (whole years, inclusive) on ``day``."""
    return (birthday(dob, youngest) <= day) & (birthday(dob, oldest + 1) > day)


def age_on(dob: pl.Expr, day: dt.date) -> pl.Expr:
    """Whole years of age on ``day``, as ``core.calendar.age_on`` counts them."""
    years = day.year - dob.dt.year()
    return years - (pl.lit(day) < dob.dt.offset_by(pl.format("{}mo", years * 12))).cast(pl.Int32)


def breakdown(found: pl.DataFrame, column: str, labels: list[str]) -> list[tuple[str, float]]:
    """Rows counted by ``column`` in ``labels`` order, zeros included (stable chart axes)."""
    counts = dict(found.group_by(column).len().iter_rows()) if found.height else {}
    return [(label, float(counts.get(label, 0))) for label in labels]


def placement_detail() -> pl.Expr:
    """The placement type and provider, as the drill-down shows it."""
    return pl.concat_str(
        pl.col("placement_type"),
        pl.lit(" / "),
        pl.when(pl.col("placement_provider").fill_null("") == "")
        .then(pl.lit("provider " + NOT_RECORDED.lower()))
        .otherwise(pl.col("placement_provider")),
    )


def in_care_rows(found: pl.DataFrame, detail: str | pl.Expr | None = None) -> pl.DataFrame:
    return rows(
        found,
        on="period_started_on",
        record="Looked after",
        detail=placement_detail() if detail is None else detail,
    )


# --- placements -------------------------------------------------------------------------------


Built = TypeVar("Built")


def _placements(data: Data) -> pl.DataFrame:
    episodes = data.frame("care_episodes").sort("child_id", "started_on")
    episodes = episodes.with_columns(
        placement_no=(~pl.col("reason_new_episode").is_in(SAME_PLACEMENT_RNE))
        .cast(pl.Int32)
        .cum_sum()
        .over("period_id")
    )
    starts = episodes.group_by("period_id", "placement_no").agg(
        placement_started_on=pl.col("started_on").min()
    )
    previous = starts.select(
        "period_id",
        (pl.col("placement_no") + 1).alias("placement_no"),
        previous_placement_started_on="placement_started_on",
    )
    periods = data.frame("periods_of_care").select("period_id", period_started_on="started_on")
    return (
        episodes.join(starts, on=["period_id", "placement_no"], how="left")
        .join(previous, on=["period_id", "placement_no"], how="left")
        .join(periods, on="period_id", how="left")
        .join(care_children(data), on="child_id", how="left")
    )


def placements(data: Data) -> pl.DataFrame:
    """Every episode with the start of the placement it belongs to, the date the period of
    care began (``period_started_on``) and the child's ``date_of_birth``.

    ``placement_started_on``: a legal-status-only change (RNE L) continues the placement,
    as the worklists count the lac_visit clock. ``previous_placement_started_on``: the
    start of the placement before (for an adoption placement, DfE stability counts the
    adoptive placement together with the one before it).
    """
    return data.derived("care.placements", _placements)


def _care_children(data: Data) -> pl.DataFrame:
    ever = data.frame("care_episodes").select("child_id").unique()
    return (
        data.frame("care_children")
        .select("child_id", "date_of_birth")
        .join(ever, on="child_id", how="semi")
    )


def care_children(data: Data) -> pl.DataFrame:
    """Date of birth of every child ever looked after (a small frame to join with)."""
    return data.derived("care.children", _care_children)


def episodes_on(data: Data, day: dt.date) -> pl.DataFrame:
    """The episode each child is in at the end of ``day`` (short breaks left out), with the
    columns of ``placements``."""
    return (
        placements(data)
        .filter(open_on("started_on", "ended_on", day))
        .filter(~pl.col("legal_status").is_in(SHORT_BREAKS))
        .unique("child_id", keep="first", maintain_order=True)
    )


def looked_after_between(data: Data, first: dt.date, last: dt.date) -> pl.DataFrame:
    """One row per child looked after at any time from ``first`` to ``last`` (not only on
    short breaks), with the first day of the span they were looked after in it."""
    overlapping = (
        data.frame("care_episodes")
        .filter(~pl.col("legal_status").is_in(SHORT_BREAKS))
        .filter(
            (pl.col("started_on") <= last)
            & (pl.col("ended_on").is_null() | (pl.col("ended_on") > first))
        )
    )
    return overlapping.group_by("child_id").agg(
        looked_after_from=pl.max_horizontal(pl.col("started_on").min(), pl.lit(first))
    )


def periods_ended_between(data: Data, first: dt.date, last: dt.date) -> pl.DataFrame:
    """Periods of care that ended in ``first..last``, with why (the last episode's REC)."""
    episodes = data.frame("care_episodes").filter(
        pl.col("reason_ceased").is_not_null() & ~pl.col("reason_ceased").is_in(["", "X1"])
    )
    ended = data.frame("periods_of_care").filter(pl.col("ended_on").is_between(first, last))
    return ended.join(
        episodes.select(
            "period_id",
            "reason_ceased",
            "legal_status",
            "placement_type",
            last_started_on="started_on",
        ),
        on="period_id",
        how="left",
    )
