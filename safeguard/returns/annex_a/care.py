"""List 8: children looked after at any time in the six months (one row per child, their
latest period of care), as things stood on the as-at day.

Blank column: "Date of Last IRO Visit / Contact to the Child": the records hold the
reviews an IRO chairs, not the IRO's visits or contacts between them.
Derived columns: "Start date of current legal status" and "Start Date of Most Recent
Placement" are the first day of the run of episodes with the same legal status (or the
same placement: episodes that changed only the legal status, RNE L); "Number of Placements
in the Last 12 months" counts the placements in force on any day of those months; "Placement
Location" compares the placement's local authority with ours; "LA of Placement" is the
stored code of the authority the placement is in.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
from django.conf import settings
from django.db.models import Max, Q, QuerySet

from safeguard.care.models import (
    HEALTH_ASSESSMENT_KINDS,
    HealthAssessment,
    HealthAssessmentKind,
    LookedAfterEpisode,
    LookedAfterReview,
    PeriodOfCare,
    PermanenceOption,
    PermanencePlan,
)
from safeguard.cin.models import Visit, VisitType
from safeguard.exploitation.models import MissingEpisode, ReturnHomeInterview
from safeguard.performance.frames import read
from safeguard.returns.annex_a import codes
from safeguard.returns.annex_a.common import (
    CHILD_FIELDS,
    allocation_columns,
    child_columns,
    date_of,
    disability_column,
    finish,
    local_midnight,
)
from safeguard.returns.annex_a.layout import BY_NUMBER, Window

#: Our permanence options → the letters of Ofsted's permanence plan answers.
PERMANENCE = {
    PermanenceOption.RETURN_HOME: "a)",
    PermanenceOption.ADOPTION: "b)",
    PermanenceOption.SGO_CAO: "c)",
    PermanenceOption.INDEPENDENCE: "d)",
    PermanenceOption.RESIDENTIAL: "e)",
    PermanenceOption.LONG_TERM_FOSTER: "f)",
}
#: Placements outside England, which Ofsted asks for by these codes.
OUTSIDE_ENGLAND = ("NIR", "WAL", "SCO", "NUK", "CON")
UASC = "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)"
SECOND = (
    "Is this a second or subsequent period of being a Looked After Child within the last "
    "12 months (Y/N)"
)
MISSING = (
    "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months"
)
ABSENT = "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months"
OFFERED = "Was the child offered a Return Interview after their last missing episode (Y/N)?"
ACCEPTED = "Did the child accept a Return Interview after their last missing episode (Y/N)?"


def _latest_per(frame: pl.DataFrame, key: str, order: str, *columns: str) -> pl.DataFrame:
    return frame.sort(order).group_by(key, maintain_order=True).agg(pl.col(*columns).last())


def _episode_runs(episodes: pl.DataFrame) -> pl.DataFrame:
    """Per period, the start of the latest legal status and of the latest placement."""
    ordered = episodes.sort("period", "started_on").with_columns(
        (pl.col("legal_status") != pl.col("legal_status").shift(1).over("period"))
        .fill_null(True)
        .alias("_new_status"),
        (pl.col("rne") != "L").alias("_new_placement"),
    )
    return ordered.group_by("period").agg(
        pl.col("started_on").filter(pl.col("_new_status")).max().alias("_status_from"),
        pl.col("started_on").filter(pl.col("_new_placement")).max().alias("_placed_from"),
    )


def _placements_in(episodes: pl.DataFrame, year: Window) -> pl.DataFrame:
    """Per child, the placements in force on any day of the 12 months."""
    runs = episodes.sort("child", "started_on").with_columns(
        (pl.col("rne") != "L").cast(pl.Int64).cum_sum().over("child").alias("_placement")
    )
    overlapping = runs.filter(pl.col("ended_on").is_null() | (pl.col("ended_on") >= year.start))
    return overlapping.group_by("child").agg(
        pl.col("_placement")
        .n_unique()
        .cast(pl.Int64)
        .alias("Number of Placements in the Last 12 months")
    )


def _missing(base: QuerySet[Any], year: Window) -> pl.DataFrame:
    """Per child: missing and absent episodes from placement in the 12 months, and the
    return interview after the last missing one."""
    start = local_midnight(year.start)
    end = local_midnight(year.as_at + dt.timedelta(days=1))
    episodes = MissingEpisode.objects.filter(
        child__in=base.values("child"),
        looked_after_episode__isnull=False,
        started_at__gte=start,
        started_at__lt=end,
    )
    rows = read(
        episodes.order_by(), child="child", missing="id", kind="missing_type", started="started_at"
    )
    interviews = read(
        ReturnHomeInterview.objects.filter(
            missing_episode__in=episodes, offered_at__lt=end
        ).order_by(),
        missing="missing_episode",
        accepted="accepted",
    ).with_columns(pl.lit(True).alias("_offered"))
    counts = rows.group_by("child").agg(
        (pl.col("kind") == "M").sum().cast(pl.Int64).alias(MISSING),
        (pl.col("kind") == "A").sum().cast(pl.Int64).alias(ABSENT),
    )
    last = (
        rows.filter(pl.col("kind") == "M")
        .sort("started")
        .group_by("child", maintain_order=True)
        .last()
        .join(interviews, on="missing", how="left")
        .select(
            "child",
            codes.yes_no(pl.col("_offered").fill_null(False), 8, OFFERED).alias(OFFERED),
            pl.when(pl.col("_offered").fill_null(False))
            .then(codes.yes_no(pl.col("accepted"), 8, ACCEPTED, unknown=True))
            .otherwise(None)
            .alias(ACCEPTED),
        )
    )
    return counts.join(last, on="child", how="left")


def children_in_care(window: Window) -> pl.DataFrame:
    annex = BY_NUMBER[8]
    as_at = window.as_at
    year = window.year()
    base = PeriodOfCare.objects.filter(
        Q(started_on__lte=as_at), Q(ended_on__isnull=True) | Q(ended_on__gte=window.start)
    )
    periods = read(
        base.order_by(),
        **CHILD_FIELDS,
        period="id",
        period_start="started_on",
        period_end="ended_on",
        is_uasc="child__is_uasc",
        uasc_ceased="child__uasc_ceased_on",
    )
    periods = periods.sort("period_start").group_by("child", maintain_order=True).last()
    children = base.values("child")
    all_periods = read(
        PeriodOfCare.objects.filter(child__in=children, started_on__lte=as_at).order_by(),
        child="child",
        other_start="started_on",
        other_end="ended_on",
    )
    episodes = read(
        LookedAfterEpisode.objects.filter(child__in=children, started_on__lte=as_at).order_by(),
        child="child",
        period="period",
        started_on="started_on",
        ended_on="ended_on",
        rne="reason_new_episode",
        legal_status="legal_status",
        need="category_of_need",
        place="placement_type",
        provider="placement_provider",
        postcode="placement_postcode",
        urn="urn",
        la="placement_la_code",
        rec="reason_ceased",
    )
    latest_episode = _latest_per(
        episodes,
        "period",
        "started_on",
        "legal_status",
        "need",
        "place",
        "provider",
        "postcode",
        "urn",
        "la",
        "rec",
    )
    reviews = (
        read(
            LookedAfterReview.objects.filter(period__in=base, held_on__lte=as_at).order_by(),
            period="period",
            reviewed="held_on",
        )
        .group_by("period")
        .agg(pl.col("reviewed").max())
    )
    plans = _latest_per(
        read(
            PermanencePlan.objects.filter(period__in=base, decided_on__lte=as_at).order_by(),
            period="period",
            decided_on="decided_on",
            option="option",
        ),
        "period",
        "decided_on",
        "option",
    )
    visits = read(
        Visit.objects.filter(
            child__in=children, visit_type=VisitType.LOOKED_AFTER, visit_date__lte=as_at
        )
        .order_by()
        .values("child")
        .annotate(last=Max("visit_date")),
        child="child",
        visited="last",
    )
    health = (
        read(
            HealthAssessment.objects.filter(
                child__in=children,
                assessed_on__lte=as_at,
                kind__in=[*HEALTH_ASSESSMENT_KINDS, HealthAssessmentKind.DENTAL],
            ).order_by(),
            child="child",
            kind="kind",
            assessed_on="assessed_on",
        )
        .group_by("child")
        .agg(
            pl.col("assessed_on")
            .filter(pl.col("kind") != HealthAssessmentKind.DENTAL)
            .max()
            .alias("_health"),
            pl.col("assessed_on")
            .filter(pl.col("kind") == HealthAssessmentKind.DENTAL)
            .max()
            .alias("_dental"),
        )
    )
    second = (
        periods.select("child", "period_start")
        .join(all_periods, on="child")
        .filter(
            (pl.col("other_start") < pl.col("period_start")) & (pl.col("other_end") >= year.start)
        )
        .select("child")
        .unique()
        .with_columns(pl.lit(True).alias("_second"))
    )
    permanence = {
        str(option): codes.answer(8, "What is the permanence plan for this child?", letter)
        for option, letter in PERMANENCE.items()
    }
    outside = codes.translation(8, "LA of Placement")
    ended = date_of(pl.col("period_end"), as_at)
    la = pl.col("la")
    frame = (
        child_columns(periods, 8, as_at)
        .join(latest_episode, on="period", how="left")
        .join(_episode_runs(episodes), on="period", how="left")
        .join(_placements_in(episodes, year), on="child", how="left")
        .join(reviews, on="period", how="left")
        .join(plans, on="period", how="left")
        .join(visits, on="child", how="left")
        .join(health, on="child", how="left")
        .join(second, on="child", how="left")
        .join(_missing(base, year), on="child", how="left")
        .with_columns(
            codes.yes_no(
                pl.col("is_uasc")
                & (pl.col("uasc_ceased").is_null() | (pl.col("uasc_ceased") >= year.start)),
                8,
                UASC,
            ).alias(UASC),
            pl.col("period_start").alias("Date Started to be Looked After"),
            codes.coded(pl.col("need"), 8, "Child's Category of Need").alias(
                "Child's Category of Need"
            ),
            codes.yes_no(pl.col("_second").fill_null(False), 8, SECOND).alias(SECOND),
            pl.col("_status_from").alias("Start date of current legal status"),
            codes.coded(pl.col("legal_status"), 8, "Child's Legal Status").alias(
                "Child's Legal Status"
            ),
            pl.col("reviewed").alias("Date of Latest Statutory Review"),
            pl.col("visited").alias("Date of Last Social Work Visit"),
            pl.col("option")
            .replace_strict(permanence, default=None, return_dtype=pl.Utf8)
            .alias("What is the permanence plan for this child?"),
            pl.lit(None, dtype=pl.Date).alias("Date of Last IRO Visit / Contact to the Child"),
            pl.col("_health").alias("Date of Last Health Assessment"),
            pl.col("_dental").alias("Date of Last Dental Check"),
            pl.col("Number of Placements in the Last 12 months").fill_null(0),
            ended.alias("Date Ceased to be Looked After"),
            pl.when(ended.is_not_null())
            .then(codes.coded(pl.col("rec"), 8, "Reason Ceased to be Looked After"))
            .otherwise(None)
            .alias("Reason Ceased to be Looked After"),
            pl.col("_placed_from").alias("Start Date of Most Recent Placement"),
            codes.coded(pl.col("place"), 8, "Placement Type").alias("Placement Type"),
            codes.coded(pl.col("provider"), 8, "Placement Provider").alias("Placement Provider"),
            pl.col("postcode").replace("", None).alias("Placement postcode"),
            pl.col("urn").replace("", None).alias("URN of Placement"),
            pl.when(la.is_null() | (la == ""))
            .then(None)
            .when(la == settings.SAFEGUARD_LA_CODE)
            .then(pl.lit(codes.answer(8, "Placement Location", "In")))
            .otherwise(pl.lit(codes.answer(8, "Placement Location", "Out")))
            .alias("Placement Location"),
            pl.when(la.is_in(list(OUTSIDE_ENGLAND)))
            .then(la.replace_strict(outside, default=None, return_dtype=pl.Utf8))
            .otherwise(la.replace("", None))
            .alias("LA of Placement"),
            pl.col(MISSING).fill_null(0),
            pl.col(ABSENT).fill_null(0),
        )
    )
    frame = disability_column(frame, base, 8)
    frame = allocation_columns(frame, base, as_at)
    return finish(frame, annex.columns, "Date Started to be Looked After")
