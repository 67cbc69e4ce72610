"""Set-based reads of the records the CIN census is built from: a dozen queries a year.

``protection.selectors.cin_details`` answers one episode at a time, which at 25,000
children means hundreds of thousands of queries; these read each table once for the
whole collection year, joined on the same "episode open in the year" condition so no
query carries a list of ids. Rows come back as plain dicts of the stored values; deciding
what the census shows as at the reference date is the export's job.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import CharField, Q
from django.db.models.functions import Cast

from safeguard.assessment.models import Assessment, AssessmentFactor
from safeguard.cin.models import CINEpisode, CINPlan
from safeguard.people.models import Disability, Person
from safeguard.protection.models import (
    INITIAL_CONFERENCE_TYPES,
    Conference,
    ConferenceType,
    CPPlan,
    CPPlanCategoryChange,
    Section47Enquiry,
)

Row = dict[str, Any]


def _text(field: str) -> Cast:
    """A key column as text: converting 200,000 UUIDs in Python would cost seconds."""
    return Cast(field, output_field=CharField())


def _rows(values: Iterable[Any]) -> list[Row]:
    return list(values)


def open_in_year(start: dt.date, end: dt.date, prefix: str = "") -> Q:
    """A CIN episode open at any point from ``start`` to ``end`` (the census population)."""
    return Q(**{f"{prefix}referral_date__lte": end}) & (
        Q(**{f"{prefix}closure_date__isnull": True}) | Q(**{f"{prefix}closure_date__gte": start})
    )


def _episodes(start: dt.date, end: dt.date) -> Any:
    return CINEpisode.objects.filter(open_in_year(start, end))


def children(start: dt.date, end: dt.date) -> list[Row]:
    ids = _episodes(start, end).values("child_id")
    return _rows(
        Person.objects.filter(pk__in=ids)
        .order_by()
        .values(
            "la_child_id",
            "upn",
            "former_upn",
            "upn_unknown_reason",
            "date_of_birth",
            "expected_date_of_birth",
            "gender",
            "date_of_death",
            "ethnicity",
            key=_text("id"),
        )
    )


def disabilities(start: dt.date, end: dt.date) -> list[Row]:
    ids = _episodes(start, end).values("child_id")
    return _rows(
        Disability.objects.filter(person_id__in=ids)
        .order_by()
        .values("code", person_key=_text("person_id"))
    )


def episodes(start: dt.date, end: dt.date) -> list[Row]:
    return _rows(
        _episodes(start, end)
        .order_by()
        .values(
            "referral_date",
            "referral_source",
            "primary_need",
            "closure_date",
            "reason_for_closure",
            "referral_nfa",
            key=_text("id"),
            child_key=_text("child_id"),
        )
    )


def assessments(start: dt.date, end: dt.date) -> list[Row]:
    return _rows(
        Assessment.objects.filter(open_in_year(start, end, "episode__"))
        .order_by()
        .values(
            "start_date",
            "internal_review_date",
            "authorised_on",
            key=_text("id"),
            episode_key=_text("episode_id"),
        )
    )


def assessment_factors(start: dt.date, end: dt.date) -> list[Row]:
    return _rows(
        AssessmentFactor.objects.filter(open_in_year(start, end, "assessment__episode__"))
        .order_by()
        .values("code", assessment_key=_text("assessment_id"))
    )


def cin_plans(start: dt.date, end: dt.date) -> list[Row]:
    return _rows(
        CINPlan.objects.filter(open_in_year(start, end, "episode__"))
        .order_by()
        .values("start_date", "end_date", episode_key=_text("episode_id"))
    )


def section47s(start: dt.date, end: dt.date) -> list[Row]:
    return _rows(
        Section47Enquiry.objects.filter(open_in_year(start, end, "episode__"))
        .order_by()
        .values(
            "start_date",
            "outcome_date",
            "icpc_not_required",
            "strategy_discussion__held_on",
            key=_text("id"),
            episode_key=_text("episode_id"),
        )
    )


def initial_conferences(start: dt.date, end: dt.date) -> list[Row]:
    """Initial-type conferences held (not cancelled) in the year's episodes."""
    return _rows(
        Conference.objects.filter(
            open_in_year(start, end, "episode__"),
            conference_type__in=INITIAL_CONFERENCE_TYPES,
            held_on__isnull=False,
            cancelled_on__isnull=True,
        )
        .order_by()
        .values("held_on", episode_key=_text("episode_id"), section47_key=_text("section47_id"))
    )


def cp_plans(start: dt.date, end: dt.date) -> list[Row]:
    return _rows(
        CPPlan.objects.filter(open_in_year(start, end, "episode__"))
        .order_by()
        .values(
            "start_date",
            "end_date",
            "initial_category",
            "latest_category",
            key=_text("id"),
            episode_key=_text("episode_id"),
            child_key=_text("child_id"),
        )
    )


def cp_plan_starts(start: dt.date, end: dt.date) -> list[Row]:
    """Every CP plan start of the year's children, any episode (NumberOfPreviousCPP)."""
    ids = _episodes(start, end).values("child_id")
    return _rows(
        CPPlan.objects.filter(child_id__in=ids)
        .order_by()
        .values("start_date", child_key=_text("child_id"))
    )


def category_changes(start: dt.date, end: dt.date) -> list[Row]:
    return _rows(
        CPPlanCategoryChange.objects.filter(open_in_year(start, end, "plan__episode__"))
        .order_by()
        .values("changed_on", "from_category", "to_category", plan_key=_text("plan_id"))
    )


def review_conferences(start: dt.date, end: dt.date) -> list[Row]:
    """Review conferences held (not cancelled) about the year's CP plans."""
    return _rows(
        Conference.objects.filter(
            open_in_year(start, end, "plan__episode__"),
            conference_type=ConferenceType.REVIEW,
            held_on__isnull=False,
            cancelled_on__isnull=True,
        )
        .order_by()
        .values("held_on", plan_key=_text("plan_id"))
    )
