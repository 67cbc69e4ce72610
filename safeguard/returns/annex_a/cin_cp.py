"""Lists 6 and 7: children in need and children on child protection plans in the six
months.

Blank columns: none. List 6 has one row per child (their latest referral open in the
window; referrals closed as no further action are not children in need); its "Case
status" is the child's status on the as-at day, in Ofsted's order of weight: a closed
episode, looked after, a CP plan, a CIN plan, an open assessment, and otherwise (an open
episode between assessment and plan) "c) Child in need plan". List 7 has one row per
plan; "Latest Category of Abuse" is the category in force on the as-at day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
from django.db.models import Max, Q, QuerySet

from safeguard.assessment.models import Assessment
from safeguard.care.models import LookedAfterEpisode, PeriodOfCare
from safeguard.cin.models import CINEpisode, CINPlan, Visit, VisitType
from safeguard.performance.frames import read
from safeguard.protection.models import (
    Conference,
    ConferenceType,
    CPPlan,
    CPPlanCategoryChange,
)
from safeguard.returns.annex_a import codes
from safeguard.returns.annex_a.common import (
    CHILD_FIELDS,
    allocation_columns,
    child_columns,
    date_of,
    disability_column,
    finish,
)
from safeguard.returns.annex_a.layout import BY_NUMBER, Window

#: Legal statuses of emergency protection: police protection (L1) and an EPO (L2).
EMERGENCY_PROTECTION = ("L1", "L2")
EMERGENCY = (
    "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six "
    "Months (Y/N)"
)


def _open_on(as_at: dt.date, start: str, end: str) -> Q:
    """Started by the as-at day and not ended by it."""
    return Q(**{f"{start}__lte": as_at}) & (
        Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": as_at})
    )


def _children_with(queryset: QuerySet[Any], children: QuerySet[Any]) -> pl.DataFrame:
    return read(queryset.filter(child__in=children.values("child")).order_by(), child="child")


def children_in_need(window: Window) -> pl.DataFrame:
    annex = BY_NUMBER[6]
    as_at = window.as_at
    base = CINEpisode.objects.filter(
        Q(referral_date__lte=as_at),
        Q(closure_date__isnull=True) | Q(closure_date__gte=window.start),
        referral_nfa=False,
    )
    rows = read(
        base.order_by(),
        **CHILD_FIELDS,
        episode="id",
        referral_date="referral_date",
        primary_need="primary_need",
        closure_date="closure_date",
        reason="reason_for_closure",
    )
    latest = rows.sort("referral_date").group_by("child", maintain_order=True).last()
    last_seen = read(
        Visit.objects.filter(child__in=base.values("child"), child_seen=True, visit_date__lte=as_at)
        .order_by()
        .values("child")
        .annotate(last=Max("visit_date")),
        child="child",
        visited="last",
    )
    looked_after = _children_with(
        PeriodOfCare.objects.filter(_open_on(as_at, "started_on", "ended_on")), base
    )
    protected = _children_with(
        CPPlan.objects.filter(_open_on(as_at, "start_date", "end_date")), base
    )
    planned = read(
        CINPlan.objects.filter(
            _open_on(as_at, "start_date", "end_date"), episode__in=base
        ).order_by(),
        episode="episode",
    )
    assessing = read(
        Assessment.objects.filter(
            _open_on(as_at, "start_date", "authorised_on"), episode__in=base
        ).order_by(),
        episode="episode",
    )
    closed = date_of(pl.col("closure_date"), as_at)
    status = (
        pl.when(closed.is_not_null())
        .then(pl.lit(codes.answer(6, "Case status", "e)")))
        .when(pl.col("child").is_in(looked_after["child"].implode()))
        .then(pl.lit(codes.answer(6, "Case status", "a)")))
        .when(pl.col("child").is_in(protected["child"].implode()))
        .then(pl.lit(codes.answer(6, "Case status", "b)")))
        .when(pl.col("episode").is_in(planned["episode"].implode()))
        .then(pl.lit(codes.answer(6, "Case status", "c)")))
        .when(pl.col("episode").is_in(assessing["episode"].implode()))
        .then(pl.lit(codes.answer(6, "Case status", "d)")))
        .otherwise(pl.lit(codes.answer(6, "Case status", "c)")))
    )
    frame = (
        child_columns(latest, 6, as_at)
        .join(last_seen, on="child", how="left")
        .with_columns(
            pl.col("referral_date").alias("CIN Start Date"),
            codes.coded(pl.col("primary_need"), 6, "Primary Need Code").alias("Primary Need Code"),
            pl.col("visited").alias("Date Child Was Last Seen"),
            closed.alias("CIN Closure Date"),
            pl.when(closed.is_not_null())
            .then(codes.coded(pl.col("reason"), 6, "Reason for Closure"))
            .otherwise(None)
            .alias("Reason for Closure"),
            status.alias("Case status"),
        )
    )
    frame = disability_column(frame, base, 6)
    frame = allocation_columns(frame, base, as_at)
    return finish(frame, annex.columns, "CIN Start Date")


def _latest_category(plans: pl.DataFrame, base: QuerySet[Any], as_at: dt.date) -> pl.DataFrame:
    """The category on the as-at day: the last change made by then; before any change, the
    category the first later change moved away from; with no changes, the stored latest."""
    changes = read(
        CPPlanCategoryChange.objects.filter(plan__in=base).order_by(),
        plan="plan",
        changed_on="changed_on",
        created_at="created_at",
        from_category="from_category",
        to_category="to_category",
    ).sort("plan", "changed_on", "created_at")
    known = (
        changes.filter(pl.col("changed_on") <= as_at)
        .group_by("plan", maintain_order=True)
        .agg(pl.col("to_category").last().alias("_known"))
    )
    later = (
        changes.filter(pl.col("changed_on") > as_at)
        .group_by("plan", maintain_order=True)
        .agg(pl.col("from_category").first().alias("_later"))
    )
    return (
        plans.join(known, on="plan", how="left")
        .join(later, on="plan", how="left")
        .with_columns(pl.coalesce("_known", "_later", "latest_category").alias("_category"))
    )


def child_protection(window: Window) -> pl.DataFrame:
    annex = BY_NUMBER[7]
    as_at = window.as_at
    base = CPPlan.objects.filter(
        Q(start_date__lte=as_at), Q(end_date__isnull=True) | Q(end_date__gte=window.start)
    )
    plans = read(
        base.order_by(),
        **CHILD_FIELDS,
        plan="id",
        start_date="start_date",
        end_date="end_date",
        initial_category="initial_category",
        latest_category="latest_category",
    )
    plans = _latest_category(plans, base, as_at)
    plan_spans = plans.select(
        "plan",
        "child",
        "start_date",
        pl.min_horizontal(pl.col("end_date"), pl.lit(as_at)).alias("_until"),
    )
    visits = read(
        Visit.objects.filter(
            child__in=base.values("child"), visit_type=VisitType.CP, visit_date__lte=as_at
        ).order_by(),
        child="child",
        visited="visit_date",
        alone="seen_alone",
    )
    last_visit = (
        plan_spans.join(visits, on="child")
        .filter(pl.col("visited").is_between(pl.col("start_date"), pl.col("_until")))
        .sort("visited")
        .group_by("plan", maintain_order=True)
        .agg(pl.col("visited").last(), pl.col("alone").last())
    )
    reviews = (
        read(
            Conference.objects.filter(
                plan__in=base,
                conference_type=ConferenceType.REVIEW,
                cancelled_on__isnull=True,
                held_on__lte=as_at,
            ).order_by(),
            plan="plan",
            reviewed="held_on",
        )
        .group_by("plan")
        .agg(pl.col("reviewed").max())
    )
    protection = _children_with(
        LookedAfterEpisode.objects.filter(
            Q(legal_status__in=EMERGENCY_PROTECTION),
            Q(started_on__lte=as_at),
            Q(ended_on__isnull=True) | Q(ended_on__gte=window.start),
        ),
        base,
    )
    earlier = read(
        CPPlan.objects.filter(child__in=base.values("child"), start_date__lte=as_at).order_by(),
        child="child",
        earlier_start="start_date",
    )
    previous = (
        plan_spans.join(earlier, on="child")
        .filter(pl.col("earlier_start") < pl.col("start_date"))
        .group_by("plan")
        .agg(pl.len().cast(pl.Int64).alias("Number of Previous Child Protection Plans"))
    )
    category = "Initial Category of Abuse"
    frame = (
        child_columns(plans, 7, as_at)
        .join(last_visit, on="plan", how="left")
        .join(reviews, on="plan", how="left")
        .join(previous, on="plan", how="left")
        .with_columns(
            pl.col("start_date").alias("Child Protection Plan Start Date"),
            codes.coded(pl.col("initial_category"), 7, category, codes.CATEGORY_OF_ABUSE).alias(
                category
            ),
            codes.coded(
                pl.col("_category"), 7, "Latest Category of Abuse", codes.CATEGORY_OF_ABUSE
            ).alias("Latest Category of Abuse"),
            pl.col("visited").alias("Date of the Last Statutory Visit"),
            codes.yes_no(pl.col("alone"), 7, "Was the Child Seen Alone?").alias(
                "Was the Child Seen Alone?"
            ),
            pl.col("reviewed").alias("Date of latest review conference"),
            date_of(pl.col("end_date"), as_at).alias("Child Protection Plan End Date"),
            codes.yes_no(pl.col("child").is_in(protection["child"].implode()), 7, EMERGENCY).alias(
                EMERGENCY
            ),
            pl.col("Number of Previous Child Protection Plans").fill_null(0),
        )
    )
    frame = disability_column(frame, base, 7)
    frame = allocation_columns(frame, base, as_at)
    return finish(frame, annex.columns, "Child Protection Plan Start Date")
