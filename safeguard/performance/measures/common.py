"""Frames most measures share: the children and the main records of their journey."""

from __future__ import annotations

import datetime as dt

import polars as pl
from django.db.models import QuerySet

from safeguard.assessment.models import Assessment, AssessmentFactor
from safeguard.care.models import (
    CareLeaverContact,
    HealthAssessment,
    LookedAfterEpisode,
    LookedAfterReview,
    PeriodOfCare,
)
from safeguard.cin.models import CINEpisode, CINPlan, CINPlanReview, Visit
from safeguard.earlyhelp.models import EarlyHelpEpisode, TeamAroundFamilyPlan
from safeguard.exploitation.models import MissingEpisode, ReturnHomeInterview
from safeguard.frontdoor.models import Contact, ContactChild, MashDecision
from safeguard.people.models import Disability, Person, PopulationEstimate
from safeguard.performance.frames import frame, read, since_filter
from safeguard.performance.registry import NOT_RECORDED
from safeguard.protection.models import (
    Conference,
    ConferenceAttendance,
    ConferenceInvitation,
    CPPlan,
    Section47Enquiry,
    StrategyDiscussion,
)
from safeguard.workforce.models import Allocation, Worker


def child_details(people: QuerySet[Person]) -> pl.DataFrame:
    """The children in ``people`` with what reports break figures down by. Disability has
    three states (a DfE code other than NONE / NONE recorded / nothing recorded)."""
    found = read(
        people, "date_of_birth", "expected_date_of_birth", "gender", "ethnicity", child_id="id"
    )
    codes = read(
        Disability.objects.filter(person__in=people.values("pk")), "code", child_id="person"
    )
    states = codes.group_by("child_id").agg(
        disabled=(pl.col("code") != "NONE").any(), recorded=pl.len() > 0
    )
    return (
        found.join(states, on="child_id", how="left")
        .with_columns(
            disability=pl.when(pl.col("disabled"))
            .then(pl.lit("Disability recorded"))
            .when(pl.col("recorded"))
            .then(pl.lit("No disability"))
            .otherwise(pl.lit(NOT_RECORDED)),
            disabled=pl.col("disabled").fill_null(False),
        )
        .drop("recorded")
    )


@frame("children")
def children(since: dt.date | None) -> pl.DataFrame:
    """Every child. Measures whose cohort is narrower join one of the frames below: a
    scorecard then reads a few thousand children, not the whole population of them."""
    return child_details(Person.objects.filter(kind="child"))


@frame("care_children")
def care_children(since: dt.date | None) -> pl.DataFrame:
    """Children ever looked after."""
    return child_details(Person.objects.filter(pk__in=PeriodOfCare.objects.values("child")))


@frame("plan_children")
def plan_children(since: dt.date | None) -> pl.DataFrame:
    """Children ever on a child protection plan."""
    return child_details(Person.objects.filter(pk__in=CPPlan.objects.values("child")))


@frame("conferenced_children")
def conferenced_children(since: dt.date | None) -> pl.DataFrame:
    """Children with a conference in the run's window."""
    held = since_filter(Conference.objects.all(), since, on="scheduled_for")
    return child_details(Person.objects.filter(pk__in=held.values("child")))


@frame("population")
def population(since: dt.date | None) -> pl.DataFrame:
    return read(PopulationEstimate.objects.all(), "year", "age", "count")


@frame("contacts")
def contacts(since: dt.date | None) -> pl.DataFrame:
    return read(
        since_filter(Contact.objects.all(), since, on="received_at"),
        "source",
        "channel",
        "ppn_rating",
        "outcome",
        contact_id="id",
        received_at="received_at",
    ).with_columns(received_on=pl.col("received_at").dt.date())


@frame("contact_children")
def contact_children(since: dt.date | None) -> pl.DataFrame:
    return read(
        since_filter(ContactChild.objects.all(), since, on="contact__received_at"),
        contact_id="contact",
        child_id="child",
    )


