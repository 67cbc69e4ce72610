"""Children in care: personal education plans (the self-evaluation's "PEP returns").

Due dates come from the timescale registry's ``pep`` rule (first within 20 school days of
becoming looked after, then termly) over the authority's school term dates.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from safeguard.care.models import PersonalEducationPlan
from safeguard.core.calendar import SchoolCalendar, TermDatesMissingError
from safeguard.core.timescales import Kind, load_school_calendar
from safeguard.performance.data import Data
from safeguard.performance.frames import frame, read, since_filter
from safeguard.performance.measures.care_cohorts import (
    SELF_EVALUATION_SOURCE,
    birthday,
    episodes_on,
    in_care_rows,
    step,
)
from safeguard.performance.periods import Period
from safeguard.performance.registry import Figure, PeriodType, Polarity, Unit, measure, percent

AREA = "Children in care"
#: Ages for which a personal education plan is kept (early years to year 13), as worklists.
PEP_FIRST_AGE, PEP_LAST_AGE = 3, 17


@frame("peps")
def peps(since: dt.date | None) -> pl.DataFrame:
    return read(
        since_filter(PersonalEducationPlan.objects.all(), since, on="held_on"),
        "held_on",
        pep_id="id",
        child_id="child",
        period_id="period",
    )


def pep_due(school: SchoolCalendar, anchor: dt.date, first: bool) -> dt.date | None:
    """The pep timescale's due date, counted as ``compute_due`` counts it."""
    rule_step = step("pep", "first" if first else "termly")
    try:
        if rule_step.kind is Kind.SCHOOL_DAYS:
            return school.add_school_days(anchor, rule_step.amount)
        later = [term for term in school.terms if term.starts_on > anchor]
        return school.last_school_day(later[rule_step.amount - 1])
    except (TermDatesMissingError, IndexError):
        return None


@measure(
    id="SE-CLA-09",
    name="Children in care with an up-to-date personal education plan (PEP returns)",
    area=AREA,
    cohort=f"Children looked after at the end of the period aged {PEP_FIRST_AGE} to {PEP_LAST_AGE}",
    numerator="Those whose next PEP (the pep timescale: first within 20 school days of "
    "becoming looked after, then termly) falls due after the period end",
    denominator=f"Children looked after at the end of the period aged {PEP_FIRST_AGE}-"
    f"{PEP_LAST_AGE}",
    period_type=PeriodType.AT_END,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    source=SELF_EVALUATION_SOURCE,
    lead="Head of the Virtual School",
)
def pep_up_to_date(data: Data, period: Period) -> Figure:
    school = load_school_calendar()
    if not school.ordinals:
        return Figure(None, note="No school term dates are held, so PEP due dates are unknown.")
    last = (
        data.frame("peps")
        .filter(pl.col("held_on") <= period.end)
        .group_by("period_id")
        .agg(last_pep=pl.col("held_on").max())
    )
    dob = pl.col("date_of_birth")
    found = (
        episodes_on(data, period.end)
        .filter(
            (birthday(dob, PEP_FIRST_AGE) <= period.end)
            & (birthday(dob, PEP_LAST_AGE + 1) > period.end)
        )
        .join(last, on="period_id", how="left")
    )
    dues = [
        pep_due(school, last_pep or started, last_pep is None)
        for last_pep, started in found.select("last_pep", "period_started_on").iter_rows()
    ]
    found = found.with_columns(due=pl.Series("due", dues, dtype=pl.Date))
    detail = pl.format(
        "last PEP {}; next due {}",
        pl.col("last_pep").cast(pl.Utf8).fill_null("none"),
        pl.col("due").cast(pl.Utf8).fill_null("after the term dates held"),
    )
    in_date = found.filter(pl.col("due").is_null() | (pl.col("due") > period.end))
    return percent(in_care_rows(in_date, detail), in_care_rows(found, detail))
