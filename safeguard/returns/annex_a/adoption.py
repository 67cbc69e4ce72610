"""Lists 10 and 11: children with an adoption decision, and adopters, in the 12 months.

List 10 has one row per agency decision that a child should be placed for adoption, live
at any time in the 12 months (made by the as-at day, not reversed and the child not
adopted before the months began). Its dates come from the child's period of care: the
placement order is the first E1/D1 legal status, the placement for adoption the first
A3-A6 placement, fostering for adoption the first U2/U5 placement, the adoption order the
day the period ended adopted (E11, E12).
Blank column: "Family identifier" (sibling groups placed together are not recorded).
List 11 (adopters) is empty with its headings: the records hold no prospective adopters'
journey (enquiry, stages one and two, approval), only each match's adopters' sex and
legal status.
"""

from __future__ import annotations

import polars as pl
from django.db.models import Q

from safeguard.care.models import (
    ADOPTED,
    ADOPTION_PLACEMENTS,
    PLACEMENT_ORDER_LEGAL_STATUSES,
    AdoptionDecision,
    AdoptionMatch,
    LookedAfterEpisode,
)
from safeguard.performance.frames import read
from safeguard.returns.annex_a import codes
from safeguard.returns.annex_a.common import (
    CHILD_FIELDS,
    child_columns,
    date_of,
    disability_column,
    finish,
)
from safeguard.returns.annex_a.layout import BY_NUMBER, Window

#: Foster for adoption placements (with relatives U2, with others U5).
FOSTERING_FOR_ADOPTION = ("U2", "U5")
NO_LONGER = "Date of Decision that Child Should No Longer be Placed for Adoption"
REASON = "Reason Why Child No Longer Placed for Adoption"
FFA = "Date the child was placed for fostering in FFA or concurrent planning placement"


def adoption(window: Window) -> pl.DataFrame:
    annex = BY_NUMBER[10]
    as_at = window.as_at
    base = AdoptionDecision.objects.filter(
        Q(decided_on__lte=as_at),
        Q(reversed_on__isnull=True) | Q(reversed_on__gte=window.start),
        Q(period__ended_on__isnull=True) | Q(period__ended_on__gte=window.start),
    )
    decisions = read(
        base.order_by(),
        **CHILD_FIELDS,
        decision="id",
        period="period",
        decided_on="decided_on",
        reversed_on="reversed_on",
        reason="reversal_reason",
        entered="period__started_on",
    )
    episodes = read(
        LookedAfterEpisode.objects.filter(
            period__in=base.values("period"), started_on__lte=as_at
        ).order_by(),
        period="period",
        started_on="started_on",
        ended_on="ended_on",
        legal_status="legal_status",
        place="placement_type",
        rec="reason_ceased",
    )
    started = pl.col("started_on")
    milestones = episodes.group_by("period").agg(
        started.filter(pl.col("legal_status").is_in(list(PLACEMENT_ORDER_LEGAL_STATUSES)))
        .min()
        .alias("Date of Placement Order"),
        started.filter(pl.col("place").is_in(list(ADOPTION_PLACEMENTS)))
        .min()
        .alias("Date Placed for Adoption"),
        pl.col("ended_on")
        .filter(pl.col("rec").is_in(list(ADOPTED)) & (pl.col("ended_on") <= as_at))
        .max()
        .alias("Date of Adoption Order"),
        started.filter(pl.col("place").is_in(list(FOSTERING_FOR_ADOPTION))).min().alias(FFA),
    )
    matches = (
        read(
            AdoptionMatch.objects.filter(decision__in=base, matched_on__lte=as_at).order_by(),
            decision="decision",
            matched_on="matched_on",
        )
        .group_by("decision")
        .agg(pl.col("matched_on").max().alias("Date of Matching Child and Prospective Adopters"))
    )
    reversed_on = date_of(pl.col("reversed_on"), as_at)
    frame = (
        child_columns(decisions, 10, as_at)
        .join(milestones, on="period", how="left")
        .join(matches, on="decision", how="left")
        .with_columns(
            pl.lit(None, dtype=pl.Utf8).alias("Family identifier"),
            pl.col("entered").alias("Date the Child Entered Care"),
            pl.col("decided_on").alias("Date of Decision that Child Should be Placed for Adoption"),
            reversed_on.alias(NO_LONGER),
            pl.when(reversed_on.is_not_null())
            .then(codes.coded(pl.col("reason"), 10, REASON))
            .otherwise(None)
            .alias(REASON),
        )
    )
    frame = disability_column(frame, base, 10)
    return finish(frame, annex.columns, "Date of Decision that Child Should be Placed for Adoption")


def adopters(window: Window) -> pl.DataFrame:
    """No adopter records exist: Ofsted's headings over no rows (see the module's note)."""
    annex = BY_NUMBER[11]
    return pl.DataFrame(schema={column: pl.Utf8 for column in annex.columns})
