"""Casework after the front door: early help, assessments, CIN plan reviews, visits,
allocation, and the CIN rate (OBA §1, self-evaluation §4, outcomes §3 linked measure)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from safeguard.core.timescales import Kind, Step, get_rule
from safeguard.performance.data import Data, per_run
from safeguard.performance.measures.front_door import OBA_SOURCE, source_group
from safeguard.performance.periods import Period
from safeguard.performance.registry import (
    Figure,
    PeriodType,
    Polarity,
    Unit,
    count,
    in_period,
    measure,
    open_on,
    percent,
    rate,
    rows,
)

EARLY_HELP_LEAD = "Head of Early Help"
CIN_LEAD = "Head of Service, Assessment and Children in Need"
PRACTICE_LEAD = "Principal Social Worker"
#: Statutory visits the OBA's "seen at visit" measures cover (not care leaver contacts).
STATUTORY_VISITS = ("cin", "cp", "looked_after")
VISIT_LABELS = {"cin": "CIN visit", "cp": "CP visit", "looked_after": "Looked-after child visit"}
ASSESSMENT_WORKING_DAYS = 45
LAST_WEEK_DAYS = 7


def due_after(start: pl.Expr, step: Step, holidays: list[dt.date]) -> pl.Expr:
    """A timescale registry step applied to a column of start dates, as ``compute_due``
    would one at a time (so a local override of the rule changes the measure too)."""
    if step.kind is Kind.WORKING_DAYS:
        # "backward" roll: a weekend start counts its first working day as the Monday.
        return start.dt.add_business_days(step.amount, holidays=holidays, roll="backward")
    if step.kind is Kind.WEEKS:
        due = start + pl.duration(weeks=step.amount)
    elif step.kind is Kind.DAYS:
        due = start + pl.duration(days=step.amount)
    elif step.kind is Kind.MONTHS:
        due = start.dt.offset_by(f"{step.amount}mo")  # clamped to the month end
    else:
        raise ValueError(f"A {step.kind} timescale cannot be applied to a column of dates.")
    if step.roll_forward:
        due = due.dt.add_business_days(0, holidays=holidays, roll="forward")
    return due


# -- early help ---------------------------------------------------------------------------


@measure(
    id="OBA1-10",
    name="Open early help cases",
    area="Early help",
    cohort="Early help episodes open at the end of the period",
    numerator="Episodes requested on or before the last day and not closed by it",
    denominator=None,
    period_type=PeriodType.AT_END,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    source=OBA_SOURCE,
    lead=EARLY_HELP_LEAD,
)
def open_early_help(data: Data, period: Period) -> Figure:
    found = data.frame("early_help").filter(open_on("requested_on", "closed_on", period.end))
    detail = pl.concat_str(pl.lit("requested by: "), source_group("request_source"))
    return count(rows(found, on="requested_on", record="Early help episode", detail=detail))


@measure(
    id="OBA1-11",
    name="Early help Team Around the Family plans started",
    area="Early help",
    cohort="TAF plans with a start date in the period",
    numerator="TAF plans started in the period",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    source=OBA_SOURCE,
    lead=EARLY_HELP_LEAD,
)
def taf_plans_started(data: Data, period: Period) -> Figure:
    found = data.frame("taf_plans").filter(in_period("started_on", period))
    return count(rows(found, on="started_on", record="TAF plan"))


# -- assessments and CIN plans ----------------------------------------------------------


@measure(
    id="OBA2-01",
    name="Assessments completed within 45 working days",
    area="Assessment",
    cohort="Single assessments authorised (completed) in the period",
    numerator="Those authorised within 45 working days of their actual start date (days "
    "after the start up to and including authorisation, less weekends and bank holidays)",
    denominator="Single assessments authorised in the period",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    good=90.4,
    source=f"{OBA_SOURCE}; 004 self-evaluation; DfE CIN census definition",
    lead=CIN_LEAD,
)
def assessments_on_time(data: Data, period: Period) -> Figure:
    done = data.frame("assessments").filter(in_period("authorised_on", period))
    done = done.with_columns(
        working_days=data.working_days_between(pl.col("start_date"), pl.col("authorised_on"))
    )
    detail = pl.concat_str(pl.col("working_days").cast(pl.Utf8), pl.lit(" working days"))
    on_time = done.filter(pl.col("working_days") <= ASSESSMENT_WORKING_DAYS)
    return percent(
        rows(on_time, on="authorised_on", record="Assessment", detail=detail),
        rows(done, on="authorised_on", record="Assessment", detail=detail),
    )


@per_run
def cin_reviews_due(data: Data) -> pl.DataFrame:
    """Every CIN plan review that fell due: one row per plan start or review held, due
    ``cin_review`` (12 weeks, local rule) later, with the next review actually held.

    The chain restarts at each review held, early or late, as the local pathway does; a
    due date on or after the plan's end is not due at all (the plan ended first).
    """
    plans = data.frame("cin_plans")
    reviews = data.frame("cin_plan_reviews").join(
        plans.select("plan_id", "start_date"), on="plan_id", how="inner"
    )
    events = pl.concat(
        [
            plans.select("plan_id", "child_id", pl.col("start_date").alias("event_on")),
            reviews.filter(pl.col("held_on") >= pl.col("start_date")).select(
                "plan_id", "child_id", pl.col("held_on").alias("event_on")
            ),
        ]
    ).sort("plan_id", "event_on")
    step = get_rule("cin_review").step
    assert step is not None  # cin_review is a simple rule (no variants)
    events = events.with_columns(
        due_on=due_after(pl.col("event_on"), step, data.holidays),
        next_review_on=pl.col("event_on").shift(-1).over("plan_id"),
    ).join(plans.select("plan_id", "end_date"), on="plan_id", how="left")
    return events.filter(pl.col("end_date").is_null() | (pl.col("end_date") > pl.col("due_on")))


@measure(
    id="OBA1-05",
    name="CIN reviews held as a percentage of the CIN cohort due one",
    area="Children in need",
    cohort="CIN plans with a review falling due in the period (the timescale registry's "
    "cin_review: 12 weeks after the plan started or its last review), the plan still open",
    numerator="Those whose review was held on or before its due date",
    denominator="CIN plans with a review due in the period",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    good=100.0,
    source=f"{OBA_SOURCE}; SIP key actions (12-weekly CIN reviews)",
    lead=CIN_LEAD,
)
def cin_reviews_held(data: Data, period: Period) -> Figure:
    due = cin_reviews_due(data).filter(in_period("due_on", period))
    held = pl.col("next_review_on").is_not_null() & (pl.col("next_review_on") <= pl.col("due_on"))
    detail = (
        pl.when(held)
        .then(pl.concat_str(pl.lit("held "), pl.col("next_review_on").cast(pl.Utf8)))
        .when(pl.col("next_review_on").is_not_null())
        .then(pl.concat_str(pl.lit("held late "), pl.col("next_review_on").cast(pl.Utf8)))
        .otherwise(pl.lit("not held"))
    )
    return percent(
        rows(due.filter(held), on="due_on", record="CIN plan review", detail=detail),
        rows(due, on="due_on", record="CIN plan review", detail=detail),
    )


# -- visits -------------------------------------------------------------------------------


def statutory_visits(data: Data, period: Period) -> pl.DataFrame:
    visits = data.frame("visits").filter(
        in_period("visit_date", period) & pl.col("visit_type").is_in(STATUTORY_VISITS)
    )
    return visits.with_columns(
        label=pl.col("visit_type").replace_strict(VISIT_LABELS, return_dtype=pl.Utf8)
    )


@measure(
    id="OBA1-12",
    name="Child seen at visit",
    area="Visits",
    cohort="CIN, CP and looked-after child visits made in the period",
    numerator="Visits at which the child was seen",
    denominator="CIN, CP and looked-after child visits in the period",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    good=80.0,
    source=OBA_SOURCE,
    lead=PRACTICE_LEAD,
)
def child_seen_at_visit(data: Data, period: Period) -> Figure:
    visits = statutory_visits(data, period)
    seen = visits.filter(pl.col("child_seen").fill_null(False))
    return percent(
        rows(seen, on="visit_date", record="label", detail=visit_status()),
        rows(visits, on="visit_date", record="label", detail=visit_status()),
    )


@measure(
    id="OBA2-15",
    name="Child seen alone at visit",
    area="Visits",
    cohort="CIN, CP and looked-after child visits made in the period",
    numerator="Visits at which the child was seen alone",
    denominator="CIN, CP and looked-after child visits in the period (the same cohort as "
    "OBA1-12, so a visit where the child was not seen counts as not seen alone)",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    good=85.0,
    source=OBA_SOURCE,
    lead=PRACTICE_LEAD,
)
def child_seen_alone(data: Data, period: Period) -> Figure:
    visits = statutory_visits(data, period)
    alone = visits.filter(pl.col("seen_alone").fill_null(False))
    return percent(
        rows(alone, on="visit_date", record="label", detail=visit_status()),
        rows(visits, on="visit_date", record="label", detail=visit_status()),
    )


def visit_status() -> pl.Expr:
    """What happened at the visit, for the drill-down; a blank answer is "not recorded"."""
    return (
        pl.when(pl.col("seen_alone").fill_null(False))
        .then(pl.lit("seen alone"))
        .when(pl.col("child_seen").is_null())
        .then(pl.lit("not recorded"))
        .when(pl.col("child_seen"))
        .then(pl.lit("seen, not alone"))
        .otherwise(pl.lit("not seen"))
    )


# -- allocation and the CIN population ---------------------------------------------------


@measure(
    id="OBA1-14",
    name="Unallocated cases, last week of the month",
    area="Children in need",
    cohort="Children with a CIN episode (referral accepted, not closed) open on any of the "
    "last 7 days of the period",
    numerator="Children who, on at least one of those days while their episode was open, "
    "had no worker allocated (no allocation open that day)",
    denominator=None,
    period_type=PeriodType.LAST_WEEK,
    unit=Unit.COUNT,
    polarity=Polarity.LOWER,
    good=5.0,
    source=OBA_SOURCE,
    lead=CIN_LEAD,
)
def unallocated_cases(data: Data, period: Period) -> Figure:
    """A case waiting for allocation over a weekend counts, as it would on the weekly
    unallocated-cases list; an episode opened and closed the same day is never open."""
    first = period.end - dt.timedelta(days=LAST_WEEK_DAYS - 1)
    days = pl.DataFrame({"day": pl.date_range(first, period.end, eager=True)})
    episodes = data.frame("referrals").filter(
        (pl.col("referral_date") <= period.end)
        & (pl.col("closure_date").is_null() | (pl.col("closure_date") > first))
    )
    open_days = episodes.join(days, how="cross").filter(
        (pl.col("referral_date") <= pl.col("day"))
        & (pl.col("closure_date").is_null() | (pl.col("closure_date") > pl.col("day")))
    )
    allocated = (
        open_days.select("child_id", "day")
        .unique()
        .join(
            data.frame("allocations").filter(
                (pl.col("started_on") <= period.end)
                & (pl.col("ended_on").is_null() | (pl.col("ended_on") > first))
            ),
            on="child_id",
            how="inner",
        )
        .filter(
            (pl.col("started_on") <= pl.col("day"))
            & (pl.col("ended_on").is_null() | (pl.col("ended_on") > pl.col("day")))
        )
        .select("child_id", "day")
        .unique()
    )
    unallocated = (
        open_days.select("child_id", "day")
        .unique()
        .join(allocated, on=["child_id", "day"], how="anti")
        .group_by("child_id")
        .agg(pl.col("day").min().alias("first_day"), pl.len().alias("days"))
        .sort("child_id")
    )
    detail = pl.concat_str(
        pl.lit("no allocated worker on "),
        pl.col("days").cast(pl.Utf8),
        pl.lit(" of the last 7 days"),
    )
    return count(rows(unallocated, on="first_day", record="Open CIN episode", detail=detail))


@measure(
    id="OUT-L1",
    name="Children in need rate per 10,000 children",
    area="Children in need",
    cohort="Children in need at the end of the period: an open CIN episode, CP plan or "
    "period of care on the last day (children on CP plans and in care are children in need)",
    numerator="Children in need at the end of the period (each child once)",
    denominator="Children aged 0-17 (ONS mid-year estimate for the year the period ends in)",
    period_type=PeriodType.AT_END,
    unit=Unit.RATE,
    polarity=Polarity.NEUTRAL,
    source="002 scrutiny report (linked measure, 196.4 -> 201.1); 004 self-evaluation",
    lead=CIN_LEAD,
    frequency="Quarterly",
)
def cin_rate(data: Data, period: Period) -> Figure:
    day = period.end
    spans = [
        ("referrals", "referral_date", "closure_date", "Open CIN episode"),
        ("cp_plans", "start_date", "end_date", "Open CP plan"),
        ("periods_of_care", "started_on", "ended_on", "In care"),
    ]
    found = pl.concat(
        [
            data.frame(name)
            .filter(open_on(start, end, day))
            .select("child_id", pl.col(start).alias("since"), pl.lit(label).alias("why"))
            for name, start, end, label in spans
        ]
    )
    # One row per child: the CIN episode first (it is the census definition), then CP, care.
    children = found.unique("child_id", keep="first", maintain_order=True).sort("child_id")
    return rate(
        rows(children, on="since", record="Child in need", detail="why"), data.population(day.year)
    )
