"""The front door: contacts, MASH decisions and referrals (OBA §1, self-evaluation §4).

Contacts are counted one row per child named (a contact about three siblings is three
children's contacts), as the MASH decides per child; referrals are CIN episodes.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from safeguard.frontdoor.models import OPENS_REFERRAL, MashOutcome
from safeguard.performance.data import Data
from safeguard.performance.periods import Period
from safeguard.performance.registry import (
    NOT_RECORDED,
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

FRONT_DOOR_LEAD = "Head of Service, Front Door and MASH"
OBA_SOURCE = "003 Service Improvement Plan (OBA snapshot)"
SELF_EVALUATION_SOURCE = "004 self-evaluation (data taken from CHAT)"

#: DfE referral sources (CIN census) grouped as the seeds chart them, in display order.
SOURCE_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Individual", ("1A", "1B", "1C", "1D")),
    ("Schools", ("2A",)),
    ("Education services", ("2B",)),
    ("Health services", ("3A", "3B", "3C", "3D", "3E", "3F")),
    ("Housing", ("4",)),
    ("Local authority services", ("5A", "5B", "5C", "5D")),
    ("Police", ("6",)),
    ("Other legal agency", ("7",)),
    ("Other", ("8",)),
    ("Anonymous", ("9",)),
    ("Unknown", ("10",)),
)
SOURCE_LABELS: tuple[str, ...] = (*(label for label, _ in SOURCE_GROUPS), NOT_RECORDED)
_SOURCE_OF_CODE = {code: label for label, codes in SOURCE_GROUPS for code in codes}

MASH_OUTCOME_LABELS: tuple[str, ...] = (*(label for _, label in MashOutcome.choices), NOT_RECORDED)
_MASH_OUTCOME_OF_CODE = dict(MashOutcome.choices)


def source_group(column: str) -> pl.Expr:
    """The source group of a DfE referral source code; blank or unknown is "Not recorded"."""
    return pl.col(column).replace_strict(
        _SOURCE_OF_CODE, default=NOT_RECORDED, return_dtype=pl.Utf8
    )


def breakdown(found: pl.DataFrame, column: str, labels: Sequence[str]) -> list[tuple[str, float]]:
    """Rows counted by ``column``, every label in ``labels`` order (zeros included) so a
    chart's categories are the same in every period."""
    counts = dict(found.group_by(column).len().iter_rows())
    return [(label, float(counts.get(label, 0))) for label in labels]


def contacts_in(data: Data, period: Period) -> pl.DataFrame:
    """One row per child per contact received in the period (a contact may name several)."""
    contacts = data.frame("contacts").filter(in_period("received_on", period))
    return contacts.join(data.frame("contact_children"), on="contact_id", how="inner")


def referrals_in(data: Data, period: Period) -> pl.DataFrame:
    return data.frame("referrals").filter(in_period("referral_date", period))


@measure(
    id="OBA1-04",
    name="Contacts received through the MASH",
    area="Front door",
    cohort="Contacts received in the period",
    numerator="Contacts (one per child named) received in the period",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    source=OBA_SOURCE,
    lead=FRONT_DOOR_LEAD,
)
def contacts_received(data: Data, period: Period) -> Figure:
    found = contacts_in(data, period)
    return count(rows(found, on="received_on", record="Contact", detail="channel"))


def _with_previous(data: Data) -> pl.DataFrame:
    """Each referral with the date of the child's referral before it."""
    referrals = data.frame("referrals").sort("child_id", "referral_date")
    return referrals.with_columns(previous=pl.col("referral_date").shift(1).over("child_id"))


@measure(
    id="OBA2-11",
    name="Re-referrals within 12 months",
    area="Front door",
    cohort="Referrals to children's social care in the period",
    numerator="Referrals within 12 months of a previous referral of the same child",
    denominator="Referrals in the period",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.LOWER,
    good=20.0,
    source="003 Service Improvement Plan; 002 scrutiny report; 004 self-evaluation",
    lead=FRONT_DOOR_LEAD,
)
def re_referral_rate(data: Data, period: Period) -> Figure:
    cohort = data.derived("front_door.referrals_with_previous", _with_previous).filter(
        in_period("referral_date", period)
    )
    within = cohort.filter(
        pl.col("previous").is_not_null()
        & (pl.col("previous") >= pl.col("referral_date").dt.offset_by("-12mo"))
    )
    detail = pl.concat_str(pl.lit("previous referral "), pl.col("previous").cast(pl.Utf8))
    return percent(
        rows(within, on="referral_date", record="Referral", detail=detail),
        rows(cohort, on="referral_date", record="Referral"),
    )


