"""Placement stability, leaving care through adoption or special guardianship.

Stability follows the DfE's two measures: long-term (children under 16 looked after for
2.5 years or more, in the same placement for 2 years, an adoptive placement counted
together with the placement before it) and short-term (three or more placements in the
last 12 months). A legal-status-only change (RNE L) is not a new placement.
"""

from __future__ import annotations

import polars as pl

from safeguard.care.models import ADOPTED, ADOPTION_PLACEMENTS, TEMPORARY_PLACEMENTS
from safeguard.core import calendar
from safeguard.performance.data import Data
from safeguard.performance.measures.care_cohorts import (
    CARE_LEAD,
    IN_CARE,
    OBA_SOURCE,
    OUTCOMES_SOURCE,
    SELF_EVALUATION_SOURCE,
    SHORT_BREAKS,
    birthday,
    episodes_on,
    in_care_rows,
    periods_ended_between,
    placements,
)
from safeguard.performance.periods import Period
from safeguard.performance.registry import (
    Figure,
    PeriodType,
    Polarity,
    Unit,
    average,
    count,
    measure,
    percent,
    rows,
)

AREA = "Children in care"
ADOPTION_AREA = "Adoption"
ADOPTION_LEAD = "Head of Service, Permanence and Adoption (regional adoption agency)"
#: Long-term stability: looked after this many months, in the same placement this many.
LOOKED_AFTER_MONTHS, SAME_PLACEMENT_MONTHS = 30, 24
STABILITY_MAX_AGE = 15
#: Short-term stability: this many placements or more in the last 12 months.
MANY_PLACEMENTS = 3
#: Special guardianship orders (to former foster carers or to other carers).
SPECIAL_GUARDIANSHIP = ("E45", "E46", "E47", "E48")
#: RNE for a new episode with the same carers: a legal-status change, or a change of
#: placement but not of carers (carers moving house, foster carers becoming adopters).
SAME_CARERS_RNE = ("L", "T", "U")


@measure(
    id="OBA2-27",
    name="Placement stability: long-term placements",
    area=AREA,
    cohort=f"Children under 16 looked after at the end of the period who had been looked "
    f"after continuously for at least {LOOKED_AFTER_MONTHS // 12}.5 years",
    numerator=f"Those in the same placement for at least {SAME_PLACEMENT_MONTHS // 12} years "
    "(a legal-status-only change does not end a placement; an adoption placement counts "
    "together with the placement before it), as the DfE long-term stability measure",
    denominator="Children under 16 looked after for 2.5 years or more",
    period_type=PeriodType.AT_END,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    source=f"{OBA_SOURCE}; {SELF_EVALUATION_SOURCE} (68%; SN 68%, England 69%)",
    lead=CARE_LEAD,
)
def long_term_stability(data: Data, period: Period) -> Figure:
    looked_after_since = calendar.add_months(period.end, -LOOKED_AFTER_MONTHS)
    placed_since = calendar.add_months(period.end, -SAME_PLACEMENT_MONTHS)
    adoptive = pl.col("placement_type").is_in(sorted(ADOPTION_PLACEMENTS))
    found = (
        episodes_on(data, period.end)
        .filter(birthday(pl.col("date_of_birth"), STABILITY_MAX_AGE + 1) > period.end)
        .filter(pl.col("period_started_on") <= looked_after_since)
        .with_columns(
            stable_since=pl.when(adoptive & pl.col("previous_placement_started_on").is_not_null())
            .then(pl.col("previous_placement_started_on"))
            .otherwise(pl.col("placement_started_on"))
        )
    )
    stable = found.filter(pl.col("stable_since") <= placed_since)
    detail = pl.format("in this placement since {}", pl.col("stable_since"))
    return percent(in_care_rows(stable, detail), in_care_rows(found, detail))


@measure(
    id="SE-CLA-10",
    name=f"Children in care with {MANY_PLACEMENTS} or more placements in the last 12 months",
    area=AREA,
    cohort=IN_CARE,
    numerator=f"Those with {MANY_PLACEMENTS} or more placements at some time in the 12 months "
    "to the period end (the placement they were in at its start counts; a legal-status-only "
    "change, a short break or a temporary placement does not), as the DfE short-term "
    "stability measure",
    denominator="Children looked after at the end of the period",
    period_type=PeriodType.ROLLING_12,
    unit=Unit.PERCENT,
    polarity=Polarity.LOWER,
    source=SELF_EVALUATION_SOURCE,
    lead=CARE_LEAD,
)
def short_term_stability(data: Data, period: Period) -> Figure:
    first, last = period.rolling_12_months()
    spans = (
        placements(data)
        .filter(~pl.col("legal_status").is_in(SHORT_BREAKS))
        .filter(~pl.col("placement_type").is_in(sorted(TEMPORARY_PLACEMENTS)))
        .group_by("child_id", "period_id", "placement_no")
        .agg(
            started_on=pl.col("started_on").min(),
            ended_on=pl.col("ended_on").sort_by("started_on").last(),
        )
        .filter(
            (pl.col("started_on") <= last)
            & (pl.col("ended_on").is_null() | (pl.col("ended_on") > first))
        )
        .group_by("child_id")
        .agg(placements=pl.len())
    )
    found = episodes_on(data, period.end).join(spans, on="child_id", how="left")
    many = found.filter(pl.col("placements") >= MANY_PLACEMENTS)
    detail = pl.format("{} placements in the 12 months", pl.col("placements"))
    return percent(in_care_rows(many, detail), in_care_rows(found, detail))


