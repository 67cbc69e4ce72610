"""The quarterly service-wide judgement (OBA3-04): the estimated Ofsted rating."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from safeguard.core import clock
from safeguard.core import validation as v
from safeguard.core.quarters import FinancialQuarter
from safeguard.quality.models import ServiceJudgement


@transaction.atomic
def record_judgement(
    *, quarter: FinancialQuarter, rating: int, rationale: str, recorded_on: dt.date | None = None
) -> ServiceJudgement:
    """Enter (or revise) the quarter's estimated rating, 1 outstanding to 4 inadequate."""
    if rating not in (1, 2, 3, 4):
        raise v.fail("rating", "Choose the estimated rating (1 to 4).")
    if not rationale.strip():
        raise v.fail("rationale", "Give the rationale for the judgement.")
    day = recorded_on or clock.today()
    v.not_in_future(day, field="recorded_on", label="Date recorded")
    if quarter.start > day:
        raise v.fail("quarter", "A judgement cannot be recorded for a quarter not yet begun.")
    judgement, _ = ServiceJudgement.objects.update_or_create(
        quarter_start=quarter.start,
        defaults={"rating": rating, "rationale": rationale.strip(), "recorded_on": day},
    )
    return judgement