@measure(
    id="OBA1-08",
    name="Sources of referrals into the MASH",
    area="Front door",
    cohort="Contacts received in the period (one per child named)",
    numerator="Contacts by who made them (DfE referral source, grouped); a blank or "
    "unknown source code counts as Not recorded",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    source=f"{OBA_SOURCE}; {SELF_EVALUATION_SOURCE} (contacts by source)",
    lead=FRONT_DOOR_LEAD,
)
def contact_sources(data: Data, period: Period) -> Figure:
    """Everything arriving at the MASH is a contact, so its sources are the contacts'
    sources; the self-evaluation's "contacts by source" is this measure."""
    found = contacts_in(data, period).with_columns(group=source_group("source"))
    figure = count(rows(found, on="received_on", record="Contact", detail="group"))
    figure.breakdown = breakdown(found, "group", SOURCE_LABELS)
    return figure


@measure(
    id="OBA2-09",
    name="Contact-to-referral conversion",
    area="Front door",
    cohort="Children named on contacts received in the period",
    numerator="Those whose MASH decision on that contact opened a referral (assessment or "
    "strategy discussion), whenever it was made",
    denominator="Children named on contacts received in the period",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.NEUTRAL,
    source=OBA_SOURCE,
    lead=FRONT_DOOR_LEAD,
)
def contact_conversion(data: Data, period: Period) -> Figure:
    """A cohort measure (numerator drawn from the denominator) so the drill-down lists the
    same children on both sides; a contact still awaiting its decision counts as not
    (yet) converted."""
    cohort = contacts_in(data, period)
    decisions = data.frame("mash_decisions").select(
        "contact_id", "child_id", pl.col("outcome").alias("mash_outcome"), "decided_on"
    )
    cohort = cohort.join(decisions, on=["contact_id", "child_id"], how="left")
    converted = cohort.filter(pl.col("mash_outcome").is_in([str(o) for o in OPENS_REFERRAL]))
    outcome = pl.col("mash_outcome").replace_strict(
        _MASH_OUTCOME_OF_CODE, default="No MASH decision", return_dtype=pl.Utf8
    )
    return percent(
        rows(converted, on="decided_on", record="Contact", detail=outcome),
        rows(cohort, on="received_on", record="Contact", detail=outcome),
    )


@measure(
    id="SE-FD-01",
    name="Referrals to children's social care",
    area="Front door",
    cohort="Referrals (CIN episodes) with a referral date in the period",
    numerator="Referrals in the period, including those closed with no further action",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    source=SELF_EVALUATION_SOURCE,
    lead=FRONT_DOOR_LEAD,
)
def referrals_received(data: Data, period: Period) -> Figure:
    found = referrals_in(data, period)
    return count(
        rows(found, on="referral_date", record="Referral", detail=source_group("referral_source"))
    )


@measure(
    id="SE-FD-02",
    name="MASH outcomes per child",
    area="Front door",
    cohort="MASH decisions made in the period (one per child per contact)",
    numerator="Decisions by outcome",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    source=SELF_EVALUATION_SOURCE,
    lead=FRONT_DOOR_LEAD,
)
def mash_outcomes(data: Data, period: Period) -> Figure:
    found = data.frame("mash_decisions").filter(in_period("decided_on", period))
    found = found.with_columns(
        label=pl.col("outcome").replace_strict(
            _MASH_OUTCOME_OF_CODE, default=NOT_RECORDED, return_dtype=pl.Utf8
        )
    )
    figure = count(rows(found, on="decided_on", record="MASH decision", detail="label"))
    figure.breakdown = breakdown(found, "label", MASH_OUTCOME_LABELS)
    return figure


@measure(
    id="SE-FD-03",
    name="Referral rate per 10,000 children",
    area="Front door",
    cohort="Referrals in the 12 months to the end of the period",
    numerator="Referrals (CIN episodes) with a referral date in those 12 months",
    denominator="Children aged 0-17 (ONS mid-year estimate for the year the period ends in)",
    period_type=PeriodType.ROLLING_12,
    unit=Unit.RATE,
    polarity=Polarity.NEUTRAL,
    source=SELF_EVALUATION_SOURCE,
    lead=FRONT_DOOR_LEAD,
)
def referral_rate(data: Data, period: Period) -> Figure:
    first, last = period.rolling_12_months()
    found = data.frame("referrals").filter(pl.col("referral_date").is_between(first, last))
    return rate(
        rows(found, on="referral_date", record="Referral", detail=source_group("referral_source")),
        data.population(period.end.year),
    )


@measure(
    id="SE-FD-04",
    name="Referrals by source",
    area="Front door",
    cohort="Referrals (CIN episodes) with a referral date in the period",
    numerator="Referrals by DfE referral source, grouped; a blank or unknown code counts as "
    "Not recorded",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    source=SELF_EVALUATION_SOURCE,
    lead=FRONT_DOOR_LEAD,
)
def referral_sources(data: Data, period: Period) -> Figure:
    found = referrals_in(data, period).with_columns(group=source_group("referral_source"))
    figure = count(rows(found, on="referral_date", record="Referral", detail="group"))
    figure.breakdown = breakdown(found, "group", SOURCE_LABELS)
    return figure
