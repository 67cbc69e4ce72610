"""Children in care: care plans in date (OBA2-24) and permanence plans (SE-CLA-05).

Both read the care-planning records (``care.CarePlan``, ``care.PermanencePlan``), never
the looked-after reviews alone: a review held is not evidence that a written plan exists.

**Care plan in date.** The first plan is due within 10 working days of becoming looked
after (Care Planning Regulations 2010 r.4(2): before the placement or, if that is not
practicable, within 10 working days of it; shared/domain/timescales.md has no row for it,
so the number lives here). The plan is then reviewed at every looked-after review, at
most 6 months apart (the registry's ``lac_review_next``): a plan is in date at the end of
the period when the next review of its latest version, counted from the day that version
was agreed, falls due after the period's last day.

**Permanence plan by the second review.** The children counted are those who have
reached their second looked-after review: it was held by the period end, or it was due by
then (3 months after the first review, ``lac_review_second``; when the first review was
not held, 3 months after it was due, ``lac_review_first``), so an overdue review does not
take a child out of the figure.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from safeguard.care.models import CarePlan, LookedAfterReview, PermanenceOption, PermanencePlan
from safeguard.core.timescales import Kind, Step
from safeguard.performance.data import Data
from safeguard.performance.frames import frame, read, since_filter
from safeguard.performance.measures.care_cohorts import (
    CARE_LEAD,
    IN_CARE,
    OBA_SOURCE,
    SELF_EVALUATION_SOURCE,
    due_after,
    episodes_on,
    in_care_rows,
    step,
)
from safeguard.performance.periods import Period
from safeguard.performance.registry import Figure, PeriodType, Polarity, Unit, measure, percent

AREA = "Children in care"
#: The first care plan: within 10 working days of the first placement (CPR 2010 r.4(2)).
FIRST_CARE_PLAN = Step(Kind.WORKING_DAYS, 10)
OPTION_LABELS = {option.value: str(option.label) for option in PermanenceOption}


@frame("care_plans")
def care_plans(since: dt.date | None) -> pl.DataFrame:
    """Windowed: a version agreed before the run's first day is more than 6 months older
    than any period end in the run, so it cannot be the version that keeps a plan in date."""
    return read(
        since_filter(CarePlan.objects.all(), since, on="agreed_on"),
        "agreed_on",
        "occasion",
        plan_id="id",
        child_id="child",
        period_id="period",
    )


@frame("permanence_plans")
def permanence_plans(since: dt.date | None) -> pl.DataFrame:
    """Never windowed: a long-term foster child's plan may have been decided years ago."""
    return read(
        PermanencePlan.objects.all(),
        "decided_on",
        "option",
        plan_id="id",
        child_id="child",
        period_id="period",
    )


@frame("first_reviews")
def first_reviews(since: dt.date | None) -> pl.DataFrame:
    """Each period of care's first and second looked-after review dates, from the whole
    review history (the windowed ``care_reviews`` frame loses early reviews of long stays)."""
    reviews = read(LookedAfterReview.objects.all(), "held_on", period_id="period")
    return (
        reviews.sort("period_id", "held_on")
        .group_by("period_id", maintain_order=True)
        .agg(
            first_review_on=pl.col("held_on").first(),
            second_review_on=pl.col("held_on").get(1, null_on_oob=True),
        )
    )


def latest_care_plans(data: Data, day: dt.date) -> pl.DataFrame:
    return (
        data.frame("care_plans")
        .filter(pl.col("agreed_on") <= day)
        .group_by("period_id")
        .agg(plan_agreed_on=pl.col("agreed_on").max())
    )


