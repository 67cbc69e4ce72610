"""Section 47 enquiries and child protection conferences: children conferenced and
meetings held (CP report), ICPC timeliness, and the self-evaluation's s47 funnel.

The ICPC timescale is read from the timescale registry (``icpc``: 15 working days from the
strategy discussion that began the s47 enquiry), so a local change reaches this measure.
"""

from __future__ import annotations

import polars as pl

from safeguard.core.timescales import Kind, get_rule
from safeguard.performance.data import Data, per_run
from safeguard.performance.measures.protection_common import (
    CP_LEAD,
    CP_REPORT_SOURCE,
    SELF_EVALUATION_SOURCE,
    breakdown,
    conferences_held,
)
from safeguard.performance.periods import Period
from safeguard.performance.registry import (
    Figure,
    PeriodType,
    Polarity,
    Unit,
    count,
    in_period,
    measure,
    percent,
    rate,
    rows,
)
from safeguard.protection.models import ConferenceOutcome, ConferenceType, Section47Outcome

KINDS = ("ICPC", "RCPC")


def _kind_record() -> pl.Expr:
    return pl.concat_str(pl.col("kind"), pl.lit(" ("), pl.col("conference_type"), pl.lit(")"))


@measure(
    id="CP-01",
    name="Children conferenced",
    area="Child protection",
    cohort="Child protection conferences held in the period, one per child conferenced",
    numerator="Children conferenced, by initial (ICPC: initial, transfer-in and pre-birth) "
    "and review (RCPC) conferences; a child conferenced twice counts twice",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    source=CP_REPORT_SOURCE,
    lead=CP_LEAD,
)
def children_conferenced(data: Data, period: Period) -> Figure:
    held = conferences_held(data).filter(in_period("held_on", period))
    figure = count(rows(held, on="held_on", record=_kind_record(), detail="meeting"))
    figure.breakdown = breakdown(held, "kind", KINDS)
    return figure


@measure(
    id="CP-02",
    name="Child protection conferences held (meetings)",
    area="Child protection",
    cohort="Child protection conference meetings held in the period",
    numerator="Meetings, by ICPC and RCPC: siblings conferenced together (the same group "
    "reference on the same day) are one meeting; the total counts a meeting once even "
    "when it was an ICPC for one child and a review for a sibling",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    source=CP_REPORT_SOURCE,
    lead=CP_LEAD,
)
def conference_meetings(data: Data, period: Period) -> Figure:
    """One drill-down row per meeting, shown against the first child (by record) in it,
    with how many children were conferenced together."""
    held = conferences_held(data).filter(in_period("held_on", period))
    by_kind = (
        held.sort("child_id")
        .group_by("meeting", "kind")
        .agg(pl.col("child_id").first(), pl.col("held_on").first(), pl.len().alias("children"))
    )
    meetings = (
        held.sort("kind", "child_id")
        .group_by("meeting")
        .agg(
            pl.col("child_id").first(),
            pl.col("held_on").first(),
            pl.col("kind").unique().sort().str.join(" and ").alias("kinds"),
            pl.len().alias("children"),
        )
        .sort("held_on", "meeting")
    )
    detail = pl.concat_str(
        pl.col("children").cast(pl.Utf8), pl.lit(" child(ren) conferenced together")
    )
    figure = count(
        rows(
            meetings,
            on="held_on",
            record=pl.concat_str(pl.col("kinds"), pl.lit(" meeting")),
            detail=detail,
        )
    )
    figure.breakdown = breakdown(by_kind, "kind", KINDS)
    return figure


@per_run
def icpc_timeliness(data: Data) -> pl.DataFrame:
    """Initial conferences held that follow a section 47 enquiry, with working days from
    the strategy discussion that began it (or, for imported history with no discussion,
    the enquiry's start) to the conference, and the limit from the registry."""
    rule = get_rule("icpc")
    if rule.step is None or rule.step.kind is not Kind.WORKING_DAYS:
        raise ValueError("The icpc timescale is expected to be a number of working days.")
    limit = rule.step.amount
    held = conferences_held(data).filter(pl.col("kind") == "ICPC")
    # An initial or pre-birth conference follows an s47 enquiry; a transfer-in conference
    # follows a move (its own timescale) unless an enquiry is linked.
    held = held.filter(
        pl.col("enquiry_id").is_not_null()
        | pl.col("conference_type").is_in(
            [str(ConferenceType.INITIAL), str(ConferenceType.PRE_BIRTH)]
        )
    )
    enquiries = data.frame("section47").select(
        "enquiry_id", "strategy_on", pl.col("start_date").alias("s47_start")
    )
    held = held.join(enquiries, on="enquiry_id", how="left")
    held = held.with_columns(began=pl.coalesce("strategy_on", "s47_start"))
    days = data.working_days_between(pl.col("began"), pl.col("held_on"))
    held = held.with_columns(working_days=days, limit=pl.lit(limit))
    return held.with_columns(
        on_time=pl.col("working_days").fill_null(limit + 1) <= limit,
        why=pl.when(pl.col("began").is_null())
        .then(pl.lit("no strategy discussion or s47 enquiry recorded"))
        .otherwise(
            pl.concat_str(
                pl.col("working_days").cast(pl.Utf8),
                pl.lit(" working days from the strategy discussion on "),
                pl.col("began").cast(pl.Utf8),
            )
        ),
    )


