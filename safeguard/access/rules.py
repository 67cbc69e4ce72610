"""Object rules: which children's records a user may open, by their role.

Each rule is a ``rules`` predicate over (user, child) for one record, with the same
condition as a ``Q`` over ``people.Person`` for lists (``children_visible_to``). The two
forms are written independently and a property test checks that they agree.

Rules read "now" from ``safeguard.core.clock`` and the user's worker record
(``workforce.Worker``) in post today. Restricted records, grants and break-glass sit on
top of these rules in ``safeguard.access.selectors.child_access``.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import rules
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Exists, OuterRef, Q

from safeguard.core import clock

#: MASH officers keep a child for this many days after the MASH decision (feedback,
#: step-down follow-up, a re-contact about the same family).
MASH_RECENT_DAYS = 30
#: A chair keeps a child for six months after a conference: the longest gap between a
#: child protection plan's review conferences.
CHAIR_RECENT_DAYS = 183
#: Business support keep a child this long around a conference (booking, minutes).
CONFERENCE_ADMIN_DAYS = 30

_WORKER_CACHE = "_safeguard_worker"


def worker_of(user: Any) -> Any | None:
    """The user's worker record if they are in post today (cached on the user object)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if hasattr(user, _WORKER_CACHE):
        return getattr(user, _WORKER_CACHE)
    try:
        worker = user.worker
    except ObjectDoesNotExist:
        worker = None
    today = clock.today()
    if worker is not None and (
        worker.started_on > today or (worker.left_on is not None and worker.left_on <= today)
    ):
        worker = None
    setattr(user, _WORKER_CACHE, worker)
    return worker


def role_code(user: Any) -> str:
    if user is None or not getattr(user, "is_authenticated", False) or not user.role_id:
        return ""
    return str(user.role.code)


def open_allocation(prefix: str = "") -> Q:
    today = clock.today()
    return Q(**{f"{prefix}started_on__lte": today}) & (
        Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gt": today})
    )


def _allocations() -> Any:
    from safeguard.workforce.models import Allocation

    return Allocation.objects.filter(open_allocation())


def _open_early_help() -> Any:
    from safeguard.earlyhelp.models import EarlyHelpEpisode

    return EarlyHelpEpisode.objects.filter(closed_on__isnull=True)


def _mash_queue_contacts(prefix: str = "") -> Q:
    """Contacts still on the MASH queue, or decided within ``MASH_RECENT_DAYS``."""
    from safeguard.frontdoor.models import CLOSED_AT_CONTACT, ContactOutcome

    cutoff = clock.now() - dt.timedelta(days=MASH_RECENT_DAYS)
    p = prefix
    return (
        Q(**{f"{p}outcome": ""})
        | Q(**{f"{p}outcome": ContactOutcome.MASH_TRIAGE, f"{p}triage__decided_at__isnull": True})
        | Q(**{f"{p}triage__decided_at__gte": cutoff})
        | Q(**{f"{p}outcome__in": list(CLOSED_AT_CONTACT), f"{p}outcome_at__gte": cutoff})
    )


def _chaired_conferences(worker: Any) -> Any:
    from safeguard.protection.models import Conference

    since = clock.today() - dt.timedelta(days=CHAIR_RECENT_DAYS)
    return Conference.objects.filter(chair=worker, cancelled_on__isnull=True).filter(
        Q(held_on__isnull=True) | Q(held_on__gte=since)
    )


def _chaired_reviews(worker: Any) -> Any:
    from safeguard.care.models import LookedAfterReview

    return LookedAfterReview.objects.filter(chaired_by=worker, period__ended_on__isnull=True)


def _conference_queue() -> Any:
    from safeguard.protection.models import Conference

    since = clock.today() - dt.timedelta(days=CONFERENCE_ADMIN_DAYS)
    return Conference.objects.filter(cancelled_on__isnull=True).filter(
        Q(held_on__isnull=True, scheduled_for__gte=since)
        | Q(held_on__gte=since, minutes_sent_on__isnull=True)
    )


def _conference_requests() -> Any:
    """Initial conferences asked for and not yet booked (or whose booking was cancelled)."""
    from safeguard.protection.models import Conference, Section47Enquiry

    since = clock.today() - dt.timedelta(days=CONFERENCE_ADMIN_DAYS)
    booked = Conference.objects.filter(section47=OuterRef("pk"), cancelled_on__isnull=True)
    return Section47Enquiry.objects.filter(
        conference_requested_on__gte=since, icpc_not_required=False
    ).filter(~Exists(booked))


