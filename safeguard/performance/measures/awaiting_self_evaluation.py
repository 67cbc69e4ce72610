"""Self-evaluation pack measures (measures.md §4) whose records arrive with later issues."""

from __future__ import annotations

from safeguard.performance.measures.awaiting import EXPLOITATION_LEAD, ISSUE_8, ISSUE_9, QA_LEAD
from safeguard.performance.registry import Measure, PeriodType, Polarity, Unit, register

SELF_EVALUATION_SOURCE = "004 Self-evaluation / inspection data"
LADO_LEAD = "Local Authority Designated Officer"
RISK_ASSESSMENTS = (
    f"Exploitation risk assessments (CAROLE: significant, moderate, emerging) and MACE "
    f"records arrive with {ISSUE_8}."
)


def awaiting(**spec: object) -> Measure:
    spec.setdefault("source", SELF_EVALUATION_SOURCE)
    spec.setdefault("frequency", "Monthly")
    return register(Measure(**spec))  # type: ignore[arg-type]


awaiting(
    id="SE-EXP-01",
    name="Children at risk of exploitation by risk level",
    area="Exploitation",
    cohort="Children with an open exploitation risk assessment at the end of the period",
    numerator="Children by their latest risk level: significant, moderate, emerging",
    denominator=None,
    period_type=PeriodType.AT_END,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    lead=EXPLOITATION_LEAD,
    awaiting=RISK_ASSESSMENTS,
)
awaiting(
    id="SE-EXP-02",
    name="Children at risk of exploitation discussed at MACE in the last 3 months",
    area="Exploitation",
    cohort="Children with an open exploitation risk assessment at the end of the period",
    numerator="Those discussed at a MACE meeting in the 3 months to the end of the period",
    denominator=None,
    period_type=PeriodType.AT_END,
    unit=Unit.COUNT,
    polarity=Polarity.HIGHER,
    lead=EXPLOITATION_LEAD,
    awaiting=RISK_ASSESSMENTS,
)
awaiting(
    id="SE-EXP-03",
    name="Children whose exploitation risk increased or decreased",
    area="Exploitation",
    cohort="Children whose exploitation risk level was reassessed in the period",
    numerator="Reassessments by direction: risk increased, decreased, unchanged",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    lead=EXPLOITATION_LEAD,
    awaiting=RISK_ASSESSMENTS,
)
# SE-LADO-01 is computed in safeguard.performance.measures.lado (LADO records, issue 8).
awaiting(
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
    lead=QA_LEAD,
    frequency="Quarterly",
    awaiting=f"Complaint records (received, stage, answered) arrive with {ISSUE_9}.",
)
