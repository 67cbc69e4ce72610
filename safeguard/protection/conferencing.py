"""Writes that tie conference steps together: booking the right kind of conference for a
child, a conference's whole decision, the chair's midway reviews and escalations.

``record_conference_decision`` is what the chair submits after a conference: it records
the outcome and, in the same transaction, acts on it through the plan services (start
the plan an initial conference decided, change a reviewed plan's category, end a plan a
review decided to end), so a decision is never stored without its plan.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from safeguard.cin.selectors import open_episode
from safeguard.core import validation as v
from safeguard.people.models import Person
from safeguard.protection import selectors
from safeguard.protection.models import (
    INITIAL_CONFERENCE_TYPES,
    Conference,
    ConferenceOutcome,
    ConferenceType,
    CPPlan,
    CPPlanEndReason,
    Escalation,
    EscalationStage,
    EscalationStatus,
    MidwayReview,
    VisitFrequency,
)
from safeguard.protection.services import (
    change_cp_category,
    check_version,
    convene_initial_conference,
    convene_review_conference,
    end_cp_plan,
    record_conference_outcome,
    start_cp_plan,
)
from safeguard.workforce.models import Worker


@transaction.atomic
def book_conference(
    *,
    child: Person,
    conference_type: str,
    scheduled_for: dt.date,
    chair: Worker | None,
    start_time: dt.time | None = None,
    room: str = "",
) -> Conference:
    """Book a conference for the child, finding what it is about.

    A review reviews the child's open CP plan; an initial conference follows the
    substantiated s47 enquiry whose conference was requested; transfer-in and pre-birth
    conferences sit in the child's open CIN episode.
    """
    if chair is None:
        raise v.fail("chair", "Choose the chair.")
    if conference_type == ConferenceType.REVIEW:
        plan = selectors.open_cp_plan(child)
        if plan is None:
            raise v.fail(
                "conference_type",
                f"{child} has no open child protection plan to review: book an initial, "
                "transfer-in or pre-birth conference.",
            )
        return convene_review_conference(
            plan=plan, scheduled_for=scheduled_for, chair=chair, room=room, start_time=start_time
        )
    episode = open_episode(child)
    if episode is None:
        raise v.fail(
            "conference_type",
            f"{child} has no open referral (CIN episode): a conference is booked within one.",
        )
    section47 = None
    if conference_type == ConferenceType.INITIAL:
        section47 = (
            selectors.requests_awaiting_scheduling(Person.objects.filter(pk=child.pk))
            .filter(episode=episode)
            .first()
        )
        if section47 is None:
            raise v.fail(
                "conference_type",
                "No initial conference has been requested: the social worker requests one "
                "when the section 47 enquiry's concerns are substantiated.",
            )
    return convene_initial_conference(
        episode=episode,
        conference_type=conference_type,
        scheduled_for=scheduled_for,
        chair=chair,
        section47=section47,
        room=room,
        start_time=start_time,
    )


@transaction.atomic
def record_conference_decision(
    *,
    conference: Conference,
    held_on: dt.date,
    quorate: bool,
    outcome: str,
    category: str = "",
    advocacy_offered: bool | None = None,
    advocacy_accepted: bool | None = None,
    visit_frequency_weeks: int = VisitFrequency.FOUR_WEEKLY,
    lead_social_worker: Worker | None = None,
    end_reason: str = CPPlanEndReason.NO_LONGER_AT_RISK,
    expected_version: int | None = None,
) -> Conference:
    """Record a held conference's outcome and carry it out on the CP plan.

    Initial (transfer-in, pre-birth) + plan: the plan starts (``start_cp_plan``). Review +
    plan with a new category: the category changes on the review date. Review + no plan:
    the plan ends on the review date for ``end_reason``.
    """
    conference = record_conference_outcome(
        conference=conference,
        held_on=held_on,
        quorate=quorate,
        outcome=outcome,
        category=category,
        advocacy_offered=advocacy_offered,
        advocacy_accepted=advocacy_accepted,
        expected_version=expected_version,
    )
    plan = conference.plan
    if conference.conference_type in INITIAL_CONFERENCE_TYPES:
        if outcome == ConferenceOutcome.PLAN:
            start_cp_plan(
                conference=conference,
                visit_frequency_weeks=visit_frequency_weeks,
                lead_social_worker=lead_social_worker,
            )
    elif conference.conference_type == ConferenceType.REVIEW and plan is not None:
        if outcome == ConferenceOutcome.NO_PLAN:
            end_cp_plan(plan=plan, end_date=held_on, end_reason=end_reason, conference=conference)
        elif category and category != plan.latest_category:
            change_cp_category(
                plan=plan, category=category, changed_on=held_on, conference=conference
            )
    conference.refresh_from_db()
    return conference


@transaction.atomic
def record_midway_review(
    *, plan: CPPlan, held_on: dt.date, chair: Worker, notes: str = ""
) -> MidwayReview:
    """Record the chair's midway review of an open plan, held between two conferences."""
    plan = CPPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.end_date is not None:
        raise v.fail("plan", f"This CP plan ended on {plan.end_date:%d/%m/%Y}.")
    v.require(held_on, field="held_on", label="Midway review date")
    v.not_in_future(held_on, field="held_on", label="Midway review date")
    v.not_before(
        held_on,
        plan.start_date,
        field="held_on",
        label="Midway review date",
        earliest_label="the CP plan start date",
    )
    due = selectors.midway_review_due(plan)
    return MidwayReview.objects.create(
        plan=plan,
        due_on=due if due is not None else held_on,
        held_on=held_on,
        chair=chair,
        notes=notes,
    )


@transaction.atomic
def raise_escalation(
    *,
    child: Person,
    raised_on: dt.date,
    raised_by: Worker,
    about: str,
    stage: str = EscalationStage.INFORMAL,
) -> Escalation:
    """Raise a dispute-resolution escalation about a child's plan or the work on it."""
    v.require(raised_on, field="raised_on", label="Date raised")
    v.not_in_future(raised_on, field="raised_on", label="Date raised")
    if not about.strip():
        raise v.fail("about", "Say what the escalation is about and what is asked for.")
    if stage not in EscalationStage.values:
        raise v.fail("stage", f"{stage!r} is not an escalation stage.")
    return Escalation.objects.create(
        child=child, raised_on=raised_on, raised_by=raised_by, about=about, stage=stage
    )


@transaction.atomic
def resolve_escalation(
    *,
    escalation: Escalation,
    resolved_on: dt.date,
    resolution: str,
    expected_version: int | None = None,
) -> Escalation:
    """Close an open escalation with what was agreed."""
    escalation = Escalation.objects.select_for_update().get(pk=escalation.pk)
    check_version(escalation, expected_version)
    if escalation.status == EscalationStatus.RESOLVED:
        raise v.fail(
            "resolved_on",
            f"This escalation was already resolved on {escalation.resolved_on:%d/%m/%Y}.",
        )
    v.require(resolved_on, field="resolved_on", label="Date resolved")
    v.not_in_future(resolved_on, field="resolved_on", label="Date resolved")
    v.not_before(
        resolved_on,
        escalation.raised_on,
        field="resolved_on",
        label="Date resolved",
        earliest_label="the date it was raised",
    )
    if not resolution.strip():
        raise v.fail("resolution", "Say how the escalation was resolved.")
    escalation.status = EscalationStatus.RESOLVED
    escalation.resolved_on = resolved_on
    escalation.resolution = resolution
    escalation.save()
    return escalation