def _service_area_workers(worker: Any) -> Q:
    """Workers in a team of the manager's service area, or whose manager chain leads to them."""
    q = Q(worker__manager=worker) | Q(worker__manager__manager=worker)
    if worker.team_id is not None:
        q |= Q(worker__team__service_area=worker.team.service_area)
    return q


def _lead_in_service_area(worker: Any) -> Q:
    q = Q(lead_professional_worker__manager=worker) | Q(
        lead_professional_worker__manager__manager=worker
    )
    if worker.team_id is not None:
        q |= Q(lead_professional_worker__team__service_area=worker.team.service_area)
    return q


# --- the predicates (one record) ---------------------------------------------------------


@rules.predicate
def is_allocated_worker(user: Any, child: Any) -> bool:
    """The child's case is allocated to the user's worker today."""
    worker = worker_of(user)
    return worker is not None and _allocations().filter(child=child, worker=worker).exists()


@rules.predicate
def is_in_own_team(user: Any, child: Any) -> bool:
    """The child's case is held in the user's team (allocation or early help lead)."""
    worker = worker_of(user)
    if worker is None or worker.team_id is None:
        return False
    team = worker.team_id
    return (
        _allocations().filter(child=child, worker__team_id=team).exists()
        or _open_early_help().filter(child=child, lead_professional_worker__team_id=team).exists()
    )


@rules.predicate
def is_in_service_area(user: Any, child: Any) -> bool:
    """The child's case is held in the manager's service area or by someone they manage."""
    worker = worker_of(user)
    if worker is None:
        return False
    return (
        _allocations().filter(_service_area_workers(worker), child=child).exists()
        or _open_early_help().filter(_lead_in_service_area(worker), child=child).exists()
    )


@rules.predicate
def is_allocated_workers_team_manager(user: Any, child: Any) -> bool:
    """The user manages the team of the child's allocated worker (keeps restricted records)."""
    worker = worker_of(user)
    if worker is None or worker.team_id is None or role_code(user) != "team_manager":
        return False
    return _allocations().filter(child=child, worker__team_id=worker.team_id).exists()


def works_the_mash_queue(user: Any) -> bool:
    """MASH officers, and team managers whose own team is in the MASH service area."""
    worker = worker_of(user)
    if worker is None:
        return False
    if role_code(user) != "team_manager":
        return True
    from safeguard.workforce.models import ServiceArea

    team = worker.team
    return team is not None and team.service_area == ServiceArea.MASH


#: Service areas whose managers allocate new referrals.
ALLOCATING_AREAS = frozenset({"mash", "assessment", "cin"})


def allocates_new_referrals(user: Any) -> bool:
    """Team and service managers in the front door, assessment and children-in-need areas."""
    worker = worker_of(user)
    if worker is None or role_code(user) not in {"team_manager", "service_manager"}:
        return False
    team = worker.team
    return team is not None and team.service_area in ALLOCATING_AREAS


def _unallocated_episodes() -> Any:
    """Open social care episodes with nobody allocated: they wait for a manager to allocate."""
    from safeguard.cin.models import CINEpisode

    allocated = _allocations().filter(child=OuterRef("child"))
    return CINEpisode.objects.filter(closure_date__isnull=True).filter(~Exists(allocated))


@rules.predicate
def is_unallocated_for_allocation(user: Any, child: Any) -> bool:
    """The child has an open episode and no allocated worker; the user allocates referrals."""
    if not allocates_new_referrals(user):
        return False
    return _unallocated_episodes().filter(child=child).exists()


def _q_unallocated(user: Any) -> Q:
    if not allocates_new_referrals(user):
        return Q(pk__in=[])
    return Q(Exists(_unallocated_episodes().filter(child=OuterRef("pk"))))


@rules.predicate
def is_on_mash_queue(user: Any, child: Any) -> bool:
    """The child is on a contact awaiting MASH, or decided within ``MASH_RECENT_DAYS``."""
    from safeguard.frontdoor.models import ContactChild

    if not works_the_mash_queue(user):
        return False
    return ContactChild.objects.filter(_mash_queue_contacts("contact__"), child=child).exists()


@rules.predicate
def is_chaired_by_user(user: Any, child: Any) -> bool:
    """The user chairs the child's conferences or their looked-after reviews."""
    worker = worker_of(user)
    if worker is None:
        return False
    return (
        _chaired_conferences(worker).filter(child=child).exists()
        or _chaired_reviews(worker).filter(child=child).exists()
    )


