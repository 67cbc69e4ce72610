"""Self-evaluation pack measures (measures.md §4) whose records arrive with later issues."""

from __future__ import annotations

from safeguard.performance.measures.awaiting import ISSUE_9, QA_LEAD
from safeguard.performance.registry import Measure, PeriodType, Polarity, Unit, register

SELF_EVALUATION_SOURCE = "004 Self-evaluation / inspection data"
LADO_LEAD = "Local Authority Designated Officer"


def awaiting(**spec: object) -> Measure:
    spec.setdefault("source", SELF_EVALUATION_SOURCE)
    spec.setdefault("frequency", "Monthly")
    return register(Measure(**spec))  # type: ignore[arg-type]


# SE-EXP-01..03 are computed in safeguard.performance.measures.exploitation (CAROLE).
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
