"""Outcomes-focused monitoring (measures.md §3): indicator pages for scrutiny committee.

An indicator is a headline measure with lead officers, linked measures (each with its own
trend) and linked corporate risks; the three commentary fields are entered per quarter
by the lead (``IndicatorCommentary``). Figures are quarterly, at the quarter end for
snapshot measures.
"""

from __future__ import annotations

from dataclasses import dataclass

TITLE = "Outcomes-focused monitoring"
#: Quarters of history on each trend chart.
TREND_QUARTERS = 8


@dataclass(frozen=True)
class Indicator:
    code: str
    measure_id: str
    title: str
    leads: tuple[str, ...]
    linked: tuple[str, ...]
    #: The comparator the benchmark sentence and RAG use when the measure has no "Good".
    benchmark_area: str = "england"


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "S01",
        "OUT-S01",
        "Children subject to a child protection plan, rate per 10,000 children",
        ("Director of Children's Services", "Head of Safeguarding and Quality Assurance"),
        ("OUT-L1", "OBA2-11", "OBA2-12"),
        "england",
    ),
    Indicator(
        "S02",
        "OUT-S02",
        "Children in care, rate per 10,000 children",
        ("Director of Children's Services", "Head of Children in Care"),
        ("OUT-L4", "OUT-L5", "OBA3-05"),
        "region",
    ),
)
INDICATORS_BY_CODE = {i.code: i for i in INDICATORS}
