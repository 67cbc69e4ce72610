"""Children in care: how many and where they live.

Visits and health (``care_health``), care and permanence plans (``care_plans``), stability
and adoption (``care_stability``) and care leavers (``care_leavers``) are imported at the
end so the registry sees them. Every "at the end of the period" figure is a snapshot of
the children looked after at the end of the period's last day (``care_cohorts.episodes_on``).
"""

from __future__ import annotations

import polars as pl
from django.conf import settings

from safeguard.care.models import FOSTER_PLACEMENTS
from safeguard.performance.data import Data
from safeguard.performance.measures.care_cohorts import (
    CARE_LEAD,
    IN_CARE,
    NOT_RECORDED,
    OBA_SOURCE,
    OUTCOMES_SOURCE,
    PLACEMENTS_LEAD,
    SELF_EVALUATION_SOURCE,
    breakdown,
    episodes_on,
    in_care_rows,
)
from safeguard.performance.periods import Period
from safeguard.performance.registry import (
    Figure,
    PeriodType,
    Polarity,
    Unit,
    count,
    measure,
    percent,
    rate,
)

AREA = "Children in care"
#: More than this many miles from home counts as "placed at a distance" (OBA2-26, DfE).
DISTANCE_MILES = 20
DISTANCE_BANDS = ["Up to 10 miles", "Over 10 and up to 20 miles", "Over 20 miles", NOT_RECORDED]


@measure(
    id="OUT-S02",
    name="Children in care rate per 10,000 children",
    area=AREA,
    cohort=IN_CARE,
    numerator="Children looked after at the end of the period",
    denominator="Child population aged 0-17 (ONS mid-year estimate for the year the period "
    "ends in, or the latest before it), per 10,000",
    period_type=PeriodType.AT_END,
    unit=Unit.RATE,
    polarity=Polarity.LOWER,
    frequency="Quarterly",
    source=f"{OUTCOMES_SOURCE} (S02); {SELF_EVALUATION_SOURCE}",
    lead=CARE_LEAD,
)
def in_care_rate(data: Data, period: Period) -> Figure:
    found = episodes_on(data, period.end)
    return rate(in_care_rows(found), data.population(period.end.year))


@measure(
    id="SE-CLA-01",
    name="Children in care",
    area=AREA,
    cohort=IN_CARE,
    numerator="Children looked after at the end of the period",
    denominator=None,
    period_type=PeriodType.AT_END,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    source=SELF_EVALUATION_SOURCE,
    lead=CARE_LEAD,
)
def in_care_count(data: Data, period: Period) -> Figure:
    return count(in_care_rows(episodes_on(data, period.end)))


@measure(
    id="OBA2-25",
    name="Children placed outside the local authority area",
    area=AREA,
    cohort=IN_CARE,
    numerator="Those whose placement is in another authority's area (placement local "
    "authority code not this authority's SAFEGUARD_LA_CODE); a placement with no area "
    "recorded is Not recorded, not counted, and named in the note",
    denominator=None,
    period_type=PeriodType.AT_END,
    unit=Unit.COUNT,
    polarity=Polarity.LOWER,
    source=OBA_SOURCE,
    lead=PLACEMENTS_LEAD,
)
def placed_out_of_area(data: Data, period: Period) -> Figure:
    found = episodes_on(data, period.end).with_columns(
        area=pl.col("placement_la_code").fill_null("")
    )
    outside = found.filter((pl.col("area") != "") & (pl.col("area") != settings.SAFEGUARD_LA_CODE))
    figure = count(in_care_rows(outside, pl.concat_str(pl.lit("placed in LA "), pl.col("area"))))
    unknown = found.filter(pl.col("area") == "").height
    if unknown:
        figure.note = (
            f"{unknown} placement(s) have no local authority area recorded ({NOT_RECORDED}); "
            "they are not counted as out of area."
        )
    return figure


def distance_band() -> pl.Expr:
    miles = pl.col("distance_miles")
    return (
        pl.when(miles.is_null())
        .then(pl.lit(NOT_RECORDED))
        .when(miles <= 10)
        .then(pl.lit(DISTANCE_BANDS[0]))
        .when(miles <= DISTANCE_MILES)
        .then(pl.lit(DISTANCE_BANDS[1]))
        .otherwise(pl.lit(DISTANCE_BANDS[2]))
    )


