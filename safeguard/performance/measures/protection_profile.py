"""Who is on a child protection plan, why and for how long: plans by sex, age band,
ethnicity and disability, by category of abuse, and by duration (CP report §2, self-
evaluation §4). Missing characteristics are counted as "Not recorded", never left out."""

from __future__ import annotations

import polars as pl

from safeguard.performance.data import Data
from safeguard.performance.measures.protection_common import (
    AGE_BANDS,
    CATEGORY_LABELS,
    CP_LEAD,
    CP_REPORT_SOURCE,
    DISABILITY_LABELS,
    DURATION_BANDS,
    ETHNICITY_LABELS,
    ETHNICITY_NOT_RECORDED,
    GENDER_NOT_RECORDED,
    NOT_RECORDED,
    SELF_EVALUATION_SOURCE,
    SEX_LABELS,
    age_band,
    breakdown,
    coded,
    duration_band,
    on_plan,
    plans,
)
from safeguard.performance.measures.protection_oba import new_plans
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
    rows,
)


def _profile(data: Data, period: Period, label: pl.Expr, labels: tuple[str, ...]) -> Figure:
    found = on_plan(data, period.end).with_columns(group=label)
    detail = pl.concat_str(pl.col("group"), pl.lit("; on a plan since "), pl.col("start_date"))
    figure = count(rows(found, on="start_date", record="CP plan", detail=detail))
    figure.breakdown = breakdown(found, "group", labels)
    return figure


PROFILE = {
    "cohort": "Children on a CP plan at the end of the period",
    "denominator": None,
    "period_type": PeriodType.AT_END,
    "unit": Unit.COUNT,
    "polarity": Polarity.NEUTRAL,
    "frequency": "Annual",
    "source": CP_REPORT_SOURCE,
    "lead": CP_LEAD,
    "area": "Child protection",
}


@measure(
    id="CP-11",
    name="Children on a CP plan by sex",
    numerator="Children on a CP plan by DfE gender code; code 0 (not recorded or unborn) and "
    "blanks are Not recorded",
    **PROFILE,
)
def plans_by_sex(data: Data, period: Period) -> Figure:
    label = coded("gender", "gender", not_recorded=GENDER_NOT_RECORDED)
    return _profile(data, period, label, SEX_LABELS)


@measure(
    id="CP-12",
    name="Children on a CP plan by age band",
    numerator="Children on a CP plan by age on the last day of the period: unborn, under 1, "
    "1-4, 5-9, 10-15, 16-17, 18 or over (a plan not ended at 18); no date of birth is Not "
    "recorded",
    **PROFILE,
)
def plans_by_age(data: Data, period: Period) -> Figure:
    return _profile(data, period, age_band(period.end), AGE_BANDS)


@measure(
    id="CP-13",
    name="Children on a CP plan by ethnicity",
    numerator="Children on a CP plan by DfE ethnicity code; 'information not yet obtained' "
    "and blanks are Not recorded (a data-quality flag); 'Refused' has its own row",
    **PROFILE,
)
def plans_by_ethnicity(data: Data, period: Period) -> Figure:
    label = coded("ethnicity", "ethnicity", not_recorded=ETHNICITY_NOT_RECORDED)
    return _profile(data, period, label, ETHNICITY_LABELS)


@measure(
    id="CP-14",
    name="Children on a CP plan by disability",
    numerator="Children on a CP plan by what is recorded: a disability (any DfE code but "
    "NONE), no disability (NONE), or nothing recorded",
    **PROFILE,
)
def plans_by_disability(data: Data, period: Period) -> Figure:
    return _profile(data, period, pl.col("disability").fill_null(NOT_RECORDED), DISABILITY_LABELS)


@measure(
    id="CP-18",
    name="Children on a CP plan by category of abuse",
    numerator="Children on a CP plan by the plan's latest category of abuse (neglect, "
    "physical, sexual, emotional, multiple); blank is Not recorded",
    **PROFILE,
)
def plans_by_category(data: Data, period: Period) -> Figure:
    label = coded("latest_category", "category_of_abuse")
    return _profile(data, period, label, CATEGORY_LABELS)


