"""Lists 4 and 5: single assessments, and section 47 enquiries with their initial
conferences, in the six months.

Blank columns: none. "Was the child assessed as requiring LA children's social care
support" is read from the assessment's recorded outcome once it is authorised (a CIN plan,
a strategy discussion or care: yes; no further action or early help: no; other: unknown)
and is blank while the assessment is open.
"""

from __future__ import annotations

import polars as pl
from django.db.models import Q

from safeguard.assessment.models import Assessment, AssessmentOutcome
from safeguard.performance.frames import read
from safeguard.protection.models import (
    INITIAL_CONFERENCE_TYPES,
    Conference,
    ConferenceOutcome,
    CPPlan,
    Section47Enquiry,
)
from safeguard.returns.annex_a import codes
from safeguard.returns.annex_a.common import (
    allocation_columns,
    child_columns,
    child_fields,
    counts_in,
    date_of,
    disability_column,
    finish,
)
from safeguard.returns.annex_a.layout import BY_NUMBER, Window

NEEDS_SUPPORT = {
    AssessmentOutcome.CIN_PLAN: True,
    AssessmentOutcome.STRATEGY_DISCUSSION: True,
    AssessmentOutcome.LOOKED_AFTER: True,
    AssessmentOutcome.NFA: False,
    AssessmentOutcome.EARLY_HELP: False,
}
SUPPORT = "Was the child assessed as requiring LA children's social care support"
_EPISODE_CHILD = "episode__child"


def assessments(window: Window) -> pl.DataFrame:
    """Assessments under way at any time in the window: started by its end, and neither
    authorised nor their episode closed before its start."""
    annex = BY_NUMBER[4]
    as_at = window.as_at
    base = (
        Assessment.objects.filter(start_date__lte=as_at)
        .filter(Q(authorised_on__isnull=True) | Q(authorised_on__gte=window.start))
        .filter(Q(episode__closure_date__isnull=True) | Q(episode__closure_date__gte=window.start))
    )
    rows = read(
        base.order_by(),
        **child_fields(_EPISODE_CHILD),
        started="start_date",
        authorised="authorised_on",
        seen="child_seen",
        outcome="outcome",
    )
    support = {str(outcome): needed for outcome, needed in NEEDS_SUPPORT.items()}
    authorised = date_of(pl.col("authorised"), as_at)
    needed = pl.col("outcome").replace_strict(support, default=None, return_dtype=pl.Boolean)
    frame = child_columns(rows, 4, as_at).with_columns(
        pl.col("started").alias("Continuous Assessment Start Date"),
        codes.yes_no(
            pl.col("seen"), 4, "Child Seen During Continuous Assessment", unknown=True
        ).alias("Child Seen During Continuous Assessment"),
        authorised.alias("Continuous Assessment Date of Authorisation"),
        pl.when(authorised.is_not_null())
        .then(codes.yes_no(needed, 4, SUPPORT, unknown=True))
        .otherwise(None)
        .alias(SUPPORT),
    )
    frame = disability_column(frame, base, 4, path=_EPISODE_CHILD)
    frame = allocation_columns(frame, base, as_at, path=_EPISODE_CHILD)
    return finish(frame, annex.columns, "Continuous Assessment Start Date")


def section47(window: Window) -> pl.DataFrame:
    """Section 47 enquiries started in the window, each with its initial conference."""
    annex = BY_NUMBER[5]
    as_at = window.as_at
    base = Section47Enquiry.objects.filter(start_date__gte=window.start, start_date__lte=as_at)
    rows = read(
        base.order_by(),
        **child_fields(_EPISODE_CHILD),
        enquiry="id",
        started="start_date",
        strategy="strategy_discussion__held_on",
        not_required="icpc_not_required",
    )
    initial = Conference.objects.filter(
        conference_type__in=INITIAL_CONFERENCE_TYPES,
        cancelled_on__isnull=True,
        held_on__lte=as_at,
    )
    conferences = read(
        initial.filter(section47__in=base.values("id")).order_by(),
        enquiry="section47",
        conference="id",
        held_on="held_on",
        outcome="outcome",
    ).unique("enquiry", keep="first")
    plans = read(
        CPPlan.objects.filter(
            initial_conference__section47__in=base.values("id"), start_date__lte=as_at
        ).order_by(),
        conference="initial_conference",
    ).with_columns(pl.lit(True).alias("_plan"))
    conferences = conferences.join(plans.unique("conference"), on="conference", how="left")
    year = window.year()
    enquiries_in_year = read(
        Section47Enquiry.objects.filter(
            episode__child__in=base.values(_EPISODE_CHILD),
            start_date__gte=year.start,
            start_date__lte=as_at,
        ).order_by(),
        child=_EPISODE_CHILD,
    )
    icpcs_in_year = read(
        initial.filter(child__in=base.values(_EPISODE_CHILD), held_on__gte=year.start).order_by(),
        child="child",
    )
    made_plan = pl.col("_plan").fill_null(False) | (pl.col("outcome") == ConferenceOutcome.PLAN)
    frame = (
        child_columns(rows, 5, as_at)
        .join(conferences, on="enquiry", how="left")
        .with_columns(
            pl.coalesce("strategy", "started").alias(
                "Strategy discussion initiating Section 47 Enquiry Start Date"
            ),
            codes.yes_no(
                pl.col("not_required"),
                5,
                "Was an Initial Child Protection Conference deemed unnecessary?",
            ).alias("Was an Initial Child Protection Conference deemed unnecessary?"),
            pl.col("held_on").alias("Date of Initial Child Protection Conference"),
            pl.when(pl.col("held_on").is_not_null())
            .then(
                codes.yes_no(
                    made_plan,
                    5,
                    "Did the Initial Child Protection Conference Result in a Child Protection Plan",
                )
            )
            .otherwise(None)
            .alias("Did the Initial Child Protection Conference Result in a Child Protection Plan"),
        )
    )
    frame = counts_in(
        frame, enquiries_in_year, "Number of Section 47 Enquiries in the last 12 months"
    )
    frame = counts_in(frame, icpcs_in_year, "Number of ICPCs in the last 12 months")
    frame = disability_column(frame, base, 5, path=_EPISODE_CHILD)
    frame = allocation_columns(frame, base, as_at, path=_EPISODE_CHILD)
    return finish(
        frame, annex.columns, "Strategy discussion initiating Section 47 Enquiry Start Date"
    )
