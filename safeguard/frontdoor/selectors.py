"""Reads for the front door: the MASH queue, outstanding partner checks, a child's contacts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone

from safeguard.access.selectors import children_visible_to
from safeguard.core import calendar, clock
from safeguard.core.timescales import compute_due
from safeguard.frontdoor.models import (
    Contact,
    ContactChild,
    ContactOutcome,
    MashDecision,
    MashPriority,
    MashTriage,
    PartnerCheck,
    PpnRating,
)
from safeguard.people.models import Person, PersonKind


def awaiting_decision(prefix: str = "") -> models.Q:
    """Contacts still awaiting a decision: not yet screened, or in undecided MASH triage.

    The same condition opens the first two branches of the MASH officer's access rule
    (``safeguard.access.rules._mash_queue_contacts``); ``prefix`` reaches a contact
    through a relation (e.g. ``"contact__"``).
    """
    p = prefix
    return models.Q(**{f"{p}outcome": ""}) | models.Q(
        **{f"{p}outcome": ContactOutcome.MASH_TRIAGE, f"{p}triage__decided_at__isnull": True}
    )


def _count(queryset: models.QuerySet[Any]) -> Coalesce:
    """A correlated COUNT subquery (no row multiplication across several joins)."""
    counted = queryset.order_by().annotate(
        n=models.Func(models.F("pk"), function="COUNT", output_field=models.IntegerField())
    )
    return Coalesce(models.Subquery(counted.values("n")), 0, output_field=models.IntegerField())


def mash_queue() -> models.QuerySet[Contact]:
    """Contacts awaiting a decision, oldest first.

    A contact is waiting until it is closed at contact or every child on it has a MASH
    decision: not yet screened (no outcome), or in MASH triage that is not complete. Each
    row carries ``children_count``, ``decided_count`` and ``outstanding_checks``.
    """
    children = ContactChild.objects.filter(contact=models.OuterRef("pk"))
    decided = MashDecision.objects.filter(triage__contact=models.OuterRef("pk"))
    outstanding = PartnerCheck.objects.filter(
        triage__contact=models.OuterRef("pk"), answered_at__isnull=True
    )
    # ``awaiting_decision()`` written so each branch can use an index (outcome; the
    # triage's decided_at) instead of scanning every contact ever received.
    undecided = MashTriage.objects.filter(decided_at__isnull=True).values("contact_id")
    waiting = models.Q(outcome="") | models.Q(outcome=ContactOutcome.MASH_TRIAGE, pk__in=undecided)
    return (
        Contact.objects.filter(waiting)
        .select_related("triage", "recorded_by")
        .prefetch_related("contact_children__child")
        .annotate(
            children_count=_count(children),
            decided_count=_count(decided),
            outstanding_checks=_count(outstanding),
        )
        .order_by("received_at", "pk")
    )


def outstanding_partner_checks(*, agency: str | None = None) -> models.QuerySet[PartnerCheck]:
    """Partner checks still awaiting an answer, oldest request first."""
    checks = PartnerCheck.objects.filter(answered_at__isnull=True).select_related(
        "triage__contact", "requested_by"
    )
    if agency is not None:
        checks = checks.filter(agency=agency)
    return checks.order_by("requested_at", "pk")


def contacts_for_child(child: Person) -> models.QuerySet[Contact]:
    """Every contact about a child, newest first."""
    return (
        Contact.objects.filter(contact_children__child=child)
        .select_related("triage")
        .order_by("-received_at")
    )


def decisions_for_child(child: Person) -> models.QuerySet[MashDecision]:
    """A child's MASH decisions, newest first, with the contact and any referral opened."""
    return (
        MashDecision.objects.filter(child=child)
        .select_related("triage__contact", "decided_by", "cin_episode")
        .order_by("-decided_at")
    )


# --- the MASH queue page ------------------------------------------------------------------

#: The timescale registry key for the contact's next-step decision (1 working day).
DECISION_TIMESCALE = "referral_decision"

#: How far back the overdue cut-off search walks (a rule longer than this is not "days").
_CUTOFF_SEARCH_DAYS = 400

#: Queue filter value for contacts not yet triaged (no MASH priority).
NOT_TRIAGED = "none"


@dataclass(frozen=True)
class DecisionDeadline:
    """When the contact's decision is due (timescale ``referral_decision``) and how it stands."""

    due: dt.date
    explanation: str
    overdue: bool
    working_days_overdue: int

    @property
    def label(self) -> str:
        if not self.overdue:
            return f"Due by {self.due:%-d %B %Y}"
        days = self.working_days_overdue
        return f"Overdue by {days} working day{'s' if days != 1 else ''}"


def decision_deadline(
    received_at: dt.datetime, *, today: dt.date | None = None
) -> DecisionDeadline:
    """The decision deadline for a contact received at ``received_at``, as of ``today``."""
    today = today or clock.today()
    due = compute_due(DECISION_TIMESCALE, received_at)
    overdue = today > due.due_date
    return DecisionDeadline(
        due=due.due_date,
        explanation=due.explanation,
        overdue=overdue,
        working_days_overdue=calendar.working_days_between(due.due_date, today) if overdue else 0,
    )