@measure(
    id="CP-19",
    name="New CP plans by initial category of abuse",
    area="Child protection",
    cohort="CP plans that started in the period",
    numerator="Plans started in the period by initial category of abuse; blank is Not recorded",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    frequency="Annual",
    source=CP_REPORT_SOURCE,
    lead=CP_LEAD,
)
def new_plans_by_category(data: Data, period: Period) -> Figure:
    found = new_plans(data, period).with_columns(
        group=coded("initial_category", "category_of_abuse")
    )
    figure = count(rows(found, on="start_date", record="CP plan", detail="group"))
    figure.breakdown = breakdown(found, "group", CATEGORY_LABELS)
    return figure


def _lasted() -> pl.Expr:
    return pl.concat_str(
        pl.col("band"),
        pl.lit(" ("),
        pl.col("start_date").cast(pl.Utf8),
        pl.lit(" to "),
        pl.col("to").cast(pl.Utf8),
        pl.lit(")"),
    )


def open_durations(data: Data, period: Period) -> pl.DataFrame:
    day = period.end
    found = on_plan(data, day).with_columns(to=pl.lit(day))
    return found.with_columns(band=duration_band(pl.col("start_date"), pl.col("to")))


@measure(
    id="CP-15",
    name="Open CP plans by duration",
    area="Child protection",
    cohort="Children on a CP plan at the end of the period",
    numerator="Open plans by how long they had lasted on the last day of the period: under "
    "3 months, 3-6 months, 6-12 months, 1-2 years, 2 years or more (calendar months)",
    denominator=None,
    period_type=PeriodType.AT_END,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    frequency="Annual",
    source=CP_REPORT_SOURCE,
    lead=CP_LEAD,
)
def open_plans_by_duration(data: Data, period: Period) -> Figure:
    found = open_durations(data, period)
    figure = count(rows(found, on="start_date", record="CP plan", detail=_lasted()))
    figure.breakdown = breakdown(found, "band", DURATION_BANDS)
    return figure


@measure(
    id="CP-16",
    name="Open CP plans lasting 2 years or more",
    area="Child protection",
    cohort="Children on a CP plan at the end of the period",
    numerator="Plans that had been open 2 years or more on the last day of the period",
    denominator="Children on a CP plan at the end of the period",
    period_type=PeriodType.AT_END,
    unit=Unit.PERCENT,
    polarity=Polarity.LOWER,
    source=CP_REPORT_SOURCE,
    lead=CP_LEAD,
)
def open_two_years_or_more(data: Data, period: Period) -> Figure:
    found = open_durations(data, period)
    return percent(
        rows(
            found.filter(pl.col("band") == DURATION_BANDS[-1]),
            on="start_date",
            record="CP plan",
            detail=_lasted(),
        ),
        rows(found, on="start_date", record="CP plan", detail=_lasted()),
    )


@measure(
    id="SE-CP-01",
    name="CP plans ended by duration",
    area="Child protection",
    cohort="CP plans that ended in the period",
    numerator="Plans ended by calendar time from start to end: under 3 months, 3-6 months, "
    "6-12 months, 1-2 years, 2 years or more",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    source=f"{SELF_EVALUATION_SOURCE}; {CP_REPORT_SOURCE}",
    lead=CP_LEAD,
)
def ended_plans_by_duration(data: Data, period: Period) -> Figure:
    found = plans(data).filter(in_period("end_date", period))
    found = found.with_columns(
        to=pl.col("end_date"), band=duration_band(pl.col("start_date"), pl.col("end_date"))
    )
    figure = count(rows(found, on="end_date", record="CP plan", detail=_lasted()))
    figure.breakdown = breakdown(found, "band", DURATION_BANDS)
    return figure
