"""Child protection plans: how many children are on one, the rate per 10,000, plans
starting and ending, repeat plans and the parenting factors behind them, and children on
a plan who are also looked after (annual CP report §2, outcomes §3 S01)."""

from __future__ import annotations

import polars as pl

from safeguard.performance.data import Data
from safeguard.performance.measures.protection_common import (
    CP_LEAD,
    CP_REPORT_SOURCE,
    OUTCOMES_SOURCE,
    SELF_EVALUATION_SOURCE,
    breakdown,
    on_plan,
    open_on,
    plans,
    within_two_years,
)
from safeguard.performance.measures.protection_oba import new_plans, previous_plan_text
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
    rate,
    rows,
)
from safeguard.protection.models import CPPlanEndReason


def _since() -> pl.Expr:
    return pl.concat_str(pl.lit("on a plan since "), pl.col("start_date").cast(pl.Utf8))


@measure(
    id="CP-04",
    name="Children subject to a child protection plan",
    area="Child protection",
    cohort="Children on a CP plan at the end of the period (the plan started on or before "
    "the last day and had not ended by it)",
    numerator="Children on a CP plan at the end of the period",
    denominator=None,
    period_type=PeriodType.AT_END,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    source=f"{CP_REPORT_SOURCE}; {SELF_EVALUATION_SOURCE}",
    lead=CP_LEAD,
)
def children_on_plans(data: Data, period: Period) -> Figure:
    found = on_plan(data, period.end)
    return count(rows(found, on="start_date", record="CP plan", detail=_since()))


@measure(
    id="OUT-S01",
    name="Child protection plan rate per 10,000 children",
    area="Child protection",
    cohort="Children on a CP plan at the end of the period",
    numerator="Children on a CP plan at the end of the period",
    denominator="Children aged 0-17 (ONS mid-year estimate for the year the period ends in)",
    period_type=PeriodType.AT_END,
    unit=Unit.RATE,
    polarity=Polarity.NEUTRAL,
    frequency="Quarterly",
    source=f"{OUTCOMES_SOURCE} (S01); {CP_REPORT_SOURCE}; {SELF_EVALUATION_SOURCE}",
    lead=CP_LEAD,
)
def cp_plan_rate(data: Data, period: Period) -> Figure:
    found = on_plan(data, period.end)
    return rate(
        rows(found, on="start_date", record="CP plan", detail=_since()),
        data.population(period.end.year),
    )


@measure(
    id="CP-05",
    name="New child protection plans",
    area="Child protection",
    cohort="CP plans that started in the period",
    numerator="Plans started in the period (a child starting two plans counts twice)",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    source=CP_REPORT_SOURCE,
    lead=CP_LEAD,
)
def plans_started(data: Data, period: Period) -> Figure:
    started = new_plans(data, period)
    return count(rows(started, on="start_date", record="CP plan", detail=previous_plan_text()))


END_REASONS = {str(r): str(r.label) for r in CPPlanEndReason}


@measure(
    id="CP-06",
    name="Child protection plans ceased",
    area="Child protection",
    cohort="CP plans that ended in the period",
    numerator="Plans ended in the period, whatever the reason (including reaching 18)",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    source=CP_REPORT_SOURCE,
    lead=CP_LEAD,
)
def plans_ceased(data: Data, period: Period) -> Figure:
    ended = plans(data).filter(in_period("end_date", period))
    reason = pl.col("end_reason").replace_strict(END_REASONS, default="End reason not recorded")
    return count(rows(ended, on="end_date", record="CP plan", detail=reason))


@measure(
    id="CP-07",
    name="New plans within 2 years of a previous plan ending",
    area="Child protection",
    cohort="CP plans that started in the period",
    numerator="Plans for a child whose previous CP plan ended within 2 years before this one "
    "started (on or after the same date 2 years earlier)",
    denominator="Plans that started in the period",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.LOWER,
    source=CP_REPORT_SOURCE,
    lead=CP_LEAD,
)
def repeat_within_two_years(data: Data, period: Period) -> Figure:
    started = new_plans(data, period)
    return percent(
        rows(
            started.filter(pl.col("repeat") & within_two_years()),
            on="start_date",
            record="CP plan",
            detail=previous_plan_text(),
        ),
        rows(started, on="start_date", record="CP plan", detail=previous_plan_text()),
    )


@measure(
    id="CP-08",
    name="New plans whose previous plan ended over 2 years before",
    area="Child protection",
    cohort="CP plans that started in the period",
    numerator="Plans for a child whose previous CP plan ended more than 2 years before this "
    "one started",
    denominator="Plans that started in the period",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.LOWER,
    source=CP_REPORT_SOURCE,
    lead=CP_LEAD,
)
def repeat_over_two_years(data: Data, period: Period) -> Figure:
    started = new_plans(data, period)
    return percent(
        rows(
            started.filter(pl.col("repeat") & within_two_years().not_()),
            on="start_date",
            record="CP plan",
            detail=previous_plan_text(),
        ),
        rows(started, on="start_date", record="CP plan", detail=previous_plan_text()),
    )


GAP_LABELS = ("12 months or less", "Over 12 months to 2 years", "Over 2 years")


