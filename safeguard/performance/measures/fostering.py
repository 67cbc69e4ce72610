"""Fostering sufficiency (seed 003 SIP, OBA2-28/29), computed from ``safeguard.fostering``.

OBA2-28 follows seed 003's descriptor ("Number of foster carers (households) approved by
ADM during the period as a proportion [of the] number of enquiries received during the
month, six months previous to current period"; the seed prints it on the OBA2-29 row,
one row out, but it describes this proportion): households the ADM approved in the
period over the enquiries received in the same span six months earlier (for a month, the
month six months before). The approvals need not come from those enquiries: an
assessment takes about six months, so the ratio tracks conversion without following
each enquiry, and a month with no approval reads 0% (seed 003: 11.8%, then 0.0%).
OBA2-29 averages months (of 30.44 days, as the sufficiency report) from the start of
stage 1 to the ADM's approval. The drill-down shows the assessing worker's id in the
person column (foster carers are adults, not children) and the enquiry's id.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from safeguard.core.calendar import add_months
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
#: OBA2-28 compares approvals with the enquiries of this many months before.
LAG_MONTHS = 6


@frame("fostering_enquiries")
def fostering_enquiries(since: dt.date | None) -> pl.DataFrame:
    return read(
        since_filter(FosteringEnquiry.objects.all(), since, on="received_on"),
        "id",
        "received_on",
        "source",
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


def six_months_before(period: Period) -> tuple[dt.date, dt.date]:
    """The span of ``period`` moved back six months (June for December, Q4 for Q2)."""
    return add_months(period.start, -LAG_MONTHS), add_months(
        period.end + dt.timedelta(days=1), -LAG_MONTHS
    ) - dt.timedelta(days=1)


@measure(
    id="OBA2-28",
    name="Fostering enquiries that become approved carers",
    area=AREA,
    cohort="Foster carer enquiries received in the same span six months before the period",
    numerator="Foster carer households approved by the Agency Decision Maker in the period",
    denominator="Foster carer enquiries received six months before the period",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    good=10.0,
    source=OBA_SOURCE,
    lead=LEAD,
    frequency="Monthly",
)
def enquiry_conversion(data: Data, period: Period) -> Figure:
    first, last = six_months_before(period)
    enquiries = data.frame("fostering_enquiries").filter(
        pl.col("received_on").is_between(first, last)
    )
    approved = data.frame("fostering_assessments").filter(
        pl.col("approved").fill_null(False) & in_period("decided_on", period)
    )
    return percent(
        _rows(approved, on="decided_on", record="enquiry_id", detail=pl.lit("approved by the ADM")),
        _rows(
            enquiries,
            on="received_on",
            record="id",
            detail=pl.concat_str(pl.lit("enquiry from "), pl.col("source")),
        ),
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
