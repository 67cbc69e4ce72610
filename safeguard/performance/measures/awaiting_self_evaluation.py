"""Self-evaluation pack measures (measures.md §4) whose records arrive later: none now.

SE-EXP-01..03 are computed in ``exploitation`` (CAROLE), SE-LADO-01..03 in ``lado`` and
SE-CMP-01 in ``quality_complaints``. ``awaiting`` registers the next one that needs records
Safeguard does not keep yet.
"""

from __future__ import annotations

from safeguard.performance.registry import Measure, register

SELF_EVALUATION_SOURCE = "004 Self-evaluation / inspection data"
LADO_LEAD = "Local Authority Designated Officer"


def awaiting(**spec: object) -> Measure:
    spec.setdefault("source", SELF_EVALUATION_SOURCE)
    spec.setdefault("frequency", "Monthly")
    return register(Measure(**spec))  # type: ignore[arg-type]
