"""The partner experience survey (OBA3-06, seed 003's OBA snapshot, "Is anyone better
off?"): the share of partner agencies' responses rating their experience of children's
services good or better, over the responses received in the period (annual).

Responses are entered by the partnership business unit (``partnership.models.dataset``).
The drill-down lists responses by agency and rating, never a child: the ``child`` column
is left empty, as the training measures leave it.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from safeguard.partnership.models.dataset import (
    GOOD_OR_BETTER,
    PartnerSurveyResponse,
    SurveyAgency,
    SurveyRating,
)
from safeguard.performance.data import Data
from safeguard.performance.frames import frame, read, since_filter
from safeguard.performance.measures.front_door import OBA_SOURCE
from safeguard.performance.periods import Period
from safeguard.performance.registry import (
    Figure,
    PeriodType,
    Polarity,
    Unit,
    in_period,
    measure,
    percent,
    rows,
)

AGENCY_LABELS = {str(k): str(v) for k, v in SurveyAgency.choices}
RATING_LABELS = {str(k): str(v) for k, v in SurveyRating.choices}


@frame("partner_survey")
def partner_survey(since: dt.date | None) -> pl.DataFrame:
    return read(
        since_filter(PartnerSurveyResponse.objects.all(), since, on="responded_on"),
        "id",
        "agency",
        "rating",
        "responded_on",
    )


def _responses(data: Data, period: Period) -> pl.DataFrame:
    return (
        data.frame("partner_survey")
        .filter(in_period("responded_on", period))
        .with_columns(
            agency_label=pl.col("agency").replace_strict(AGENCY_LABELS, default="Not recorded"),
            rating_label=pl.col("rating").replace_strict(RATING_LABELS, default="Not recorded"),
            nobody=pl.lit(None, dtype=pl.Utf8),
        )
    )


def _rows(found: pl.DataFrame) -> pl.DataFrame:
    return rows(
        found,
        child="nobody",
        on="responded_on",
        record="agency_label",
        detail=pl.col("rating_label"),
    )


@measure(
    id="OBA3-06",
    name="Partner experience",
    area="Partnership",
    cohort="Partner agency survey responses received in the year",
    numerator="Responses rating their experience of children's services as good or better",
    denominator="Partner survey responses",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    source=OBA_SOURCE,
    frequency="Annual",
    lead="Head of Safeguarding Partnership",
)
def partner_experience(data: Data, period: Period) -> Figure:
    found = _responses(data, period)
    good = found.filter(pl.col("rating").is_in(sorted(GOOD_OR_BETTER)))
    return percent(_rows(good), _rows(found))