@rules.predicate
def is_on_conference_queue(user: Any, child: Any) -> bool:
    """The child has a conference requested, to arrange or to send minutes for, or is on a
    child protection plan (whose review conferences business support arranges)."""
    if worker_of(user) is None:
        return False
    from safeguard.protection.models import CPPlan

    return (
        _conference_queue().filter(child=child).exists()
        or _conference_requests().filter(episode__child=child).exists()
        or CPPlan.objects.filter(child=child, end_date__isnull=True).exists()
    )


@rules.predicate
def is_early_help_lead(user: Any, child: Any) -> bool:
    """The child has open early help led by the user or by someone in their team."""
    worker = worker_of(user)
    if worker is None:
        return False
    led = Q(lead_professional_worker=worker)
    if worker.team_id is not None:
        led |= Q(lead_professional_worker__team_id=worker.team_id)
    return _open_early_help().filter(led, child=child).exists()


def governance_function(name: str) -> Callable[..., Any] | None:
    """A selector of the governance app, or None until it provides it.

    Imported lazily: governance sits above access in the app layering.
    """
    module = "safeguard.governance.selectors"
    try:
        selectors = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        return None
    return getattr(selectors, name, None)


def quality_function(name: str) -> Callable[..., Any] | None:
    """A selector of the quality app's case audits, or None until it provides it.

    Imported lazily: quality sits above access in the app layering.
    """
    module = "safeguard.quality.selectors.audits"
    try:
        selectors = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        return None
    return getattr(selectors, name, None)


@rules.predicate
def is_auditing(user: Any, child: Any) -> bool:
    """A case audit of the child is assigned to the user's worker and is in hand (not yet
    completed, or completed in the last 30 days)."""
    worker = worker_of(user)
    check = quality_function("is_auditing")
    return worker is not None and check is not None and bool(check(worker, child))


@rules.predicate
def is_shared_with_users_agency(user: Any, child: Any) -> bool:
    """Information about the child was disclosed to the user's agency under an agreement."""
    agency = getattr(user, "agency", "")
    check = governance_function("agency_may_see_child")
    return bool(agency) and check is not None and bool(check(agency, child))


# --- the same conditions as Q objects over people.Person ----------------------------------


def _q_allocated(user: Any) -> Q:
    worker = worker_of(user)
    if worker is None:
        return Q(pk__in=[])
    return Q(Exists(_allocations().filter(child=OuterRef("pk"), worker=worker)))


def _q_own_team(user: Any) -> Q:
    worker = worker_of(user)
    if worker is None or worker.team_id is None:
        return Q(pk__in=[])
    team = worker.team_id
    return Q(Exists(_allocations().filter(child=OuterRef("pk"), worker__team_id=team))) | Q(
        Exists(
            _open_early_help().filter(child=OuterRef("pk"), lead_professional_worker__team_id=team)
        )
    )


def _q_service_area(user: Any) -> Q:
    worker = worker_of(user)
    if worker is None:
        return Q(pk__in=[])
    return Q(
        Exists(_allocations().filter(_service_area_workers(worker), child=OuterRef("pk")))
    ) | Q(Exists(_open_early_help().filter(_lead_in_service_area(worker), child=OuterRef("pk"))))


def _q_allocated_workers_team_manager(user: Any) -> Q:
    worker = worker_of(user)
    if worker is None or worker.team_id is None or role_code(user) != "team_manager":
        return Q(pk__in=[])
    return Q(Exists(_allocations().filter(child=OuterRef("pk"), worker__team_id=worker.team_id)))


def _q_mash_queue(user: Any) -> Q:
    from safeguard.frontdoor.models import ContactChild

    if not works_the_mash_queue(user):
        return Q(pk__in=[])
    queue = ContactChild.objects.filter(_mash_queue_contacts("contact__"), child=OuterRef("pk"))
    return Q(Exists(queue))


def _q_chaired(user: Any) -> Q:
    worker = worker_of(user)
    if worker is None:
        return Q(pk__in=[])
    return Q(Exists(_chaired_conferences(worker).filter(child=OuterRef("pk")))) | Q(
        Exists(_chaired_reviews(worker).filter(child=OuterRef("pk")))
    )


def _q_conference_queue(user: Any) -> Q:
    if worker_of(user) is None:
        return Q(pk__in=[])
    from safeguard.protection.models import CPPlan

    return (
        Q(Exists(_conference_queue().filter(child=OuterRef("pk"))))
        | Q(Exists(_conference_requests().filter(episode__child=OuterRef("pk"))))
        # Every child on a plan has review conferences to arrange.
        | Q(Exists(CPPlan.objects.filter(child=OuterRef("pk"), end_date__isnull=True)))
    )