@frame("mash_decisions")
def mash_decisions(since: dt.date | None) -> pl.DataFrame:
    return read(
        since_filter(MashDecision.objects.all(), since, on="decided_at"),
        "outcome",
        child_id="child",
        decided_at="decided_at",
        contact_id="triage__contact",
    ).with_columns(decided_on=pl.col("decided_at").dt.date())


@frame("referrals")
def referrals(since: dt.date | None) -> pl.DataFrame:
    """CIN episodes: one per referral accepted by children's social care."""
    return read(
        since_filter(CINEpisode.objects.all(), since, on="referral_date", until="closure_date"),
        "referral_date",
        "referral_source",
        "primary_need",
        "referral_nfa",
        "closure_date",
        "reason_for_closure",
        "is_re_referral",
        episode_id="id",
        child_id="child",
    )


@frame("early_help")
def early_help(since: dt.date | None) -> pl.DataFrame:
    return read(
        since_filter(EarlyHelpEpisode.objects.all(), since, on="requested_on", until="closed_on"),
        "requested_on",
        "request_source",
        "assessment_started_on",
        "assessment_completed_on",
        "closed_on",
        "closure_reason",
        episode_id="id",
        child_id="child",
    )


@frame("taf_plans")
def taf_plans(since: dt.date | None) -> pl.DataFrame:
    return read(
        TeamAroundFamilyPlan.objects.all(),
        "started_on",
        plan_id="id",
        child_id="episode__child",
    )


@frame("assessments")
def assessments(since: dt.date | None) -> pl.DataFrame:
    return read(
        since_filter(Assessment.objects.all(), since, on="start_date", until="authorised_on"),
        "start_date",
        "authorised_on",
        "child_seen",
        "seen_alone",
        "outcome",
        assessment_id="id",
        child_id="episode__child",
        episode_id="episode",
        worker_id="worker",
    )


@frame("assessment_factors")
def assessment_factors(since: dt.date | None) -> pl.DataFrame:
    return read(
        since_filter(
            AssessmentFactor.objects.all(),
            since,
            on="assessment__start_date",
            until="assessment__authorised_on",
        ),
        "code",
        assessment_id="assessment",
        child_id="assessment__episode__child",
    )


@frame("cin_plans")
def cin_plans(since: dt.date | None) -> pl.DataFrame:
    return read(
        since_filter(CINPlan.objects.all(), since, on="start_date", until="end_date"),
        "start_date",
        "end_date",
        "end_reason",
        plan_id="id",
        child_id="episode__child",
    )


@frame("cin_plan_reviews")
def cin_plan_reviews(since: dt.date | None) -> pl.DataFrame:
    return read(
        since_filter(CINPlanReview.objects.all(), since, on="held_on"),
        "held_on",
        plan_id="plan",
        child_id="plan__episode__child",
    )


@frame("visits")
def visits(since: dt.date | None) -> pl.DataFrame:
    """The largest table a scorecard reads: only the columns the measures use."""
    return read(
        since_filter(Visit.objects.all(), since, on="visit_date"),
        "visit_date",
        "visit_type",
        "child_seen",
        "seen_alone",
        child_id="child",
    )


@frame("strategy_discussions")
def strategy_discussions(since: dt.date | None) -> pl.DataFrame:
    return read(
        since_filter(StrategyDiscussion.objects.all(), since, on="held_on"),
        "held_on",
        "s47_initiated",
        child_id="episode__child",
        episode_id="episode",
    )


@frame("section47")
def section47(since: dt.date | None) -> pl.DataFrame:
    return read(
        since_filter(Section47Enquiry.objects.all(), since, on="start_date"),
        "start_date",
        "outcome",
        "outcome_date",
        "conference_requested_on",
        "icpc_not_required",
        enquiry_id="id",
        child_id="episode__child",
        strategy_id="strategy_discussion",
        strategy_on="strategy_discussion__held_on",
    )


@frame("conferences")
def conferences(since: dt.date | None) -> pl.DataFrame:
    return read(
        since_filter(Conference.objects.all(), since, on="scheduled_for"),
        "conference_type",
        "scheduled_for",
        "held_on",
        "quorate",
        "advocacy_offered",
        "advocacy_accepted",
        "outcome",
        "category",
        "cancelled_on",
        "group_reference",
        conference_id="id",
        child_id="child",
        enquiry_id="section47",
        plan_id="plan",
    )