@measure(
    id="OBA2-24",
    name="Children in care with a care plan",
    area=AREA,
    cohort=f"{IN_CARE}, except those whose first care plan is not due yet (looked after "
    "for fewer than 10 working days and no plan agreed)",
    numerator="Those with a care plan in date: the latest version agreed or reviewed in the "
    "current period of care, whose next review (6 months on, lac_review_next) falls due "
    "after the period end",
    denominator="Children looked after at the end of the period whose first care plan was "
    "due (within 10 working days of becoming looked after, Care Planning Regs 2010 r.4) or "
    "has been agreed",
    period_type=PeriodType.AT_END,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    good=97.0,
    source=OBA_SOURCE,
    lead=CARE_LEAD,
)
def with_care_plan(data: Data, period: Period) -> Figure:
    day = period.end
    found = (
        episodes_on(data, day)
        .join(latest_care_plans(data, day), on="period_id", how="left")
        .with_columns(
            first_due=due_after(FIRST_CARE_PLAN, pl.col("period_started_on"), data),
            review_due=due_after(step("lac_review_next"), pl.col("plan_agreed_on"), data),
        )
    )
    waiting = found.filter(pl.col("plan_agreed_on").is_null() & (pl.col("first_due") > day))
    due = found.join(waiting.select("child_id"), on="child_id", how="anti")
    detail = (
        pl.when(pl.col("plan_agreed_on").is_null())
        .then(pl.format("no care plan; the first was due {}", pl.col("first_due")))
        .otherwise(
            pl.format(
                "care plan agreed {}; next review due {}",
                pl.col("plan_agreed_on"),
                pl.col("review_due"),
            )
        )
    )
    in_date = due.filter(pl.col("review_due") > day)
    figure = percent(in_care_rows(in_date, detail), in_care_rows(due, detail))
    if waiting.height:
        figure.note = (
            f"{waiting.height} child(ren) became looked after less than 10 working days "
            "before the period end with no care plan yet: not due, so not counted."
        )
    return figure


@measure(
    id="SE-CLA-05",
    name="Children in care with a permanence plan",
    area=AREA,
    cohort=f"{IN_CARE} who have reached their second looked-after review (held by the period "
    "end, or due by then: lac_review_second, 3 months after the first review, or after the "
    "first review's due date when it was not held)",
    numerator="Those with a permanence plan decided in the current period of care on or "
    "before the period end (the latest plan shows in the drill-down)",
    denominator="Children looked after at the end of the period who have reached their "
    "second looked-after review",
    period_type=PeriodType.AT_END,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    source=SELF_EVALUATION_SOURCE,
    lead=CARE_LEAD,
)
def with_permanence_plan(data: Data, period: Period) -> Figure:
    day = period.end
    plans = (
        data.frame("permanence_plans")
        .filter(pl.col("decided_on") <= day)
        .sort("decided_on", "plan_id")
        .group_by("period_id")
        .agg(pl.col("option").last(), plan_decided_on=pl.col("decided_on").last())
    )
    reviews = data.frame("first_reviews").with_columns(
        first_review_on=pl.when(pl.col("first_review_on") <= day).then(pl.col("first_review_on")),
        second_review_on=pl.when(pl.col("second_review_on") <= day).then(
            pl.col("second_review_on")
        ),
    )
    found = (
        episodes_on(data, day)
        .join(reviews, on="period_id", how="left")
        .with_columns(
            first_review_due=due_after(step("lac_review_first"), pl.col("period_started_on"), data)
        )
        .with_columns(
            second_review_due=due_after(
                step("lac_review_second"),
                pl.coalesce("first_review_on", "first_review_due"),
                data,
            )
        )
        .filter(pl.col("second_review_on").is_not_null() | (pl.col("second_review_due") <= day))
        .join(plans, on="period_id", how="left")
    )
    reached = (
        pl.when(pl.col("second_review_on").is_not_null())
        .then(pl.format("second review {}", pl.col("second_review_on")))
        .otherwise(pl.format("second review due {}, not held", pl.col("second_review_due")))
    )
    detail = (
        pl.when(pl.col("option").is_null())
        .then(pl.format("{}; no permanence plan", reached))
        .otherwise(
            pl.format(
                "{}; plan: {} ({})",
                reached,
                pl.col("option").replace_strict(OPTION_LABELS, default=pl.col("option")),
                pl.col("plan_decided_on"),
            )
        )
    )
    planned = found.filter(pl.col("option").is_not_null())
    return percent(in_care_rows(planned, detail), in_care_rows(found, detail))