def _q_early_help(user: Any) -> Q:
    worker = worker_of(user)
    if worker is None:
        return Q(pk__in=[])
    led = Q(lead_professional_worker=worker)
    if worker.team_id is not None:
        led |= Q(lead_professional_worker__team_id=worker.team_id)
    return Q(Exists(_open_early_help().filter(led, child=OuterRef("pk"))))


def _q_shared(user: Any) -> Q:
    agency = getattr(user, "agency", "")
    shared = governance_function("children_shared_with_agency")
    if not agency or shared is None:
        return Q(pk__in=[])
    return Q(pk__in=shared(agency).values("pk"))


def _q_auditing(user: Any) -> Q:
    worker = worker_of(user)
    in_hand = quality_function("children_being_audited")
    if worker is None or in_hand is None:
        return Q(pk__in=[])
    return Q(pk__in=in_hand(worker).values("child_id"))


@dataclass(frozen=True)
class ObjectRule:
    code: str
    label: str
    predicate: rules.Predicate
    children: Callable[[Any], Q]


OBJECT_RULES: dict[str, ObjectRule] = {
    rule.code: rule
    for rule in (
        ObjectRule("allocated", "Allocated worker", is_allocated_worker, _q_allocated),
        ObjectRule("own_team", "Held in their team", is_in_own_team, _q_own_team),
        ObjectRule(
            "service_area",
            "Held in their service area or by people they manage",
            is_in_service_area,
            _q_service_area,
        ),
        ObjectRule("mash_queue", "On the MASH queue", is_on_mash_queue, _q_mash_queue),
        ObjectRule(
            "unallocated",
            "Open case waiting to be allocated",
            is_unallocated_for_allocation,
            _q_unallocated,
        ),
        ObjectRule(
            "early_help",
            "Open early help led by them or their team",
            is_early_help_lead,
            _q_early_help,
        ),
        ObjectRule(
            "chair",
            "Conferences or looked-after reviews they chair",
            is_chaired_by_user,
            _q_chaired,
        ),
        ObjectRule(
            "conference_queue",
            "Conferences to arrange or minute",
            is_on_conference_queue,
            _q_conference_queue,
        ),
        ObjectRule(
            "shared_with_agency",
            "Shared with their agency under a sharing agreement",
            is_shared_with_users_agency,
            _q_shared,
        ),
        ObjectRule(
            "auditing", "A case audit assigned to them is in hand", is_auditing, _q_auditing
        ),
    )
}

#: Which rules open a child for each role; a role not listed opens no child by rule.
RULES_BY_ROLE: dict[str, tuple[str, ...]] = {
    "social_worker": ("allocated", "own_team"),
    "consultant_social_worker": ("allocated", "own_team"),
    # "mash_queue" reaches only a team manager whose team is the MASH (works_the_mash_queue).
    "team_manager": ("allocated", "own_team", "mash_queue", "unallocated", "auditing"),
    "service_manager": ("allocated", "service_area", "unallocated", "auditing"),
    "mash_officer": ("allocated", "mash_queue"),
    "early_help_worker": ("allocated", "early_help"),
    "conference_support": ("conference_queue",),
    "cp_chair_iro": ("chair",),
    "partner_agency": ("shared_with_agency",),
    "quality_assurance": ("auditing",),
}

#: On a restricted record the allocated worker and their team manager keep access; everyone
#: else needs a grant. Composed with ``rules``' ``|``.
keeps_restricted_access = is_allocated_worker | is_allocated_workers_team_manager


def children_kept_when_restricted(user: Any) -> Q:
    """``keeps_restricted_access`` as a ``Q`` over Person."""
    return _q_allocated(user) | _q_allocated_workers_team_manager(user)


def rules_for(user: Any) -> list[ObjectRule]:
    return [OBJECT_RULES[code] for code in RULES_BY_ROLE.get(role_code(user), ())]


def matching_rule(user: Any, child: Any) -> ObjectRule | None:
    """The first of the user's rules that opens the child (for the reason shown and logged)."""
    for rule in rules_for(user):
        if rule.predicate.test(user, child):
            return rule
    return None


def children_by_rules(user: Any) -> Q:
    """One ``Q`` over Person: children the user's rules open (restrictions not applied)."""
    qs = [rule.children(user) for rule in rules_for(user)]
    if not qs:
        return Q(pk__in=[])
    return functools.reduce(operator.or_, qs)