def overdue_received_before(today: dt.date) -> dt.datetime:
    """Contacts received before this moment are overdue today (any due rule in the registry).

    Due dates never go down as the start date goes up, so walk back from today to the
    first start date whose due date has passed; everything up to it is overdue.
    """
    day = today
    for _ in range(_CUTOFF_SEARCH_DAYS):
        if compute_due(DECISION_TIMESCALE, day).due_date < today:
            break
        day -= dt.timedelta(days=1)
    first_on_time = day + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(first_on_time, dt.time.min))


def _urgency() -> models.Case:
    """0 is most urgent: the MASH priority, else (not yet triaged) the police PPN colour."""
    untriaged = models.Q(triage__isnull=True)
    return models.Case(
        models.When(triage__priority=MashPriority.RED, then=0),
        models.When(untriaged & models.Q(ppn_rating=PpnRating.RED), then=0),
        models.When(triage__priority=MashPriority.AMBER, then=1),
        models.When(untriaged & models.Q(ppn_rating=PpnRating.AMBER), then=1),
        models.When(untriaged & models.Q(ppn_rating=""), then=2),
        models.When(triage__priority=MashPriority.GREEN, then=3),
        models.When(untriaged & models.Q(ppn_rating=PpnRating.GREEN), then=3),
        default=4,
        output_field=models.IntegerField(),
    )


def mash_queue_for(
    user: Any, *, priority: str = "", overdue_only: bool = False, today: dt.date | None = None
) -> models.QuerySet[Contact]:
    """The MASH queue as ``user`` may see it, most urgent first.

    Only contacts with at least one child the user may open are listed (their other
    children stay hidden). Urgency: red, amber, not yet rated, green, then blue; a
    contact not yet triaged is ranked by its police PPN colour. Oldest first within a
    rank, so the nearest deadline leads. Each row carries ``outstanding`` (the unanswered
    partner checks) besides ``mash_queue``'s counts.
    """
    # The queue is small (contacts awaiting a decision) and the people table is large, so
    # the access rules are asked about the queue's children only, by id, not the other way
    # round (which made the database test every person against the rules).
    on_queue = ContactChild.objects.filter(contact__in=mash_queue().values("pk"))
    visible = list(
        children_visible_to(user)
        .filter(pk__in=list(on_queue.values_list("child_id", flat=True)))
        .values_list("pk", flat=True)
    )
    queue = (
        mash_queue()
        .filter(
            models.Exists(
                ContactChild.objects.filter(contact=models.OuterRef("pk"), child_id__in=visible)
            )
        )
        .select_related("triage__started_by")
        .prefetch_related(
            models.Prefetch(
                "triage__partner_checks",
                queryset=PartnerCheck.objects.filter(answered_at__isnull=True).order_by("agency"),
                to_attr="outstanding",
            )
        )
        .annotate(urgency=_urgency())
    )
    if priority == NOT_TRIAGED:
        queue = queue.filter(triage__isnull=True)
    elif priority:
        queue = queue.filter(triage__priority=priority)
    if overdue_only:
        queue = queue.filter(received_at__lt=overdue_received_before(today or clock.today()))
    return queue.order_by("urgency", "received_at", "pk")


def visible_child_ids(user: Any, children: Iterable[Person]) -> set[Any]:
    """Which of ``children`` the user may open (one query)."""
    ids = {child.pk for child in children}
    if not ids:
        return set()
    return set(children_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


# --- one contact --------------------------------------------------------------------------


def contact_with_children(contact_id: Any) -> Contact:
    """The contact, its children, triage, checks and decisions (raises DoesNotExist)."""
    return (
        Contact.objects.select_related("recorded_by", "triage__started_by", "triage__decided_by")
        .prefetch_related(
            models.Prefetch(
                "contact_children",
                queryset=ContactChild.objects.select_related("child").order_by(
                    "child__last_name", "child__first_name"
                ),
            ),
            models.Prefetch(
                "triage__partner_checks",
                queryset=PartnerCheck.objects.select_related("requested_by").order_by(
                    "requested_at", "pk"
                ),
            ),
            models.Prefetch(
                "triage__decisions",
                queryset=MashDecision.objects.select_related(
                    "child", "decided_by", "cin_episode"
                ).order_by("decided_at", "pk"),
            ),
        )
        .get(pk=contact_id)
    )


def undecided_children(contact: Contact) -> list[Person]:
    """Children on a triaged contact with no MASH decision yet."""
    triage = getattr(contact, "triage", None)
    decided = {d.child_id for d in triage.decisions.all()} if triage is not None else set()
    return [cc.child for cc in contact.contact_children.all() if cc.child_id not in decided]


# --- finding children for a new contact ---------------------------------------------------


def children_by_la_ids(la_ids: Sequence[str]) -> dict[str, Person]:
    """Children with these LA child identifiers, by identifier (missing ones left out)."""
    found = Person.objects.filter(la_child_id__in=list(la_ids), kind=PersonKind.CHILD)
    return {person.la_child_id: person for person in found}


def children_by_name_and_birth(
    *, first_name: str, last_name: str, date_of_birth: dt.date
) -> list[Person]:
    """Children with exactly this name (any case) and date of birth."""
    return list(
        Person.objects.filter(
            kind=PersonKind.CHILD,
            first_name__iexact=first_name.strip(),
            last_name__iexact=last_name.strip(),
            date_of_birth=date_of_birth,
        )[:5]
    )