def distance_detail() -> pl.Expr:
    return (
        pl.when(pl.col("distance_miles").is_null())
        .then(pl.lit(f"distance {NOT_RECORDED.lower()}"))
        .otherwise(pl.format("{} miles from home", pl.col("distance_miles").round(1)))
    )


@measure(
    id="OBA2-26",
    name=f"Children placed more than {DISTANCE_MILES} miles from home",
    area=AREA,
    cohort=IN_CARE,
    numerator=f"Those placed more than {DISTANCE_MILES} miles from the home they left",
    denominator="Children looked after at the end of the period, including those whose "
    "distance is not recorded (Not recorded: in the denominator, not the numerator)",
    period_type=PeriodType.AT_END,
    unit=Unit.PERCENT,
    polarity=Polarity.LOWER,
    good=15.6,
    source=f"{OBA_SOURCE}; {SELF_EVALUATION_SOURCE} (placed 20+ miles away)",
    lead=PLACEMENTS_LEAD,
)
def placed_at_a_distance(data: Data, period: Period) -> Figure:
    found = episodes_on(data, period.end)
    far = found.filter(pl.col("distance_miles") > DISTANCE_MILES)
    figure = percent(in_care_rows(far, distance_detail()), in_care_rows(found, distance_detail()))
    unknown = found.filter(pl.col("distance_miles").is_null()).height
    if unknown:
        figure.note = f"{unknown} placement(s) have no distance recorded ({NOT_RECORDED})."
    return figure


@measure(
    id="SE-CLA-11",
    name="Children in care by distance from home",
    area=AREA,
    cohort=IN_CARE,
    numerator="Children looked after at the end of the period by the distance from home to "
    "placement: up to 10 miles, over 10 and up to 20, over 20, Not recorded",
    denominator=None,
    period_type=PeriodType.AT_END,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    source=SELF_EVALUATION_SOURCE,
    lead=PLACEMENTS_LEAD,
)
def by_distance(data: Data, period: Period) -> Figure:
    found = episodes_on(data, period.end).with_columns(band=distance_band())
    figure = count(in_care_rows(found, pl.col("band")))
    figure.breakdown = breakdown(found, "band", DISTANCE_BANDS)
    return figure


@measure(
    id="SE-CLA-06",
    name="Children in care living with foster carers",
    area=AREA,
    cohort=IN_CARE,
    numerator="Those in a foster placement (placement types U1-U6)",
    denominator="Children looked after at the end of the period",
    period_type=PeriodType.AT_END,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    source=SELF_EVALUATION_SOURCE,
    lead=PLACEMENTS_LEAD,
)
def with_foster_carers(data: Data, period: Period) -> Figure:
    found = episodes_on(data, period.end)
    fostered = found.filter(pl.col("placement_type").is_in(sorted(FOSTER_PLACEMENTS)))
    return percent(in_care_rows(fostered), in_care_rows(found))


@measure(
    id="SE-CLA-07",
    name="Children in care placed in the authority's own provision",
    area=AREA,
    cohort=IN_CARE,
    numerator="Those whose placement provider is the authority's own provision (PR1); a "
    "blank provider is Not recorded (denominator only)",
    denominator="Children looked after at the end of the period",
    period_type=PeriodType.AT_END,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    source=SELF_EVALUATION_SOURCE,
    lead=PLACEMENTS_LEAD,
)
def own_provision(data: Data, period: Period) -> Figure:
    found = episodes_on(data, period.end)
    own = found.filter(pl.col("placement_provider") == "PR1")
    return percent(in_care_rows(own), in_care_rows(found))


@measure(
    id="SE-CLA-08",
    name="Children in unregistered placements",
    area=AREA,
    cohort=IN_CARE,
    numerator="Those whose provision is not registered with Ofsted",
    denominator=None,
    period_type=PeriodType.AT_END,
    unit=Unit.COUNT,
    polarity=Polarity.LOWER,
    source=SELF_EVALUATION_SOURCE,
    lead=PLACEMENTS_LEAD,
)
def unregistered(data: Data, period: Period) -> Figure:
    found = episodes_on(data, period.end).filter(~pl.col("is_registered").fill_null(True))
    return count(in_care_rows(found))


# Registered by import: the rest of the children in care, adoption and care leaver measures.
from safeguard.performance.measures import (  # noqa: E402, F401
    care_education,
    care_health,
    care_leavers,
    care_plans,
    care_stability,
    care_unregistered,
)