@frame("conference_invitations")
def conference_invitations(since: dt.date | None) -> pl.DataFrame:
    return read(
        since_filter(ConferenceInvitation.objects.all(), since, on="conference__scheduled_for"),
        "agency",
        "invited_on",
        conference_id="conference",
    )


@frame("conference_attendance")
def conference_attendance(since: dt.date | None) -> pl.DataFrame:
    return read(
        since_filter(ConferenceAttendance.objects.all(), since, on="conference__scheduled_for"),
        "agency",
        "status",
        conference_id="conference",
    )


@frame("cp_plans")
def cp_plans(since: dt.date | None) -> pl.DataFrame:
    return read(
        CPPlan.objects.all(),
        "start_date",
        "end_date",
        "initial_category",
        "latest_category",
        "end_reason",
        "visit_frequency_weeks",
        plan_id="id",
        child_id="child",
    )


@frame("periods_of_care")
def periods_of_care(since: dt.date | None) -> pl.DataFrame:
    return read(
        PeriodOfCare.objects.all(), "started_on", "ended_on", period_id="id", child_id="child"
    )


@frame("care_episodes")
def care_episodes(since: dt.date | None) -> pl.DataFrame:
    return read(
        LookedAfterEpisode.objects.all(),
        "started_on",
        "ended_on",
        "reason_new_episode",
        "legal_status",
        "category_of_need",
        "placement_type",
        "placement_provider",
        "reason_ceased",
        "reason_placement_change",
        "is_registered",
        "distance_miles",
        "placement_la_code",
        episode_id="id",
        child_id="child",
        period_id="period",
    )


@frame("care_reviews")
def care_reviews(since: dt.date | None) -> pl.DataFrame:
    return read(
        since_filter(LookedAfterReview.objects.all(), since, on="held_on"),
        "held_on",
        "participation",
        child_id="child",
        period_id="period",
    )


@frame("health_assessments")
def health_assessments(since: dt.date | None) -> pl.DataFrame:
    return read(
        since_filter(HealthAssessment.objects.all(), since, on="assessed_on"),
        "kind",
        "assessed_on",
        assessment_id="id",
        child_id="child",
        period_id="period",
    )


@frame("care_leaver_contacts")
def care_leaver_contacts(since: dt.date | None) -> pl.DataFrame:
    return read(
        since_filter(CareLeaverContact.objects.all(), since, on="contact_on"),
        "contact_on",
        "in_touch",
        "activity",
        "accommodation",
        contact_id="id",
        child_id="child",
    )


@frame("missing_episodes")
def missing_episodes(since: dt.date | None) -> pl.DataFrame:
    return read(
        MissingEpisode.objects.all(),
        "missing_type",
        "started_at",
        "ended_at",
        "return_notification_received_at",
        episode_id="id",
        child_id="child",
        care_episode_id="looked_after_episode",
    ).with_columns(started_on=pl.col("started_at").dt.date(), ended_on=pl.col("ended_at").dt.date())


@frame("return_interviews")
def return_interviews(since: dt.date | None) -> pl.DataFrame:
    return read(
        ReturnHomeInterview.objects.all(),
        "offered_at",
        "accepted",
        "held_at",
        episode_id="missing_episode",
        child_id="missing_episode__child",
    )


@frame("workers")
def workers(since: dt.date | None) -> pl.DataFrame:
    return read(
        Worker.objects.all(),
        "role",
        "is_agency",
        "is_qualified_social_worker",
        "fte",
        "started_on",
        "left_on",
        worker_id="id",
        team_id="team",
        service_area="team__service_area",
    )


@frame("allocations")
def allocations(since: dt.date | None) -> pl.DataFrame:
    return read(
        since_filter(Allocation.objects.all(), since, on="started_on", until="ended_on"),
        "started_on",
        "ended_on",
        child_id="child",
        worker_id="worker",
    )
