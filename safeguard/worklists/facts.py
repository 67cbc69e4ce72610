"""Everything a caseload's work items need, read in a fixed number of queries.

One query per kind of record for all the children at once (never one per child), so a
page costs the same number of queries for 5 children or 500. Each reader returns plain
values keyed by child (or period) for the item builders in ``selectors``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

#: Return home interviews are chased for returns in this many days before today.
RHI_LOOKBACK_DAYS = 90


@dataclass
class CaseloadFacts:
    """The records behind a caseload's statutory items, keyed by child id."""

    cin_episodes: dict[UUID, dict[str, Any]] = field(default_factory=dict)
    cin_plans: dict[UUID, dict[str, Any]] = field(default_factory=dict)
    last_seen: dict[tuple[UUID, str], dt.date] = field(default_factory=dict)
    assessments: dict[UUID, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    icpc_pending: dict[UUID, list[dict[str, Any]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    conference_requests: dict[UUID, list[dict[str, Any]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    cp_plans: dict[UUID, dict[str, Any]] = field(default_factory=dict)
    periods: dict[UUID, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    episodes: dict[UUID, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    lac_reviews: dict[UUID, dict[str, Any]] = field(default_factory=dict)
    health: dict[tuple[UUID, str], dt.date] = field(default_factory=dict)
    peps: dict[UUID, dt.date] = field(default_factory=dict)
    missing: dict[UUID, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    leaver_contacts: dict[UUID, dt.date] = field(default_factory=dict)
    pathway_reviews: dict[UUID, dt.date] = field(default_factory=dict)
    early_help: set[UUID] = field(default_factory=set)
    #: The child's current (latest) exploitation risk assessment, once moderated, with its
    #: latest MACE meeting (``last_mace``: None before the first).
    mace: dict[UUID, dict[str, Any]] = field(default_factory=dict)
    #: The actions of the child's latest MACE plan (while reviews continue).
    mace_actions: dict[UUID, list[dict[str, Any]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def open_period(self, child_id: UUID) -> dict[str, Any] | None:
        for period in self.periods.get(child_id, ()):
            if period["ended_on"] is None:
                return period
        return None


def read_facts(child_ids: Collection[UUID] | QuerySet[Any], today: dt.date) -> CaseloadFacts:
    """Read every record the item builders need for ``child_ids`` (about 15 queries).

    ``child_ids`` may be a query of child ids (``values("child_id")``): each read then
    filters in the database, which for a team's hundreds of children is much cheaper than
    preparing the same list of ids for every query.
    """
    facts = CaseloadFacts()
    if not isinstance(child_ids, QuerySet) and not child_ids:
        return facts
    ids: Any = child_ids if isinstance(child_ids, QuerySet) else list(child_ids)
    _read_cin(facts, ids)
    _read_protection(facts, ids)
    _read_care(facts, ids)
    _read_missing(facts, ids, today)
    _read_mace(facts, ids)
    return facts


def _read_cin(facts: CaseloadFacts, ids: Any) -> None:
    from safeguard.assessment.models import Assessment
    from safeguard.cin.models import CINEpisode, CINPlan, Visit
    from safeguard.earlyhelp.models import EarlyHelpEpisode

    row: Any  # values() rows: plain dicts of the named fields

    for row in CINEpisode.objects.filter(child_id__in=ids, closure_date__isnull=True).values(
        "pk", "child_id", "referral_date"
    ):
        facts.cin_episodes[row["child_id"]] = row
    plans = (
        CINPlan.objects.filter(
            episode__child_id__in=ids, episode__closure_date__isnull=True, end_date__isnull=True
        )
        .annotate(last_review=Max("reviews__held_on"))
        .values("pk", "episode__child_id", "start_date", "last_review")
    )
    for row in plans:
        facts.cin_plans[row["episode__child_id"]] = row
    seen = (
        Visit.objects.filter(child_id__in=ids, child_seen=True)
        .values("child_id", "visit_type")
        .annotate(last=Max("visit_date"))
        .order_by()
    )
    for row in seen:
        facts.last_seen[(row["child_id"], row["visit_type"])] = row["last"]
    for row in Assessment.objects.filter(
        episode__child_id__in=ids,
        episode__closure_date__isnull=True,
        authorised_on__isnull=True,
    ).values("pk", "episode__child_id", "start_date"):
        facts.assessments[row["episode__child_id"]].append(row)
    facts.early_help = set(
        EarlyHelpEpisode.objects.filter(child_id__in=ids, closed_on__isnull=True).values_list(
            "child_id", flat=True
        )
    )


def _read_protection(facts: CaseloadFacts, ids: Any) -> None:
    from safeguard.protection.models import (
        Conference,
        CoreGroupMeeting,
        CPPlan,
        Section47Enquiry,
        StrategyDiscussion,
    )

    row: Any  # values() rows: plain dicts of the named fields

    initial = ("initial", "pre_birth")
    icpc_held = Conference.objects.filter(
        episode=OuterRef("episode"),
        conference_type__in=initial,
        held_on__isnull=False,
        held_on__gte=OuterRef("held_on"),
    )
    stood_down = Section47Enquiry.objects.filter(strategy_discussion=OuterRef("pk")).filter(
        Q(icpc_not_required=True) | Q(outcome="not_substantiated")
    )
    plan_open = CPPlan.objects.filter(episode=OuterRef("episode"), end_date__isnull=True)
    for row in (
        StrategyDiscussion.objects.filter(
            episode__child_id__in=ids, episode__closure_date__isnull=True, s47_initiated=True
        )
        .annotate(held=Exists(icpc_held), down=Exists(stood_down), plan=Exists(plan_open))
        .filter(held=False, down=False, plan=False)
        .values("pk", "episode__child_id", "held_on")
    ):
        facts.icpc_pending[row["episode__child_id"]].append(row)
    for row in (
        Section47Enquiry.objects.filter(
            episode__child_id__in=ids,
            episode__closure_date__isnull=True,
            outcome="substantiated",
            outcome_date__isnull=False,
            conference_requested_on__isnull=True,
            icpc_not_required=False,
        )
        .annotate(booked=Exists(Conference.objects.filter(section47=OuterRef("pk"))))
        .filter(booked=False)
        .values("pk", "episode__child_id", "outcome_date")
    ):
        facts.conference_requests[row["episode__child_id"]].append(row)
    last_review = (
        Conference.objects.filter(
            plan=OuterRef("pk"), conference_type="review", held_on__isnull=False
        )
        .order_by("-held_on")
        .values("held_on")[:1]
    )
    plans = (
        CPPlan.objects.filter(child_id__in=ids, end_date__isnull=True)
        .annotate(
            has_core_group=Exists(CoreGroupMeeting.objects.filter(plan=OuterRef("pk"))),
            last_review=Subquery(last_review),
        )
        .values(
            "pk",
            "child_id",
            "start_date",
            "visit_frequency_weeks",
            "initial_conference__held_on",
            "has_core_group",
            "last_review",
        )
    )
    for row in plans:
        facts.cp_plans[row["child_id"]] = row


def _read_care(facts: CaseloadFacts, ids: Any) -> None:
    from safeguard.care.models import (
        CareLeaverContact,
        HealthAssessment,
        LookedAfterEpisode,
        LookedAfterReview,
        PathwayPlanReview,
        PeriodOfCare,
        PersonalEducationPlan,
    )

    row: Any  # values() rows: plain dicts of the named fields

    open_ids: list[UUID] = []
    for row in (
        PeriodOfCare.objects.filter(child_id__in=ids)
        .values("pk", "child_id", "started_on", "ended_on")
        .order_by("started_on")
    ):
        facts.periods[row["child_id"]].append(row)
        if row["ended_on"] is None:
            open_ids.append(row["pk"])
    if open_ids:
        for row in (
            LookedAfterEpisode.objects.filter(period_id__in=open_ids)
            .values("period_id", "started_on", "ended_on", "reason_new_episode", "placement_type")
            .order_by("started_on")
        ):
            facts.episodes[row["period_id"]].append(row)
        for row in (
            LookedAfterReview.objects.filter(period_id__in=open_ids)
            .values("period_id")
            .annotate(n=Count("pk"), first=Min("held_on"), last=Max("held_on"))
            .order_by()
        ):
            facts.lac_reviews[row["period_id"]] = row
        for row in (
            HealthAssessment.objects.filter(period_id__in=open_ids)
            .values("period_id", "kind")
            .annotate(last=Max("assessed_on"))
            .order_by()
        ):
            facts.health[(row["period_id"], row["kind"])] = row["last"]
        facts.peps = dict(
            PersonalEducationPlan.objects.filter(period_id__in=open_ids)
            .values("period_id")
            .annotate(last=Max("held_on"))
            .order_by()
            .values_list("period_id", "last")
        )
    facts.leaver_contacts = dict(
        CareLeaverContact.objects.filter(child_id__in=ids)
        .values("child_id")
        .annotate(last=Max("contact_on"))
        .order_by()
        .values_list("child_id", "last")
    )
    facts.pathway_reviews = dict(
        PathwayPlanReview.objects.filter(child_id__in=ids)
        .values("child_id")
        .annotate(last=Max("reviewed_on"))
        .order_by()
        .values_list("child_id", "last")
    )


def _read_missing(facts: CaseloadFacts, ids: Any, today: dt.date) -> None:
    from safeguard.exploitation.models import MissingEpisode, ReturnHomeInterview

    row: Any  # values() rows: plain dicts of the named fields

    since = timezone.make_aware(
        dt.datetime.combine(today - dt.timedelta(days=RHI_LOOKBACK_DAYS), dt.time())
    )
    done = ReturnHomeInterview.objects.filter(missing_episode=OuterRef("pk")).filter(
        Q(held_at__isnull=False) | Q(accepted=False)
    )
    for row in (
        MissingEpisode.objects.filter(child_id__in=ids, ended_at__isnull=False, ended_at__gte=since)
        .annotate(done=Exists(done))
        .filter(done=False)
        .values("pk", "child_id", "ended_at")
    ):
        facts.missing[row["child_id"]].append(row)


def _read_mace(facts: CaseloadFacts, ids: Any) -> None:
    """What ``exploitation.selectors_carole.next_mace`` reads, for every child at once.

    The current assessment is the child's latest (as on the CAROLE page); only a
    moderated one starts the MACE timescales. Three queries whatever the caseload.
    """
    from safeguard.exploitation.models_carole import (
        ExploitationRiskAssessment,
        MaceMeeting,
        MacePlanAction,
        RiskLevel,
    )

    row: Any  # values() rows: plain dicts of the named fields

    current: dict[UUID, dict[str, Any]] = {}
    for row in (
        ExploitationRiskAssessment.objects.filter(child_id__in=ids)
        .values("pk", "child_id", "assessed_on", "moderated_on", "risk_level", "agreed_level")
        .order_by("child_id", "-assessed_on", "-created_at")
    ):
        current.setdefault(row["child_id"], row)
    moderated = {row["pk"]: row for row in current.values() if row["moderated_on"] is not None}
    if not moderated:
        return
    for row in moderated.values():
        facts.mace[row["child_id"]] = {**row, "last_mace": None}
    for row in (
        MaceMeeting.objects.filter(risk_assessment_id__in=list(moderated))
        .values("pk", "child_id", "risk_assessment_id", "held_on", "risk_level")
        .order_by("risk_assessment_id", "-held_on", "-created_at")
    ):
        entry = facts.mace[row["child_id"]]
        if entry["last_mace"] is None:
            entry["last_mace"] = row
    reviewed = {
        entry["last_mace"]["pk"]: child_id
        for child_id, entry in facts.mace.items()
        if entry["last_mace"] is not None and entry["last_mace"]["risk_level"] != RiskLevel.EMERGING
    }
    if not reviewed:
        return
    for row in (
        MacePlanAction.objects.filter(meeting_id__in=list(reviewed), completed_on__isnull=True)
        .values("pk", "meeting_id", "strand", "action", "owner", "due_on")
        .order_by("due_on", "strand")
    ):
        facts.mace_actions[reviewed[row["meeting_id"]]].append(row)
