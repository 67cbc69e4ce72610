"""Reads for the child's record header and its section pages.

The header is on every record page, so it costs a fixed handful of queries whatever the
child's history: one per kind of open involvement, the allocation, the open missing
episode, (only with an open referral) an assessment in progress and a section 47 enquiry
awaiting its outcome, and (only for a child who has left care) the care leaver check.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

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

    summary = RecordSummary()
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