def ceased_rows(found: pl.DataFrame) -> pl.DataFrame:
    return rows(found, on="ended_on", record="Ceased to be looked after", detail="reason_ceased")


def ceased_in(data: Data, period: Period) -> pl.DataFrame:
    """Periods of care that ended in the period, short breaks left out."""
    return periods_ended_between(data, period.start, period.end).filter(
        ~pl.col("legal_status").fill_null("").is_in(SHORT_BREAKS)
    )


@measure(
    id="OUT-L4",
    name="Children ceasing to be looked after through a special guardianship order",
    area=AREA,
    cohort="Children who ceased to be looked after in the period",
    numerator="Those whose care ended with a special guardianship order (reason E45-E48)",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.HIGHER,
    frequency="Quarterly",
    source=f"{OUTCOMES_SOURCE} (linked to S02)",
    lead=ADOPTION_LEAD,
)
def ceased_through_sgo(data: Data, period: Period) -> Figure:
    found = ceased_in(data, period).filter(pl.col("reason_ceased").is_in(SPECIAL_GUARDIANSHIP))
    return count(ceased_rows(found))


@measure(
    id="OUT-L5",
    name="Children ceasing to be looked after who were adopted",
    area=ADOPTION_AREA,
    cohort="Children who ceased to be looked after in the period (short breaks left out)",
    numerator="Those adopted (reason E11 or E12)",
    denominator="Children who ceased to be looked after in the period",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    frequency="Quarterly",
    source=f"{OUTCOMES_SOURCE} (linked to S02: % children in care adopted in year)",
    lead=ADOPTION_LEAD,
)
def adopted_share(data: Data, period: Period) -> Figure:
    found = ceased_in(data, period)
    adopted = found.filter(pl.col("reason_ceased").is_in(sorted(ADOPTED)))
    return percent(ceased_rows(adopted), ceased_rows(found))


@measure(
    id="SE-ADO-01",
    name="Average days from entering care to moving in with the adoptive family",
    area=ADOPTION_AREA,
    cohort="Children adopted in the period (reason E11 or E12)",
    numerator="Calendar days from becoming looked after (the start of the period of care) "
    "to moving in with the adopters; for foster carers who adopt (A3, A5), the day the "
    "child moved in with them as foster carers (DfE adoption scorecard A1)",
    denominator="Children adopted in the period",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.DAYS,
    polarity=Polarity.LOWER,
    source=SELF_EVALUATION_SOURCE,
    lead=ADOPTION_LEAD,
)
def days_to_adoptive_family(data: Data, period: Period) -> Figure:
    adopted = ceased_in(data, period).filter(pl.col("reason_ceased").is_in(sorted(ADOPTED)))
    episodes = (
        data.frame("care_episodes")
        .sort("child_id", "started_on")
        .with_columns(
            carers_no=(~pl.col("reason_new_episode").is_in(SAME_CARERS_RNE))
            .cast(pl.Int32)
            .cum_sum()
            .over("period_id")
        )
        .with_columns(carers_since=pl.col("started_on").min().over("period_id", "carers_no"))
    )
    moved_in = (
        episodes.filter(pl.col("placement_type").is_in(sorted(ADOPTION_PLACEMENTS)))
        .group_by("period_id")
        .agg(moved_in=pl.col("carers_since").min())
    )
    found = adopted.join(moved_in, on="period_id", how="left").with_columns(
        days=(pl.col("moved_in") - pl.col("started_on")).dt.total_days()
    )
    detail = pl.format(
        "looked after {}; moved in with adopters {} ({} days)",
        pl.col("started_on"),
        pl.col("moved_in"),
        pl.col("days"),
    )
    listed = rows(found, on="ended_on", record="Adopted", detail=detail)
    return average(listed, found["days"].drop_nulls(), listed)


@measure(
    id="SE-ADO-02",
    name="Children placed for adoption awaiting an adoption order",
    area=ADOPTION_AREA,
    cohort=IN_CARE,
    numerator="Those placed for adoption (placement A3-A6) at the end of the period",
    denominator=None,
    period_type=PeriodType.AT_END,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    source=SELF_EVALUATION_SOURCE,
    lead=ADOPTION_LEAD,
)
def placed_awaiting_order(data: Data, period: Period) -> Figure:
    found = episodes_on(data, period.end).filter(
        pl.col("placement_type").is_in(sorted(ADOPTION_PLACEMENTS))
    )
    detail = pl.format("{} since {}", pl.col("placement_type"), pl.col("placement_started_on"))
    return count(in_care_rows(found, detail))
