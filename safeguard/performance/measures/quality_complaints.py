"""Complaints and family feedback: OBA2-18, OBA2-19 and SE-CMP-01 (issue 9).

Counted as the quarterly complaints report counts them (``safeguard.quality.selectors.
complaints_report``):

- OBA2-18 counts new complaints received in the period, formal and informal (a first
  stage: an escalation to a later stage is the same complaint, not a new one); the
  breakdown is formal / informal;
- SE-CMP-01: the stages answered in the period (not withdrawn, not at the Ombudsman),
  answered on or before their response due date (timescale ``complaint_response``, 20
  working days from receipt, set when the stage was received);
- OBA2-19: family feedback responses received in the period (at closure and six-monthly)
  that agreed the service made a difference, of all responses received.

The drill-down lists complaints by reference (with the child, when about one) and
feedback responses with the child.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from safeguard.performance.data import Data
from safeguard.performance.frames import frame, read, since_filter
from safeguard.performance.measures.care_cohorts import breakdown
from safeguard.performance.measures.front_door import OBA_SOURCE
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
from safeguard.quality.models import (
    Agreement,
    Complaint,
    ComplaintKind,
    ComplaintOutcome,
    ComplaintStage,
    FamilyFeedback,
    FeedbackOccasion,
)

QA_LEAD = "Head of Quality Assurance"
SELF_EVALUATION_SOURCE = "004 Self-evaluation / inspection data"
KIND_LABELS = {str(k): str(v) for k, v in ComplaintKind.choices}
STAGE_LABELS = {str(k): str(v) for k, v in ComplaintStage.choices}
OCCASION_LABELS = {str(k): str(v) for k, v in FeedbackOccasion.choices}


@frame("quality_complaints")
def quality_complaints(since: dt.date | None) -> pl.DataFrame:
    return read(
        since_filter(Complaint.objects.all(), since, on="received_on", until="responded_on"),
        "reference",
        "kind",
        "stage",
        "received_on",
        "response_due_on",
        "responded_on",
        "outcome",
        child_id="child",
        previous_id="previous",
    )


@frame("quality_family_feedback")
def quality_family_feedback(since: dt.date | None) -> pl.DataFrame:
    return read(
        since_filter(FamilyFeedback.objects.all(), since, on="received_on"),
        "occasion",
        "received_on",
        "made_difference",
        child_id="child",
    )


def _complaint_rows(found: pl.DataFrame, on: str) -> pl.DataFrame:
    detail = pl.concat_str(
        pl.col("kind").replace_strict(KIND_LABELS, default="Not recorded"),
        pl.lit(", "),
        pl.col("stage").replace_strict(STAGE_LABELS, default="Not recorded"),
    )
    return rows(found, on=on, record="reference", detail=detail)


@measure(
    id="OBA2-18",
    name="Complaints (formal and informal)",
    area="Quality assurance",
    cohort="Complaints received in the period",
    numerator="Complaints received, formal and informal",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    source=OBA_SOURCE,
    frequency="Quarterly",
    lead=QA_LEAD,
)
def complaints_received(data: Data, period: Period) -> Figure:
    found = (
        data.frame("quality_complaints")
        .filter(in_period("received_on", period) & pl.col("previous_id").is_null())
        .with_columns(kind_label=pl.col("kind").replace_strict(KIND_LABELS, default="Other"))
    )
    figure = count(_complaint_rows(found, "received_on"))
    figure.breakdown = breakdown(found, "kind_label", list(KIND_LABELS.values()))
    return figure


@measure(
    id="SE-CMP-01",
    name="Complaints answered within 20 working days",
    area="Complaints",
    cohort="Complaints answered in the period",
    numerator="Answered within 20 working days of being received",
    denominator="Complaints answered in the period",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    good=96.0,
    source=SELF_EVALUATION_SOURCE,
    lead=QA_LEAD,
    frequency="Quarterly",
)
def answered_on_time(data: Data, period: Period) -> Figure:
    answered = data.frame("quality_complaints").filter(
        in_period("responded_on", period)
        & (pl.col("outcome") != ComplaintOutcome.WITHDRAWN.value)
        & (pl.col("stage") != ComplaintStage.OMBUDSMAN.value)
    )
    on_time = answered.filter(pl.col("responded_on") <= pl.col("response_due_on"))
    return percent(
        _complaint_rows(on_time, "responded_on"), _complaint_rows(answered, "responded_on")
    )


@measure(
    id="OBA2-19",
    name="Service user experience",
    area="Quality assurance",
    cohort="Family feedback responses received in the period (at case closure and six-monthly)",
    numerator="Responses agreeing the service made a difference",
    denominator="Feedback responses received",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    source=OBA_SOURCE,
    frequency="Quarterly",
    lead=QA_LEAD,
)
def service_user_experience(data: Data, period: Period) -> Figure:
    found = data.frame("quality_family_feedback").filter(in_period("received_on", period))
    detail = pl.col("occasion").replace_strict(OCCASION_LABELS, default="Not recorded")

    def shape(frame: pl.DataFrame) -> pl.DataFrame:
        return rows(frame, on="received_on", record="Family feedback", detail=detail)

    agreed = found.filter(pl.col("made_difference") == Agreement.AGREE.value)
    return percent(shape(agreed), shape(found))
