"""Fostering sufficiency (seed 003 SIP, OBA2-28/29), computed from ``safeguard.fostering``.

OBA2-28 follows the definition its placeholder carried (enquiries of the last 12 months
that led to approval); seed 003's note reads it as ADM approvals in the period over the
enquiries of six months earlier, which the rolling cohort approximates without a lag
parameter. OBA2-29 averages months (of 30.44 days, as the sufficiency report) from the
start of stage 1 to the ADM's approval. The drill-down shows the assessing worker's id in
the person column (foster carers are adults, not children) and the enquiry's id.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from safeguard.fostering.models import FosteringAssessment, FosteringEnquiry
from safeguard.performance.data import Data
from safeguard.performance.frames import frame, read, since_filter
from safeguard.performance.measures.front_door import OBA_SOURCE
from safeguard.performance.periods import Period
from safeguard.performance.registry import (
    Figure,
    PeriodType,
    Polarity,
    Unit,
    average,
    in_period,
    measure,
    percent,
    rows,
)

AREA = "Fostering"
LEAD = "Head of Fostering"
DAYS_PER_MONTH = 365.25 / 12


@frame("fostering_enquiries")
def fostering_enquiries(since: dt.date | None) -> pl.DataFrame:
    return read(
        since_filter(FosteringEnquiry.objects.all(), since, on="received_on"),
        "id",
        "received_on",
        "source",
        started_on="assessment__stage_one_started_on",
        decided_on="assessment__decided_on",
        approved="assessment__approved",
        worker_id="assessment__assessing_worker",
    )


@frame("fostering_assessments")
def fostering_assessments(since: dt.date | None) -> pl.DataFrame:
    return read(
        since_filter(FosteringAssessment.objects.all(), since, on="decided_on"),
        "id",
        "decided_on",
        "approved",
        enquiry_id="enquiry",
        started_on="stage_one_started_on",
        worker_id="assessing_worker",
    )


def _rows(found: pl.DataFrame, *, on: str, record: str, detail: str | pl.Expr) -> pl.DataFrame:
    return rows(
        found.with_columns(pl.col("worker_id").fill_null("")),
        child="worker_id",
        on=on,
        record=record,
        detail=detail,
    )


@measure(
    id="OBA2-28",
    name="Fostering enquiries that become approved carers",
    area=AREA,
    cohort="Foster carer enquiries received in the 12 months to the end of the period",
    numerator="Enquiries that led to approval as a foster carer (by the ADM, by the period end)",
    denominator="Foster carer enquiries",
    period_type=PeriodType.ROLLING_12,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    good=10.0,
    source=OBA_SOURCE,
    lead=LEAD,
    frequency="Monthly",
)
def enquiry_conversion(data: Data, period: Period) -> Figure:
    first, last = period.rolling_12_months()
    found = data.frame("fostering_enquiries").filter(pl.col("received_on").is_between(first, last))
    approved = found.filter(pl.col("approved").fill_null(False) & (pl.col("decided_on") <= last))
    detail = pl.concat_str(pl.lit("enquiry from "), pl.col("source"))
    return percent(
        _rows(approved, on="decided_on", record="id", detail=detail),
        _rows(found, on="received_on", record="id", detail=detail),
    )


@measure(
    id="OBA2-29",
    name="Months from fostering assessment to approval",
    area=AREA,
    cohort="Foster carers approved in the period",
    numerator="Calendar months from the start of their assessment to approval",
    denominator="Foster carers approved in the period (average months)",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.MONTHS,
    polarity=Polarity.LOWER,
    good=6.0,
    source=OBA_SOURCE,
    lead=LEAD,
    frequency="Monthly",
)
def months_to_approval(data: Data, period: Period) -> Figure:
    found = (
        data.frame("fostering_assessments")
        .filter(pl.col("approved").fill_null(False) & in_period("decided_on", period))
        .with_columns(
            months=((pl.col("decided_on") - pl.col("started_on")).dt.total_days() / DAYS_PER_MONTH)
        )
    )
    detail = pl.concat_str(pl.col("months").round(1).cast(pl.Utf8), pl.lit(" months"))
    shaped = _rows(found, on="decided_on", record="enquiry_id", detail=detail)
    return average(shaped, found["months"], shaped)
