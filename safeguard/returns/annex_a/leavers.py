"""List 9: care leavers on the as-at day, from their care history and latest contact.

Eligibility follows the Children (Leaving Care) Act 2000 as the SSDA903 does: looked after
for 13 weeks (91 days) since the 14th birthday, some of it at 16 or over, outside agreed
short breaks (V3, V4). A young person no longer in care is then a relevant child (16-17)
or former relevant (18 or over); one looked after at 16 or over without the 13 weeks is a
qualifying care leaver. Young people still in care are in List 8, not here (the map has no
"eligible child" answer). Ofsted lists care leavers to 21, and to 25 when still supported:
those 21 or over appear when they had a care leaver contact or pathway plan review in the
12 months.
Blank columns: none beyond what is unrecorded ("0", not known, activity or accommodation).
"""

from __future__ import annotations

import datetime as dt

import polars as pl
from dateutil.relativedelta import relativedelta
from django.db.models import Q

from safeguard.care.models import (
    SHORT_BREAK_LEGAL_STATUSES,
    CareLeaverContact,
    LookedAfterEpisode,
    PathwayPlanReview,
)
from safeguard.performance.frames import read
from safeguard.returns.annex_a import codes
from safeguard.returns.annex_a.common import (
    CHILD_FIELDS,
    age_on,
    allocation_columns,
    child_columns,
    disability_column,
    finish,
)
from safeguard.returns.annex_a.layout import BY_NUMBER, Window

THIRTEEN_WEEKS = 91
UASC = "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)"
ELIGIBILITY = "Eligibity Category"


def _eligibility(episodes: pl.DataFrame, as_at: dt.date) -> pl.DataFrame:
    """Per young person: the Act's category on the as-at day, or none."""
    until = pl.min_horizontal(pl.coalesce("ended_on", pl.lit(as_at)), pl.lit(as_at))
    from_14 = pl.max_horizontal("started_on", pl.col("dob").dt.offset_by("14y"))
    at_16 = pl.col("dob").dt.offset_by("16y")
    history = episodes.group_by("child").agg(
        (until - from_14).dt.total_days().clip(lower_bound=0).sum().alias("_days"),
        (until >= at_16).any().alias("_at_16"),
        (pl.col("ended_on").is_null() | (pl.col("ended_on") > as_at)).any().alias("_in_care"),
    )
    age = pl.col("_age")
    eligible = pl.col("_days") >= THIRTEEN_WEEKS
    category = (
        pl.when(pl.col("_in_care") | ~pl.col("_at_16"))
        .then(None)
        .when(eligible & (age < 18))
        .then(pl.lit(codes.answer(9, ELIGIBILITY, "a)")))
        .when(eligible)
        .then(pl.lit(codes.answer(9, ELIGIBILITY, "b)")))
        .otherwise(pl.lit(codes.answer(9, ELIGIBILITY, "c)")))
    )
    ages = episodes.select("child", age_on(pl.col("dob"), as_at).alias("_age")).unique("child")
    return history.join(ages, on="child").with_columns(category.alias(ELIGIBILITY))


def _advisers(day_field: str) -> dict[str, str]:
    return {
        "child": "child",
        "day": day_field,
        "first_name": "personal_adviser__first_name",
        "last_name": "personal_adviser__last_name",
    }


def care_leavers(window: Window) -> pl.DataFrame:
    annex = BY_NUMBER[9]
    as_at = window.as_at
    year = window.year()
    base = LookedAfterEpisode.objects.filter(
        Q(started_on__lte=as_at),
        child__date_of_birth__lte=as_at - relativedelta(years=16),
        child__date_of_birth__gt=as_at - relativedelta(years=26),
    ).exclude(legal_status__in=SHORT_BREAK_LEGAL_STATUSES)
    episodes = read(
        base.order_by(),
        **CHILD_FIELDS,
        started_on="started_on",
        ended_on="ended_on",
        is_uasc="child__is_uasc",
    )
    leavers = _eligibility(episodes, as_at).filter(pl.col(ELIGIBILITY).is_not_null())
    contacts = read(
        CareLeaverContact.objects.filter(
            child__in=base.values("child"), contact_on__lte=as_at
        ).order_by(),
        **_advisers("contact_on"),
        in_touch="in_touch",
        activity="activity",
        accommodation="accommodation",
    )
    reviews = read(
        PathwayPlanReview.objects.filter(
            child__in=base.values("child"), reviewed_on__lte=as_at
        ).order_by(),
        **_advisers("reviewed_on"),
    )
    adviser = pl.concat_str(["first_name", "last_name"], separator=" ")
    latest_contact = (
        contacts.sort("day")
        .group_by("child", maintain_order=True)
        .last()
        .with_columns(adviser.alias("_contact_adviser"))
    )
    latest_review = (
        reviews.sort("day")
        .group_by("child", maintain_order=True)
        .last()
        .select("child", pl.col("day").alias("_reviewed"), adviser.alias("_review_adviser"))
    )
    supported = pl.concat([contacts.select("child", "day"), reviews.select("child", "day")])
    recently = supported.filter(pl.col("day") >= year.start).select("child").unique()
    people = episodes.unique("child").select(
        "child", "la_child_id", "gender", "ethnicity", "dob", "is_uasc"
    )
    accommodation = pl.col("accommodation")
    letter = pl.when(accommodation != "0").then(accommodation.str.slice(0, 1)).otherwise(None)
    suitability = accommodation.str.slice(1, 1)
    frame = (
        leavers.filter((pl.col("_age") < 21) | pl.col("child").is_in(recently["child"].implode()))
        .join(people, on="child")
        .join(latest_contact, on="child", how="left")
        .join(latest_review, on="child", how="left")
    )
    frame = child_columns(frame, 9, as_at).with_columns(
        # The map gives no answers for this column: the list's other yes/no answers.
        codes.yes_no(pl.col("is_uasc"), 9, "Does the Child have a Disability").alias(UASC),
        pl.coalesce("_contact_adviser", "_review_adviser").alias("Allocated Personal Advisor"),
        pl.col("_reviewed").alias("Latest Pathway Plan Review Date"),
        codes.coded(pl.col("in_touch"), 9, "LA in Touch", codes.IN_TOUCH).alias("LA in Touch"),
        pl.col("day").alias("Latest Date of Contact"),
        codes.coded(letter, 9, "Type of accommodation").alias("Type of accommodation"),
        pl.when(letter.is_null())
        .then(None)
        .when(suitability == "1")
        .then(pl.lit(codes.answer(9, "Suitability of Accomodation", "a)")))
        .when(suitability == "2")
        .then(pl.lit(codes.answer(9, "Suitability of Accomodation", "b)")))
        .otherwise(None)
        .alias("Suitability of Accomodation"),
        codes.coded(pl.col("activity"), 9, "Activity Status").alias("Activity Status"),
    )
    frame = disability_column(frame, base, 9)
    frame = allocation_columns(frame, base, as_at)
    return finish(frame, annex.columns, "Date of Birth")