@measure(
    id="CP-09",
    name="Repeat plans by time since the previous plan ended",
    area="Child protection",
    cohort="Repeat CP plans (second or subsequent) that started in the period",
    numerator="Repeat plans by the time from the previous plan's end to this plan's start: "
    "12 months or less, over 12 months to 2 years, over 2 years",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    frequency="Annual",
    source=CP_REPORT_SOURCE,
    lead=CP_LEAD,
)
def repeat_by_gap(data: Data, period: Period) -> Figure:
    repeats = new_plans(data, period).filter(pl.col("repeat"))
    repeats = repeats.with_columns(
        gap=pl.when(pl.col("previous_end") >= pl.col("start_date").dt.offset_by("-12mo"))
        .then(pl.lit(GAP_LABELS[0]))
        .when(within_two_years())
        .then(pl.lit(GAP_LABELS[1]))
        .otherwise(pl.lit(GAP_LABELS[2]))
    )
    detail = pl.concat_str(previous_plan_text(), pl.lit(" ("), pl.col("gap"), pl.lit(")"))
    figure = count(rows(repeats, on="start_date", record="CP plan", detail=detail))
    figure.breakdown = breakdown(repeats, "gap", GAP_LABELS)
    return figure


#: Parenting factors (CIN census assessment factor codes) the CP report charts for repeat
#: plans; a plan may have several, so the parts add up to more than the total.
FACTOR_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Domestic abuse", ("3A", "3B", "3C")),
    ("Substance misuse (alcohol or drugs)", ("1B", "1C", "2B", "2C")),
    ("Alcohol misuse by a parent, carer or adult in the household", ("1B", "1C")),
    ("Drug misuse by a parent, carer or adult in the household", ("2B", "2C")),
    ("Mental health of a parent or carer", ("4B",)),
    ("Learning disability of a parent or carer", ("5B",)),
    ("Physical disability or illness of a parent or carer", ("6B",)),
)
NO_FACTORS = "No assessment factors recorded"
FACTOR_LABELS = (*(label for label, _ in FACTOR_GROUPS), NO_FACTORS)


def plans_with_factors(data: Data, found: pl.DataFrame) -> pl.DataFrame:
    """Each plan with the factor codes of the child's assessment nearest before it: the
    latest assessment that started on or before the plan's start (normally the single
    assessment that led to the s47 and conference; ties go to the later authorised one).
    ``codes`` is empty when there was no such assessment or it recorded no factors."""
    assessments = (
        data.frame("assessments")
        .select(
            "assessment_id",
            "child_id",
            pl.col("start_date").alias("assessed_from"),
            "authorised_on",
        )
        .sort("assessed_from", "authorised_on", nulls_last=False)
    )
    found = found.sort("start_date").join_asof(
        assessments,
        left_on="start_date",
        right_on="assessed_from",
        by="child_id",
        strategy="backward",
        check_sortedness=False,  # sorted on start_date just above
    )
    factors = data.frame("assessment_factors").group_by("assessment_id").agg(codes=pl.col("code"))
    return found.join(factors, on="assessment_id", how="left").with_columns(
        codes=pl.col("codes").fill_null(pl.lit([], dtype=pl.List(pl.Utf8)))
    )


@measure(
    id="CP-10",
    name="Parenting factors in repeat plans",
    area="Child protection",
    cohort="Repeat CP plans (second or subsequent) that started in the period",
    numerator="Repeat plans whose nearest earlier assessment (the latest one started on or "
    "before the plan's start) recorded each parenting factor: domestic abuse, substance "
    "misuse, mental health, learning disability, physical illness; a plan may have several",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    frequency="Annual",
    source=CP_REPORT_SOURCE,
    lead=CP_LEAD,
)
def repeat_plan_factors(data: Data, period: Period) -> Figure:
    repeats = plans_with_factors(data, new_plans(data, period).filter(pl.col("repeat")))
    flags = [
        pl.col("codes").list.set_intersection(pl.lit(list(codes))).list.len().gt(0).alias(label)
        for label, codes in FACTOR_GROUPS
    ]
    repeats = repeats.with_columns(*flags).with_columns(
        pl.col("codes").list.len().eq(0).alias(NO_FACTORS)
    )
    found = pl.concat_list(
        [pl.when(pl.col(label)).then(pl.lit(label)) for label in FACTOR_LABELS]
    ).list.drop_nulls()
    detail = (
        pl.when(pl.col("assessment_id").is_null())
        .then(pl.lit("no assessment on or before the plan's start"))
        .otherwise(found.list.join("; "))
    )
    figure = count(rows(repeats, on="start_date", record="CP plan", detail=detail))
    figure.breakdown = [(label, float(repeats[label].sum())) for label in FACTOR_LABELS]
    figure.note = "A plan may have several factors, so the parts add up to more than the total."
    return figure


@measure(
    id="CP-17",
    name="Children on a CP plan who are also looked after",
    area="Child protection",
    cohort="Children on a CP plan at the end of the period",
    numerator="Those also in a period of care on that day",
    denominator=None,
    period_type=PeriodType.AT_END,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    source=CP_REPORT_SOURCE,
    lead=CP_LEAD,
)
def on_plan_and_looked_after(data: Data, period: Period) -> Figure:
    day = period.end
    care = (
        data.frame("periods_of_care")
        .rename({"started_on": "start_date", "ended_on": "end_date"})
        .filter(open_on(day))
        .group_by("child_id")
        .agg(care_from=pl.col("start_date").min())
    )
    found = on_plan(data, day).join(care, on="child_id", how="inner")
    detail = pl.concat_str(
        _since(), pl.lit("; looked after since "), pl.col("care_from").cast(pl.Utf8)
    )
    return count(rows(found, on="start_date", record="CP plan", detail=detail))