@measure(
    id="CP-03",
    name="Initial conferences within 15 working days of the strategy discussion",
    area="Child protection",
    cohort="Initial child protection conferences held in the period, per child, that follow "
    "a section 47 enquiry",
    numerator="Those held within 15 working days (timescale registry 'icpc') of the strategy "
    "discussion at which the s47 enquiry began; weekends and bank holidays are not counted",
    denominator="ICPCs held in the period that follow an s47 enquiry (one with no strategy "
    "discussion or enquiry date recorded counts as not within timescale)",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    source=f"{CP_REPORT_SOURCE}; {SELF_EVALUATION_SOURCE} (ICPC on time, last 6 months)",
    lead=CP_LEAD,
)
def icpc_on_time(data: Data, period: Period) -> Figure:
    held = icpc_timeliness(data).filter(in_period("held_on", period))
    return percent(
        rows(held.filter(pl.col("on_time")), on="held_on", record="ICPC", detail="why"),
        rows(held, on="held_on", record="ICPC", detail="why"),
    )


@measure(
    id="SE-S47-01",
    name="Section 47 enquiries per 10,000 children",
    area="Children in need",
    cohort="Section 47 enquiries started in the 12 months to the end of the period",
    numerator="Section 47 enquiries (one per child) with a start date in those 12 months",
    denominator="Children aged 0-17 (ONS mid-year estimate for the year the period ends in)",
    period_type=PeriodType.ROLLING_12,
    unit=Unit.RATE,
    polarity=Polarity.NEUTRAL,
    source=SELF_EVALUATION_SOURCE,
    lead=CP_LEAD,
)
def s47_rate(data: Data, period: Period) -> Figure:
    first, last = period.rolling_12_months()
    found = data.frame("section47").filter(pl.col("start_date").is_between(first, last))
    return rate(
        rows(found, on="start_date", record="Section 47 enquiry", detail="outcome"),
        data.population(period.end.year),
    )


@measure(
    id="SE-S47-02",
    name="Section 47 enquiries leading to an initial conference",
    area="Children in need",
    cohort="Section 47 enquiries started in the period",
    numerator="Those followed by an initial conference that was held (whenever it was held)",
    denominator="Section 47 enquiries started in the period (those still open, or awaiting "
    "their conference, count as not (yet) leading to one)",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.NEUTRAL,
    source=SELF_EVALUATION_SOURCE,
    lead=CP_LEAD,
)
def s47_to_icpc(data: Data, period: Period) -> Figure:
    enquiries = data.frame("section47").filter(in_period("start_date", period))
    icpcs = (
        conferences_held(data)
        .filter((pl.col("kind") == "ICPC") & pl.col("enquiry_id").is_not_null())
        .group_by("enquiry_id")
        .agg(icpc_on=pl.col("held_on").min())
    )
    enquiries = enquiries.join(icpcs, on="enquiry_id", how="left")
    labels = {str(o): str(o.label) for o in Section47Outcome}
    outcome = pl.col("outcome").replace_strict(labels, default="Outcome not recorded")
    detail = (
        pl.when(pl.col("icpc_on").is_not_null())
        .then(pl.concat_str(pl.lit("ICPC held "), pl.col("icpc_on").cast(pl.Utf8)))
        .when(pl.col("icpc_not_required").fill_null(False))
        .then(pl.lit("Initial conference not required"))
        .otherwise(outcome)
    )
    return percent(
        rows(
            enquiries.filter(pl.col("icpc_on").is_not_null()),
            on="start_date",
            record="Section 47 enquiry",
            detail=detail,
        ),
        rows(enquiries, on="start_date", record="Section 47 enquiry", detail=detail),
    )


@measure(
    id="SE-S47-03",
    name="Initial conferences leading to a CP plan",
    area="Children in need",
    cohort="Initial child protection conferences (initial, transfer-in, pre-birth) held in "
    "the period, per child",
    numerator="Those that decided on a child protection plan",
    denominator="ICPCs held in the period (an outcome not recorded counts as no plan)",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.NEUTRAL,
    source=SELF_EVALUATION_SOURCE,
    lead=CP_LEAD,
)
def icpc_to_plan(data: Data, period: Period) -> Figure:
    held = conferences_held(data).filter((pl.col("kind") == "ICPC") & in_period("held_on", period))
    labels = {str(o): str(o.label) for o in ConferenceOutcome}
    detail = pl.col("outcome").replace_strict(labels, default="Outcome not recorded")
    return percent(
        rows(
            held.filter(pl.col("outcome") == str(ConferenceOutcome.PLAN)),
            on="held_on",
            record=_kind_record(),
            detail=detail,
        ),
        rows(held, on="held_on", record=_kind_record(), detail=detail),
    )
