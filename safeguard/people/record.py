"""Reads for the child's record header and its section pages.

The header is on every record page, so it costs a fixed handful of queries whatever the
child's history: one per kind of open involvement, the allocation, the open missing
episode, (only with an open referral) an assessment in progress and a section 47 enquiry
awaiting its outcome, and (only for a child who has left care) the care leaver check.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.utils import timezone

from safeguard.core import clock
from safeguard.core.codes import codelist
from safeguard.people.models import Person


@dataclass(frozen=True)
class Flag:
    label: str
    colour: str  # GOV.UK tag modifier: red, orange, blue, grey…


@dataclass
class RecordSummary:
    """What the header shows: open involvement (most intensive first), worker, flags."""

    status: list[str] = field(default_factory=list)
    legal_status: str = ""
    placement: str = ""
    worker: Any = None
    missing_episode: Any = None
    #: The open referral's section 47 enquiry still waiting for its outcome, if any.
    section47: Any = None
    #: The latest return (in the last RHI_CHASE_DAYS) with no interview held or declined.
    rhi_episode: Any = None
    flags: list[Flag] = field(default_factory=list)
    #: What is open now ("in_care", "cp_plan", "cin_open", "early_help", "missing",
    #: "assessment_open", "s47_outcome_due"): the Actions panel offers the steps that fit.
    facts: set[str] = field(default_factory=set)
    child: Person | None = None

    @cached_property
    def outside_home(self) -> OutsideHome | None:
        """The summary page's risks outside the home, read only when a page shows them
        (the header on the other pages does not pay for it)."""
        return risks_outside_home(self.child) if self.child is not None else None


def _date(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


#: How long after a return the record keeps offering the return home interview form.
RHI_CHASE_DAYS = 90


def _return_awaiting_interview(child: Person) -> Any:
    """The child's latest recent return with no interview held or declined (one query)."""
    import datetime as _dt

    from django.db.models import Exists, OuterRef, Q

    from safeguard.exploitation.models import MissingEpisode, ReturnHomeInterview

    settled = ReturnHomeInterview.objects.filter(missing_episode=OuterRef("pk")).filter(
        Q(held_at__isnull=False) | Q(accepted=False)
    )
    since = clock.now() - _dt.timedelta(days=RHI_CHASE_DAYS)
    return (
        MissingEpisode.objects.filter(child=child, ended_at__gte=since)
        .filter(~Exists(settled))
        .order_by("-ended_at")
        .first()
    )


