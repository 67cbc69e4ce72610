"""OBA snapshot measures whose records Safeguard does not keep yet: full definitions, no
compute.

Each shows as "no data yet" with the reason until records arrive and a compute function is
connected. Issue 9 connected the last planned ones (audits, dip samples, supervision,
practice meetings, complaints, family feedback, the partner survey); what is left has no
issue planned yet.
"""

from __future__ import annotations

from safeguard.performance.measures.front_door import OBA_SOURCE
from safeguard.performance.registry import Measure, PeriodType, Polarity, Unit, register

QA_LEAD = "Head of Quality Assurance"
WORKFORCE_LEAD = "Head of Workforce Development"


def awaiting(**spec: object) -> Measure:
    spec.setdefault("source", OBA_SOURCE)
    return register(Measure(**spec))  # type: ignore[arg-type]


# -- How much did we do? ----------------------------------------------------------------
awaiting(
    id="OBA1-13",
    name="Outcome Star completed",
    area="Early help",
    cohort="Outcome Star readings on early help cases completed in the period",
    numerator="Outcome Star readings completed in the period",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.HIGHER,
    lead="Head of Early Help",
    awaiting="Outcome Star readings on early help cases are not recorded yet; no issue plans them.",
)
# Every other OBA measure is computed: OBA1-15 and OBA3-02..04 in quality_audits.py,
# OBA2-03/04 and OBA2-07/08 in quality_supervision.py, OBA2-18/19 in quality_complaints.py,
# OBA3-06 in partnership_dataset.py (issue 9); OBA2-28/29 in fostering.py (issue 8).
