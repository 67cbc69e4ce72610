"""Allegations against people who work with children: the LADO's measures (self-evaluation,
measures.md §4 "LADO: contacts, referrals (17%), by subject role").

Counted as the LADO quarterly report counts them (``safeguard.partnership.selectors.
lado_report``): a contact is counted in the period it reached the LADO, and a referral is a
contact of the period that progressed to referral, whenever it did. The drill-down lists
contacts, never a child or the adult concerned: LADO cases are for the LADO only, so each
row shows the designated officer (as a staff identifier), the case reference and its role
and source.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from safeguard.partnership.models import Allegation, SourceAgency, SubjectRole
from safeguard.performance.data import Data
from safeguard.performance.frames import frame, read, since_filter
from safeguard.performance.measures.care_cohorts import breakdown, due_after, step
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

SELF_EVALUATION_SOURCE = "004 Self-evaluation / inspection data"
AREA = "LADO"
LEAD = "Local Authority Designated Officer"
CONTACTS = "Contacts to the Local Authority Designated Officer in the period"
ROLE_LABELS = {str(k): str(v) for k, v in SubjectRole.choices}
SOURCE_LABELS = {str(k): str(v) for k, v in SourceAgency.choices}


@frame("lado_allegations")
def lado_allegations(since: dt.date | None) -> pl.DataFrame:
    return read(
        since_filter(Allegation.objects.all(), since, on="lado_informed_on"),
        "reference",
        "subject_role",
        "source_agency",
        "referral_on",
        informed_on="lado_informed_on",
        reported_on="reported_to_employer_on",
        officer_id="officer",
    )


def _contacts(data: Data, period: Period) -> pl.DataFrame:
    found = data.frame("lado_allegations").filter(in_period("informed_on", period))
    return found.with_columns(
        role=pl.col("subject_role").replace_strict(ROLE_LABELS, default="Not recorded"),
        source=pl.col("source_agency").replace_strict(SOURCE_LABELS, default="Not recorded"),
        referred=pl.col("referral_on").is_not_null(),
    )


def _rows(found: pl.DataFrame) -> pl.DataFrame:
    detail = pl.concat_str(
        pl.col("role"),
        pl.lit("; from "),
        pl.col("source"),
        pl.when(pl.col("referred")).then(pl.lit("; referral")).otherwise(pl.lit("; contact")),
    )
    return rows(found, child="officer_id", on="informed_on", record="reference", detail=detail)


@measure(
    id="SE-LADO-01",
    name="LADO contacts and referrals by the role of the adult",
    area=AREA,
    cohort=CONTACTS,
    numerator="Contacts in the period; the breakdown is those that became referrals, by the "
    "role of the adult concerned (foster carer, residential worker, education...)",
    denominator=None,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.COUNT,
    polarity=Polarity.NEUTRAL,
    source=SELF_EVALUATION_SOURCE,
    lead=LEAD,
    frequency="Quarterly",
)
def contacts_by_role(data: Data, period: Period) -> Figure:
    found = _contacts(data, period)
    figure = count(_rows(found))
    figure.breakdown = breakdown(
        found.filter(pl.col("referred")), "role", list(ROLE_LABELS.values())
    )
    return figure


@measure(
    id="SE-LADO-02",
    name="LADO contacts that progressed to referral",
    area=AREA,
    cohort=CONTACTS,
    numerator="Those contacts that progressed to a referral (harm threshold met), whenever",
    denominator=CONTACTS,
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.NEUTRAL,
    source=SELF_EVALUATION_SOURCE,
    lead=LEAD,
    frequency="Quarterly",
)
def contact_conversion(data: Data, period: Period) -> Figure:
    found = _contacts(data, period)
    return percent(_rows(found.filter(pl.col("referred"))), _rows(found))


@measure(
    id="SE-LADO-03",
    name="LADO informed within 1 working day",
    area=AREA,
    cohort=f"{CONTACTS} that record when the employer knew",
    numerator="The LADO was informed within 1 working day of the employer knowing "
    "(timescale lado_informed)",
    denominator=f"{CONTACTS} that record when the employer knew",
    period_type=PeriodType.IN_PERIOD,
    unit=Unit.PERCENT,
    polarity=Polarity.HIGHER,
    source="WT2018 ch.2 para 7; timescale lado_informed",
    lead=LEAD,
    frequency="Quarterly",
)
def informed_on_time(data: Data, period: Period) -> Figure:
    known = _contacts(data, period).filter(pl.col("reported_on").is_not_null())
    due = due_after(step("lado_informed"), pl.col("reported_on"), data)
    on_time = known.filter(pl.col("informed_on") <= due)
    return percent(_rows(on_time), _rows(known))
