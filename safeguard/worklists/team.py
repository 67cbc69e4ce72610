"""Reads for the team page: which teams a manager oversees, unallocated and closable cases."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from safeguard.access.rules import role_code, worker_of
from safeguard.access.selectors import children_visible_to
from safeguard.worklists.selectors import held_on

#: Roles whose workers hold children's cases (who a case can be allocated to).
CASE_HOLDING_ROLES = (
    "social_worker",
    "consultant_sw",
    "team_manager",
    "service_manager",
    "early_help_worker",
    "personal_adviser",
)


def teams_overseen(user: Any) -> QuerySet[Any]:
    """A team manager's own team; a service manager's teams in their service area and the
    teams of people they manage (the rules ``safeguard.access.rules`` open children by)."""
    from safeguard.workforce.models import Team

    worker = worker_of(user)
    if worker is None:
        return Team.objects.none()
    role = role_code(user)
    if role == "service_manager":
        q = Q(workers__manager=worker) | Q(workers__manager__manager=worker)
        if worker.team_id is not None:
            q |= Q(service_area=worker.team.service_area) | Q(pk=worker.team_id)
        return Team.objects.filter(q, closed_on__isnull=True).distinct().order_by("name")
    if worker.team_id is None:
        return Team.objects.none()
    return Team.objects.filter(pk=worker.team_id)


def team_workers(team: Any, today: dt.date) -> list[Any]:
    """Everyone in post in the team on ``today``."""
    from safeguard.workforce.selectors import workers_in_post

    return list(workers_in_post(team=team, on=today).order_by("last_name", "first_name"))


def allocatable_workers(user: Any, today: dt.date) -> QuerySet[Any]:
    """Case-holding workers in post in the teams the manager oversees."""
    from safeguard.workforce.selectors import workers_in_post

    return (
        workers_in_post(on=today)
        .filter(team__in=teams_overseen(user), role__in=CASE_HOLDING_ROLES)
        .order_by("last_name", "first_name")
    )


def unallocated_cases(user: Any, today: dt.date) -> QuerySet[Any]:
    """Children the user may open with an open CIN episode or open early help and no open
    allocation, by name (``cin_since`` / ``early_help_since`` annotated).

    The few unallocated children are found first, then checked against the user's access
    rules, so the rules never run over every person held.
    """
    from safeguard.cin.models import CINEpisode
    from safeguard.earlyhelp.models import EarlyHelpEpisode
    from safeguard.workforce.models import Allocation

    person = OuterRef("pk")
    open_cin = CINEpisode.objects.filter(child=person, closure_date__isnull=True)
    open_eh = EarlyHelpEpisode.objects.filter(child=person, closed_on__isnull=True)
    # Ids first, from the open-episode tables (each open episode checked for an allocation
    # by index): a subquery over people would make the database test every person held
    # against the access rules.
    held = Allocation.objects.filter(held_on(today), child=OuterRef("child_id"))
    unallocated = sorted(
        set(
            CINEpisode.objects.filter(closure_date__isnull=True)
            .filter(~Exists(held))
            .order_by()
            .values_list("child_id", flat=True)
        )
        | set(
            EarlyHelpEpisode.objects.filter(closed_on__isnull=True)
            .filter(~Exists(held))
            .order_by()
            .values_list("child_id", flat=True)
        )
    )
    return (
        children_visible_to(user)
        .filter(pk__in=unallocated)
        .annotate(
            cin_since=Subquery(open_cin.order_by("referral_date").values("referral_date")[:1]),
            early_help_since=Subquery(open_eh.order_by("requested_on").values("requested_on")[:1]),
        )
        .order_by("last_name", "first_name", "pk")
    )


def closable_episodes(workers: list[Any], today: dt.date) -> QuerySet[Any]:
    """Open CIN episodes of the workers' children with nothing left open on them (no CIN
    plan, CP plan, assessment, or section 47 enquiry without an outcome): ready for the
    manager to close and sign off. The closure service still checks every rule."""
    from safeguard.assessment.models import Assessment
    from safeguard.cin.models import CINEpisode, CINPlan
    from safeguard.protection.models import CPPlan, Section47Enquiry, StrategyDiscussion
    from safeguard.workforce.models import Allocation

    episode = OuterRef("pk")
    # A strategy discussion that started section 47 enquiries with no enquiry concluded.
    enquiry_awaited = StrategyDiscussion.objects.filter(
        episode=episode, s47_initiated=True
    ).exclude(
        Exists(
            Section47Enquiry.objects.filter(
                strategy_discussion=OuterRef("pk"), outcome_date__isnull=False
            )
        )
    )
    held = Allocation.objects.filter(
        held_on(today), child=OuterRef("child"), worker__in=[w.pk for w in workers]
    )
    return (
        CINEpisode.objects.filter(closure_date__isnull=True)
        .filter(Exists(held))
        .exclude(Exists(CINPlan.objects.filter(episode=episode, end_date__isnull=True)))
        .exclude(Exists(CPPlan.objects.filter(episode=episode, end_date__isnull=True)))
        .exclude(Exists(Assessment.objects.filter(episode=episode, authorised_on__isnull=True)))
        .exclude(
            Exists(Section47Enquiry.objects.filter(episode=episode, outcome_date__isnull=True))
        )
        .exclude(Exists(enquiry_awaited))
        .select_related("child")
        .order_by("referral_date")
    )
