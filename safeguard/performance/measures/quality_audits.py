"""Case audits and dip samples: the QA service's measures (OBA1-15, OBA3-02, OBA3-03,
OBA3-04).

Counted as the case audit report counts them (``safeguard.quality.selectors.
audits_report``): an audit belongs to the period it was **completed** in; its scores and
grade count once QA has **moderated** it (with the moderated grade). Dip samples count when
completed. The service-wide judgement is the latest quarterly estimate entered on or
before the period's end. The drill-down lists audits by reference with the audited child.
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
    average,
    count,
    in_period,
    measure,
    rows,
)
from safeguard.quality.models import (
    AuditDomain,
    AuditKind,
    CaseAudit,
    DomainScore,
    Grade,
    ServiceJudgement,
)

AREA = "Quality assurance"
QA_LEAD = "Head of Quality Assurance"
COMPLETED = "Case audits completed in the period"
GRADE_LABELS = {str(k): str(v) for k, v in Grade.choices}
DOMAIN_LABELS = {str(k): str(v) for k, v in AuditDomain.choices}


@frame("quality_case_audits")
def quality_case_audits(since: dt.date | None) -> pl.DataFrame:
    audits = CaseAudit.objects.filter(cancelled_on__isnull=True, completed_on__isnull=False)
    return read(
        since_filter(audits, since, on="completed_on"),
        "reference",
        "kind",
        "completed_on",
        "moderated_on",
        "moderated_grade",
        child_id="child",
        team="auditor__team__name",
    )


@frame("quality_audit_scores")
def quality_audit_scores(since: dt.date | None) -> pl.DataFrame:
    scores = DomainScore.objects.filter(
        audit__cancelled_on__isnull=True, audit__moderated_on__isnull=False
    )
    return read(
        since_filter(scores, since, on="audit__completed_on"),
        "domain",
        "score",
        reference="audit__reference",
        completed_on="audit__completed_on",
        child_id="audit__child",
    )


@frame("quality_service_judgements")
def quality_service_judgements(since: dt.date | None) -> pl.DataFrame:
    return read(ServiceJudgement.objects.all(), "quarter_start", "rating", "recorded_on")


def _completed(data: Data, period: Period) -> pl.DataFrame:
    return data.frame("quality_case_audits").filter(in_period("completed_on", period))


def _moderated(data: Data, period: Period) -> pl.DataFrame:
    found = _completed(data, period).filter(pl.col("moderated_on").is_not_null())
    return found.with_columns(
        grade=pl.col("moderated_grade").replace_strict(GRADE_LABELS, default="Not recorded")
    )


@measure(
    id="OBA1-15",
    name="Manager dip samples",
    area=AREA,
    cohort="Case dip samples completed by managers in the period",
    numerator="Dip samples completed in the period",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.HIGHER,
    lead=QA_LEAD,
    source=OBA_SOURCE,
)
def dip_samples(data: Data, period: Period) -> Figure:
    found = _completed(data, period).filter(pl.col("kind") == AuditKind.DIP_SAMPLE.value)
    found = found.with_columns(team=pl.col("team").fill_null("No team"))
    figure = count(rows(found, on="completed_on", record="reference", detail="team"))
    teams = sorted(set(found["team"].to_list()))
    figure.breakdown = breakdown(found, "team", teams) if teams else None
    return figure


@measure(
    id="OBA3-02",
    name="Case audit average score",
    area=AREA,
    cohort=COMPLETED,
    numerator="Scores (1-10) over all seven domains of every audit",
    denominator="Domain scores recorded (average score)",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.SCORE,
    polarity=Polarity.HIGHER,
    good=7.5,
    lead=QA_LEAD,
    source=OBA_SOURCE,
)
def average_score(data: Data, period: Period) -> Figure:
    scores = data.frame("quality_audit_scores").filter(in_period("completed_on", period))
    scores = scores.with_columns(
        label=pl.col("domain").replace_strict(DOMAIN_LABELS, default="Other")
    )
    per_audit = (
        scores.group_by("reference", "child_id", "completed_on")
        .agg(pl.col("score").mean().alias("mean"))
        .sort("completed_on", "reference")
    )
    numerator = rows(
        per_audit,
        on="completed_on",
        record="reference",
        detail=pl.format("average {}", pl.col("mean").round(1)),
    )
    denominator = rows(
        scores,
        on="completed_on",
        record="reference",
        detail=pl.format("{}: {}", pl.col("label"), pl.col("score")),
    )
    return average(numerator, scores["score"].cast(pl.Float64), denominator)


@measure(
    id="OBA3-03",
    name="Audits by Ofsted grade",
    area=AREA,
    cohort=COMPLETED,
    numerator="Audits by overall grade: outstanding, good, requires improvement, inadequate",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    lead=QA_LEAD,
    source=OBA_SOURCE,
)
def audits_by_grade(data: Data, period: Period) -> Figure:
    found = _moderated(data, period)
    figure = count(rows(found, on="completed_on", record="reference", detail="grade"))
    figure.breakdown = breakdown(found, "grade", list(GRADE_LABELS.values()))
    return figure


@measure(
    id="OBA3-04",
    name="Estimated Ofsted rating",
    area=AREA,
    cohort="The service-wide judgement entered by the Director of Children's Services",
    numerator="Grade: 1 outstanding, 2 good, 3 requires improvement, 4 inadequate",
    denominator=None,
    period_type=PeriodType.AT_END,
    unit=Unit.SCORE,
    polarity=Polarity.LOWER,
    frequency="Quarterly",
    lead="Director of Children's Services",
    source=OBA_SOURCE,
)
def estimated_rating(data: Data, period: Period) -> Figure:
    found = (
        data.frame("quality_service_judgements")
        .filter(pl.col("quarter_start") <= period.end)
        .sort("quarter_start")
        .tail(1)
        .with_columns(child_id=pl.lit(None, dtype=pl.Utf8))
    )
    drill = rows(
        found,
        on="recorded_on",
        record=pl.format("Quarter from {}", pl.col("quarter_start")),
        detail=pl.format("Estimated rating {}", pl.col("rating")),
    )
    if found.height == 0:
        return Figure(None, drill, note="No service-wide judgement has been entered yet.")
    return Figure(float(found["rating"][0]), drill)