def record_summary(child: Person, *, restricted: bool = False) -> RecordSummary:
    """The header of the child's record, in a bounded number of queries."""
    from safeguard.assessment.models import Assessment
    from safeguard.care.models import LookedAfterEpisode, PeriodOfCare
    from safeguard.cin.models import CINEpisode
    from safeguard.earlyhelp.models import EarlyHelpEpisode
    from safeguard.exploitation.models import MissingEpisode
    from safeguard.protection.models import CPPlan, Section47Enquiry

    summary = RecordSummary(child=child)
    care = PeriodOfCare.objects.filter(child=child, ended_on__isnull=True).first()
    if care is not None:
        episode = LookedAfterEpisode.objects.filter(child=child, ended_on__isnull=True).first()
        summary.facts.add("in_care")
        summary.status.append(f"Looked after since {_date(care.started_on)}")
        if episode is not None:
            summary.legal_status = codelist("legal_status").label(episode.legal_status)
            summary.placement = codelist("placement_type").label(episode.placement_type)
    plan = CPPlan.objects.filter(child=child, end_date__isnull=True).first()
    if plan is not None:
        summary.facts.add("cp_plan")
        category = codelist("category_of_abuse").label(plan.latest_category)
        summary.status.append(f"Child protection plan since {_date(plan.start_date)} ({category})")
    cin = CINEpisode.objects.filter(child=child, closure_date__isnull=True).first()
    if cin is not None:
        summary.facts.add("cin_open")
        summary.status.append(f"Open to children's social care since {_date(cin.referral_date)}")
        if Assessment.objects.filter(episode=cin, authorised_on__isnull=True).exists():
            summary.facts.add("assessment_open")
        summary.section47 = (
            Section47Enquiry.objects.filter(episode=cin, outcome="").order_by("-start_date").first()
        )
        if summary.section47 is not None:
            summary.facts.add("s47_outcome_due")
    early = EarlyHelpEpisode.objects.filter(child=child, closed_on__isnull=True).first()
    if early is not None:
        summary.facts.add("early_help")
        summary.status.append(f"Early help since {_date(early.requested_on)}")
    if care is None and PeriodOfCare.objects.filter(child=child).exists():
        from safeguard.care.selectors import care_leaver_status

        leaver = care_leaver_status(child, clock.today())
        if leaver.eligible and leaver.left_care_on is not None:
            summary.facts.add("care_leaver")
            summary.status.append(f"Care leaver (left care {_date(leaver.left_care_on)})")
    if not summary.status:
        summary.status.append("No open involvement")

    summary.worker = allocated_worker(child)
    summary.missing_episode = MissingEpisode.objects.filter(
        child=child, ended_at__isnull=True
    ).first()
    if summary.missing_episode is not None:
        summary.facts.add("missing")
        summary.flags.append(Flag("Missing now", "red"))
    summary.rhi_episode = _return_awaiting_interview(child)
    if summary.rhi_episode is not None:
        summary.facts.add("rhi_due")
    if restricted:
        summary.flags.append(Flag("Restricted record", "red"))
    if child.is_uasc and child.uasc_ceased_on is None:
        summary.flags.append(Flag("UASC", "blue"))
    if child.date_of_death is not None:
        summary.flags.append(Flag(f"Died {_date(child.date_of_death)}", "grey"))
    return summary


def allocated_worker(child: Person) -> Any | None:
    """The worker holding the case today (with their team), if any."""
    from safeguard.access.rules import open_allocation
    from safeguard.workforce.models import Allocation

    allocation = (
        Allocation.objects.filter(open_allocation(), child=child)
        .select_related("worker__team")
        .first()
    )
    return allocation.worker if allocation is not None else None


# --- risks outside the home (the summary page's section) ---------------------------------

#: GOV.UK tag colour per exploitation risk level and PPN rating.
RISK_COLOURS = {"significant": "red", "moderate": "orange", "emerging": "yellow"}
PPN_COLOURS = {"blue": "blue", "red": "red", "amber": "orange", "green": "green"}

#: How many of the child's police PPNs the section lists (newest first).
PPNS_SHOWN = 5

#: The window for the count of recent missing episodes.
MISSING_WINDOW_DAYS = 365


@dataclass(frozen=True)
class PpnRow:
    received_on: dt.date
    rating: str
    colour: str
    outcome: str
    hrda: bool
    url: str


@dataclass
class OutsideHome:
    """Exploitation risk (CAROLE and MACE), recent missing episodes, police PPNs."""

    risk_level: str = ""
    risk_colour: str = ""
    assessed_on: dt.date | None = None
    moderated: bool = False
    last_mace_on: dt.date | None = None
    #: "First MACE meeting due by" or "MACE review due by", and the day.
    next_mace_label: str = ""
    next_mace_due: dt.date | None = None
    next_mace_overdue: bool = False
    screened_on: dt.date | None = None
    screening_concerns: int = 0
    missing_last_year: int = 0
    ppns: list[PpnRow] = field(default_factory=list)
    ppn_total: int = 0

    @property
    def has_carole(self) -> bool:
        return self.screened_on is not None or self.assessed_on is not None

    @property
    def is_empty(self) -> bool:
        return not (self.has_carole or self.ppns or self.missing_last_year)


