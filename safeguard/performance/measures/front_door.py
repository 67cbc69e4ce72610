"""The front door: contacts, MASH decisions and referrals (OBA §1, self-evaluation §4)."""

from __future__ import annotations

import polars as pl

from safeguard.performance.data import Data
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
    rows,
)


def contacts_in(data: Data, period: Period) -> pl.DataFrame:
    """One row per child per contact received in the period (a contact may name several)."""
    contacts = data.frame("contacts").filter(in_period("received_on", period))
    return contacts.join(data.frame("contact_children"), on="contact_id", how="inner")


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
    source="003 Service Improvement Plan (OBA snapshot)",
)
def contacts_received(data: Data, period: Period) -> Figure:
    found = contacts_in(data, period)
    return count(rows(found, on="received_on", record="Contact", detail="channel"))


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
)
def re_referral_rate(data: Data, period: Period) -> Figure:
    referrals = data.frame("referrals").sort("child_id", "referral_date")
    referrals = referrals.with_columns(previous=pl.col("referral_date").shift(1).over("child_id"))
    cohort = referrals.filter(in_period("referral_date", period))
    within = cohort.filter(
        pl.col("previous").is_not_null()
        & (pl.col("previous") >= pl.col("referral_date").dt.offset_by("-12mo"))
    )
    detail = pl.concat_str(pl.lit("previous referral "), pl.col("previous").cast(pl.Utf8))
    return percent(
        rows(within, on="referral_date", record="Referral", detail=detail),
        rows(cohort, on="referral_date", record="Referral"),
    )
