"""Lists 1-3: contacts, early help assessments and referrals in the six months.

Blank columns: none. List 2's "Organisation completing assessment" is the label of the
agency recorded on the early help episode (blank where none was recorded).
"""

from __future__ import annotations

import datetime as dt

import polars as pl
from django.db.models import Q

from safeguard.cin.models import CINEpisode
from safeguard.earlyhelp.models import EarlyHelpEpisode, LeadProfessionalAgency
from safeguard.frontdoor.models import ContactChild
from safeguard.performance.frames import read
from safeguard.returns.annex_a import codes
from safeguard.returns.annex_a.common import (
    CHILD_FIELDS,
    allocation_columns,
    child_columns,
    counts_in,
    date_of,
    finish,
    local_midnight,
)
from safeguard.returns.annex_a.layout import BY_NUMBER, Window


def contacts(window: Window) -> pl.DataFrame:
    """One row per child on each contact received in the window."""
    annex = BY_NUMBER[1]
    rows = read(
        ContactChild.objects.filter(
            contact__received_at__gte=local_midnight(window.start),
            contact__received_at__lt=local_midnight(window.as_at + dt.timedelta(days=1)),
        ).order_by(),
        **CHILD_FIELDS,
        received="contact__received_at",
        source="contact__source",
    )
    frame = child_columns(rows, 1, window.as_at).with_columns(
        pl.col("received").dt.date().alias("Date of Contact"),
        codes.coded(pl.col("source"), 1, "Contact Source").alias("Contact Source"),
    )
    return finish(frame, annex.columns, "Date of Contact")


def early_help(window: Window) -> pl.DataFrame:
    """Early help assessments under way at any time in the window: started by its end, and
    neither completed nor the episode closed before its start."""
    annex = BY_NUMBER[2]
    as_at = window.as_at
    rows = read(
        EarlyHelpEpisode.objects.filter(assessment_started_on__lte=as_at)
        .filter(
            Q(assessment_completed_on__isnull=True) | Q(assessment_completed_on__gte=window.start)
        )
        .order_by(),
        **CHILD_FIELDS,
        started="assessment_started_on",
        completed="assessment_completed_on",
        agency="assessment_agency",
    )
    agencies = {str(value): str(label) for value, label in LeadProfessionalAgency.choices}
    frame = child_columns(rows, 2, as_at).with_columns(
        pl.col("started").alias("Assessment start date"),
        date_of(pl.col("completed"), as_at).alias("Assessment completion date"),
        pl.col("agency")
        .replace_strict(agencies, default=None, return_dtype=pl.Utf8)
        .alias("Organisation completing assessment"),
    )
    return finish(frame, annex.columns, "Assessment start date")


def referrals(window: Window) -> pl.DataFrame:
    """Every referral received in the window, with the child's referrals in 12 months."""
    annex = BY_NUMBER[3]
    as_at = window.as_at
    base = CINEpisode.objects.filter(referral_date__gte=window.start, referral_date__lte=as_at)
    rows = read(
        base.order_by(),
        **CHILD_FIELDS,
        referral_date="referral_date",
        source="referral_source",
        nfa="referral_nfa",
    )
    year = window.year()
    in_year = read(
        CINEpisode.objects.filter(
            child__in=base.values("child"),
            referral_date__gte=year.start,
            referral_date__lte=as_at,
        ).order_by(),
        child="child",
    )
    frame = child_columns(rows, 3, as_at).with_columns(
        pl.col("referral_date").alias("Date of referral"),
        codes.coded(pl.col("source"), 3, "Referral Source").alias("Referral Source"),
        codes.yes_no(pl.col("nfa"), 3, "Referral NFA?").alias("Referral NFA?"),
    )
    frame = counts_in(frame, in_year, "Number of Referrals in Last 12 Months")
    frame = allocation_columns(frame, base, as_at)
    return finish(frame, annex.columns, "Date of referral")