def risks_outside_home(child: Person) -> OutsideHome:
    """What the summary page shows of risks outside the home (at most nine queries).

    The risk level in force and the next MACE come from the CAROLE selectors (the
    latest MACE's level, else the latest assessment's; deadlines from the registry).
    """
    from django.urls import reverse

    from safeguard.exploitation import selectors_carole as carole
    from safeguard.exploitation.models import MissingEpisode
    from safeguard.exploitation.models_carole import RiskLevel
    from safeguard.frontdoor.models import ContactChannel, ContactChild

    risks = OutsideHome()
    assessment = carole.current_risk_assessment(child)
    if assessment is not None:
        level = carole.current_risk_level(child)
        risks.risk_level = RiskLevel(level).label
        risks.risk_colour = RISK_COLOURS.get(level, "grey")
        risks.assessed_on = assessment.assessed_on
        risks.moderated = assessment.moderated_on is not None
        latest = carole.latest_mace(child)
        risks.last_mace_on = latest.held_on if latest is not None else None
        upcoming = carole.next_mace(child)
        if upcoming is not None:
            first = upcoming.kind == "first"
            risks.next_mace_label = "First MACE meeting due by" if first else "MACE review due by"
            risks.next_mace_due = upcoming.due.due_date
            risks.next_mace_overdue = upcoming.due.due_date < clock.today()
    screening = carole.latest_screening(child)
    if screening is not None:
        risks.screened_on = screening.screened_on
        risks.screening_concerns = screening.yes_count
    since = clock.now() - dt.timedelta(days=MISSING_WINDOW_DAYS)
    risks.missing_last_year = MissingEpisode.objects.filter(
        child=child, started_at__gte=since
    ).count()
    rows = list(
        ContactChild.objects.filter(child=child, contact__channel=ContactChannel.POLICE_PPN)
        .select_related("contact__ppn_consultation", "contact__hrda_case")
        .order_by("-contact__received_at")
    )
    risks.ppn_total = len(rows)
    for row in rows[:PPNS_SHOWN]:
        contact = row.contact
        consultation = getattr(contact, "ppn_consultation", None)
        risks.ppns.append(
            PpnRow(
                received_on=timezone.localtime(contact.received_at).date(),
                rating=contact.get_ppn_rating_display() or "Not rated",
                colour=PPN_COLOURS.get(contact.ppn_rating, "grey"),
                outcome=consultation.get_outcome_display()
                if consultation
                else "Awaiting consultation",
                hrda=getattr(contact, "hrda_case", None) is not None,
                url=reverse("frontdoor:contact", kwargs={"contact_id": contact.pk}),
            )
        )
    return risks


# --- status for lists of people (search results) ------------------------------------------


def statuses_for(people: list[Person]) -> dict[Any, str]:
    """A short current status per person, most intensive first: four queries in all."""
    from safeguard.care.models import PeriodOfCare
    from safeguard.cin.models import CINEpisode
    from safeguard.earlyhelp.models import EarlyHelpEpisode
    from safeguard.protection.models import CPPlan

    ids = [person.pk for person in people]
    in_care: set[Any] = set()
    left_care: set[Any] = set()
    for child_id, ended_on in PeriodOfCare.objects.filter(child_id__in=ids).values_list(
        "child_id", "ended_on"
    ):
        (left_care if ended_on is not None else in_care).add(child_id)
    cp = set(
        CPPlan.objects.filter(child_id__in=ids, end_date__isnull=True).values_list(
            "child_id", flat=True
        )
    )
    cin = set(
        CINEpisode.objects.filter(child_id__in=ids, closure_date__isnull=True).values_list(
            "child_id", flat=True
        )
    )
    early = set(
        EarlyHelpEpisode.objects.filter(child_id__in=ids, closed_on__isnull=True).values_list(
            "child_id", flat=True
        )
    )
    statuses = {}
    for pk in ids:
        if pk in in_care:
            status = "In care"
        elif pk in cp:
            status = "Child protection plan"
        elif pk in cin:
            status = "Child in need"
        elif pk in early:
            status = "Early help"
        elif pk in left_care:
            status = "Left care"
        else:
            status = "No open involvement"
        statuses[pk] = status
    return statuses
