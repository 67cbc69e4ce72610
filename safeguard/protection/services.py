"""Writes for strategy discussions, section 47 enquiries, conferences and CP plans.

Each service is one transaction with keyword-only arguments; it checks its invariants
before writing and raises ``ValidationError`` keyed by the field at fault, naming the
rule (CIN census rule numbers where there is one) and the values. Conferences are booked
by ``convene_*`` and their decisions recorded by ``record_conference_outcome``; the plan
services (``start_cp_plan``, ``change_cp_category``, ``end_cp_plan``) then act on a
decision and check that they match it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import transaction

from safeguard.cin import hooks, rules
from safeguard.cin.models import CINEpisode, CINPlan, CINPlanEndReason, VisitType
from safeguard.cin.services import CLOSED_AFTER_ASSESSMENT, end_cin_plan
from safeguard.core import clock
from safeguard.core import validation as v
from safeguard.core.exceptions import StaleRecordError
from safeguard.people.models import Person
from safeguard.protection import selectors
from safeguard.protection.models import (
    CONFERENCE_END_REASONS,
    INITIAL_CONFERENCE_TYPES,
    Agency,
    AttendanceStatus,
    Conference,
    ConferenceAttendance,
    ConferenceInvitation,
    ConferenceOutcome,
    ConferenceType,
    CoreGroupMeeting,
    CPPlan,
    CPPlanCategoryChange,
    CPPlanEndReason,
    Section47Enquiry,
    Section47Outcome,
    StrategyAction,
    StrategyAttendee,
    StrategyDiscussion,
    VisitFrequency,
)
from safeguard.workforce.models import Worker, WorkerRole

#: Children this age or older at a conference are referred to an advocate unless they
#: opt out (seed 000 §6.31).
ADVOCACY_AGE = 8


@dataclass(frozen=True)
class AttendeeInput:
    agency: str
    name: str
    role: str = ""
    worker: Worker | None = None


@dataclass(frozen=True)
class ActionInput:
    agency: str
    owner: str
    action: str
    due_by: dt.date


@dataclass(frozen=True)
class InvitationInput:
    agency: str
    invitee: str
    invited_on: dt.date
    report_requested: bool = False
    report_received_on: dt.date | None = None


@dataclass(frozen=True)
class AttendanceInput:
    agency: str
    name: str
    status: str


# --- strategy discussions and section 47 enquiries ---------------------------------------


@transaction.atomic
def hold_strategy_discussion(
    *,
    episode: CINEpisode,
    held_on: dt.date,
    lead_worker: Worker,
    attendees: Sequence[AttendeeInput],
    s47_initiated: bool,
    criminal_investigation: bool,
    information_shared: str = "",
    shared_with_family: str = "",
    withheld_from_family: str = "",
    actions: Sequence[ActionInput] = (),
    s47_start_date: dt.date | None = None,
    minutes_circulated_on: dt.date | None = None,
) -> StrategyDiscussion:
    """Record a strategy discussion, who took part, its decisions and actions.

    When it initiates section 47 enquiries the enquiry is started too (on
    ``s47_start_date``, default the discussion date). Quoracy (social care, police and
    health) is derived from the attendees, not enforced: a discussion without health
    still happened and is reported as not quorate.
    """
    episode = _locked_episode(episode)
    rules.episode_is_open(episode, field="episode", action="hold a strategy discussion")
    v.require(held_on, field="held_on", label="Strategy discussion date")
    v.not_in_future(held_on, field="held_on", label="Strategy discussion date")
    rules.within_episode(episode, held_on, field="held_on", label="Strategy discussion date")
    rules.child_alive_on(episode.child, held_on, field="held_on", label="Strategy discussion date")
    v.require(lead_worker, field="lead_worker", label="Lead social worker")
    rules.worker_in_post(lead_worker, held_on, field="lead_worker", label="The lead social worker")
    if not attendees:
        raise v.fail("attendees", "Record who took part in the strategy discussion.")
    for attendee in attendees:
        rules.valid_choice(attendee.agency, Agency, field="attendees", label="Agency")
        if not attendee.name.strip():
            raise v.fail("attendees", "Each attendee needs a name.")
    for item in actions:
        rules.valid_choice(item.agency, Agency, field="actions", label="Agency")
        if not item.owner.strip() or not item.action.strip():
            raise v.fail("actions", "Each action needs who will do it and what they will do.")
        v.require(item.due_by, field="actions", label="Action due date")
        v.not_before(
            item.due_by,
            held_on,
            field="actions",
            label="Action due date",
            earliest_label="the strategy discussion",
        )
    if minutes_circulated_on is not None:
        v.not_in_future(
            minutes_circulated_on, field="minutes_circulated_on", label="Minutes circulated date"
        )
        v.not_before(
            minutes_circulated_on,
            held_on,
            field="minutes_circulated_on",
            label="Minutes circulated date",
            earliest_label="the strategy discussion",
        )
    if s47_start_date is not None and not s47_initiated:
        raise v.fail(
            "s47_start_date",
            "An s47 start date is only recorded when the discussion initiates s47 enquiries.",
        )
    if s47_initiated:
        _check_section47_can_start(
            episode,
            s47_start_date or held_on,
            discussion_date=held_on,
            field="s47_start_date",
            open_field="s47_initiated",
        )

    discussion = StrategyDiscussion.objects.create(
        episode=episode,
        held_on=held_on,
        lead_worker=lead_worker,
        information_shared=information_shared,
        s47_initiated=s47_initiated,
        criminal_investigation=criminal_investigation,
        shared_with_family=shared_with_family,
        withheld_from_family=withheld_from_family,
        minutes_circulated_on=minutes_circulated_on,
    )
    StrategyAttendee.objects.bulk_create(
        StrategyAttendee(
            discussion=discussion, agency=a.agency, name=a.name, role=a.role, worker=a.worker
        )
        for a in attendees
    )
    StrategyAction.objects.bulk_create(
        StrategyAction(
            discussion=discussion,
            agency=a.agency,
            owner=a.owner,
            action=a.action,
            due_by=a.due_by,
        )
        for a in actions
    )
    if s47_initiated:
        start_section47(
            strategy_discussion=discussion,
            start_date=s47_start_date or held_on,
            lead_worker=lead_worker,
        )
    return discussion


@transaction.atomic
def start_section47(
    *,
    strategy_discussion: StrategyDiscussion,
    start_date: dt.date,
    lead_worker: Worker | None = None,
) -> Section47Enquiry:
    """Start the section 47 enquiry a strategy discussion initiated (S47ActualStartDate).

    Not before the discussion or the referral (2889), not in the future, and not while
    another enquiry on the episode is open (8839, 8890).
    """
    discussion = StrategyDiscussion.objects.select_for_update().get(pk=strategy_discussion.pk)
    episode = _locked_episode(discussion.episode)
    rules.episode_is_open(episode, field="episode", action="start a section 47 enquiry")
    if not discussion.s47_initiated:
        raise v.fail(
            "strategy_discussion",
            f"The strategy discussion on {discussion.held_on:%d/%m/%Y} did not initiate section "
            "47 enquiries.",
        )
    if Section47Enquiry.objects.filter(strategy_discussion=discussion).exists():
        raise v.fail(
            "strategy_discussion",
            f"The section 47 enquiry initiated on {discussion.held_on:%d/%m/%Y} is already "
            "recorded.",
        )
    _check_section47_can_start(
        episode,
        start_date,
        discussion_date=discussion.held_on,
        field="start_date",
        open_field="strategy_discussion",
    )
    if lead_worker is not None:
        rules.worker_in_post(lead_worker, start_date, field="lead_worker", label="The lead worker")
    return Section47Enquiry.objects.create(
        episode=episode,
        strategy_discussion=discussion,
        start_date=start_date,
        lead_worker=lead_worker,
    )


def _check_section47_can_start(
    episode: CINEpisode,
    start_date: dt.date,
    *,
    discussion_date: dt.date,
    field: str,
    open_field: str,
) -> None:
    label = "Section 47 start date"
    v.require(start_date, field=field, label=label)
    v.not_in_future(start_date, field=field, label=label)
    rules.not_before(
        start_date,
        episode.referral_date,
        field=field,
        label=label,
        earliest_label="the referral date",
        rule="2889",
    )
    v.not_before(
        start_date,
        discussion_date,
        field=field,
        label=label,
        earliest_label="the strategy discussion that initiated it",
    )
    rules.child_alive_on(episode.child, start_date, field=field, label=label)
    for enquiry in selectors.open_section47_enquiries(episode):
        raise v.fail(
            open_field,
            f"The section 47 enquiry started on {enquiry.start_date:%d/%m/%Y} is still open "
            "(no outcome, or an initial conference still to be held); a second cannot start "
            "(CIN census 8890).",
        )


@transaction.atomic
def record_section47_outcome(
    *,
    enquiry: Section47Enquiry,
    outcome: str,
    outcome_date: dt.date,
    conference_requested_on: dt.date | None = None,
    icpc_not_required: bool = False,
    icpc_not_required_reason: str = "",
    expected_version: int | None = None,
) -> Section47Enquiry:
    """Record whether the concerns were substantiated and what follows.

    Substantiated: either an initial conference is requested (the date the conference
    service was asked) or ICPCnotRequired with a reason. Not substantiated: no conference;
    ICPCnotRequired is set, so the enquiry is complete for the census (8868).
    """
    enquiry = Section47Enquiry.objects.select_for_update().get(pk=enquiry.pk)
    check_version(enquiry, expected_version)
    episode = _locked_episode(enquiry.episode)
    if enquiry.outcome:
        raise v.fail(
            "outcome",
            f"This enquiry's outcome ({enquiry.get_outcome_display().lower()}) was already "
            f"recorded on {enquiry.outcome_date:%d/%m/%Y}.",
        )
    rules.valid_choice(outcome, Section47Outcome, field="outcome", label="Section 47 outcome")
    v.require(outcome_date, field="outcome_date", label="Outcome date")
    v.not_in_future(outcome_date, field="outcome_date", label="Outcome date")
    v.not_before(
        outcome_date,
        enquiry.start_date,
        field="outcome_date",
        label="Outcome date",
        earliest_label="the section 47 start date",
    )
    rules.within_episode(episode, outcome_date, field="outcome_date", label="Outcome date")
    if conference_requested_on is not None:
        v.not_in_future(
            conference_requested_on,
            field="conference_requested_on",
            label="Conference request date",
        )
        v.not_before(
            conference_requested_on,
            enquiry.start_date,
            field="conference_requested_on",
            label="Conference request date",
            earliest_label="the section 47 start date",
        )
    if outcome == Section47Outcome.NOT_SUBSTANTIATED:
        if conference_requested_on is not None:
            raise v.fail(
                "conference_requested_on",
                "An initial conference follows substantiated concerns only; these were not "
                "substantiated.",
            )
        icpc_not_required = True
        icpc_not_required_reason = icpc_not_required_reason or "Concerns not substantiated."
    elif icpc_not_required and conference_requested_on is not None:
        raise v.fail(
            "icpc_not_required",
            "Either request an initial conference or record that one is not required, not both.",
        )
    elif not icpc_not_required and conference_requested_on is None:
        raise v.fail(
            "conference_requested_on",
            "Substantiated concerns need an initial conference requested at once (give the "
            "date the conference service was asked), or a recorded reason why none is required.",
        )
    elif icpc_not_required and not icpc_not_required_reason.strip():
        raise v.fail(
            "icpc_not_required_reason",
            "Give the reason an initial conference is not required.",
        )
    enquiry.outcome = outcome
    enquiry.outcome_date = outcome_date
    enquiry.conference_requested_on = conference_requested_on
    enquiry.icpc_not_required = icpc_not_required
    enquiry.icpc_not_required_reason = icpc_not_required_reason
    enquiry.save()
    return enquiry


@transaction.atomic
def mark_icpc_not_required(
    *,
    enquiry: Section47Enquiry,
    decided_on: dt.date,
    reason: str,
    expected_version: int | None = None,
) -> Section47Enquiry:
    """Close a substantiated enquiry whose initial conference is no longer needed (e.g. the
    family moved away): ICPCnotRequired with a reason, and any booking cancelled."""
    enquiry = Section47Enquiry.objects.select_for_update().get(pk=enquiry.pk)
    check_version(enquiry, expected_version)
    if enquiry.outcome != Section47Outcome.SUBSTANTIATED or enquiry.icpc_not_required:
        raise v.fail(
            "icpc_not_required",
            "Only a substantiated enquiry awaiting its initial conference can be marked "
            "'conference not required'.",
        )
    held = selectors.held_initial_conference(enquiry)
    if held is not None:
        raise v.fail(
            "icpc_not_required",
            f"The initial conference was already held on {held.held_on:%d/%m/%Y}.",
        )
    if not reason.strip():
        raise v.fail("icpc_not_required_reason", "Give the reason a conference is not required.")
    v.require(decided_on, field="decided_on", label="Decision date")
    v.not_in_future(decided_on, field="decided_on", label="Decision date")
    v.not_before(
        decided_on,
        enquiry.outcome_date,
        field="decided_on",
        label="Decision date",
        earliest_label="the section 47 outcome date",
    )
    for booking in selectors.pending_conferences(section47=enquiry).select_for_update():
        booking.cancelled_on = decided_on
        booking.cancellation_reason = f"Initial conference not required: {reason}"
        booking.save()
    enquiry.icpc_not_required = True
    enquiry.icpc_not_required_reason = reason
    enquiry.save()
    return enquiry


# --- conferences ---------------------------------------------------------------------------


@transaction.atomic
def convene_initial_conference(
    *,
    episode: CINEpisode,
    conference_type: str,
    scheduled_for: dt.date,
    chair: Worker,
    section47: Section47Enquiry | None = None,
    room: str = "",
    group_reference: str = "",
    start_time: dt.time | None = None,
) -> Conference:
    """Book an initial, transfer-in or pre-birth conference for the episode's child.

    An initial conference follows a substantiated s47 enquiry on this episode that still
    needs one (one ICPC per enquiry); a transfer-in conference follows a move from another
    authority; a pre-birth conference is for an unborn child. The date is on a weekday
    (8875), not before the referral (1104) or the enquiry's start (8615); the chair is an
    independent CP chair in post; the child is not already on a plan.
    """
    episode = _locked_episode(episode)
    child = episode.child
    rules.episode_is_open(episode, field="episode", action="convene a conference")
    rules.valid_choice(conference_type, ConferenceType, field="conference_type", label="Type")
    if conference_type == ConferenceType.REVIEW:
        raise v.fail(
            "conference_type",
            "A review conference reviews a CP plan: book it with convene_review_conference.",
        )
    _check_conference_date(episode, scheduled_for, field="scheduled_for", label="Conference date")
    _check_chair(chair, scheduled_for)
    plan = selectors.open_cp_plan(child)
    if plan is not None:
        raise v.fail(
            "episode",
            f"{child} has been subject to a CP plan since {plan.start_date:%d/%m/%Y}; its "
            "conferences are review conferences.",
        )
    if section47 is not None:
        _check_section47_for_conference(episode, section47, scheduled_for)
    elif conference_type == ConferenceType.INITIAL:
        raise v.fail(
            "section47",
            "An initial conference follows a section 47 enquiry whose concerns were "
            "substantiated: choose the enquiry.",
        )
    pending = selectors.pending_conferences(
        episode=episode, conference_type__in=INITIAL_CONFERENCE_TYPES
    ).first()
    if pending is not None:
        raise v.fail(
            "scheduled_for",
            f"An initial conference is already booked for {pending.scheduled_for:%d/%m/%Y}.",
        )
    if conference_type == ConferenceType.PRE_BIRTH:
        _check_unborn(child, scheduled_for, field="conference_type")
    return Conference.objects.create(
        episode=episode,
        child=child,
        conference_type=conference_type,
        section47=section47,
        scheduled_for=scheduled_for,
        start_time=start_time,
        chair=chair,
        room=room,
        group_reference=group_reference,
    )


@transaction.atomic
def convene_review_conference(
    *,
    plan: CPPlan,
    scheduled_for: dt.date,
    chair: Worker,
    room: str = "",
    group_reference: str = "",
    start_time: dt.time | None = None,
) -> Conference:
    """Book a review conference for an open CP plan (after its start, 8841)."""
    plan = CPPlan.objects.select_for_update().get(pk=plan.pk)
    episode = _locked_episode(plan.episode)
    if plan.end_date is not None:
        raise v.fail(
            "plan",
            f"This CP plan ended on {plan.end_date:%d/%m/%Y}; only an open plan is reviewed.",
        )
    rules.episode_is_open(episode, field="episode", action="convene a conference")
    _check_conference_date(episode, scheduled_for, field="scheduled_for", label="Review date")
    if scheduled_for <= plan.start_date:
        raise v.fail(
            "scheduled_for",
            f"Review date ({scheduled_for:%d/%m/%Y}) must be after the CP plan start date "
            f"({plan.start_date:%d/%m/%Y}) (CIN census 8841).",
        )
    _check_chair(chair, scheduled_for)
    pending = selectors.pending_conferences(plan=plan).first()
    if pending is not None:
        raise v.fail(
            "scheduled_for",
            f"A review conference is already booked for {pending.scheduled_for:%d/%m/%Y}.",
        )
    return Conference.objects.create(
        episode=episode,
        child=plan.child,
        conference_type=ConferenceType.REVIEW,
        plan=plan,
        scheduled_for=scheduled_for,
        start_time=start_time,
        chair=chair,
        room=room,
        group_reference=group_reference,
    )


@transaction.atomic
def cancel_conference(
    *,
    conference: Conference,
    cancelled_on: dt.date,
    reason: str,
    expected_version: int | None = None,
) -> Conference:
    """Cancel a booked conference that has not been held, with the reason."""
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    check_version(conference, expected_version)
    _check_not_cancelled(conference)
    if conference.held_on is not None:
        raise v.fail(
            "cancelled_on",
            f"This conference was held on {conference.held_on:%d/%m/%Y}; it cannot be cancelled.",
        )
    v.require(cancelled_on, field="cancelled_on", label="Cancellation date")
    v.not_in_future(cancelled_on, field="cancelled_on", label="Cancellation date")
    if not reason.strip():
        raise v.fail("cancellation_reason", "Give the reason the conference was cancelled.")
    conference.cancelled_on = cancelled_on
    conference.cancellation_reason = reason
    conference.save()
    return conference


@transaction.atomic
def record_conference_invitations(
    *, conference: Conference, invitations: Sequence[InvitationInput]
) -> list[ConferenceInvitation]:
    """Record who was invited, when, and the agency reports asked for and received.

    Invitations are sent on or before the conference date; a report is received only if
    requested, and not before the invitation. One invitation per invitee and agency.
    """
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    _check_not_cancelled(conference)
    if not invitations:
        raise v.fail("invitations", "Record at least one invitation.")
    conference_date = conference.held_on or conference.scheduled_for
    seen = set(
        ConferenceInvitation.objects.filter(conference=conference).values_list("agency", "invitee")
    )
    for item in invitations:
        rules.valid_choice(item.agency, Agency, field="invitations", label="Agency")
        if not item.invitee.strip():
            raise v.fail("invitations", "Each invitation needs the invitee's name.")
        key = (item.agency, item.invitee)
        if key in seen:
            raise v.fail(
                "invitations",
                f"{item.invitee} ({Agency(item.agency).label}) is already invited to this "
                "conference.",
            )
        seen.add(key)
        v.require(item.invited_on, field="invitations", label="Invitation date")
        v.not_in_future(item.invited_on, field="invitations", label="Invitation date")
        rules.not_after(
            item.invited_on,
            conference_date,
            field="invitations",
            label="Invitation date",
            latest_label="the conference date",
        )
        if item.report_received_on is not None:
            if not item.report_requested:
                raise v.fail(
                    "invitations",
                    f"A report from {item.invitee} is recorded as received but was not requested.",
                )
            _check_report_date(item.report_received_on, item.invited_on)
    return ConferenceInvitation.objects.bulk_create(
        ConferenceInvitation(
            conference=conference,
            agency=item.agency,
            invitee=item.invitee,
            invited_on=item.invited_on,
            report_requested=item.report_requested,
            report_received_on=item.report_received_on,
        )
        for item in invitations
    )


@transaction.atomic
def record_conference_report_received(
    *, invitation: ConferenceInvitation, received_on: dt.date, expected_version: int | None = None
) -> ConferenceInvitation:
    """Record that a requested agency report arrived."""
    invitation = ConferenceInvitation.objects.select_for_update().get(pk=invitation.pk)
    check_version(invitation, expected_version)
    if not invitation.report_requested:
        raise v.fail("report_received_on", f"No report was requested from {invitation.invitee}.")
    if invitation.report_received_on is not None:
        raise v.fail(
            "report_received_on",
            f"The report from {invitation.invitee} was already received on "
            f"{invitation.report_received_on:%d/%m/%Y}.",
        )
    _check_report_date(received_on, invitation.invited_on, field="report_received_on")
    invitation.report_received_on = received_on
    invitation.save()
    return invitation


def _check_report_date(
    received_on: dt.date, invited_on: dt.date, *, field: str = "invitations"
) -> None:
    v.not_in_future(received_on, field=field, label="Report received date")
    v.not_before(
        received_on,
        invited_on,
        field=field,
        label="Report received date",
        earliest_label="the invitation date",
    )


@transaction.atomic
def record_conference_attendance(
    *, conference: Conference, attendance: Sequence[AttendanceInput]
) -> list[ConferenceAttendance]:
    """Record who attended, sent apologies or did not attend, by agency."""
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    _check_not_cancelled(conference)
    conference_date = conference.held_on or conference.scheduled_for
    if conference_date > clock.today():
        raise v.fail(
            "attendance",
            f"The conference on {conference_date:%d/%m/%Y} has not taken place yet.",
        )
    if not attendance:
        raise v.fail("attendance", "Record at least one person's attendance.")
    seen = set(
        ConferenceAttendance.objects.filter(conference=conference).values_list("agency", "name")
    )
    for item in attendance:
        rules.valid_choice(item.agency, Agency, field="attendance", label="Agency")
        rules.valid_choice(item.status, AttendanceStatus, field="attendance", label="Attendance")
        if not item.name.strip():
            raise v.fail("attendance", "Each attendance row needs the person's name.")
        if (item.agency, item.name) in seen:
            raise v.fail(
                "attendance",
                f"Attendance for {item.name} ({Agency(item.agency).label}) is already recorded.",
            )
        seen.add((item.agency, item.name))
    return ConferenceAttendance.objects.bulk_create(
        ConferenceAttendance(
            conference=conference, agency=item.agency, name=item.name, status=item.status
        )
        for item in attendance
    )


@transaction.atomic
def record_conference_outcome(
    *,
    conference: Conference,
    held_on: dt.date,
    quorate: bool,
    outcome: str,
    category: str = "",
    advocacy_offered: bool | None = None,
    advocacy_accepted: bool | None = None,
    expected_version: int | None = None,
) -> Conference:
    """Record that a booked conference took place and what it decided.

    The date is the census DateOfInitialCPC (initial types) or CPPreviewDate (reviews):
    not in the future, a weekday (8875), within the episode, not before the enquiry's
    start (8615) and, for a review, after the plan's start (8841). A plan needs a category
    of abuse; a child aged 8 or over must have been offered advocacy or have opted out.
    The plan itself is then started, changed or ended by the plan services.
    """
    conference = (
        Conference.objects.select_for_update(of=("self",))
        .select_related("section47", "plan", "child")
        .get(pk=conference.pk)
    )
    check_version(conference, expected_version)
    episode = _locked_episode(conference.episode)
    _check_not_cancelled(conference)
    if conference.held_on is not None:
        raise v.fail(
            "held_on",
            f"This conference's outcome was already recorded (held {conference.held_on:%d/%m/%Y}).",
        )
    child = conference.child
    _check_conference_date(episode, held_on, field="held_on", label="Conference date")
    v.not_in_future(held_on, field="held_on", label="Conference date")
    if conference.section47 is not None:
        rules.not_before(
            held_on,
            conference.section47.start_date,
            field="held_on",
            label="Conference date",
            earliest_label="the section 47 start date",
            rule="8615",
        )
    if conference.conference_type == ConferenceType.PRE_BIRTH:
        _check_unborn(child, held_on, field="held_on")
    plan = conference.plan
    if conference.conference_type == ConferenceType.REVIEW and plan is not None:
        if plan.end_date is not None:
            raise v.fail("held_on", f"The CP plan under review ended on {plan.end_date:%d/%m/%Y}.")
        if held_on <= plan.start_date:
            raise v.fail(
                "held_on",
                f"Review date ({held_on:%d/%m/%Y}) must be after the CP plan start date "
                f"({plan.start_date:%d/%m/%Y}) (CIN census 8841).",
            )
    if quorate is None:
        raise v.fail("quorate", "Record whether the conference was quorate.")
    rules.valid_choice(outcome, ConferenceOutcome, field="outcome", label="Conference outcome")
    if outcome == ConferenceOutcome.PLAN:
        v.valid_code(
            category,
            codelist_key="category_of_abuse",
            field="category",
            required=conference.conference_type in INITIAL_CONFERENCE_TYPES,
        )
    elif category:
        raise v.fail("category", "A category of abuse is decided only when there is a CP plan.")
    if advocacy_accepted and not advocacy_offered:
        raise v.fail("advocacy_accepted", "Advocacy can only be accepted once it is offered.")
    age = rules.age_on(child, held_on)
    if age is not None and age >= ADVOCACY_AGE and advocacy_offered is None:
        raise v.fail(
            "advocacy_offered",
            f"{child} was {age} at the conference: children aged {ADVOCACY_AGE} or over are "
            "referred to an advocate unless they opt out, so record whether advocacy was "
            "offered.",
        )
    conference.held_on = held_on
    conference.quorate = quorate
    conference.outcome = outcome
    conference.category = category
    conference.advocacy_offered = advocacy_offered
    conference.advocacy_accepted = advocacy_accepted
    conference.save()
    return conference


@transaction.atomic
def record_conference_minutes_sent(
    *, conference: Conference, sent_on: dt.date, expected_version: int | None = None
) -> Conference:
    """Record when the minutes went to the family (by secure email)."""
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    check_version(conference, expected_version)
    if conference.held_on is None:
        raise v.fail("minutes_sent_on", "Minutes are sent after the conference is held.")
    if conference.minutes_sent_on is not None:
        raise v.fail(
            "minutes_sent_on",
            f"The minutes were already sent on {conference.minutes_sent_on:%d/%m/%Y}.",
        )
    v.require(sent_on, field="minutes_sent_on", label="Minutes sent date")
    v.not_in_future(sent_on, field="minutes_sent_on", label="Minutes sent date")
    v.not_before(
        sent_on,
        conference.held_on,
        field="minutes_sent_on",
        label="Minutes sent date",
        earliest_label="the conference date",
    )
    conference.minutes_sent_on = sent_on
    conference.save()
    return conference


def _check_conference_date(episode: CINEpisode, on: dt.date, *, field: str, label: str) -> None:
    v.require(on, field=field, label=label)
    if on.weekday() >= 5:
        raise v.fail(
            field,
            f"{label} ({on:%d/%m/%Y}) is a {on:%A}: conferences are held on weekdays "
            "(CIN census 8875).",
        )
    rules.not_before(
        on,
        episode.referral_date,
        field=field,
        label=label,
        earliest_label="the referral date",
        rule="1104",
    )
    rules.child_alive_on(episode.child, on, field=field, label=label)


def _check_chair(chair: Worker, on: dt.date) -> None:
    v.require(chair, field="chair", label="Conference chair")
    if chair.role != WorkerRole.CONFERENCE_CHAIR:
        raise v.fail(
            "chair",
            f"Conferences are chaired by an independent CP chair; {chair} is a "
            f"{chair.get_role_display().lower()}.",
        )
    rules.worker_in_post(chair, on, field="chair", label="The chair")


def _check_section47_for_conference(
    episode: CINEpisode, enquiry: Section47Enquiry, scheduled_for: dt.date
) -> None:
    enquiry = Section47Enquiry.objects.select_for_update().get(pk=enquiry.pk)
    if enquiry.episode_id != episode.pk:
        raise v.fail("section47", "That section 47 enquiry belongs to another CIN episode.")
    if enquiry.outcome != Section47Outcome.SUBSTANTIATED:
        state = enquiry.get_outcome_display().lower() if enquiry.outcome else "has no outcome yet"
        raise v.fail(
            "section47",
            f"An initial conference follows substantiated concerns; the enquiry from "
            f"{enquiry.start_date:%d/%m/%Y} {'was ' if enquiry.outcome else ''}{state}.",
        )
    if enquiry.icpc_not_required:
        raise v.fail(
            "section47",
            f"The enquiry from {enquiry.start_date:%d/%m/%Y} is recorded as not needing an "
            "initial conference.",
        )
    existing = selectors.live_initial_conferences(enquiry).first()
    if existing is not None:
        raise v.fail(
            "section47",
            f"The enquiry from {enquiry.start_date:%d/%m/%Y} already has its initial conference "
            f"({existing.held_on or existing.scheduled_for:%d/%m/%Y}): one per enquiry.",
        )
    rules.not_before(
        scheduled_for,
        enquiry.start_date,
        field="scheduled_for",
        label="Conference date",
        earliest_label="the section 47 start date",
        rule="8615",
    )


def _check_unborn(child: Person, on: dt.date, *, field: str) -> None:
    if child.date_of_birth is not None and child.date_of_birth <= on:
        raise v.fail(
            field,
            f"A pre-birth conference is for an unborn child; {child} was born on "
            f"{child.date_of_birth:%d/%m/%Y}.",
        )


def _check_not_cancelled(conference: Conference) -> None:
    if conference.cancelled_on is not None:
        raise v.fail(
            "conference",
            f"This conference was cancelled on {conference.cancelled_on:%d/%m/%Y}.",
        )


# --- CP plans ------------------------------------------------------------------------------


@transaction.atomic
def start_cp_plan(
    *,
    conference: Conference,
    visit_frequency_weeks: int = VisitFrequency.FOUR_WEEKLY,
    lead_social_worker: Worker | None = None,
) -> CPPlan:
    """Start the CP plan an initial (transfer-in, pre-birth) conference decided on.

    Starts on the conference date (2885) with its category as both initial and latest
    category; within an open CIN episode and not before its referral (1105); one open CP
    plan per child across episodes (8935) and no overlap with earlier plans (8940);
    not after the child's death (8915). An open CIN plan ends on the same day (4001, 4017).
    """
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    episode = _locked_episode(conference.episode)
    child = episode.child
    Person.objects.select_for_update().filter(pk=child.pk).first()
    _check_not_cancelled(conference)
    if conference.conference_type not in INITIAL_CONFERENCE_TYPES:
        raise v.fail(
            "conference",
            "A CP plan is made by an initial, transfer-in or pre-birth conference, not a "
            f"{conference.get_conference_type_display().lower()} conference.",
        )
    if conference.held_on is None or conference.outcome != ConferenceOutcome.PLAN:
        raise v.fail(
            "conference",
            "Record the conference as held with the outcome 'child protection plan' first.",
        )
    if CPPlan.objects.filter(initial_conference=conference).exists():
        raise v.fail("conference", "This conference's CP plan is already recorded.")
    start_date = conference.held_on
    rules.episode_is_open(episode, field="episode", action="start a CP plan")
    rules.not_before(
        start_date,
        episode.referral_date,
        field="start_date",
        label="CP plan start date",
        earliest_label="the referral date",
        rule="1105",
    )
    rules.child_alive_on(
        child, start_date, field="start_date", label="CP plan start date", rule="8915"
    )
    for earlier in CPPlan.objects.filter(child=child).order_by("start_date"):
        if earlier.end_date is None:
            raise v.fail(
                "start_date",
                f"{child} already has an open CP plan from {earlier.start_date:%d/%m/%Y}; a "
                "child has one CP plan at a time (CIN census 8935).",
            )
        if earlier.end_date >= start_date:
            raise v.fail(
                "start_date",
                f"CP plan start date ({start_date:%d/%m/%Y}) must be after the end of the "
                f"previous plan ({earlier.start_date:%d/%m/%Y} to "
                f"{earlier.end_date:%d/%m/%Y}) (CIN census 8940).",
            )
    open_cin_plan: CINPlan | None = None
    for cin_plan in CINPlan.objects.filter(episode=episode):
        if cin_plan.end_date is None:
            open_cin_plan = cin_plan
        elif cin_plan.start_date <= start_date < cin_plan.end_date:
            raise v.fail(
                "start_date",
                f"CP plan start date ({start_date:%d/%m/%Y}) falls inside the CIN plan from "
                f"{cin_plan.start_date:%d/%m/%Y} to {cin_plan.end_date:%d/%m/%Y} "
                "(CIN census 4017).",
            )
    if int(visit_frequency_weeks) not in VisitFrequency.values:
        raise v.fail(
            "visit_frequency_weeks",
            f"Visit frequency must be every 1, 2 or 4 weeks, not {visit_frequency_weeks}.",
        )
    if lead_social_worker is not None:
        rules.worker_in_post(
            lead_social_worker,
            start_date,
            field="lead_social_worker",
            label="The lead social worker",
        )
    if open_cin_plan is not None:
        end_cin_plan(
            plan=open_cin_plan, end_date=start_date, end_reason=CINPlanEndReason.STEPPED_UP_TO_CP
        )
    return CPPlan.objects.create(
        episode=episode,
        child=child,
        initial_conference=conference,
        start_date=start_date,
        initial_category=conference.category,
        latest_category=conference.category,
        visit_frequency_weeks=int(visit_frequency_weeks),
        lead_social_worker=lead_social_worker,
    )


@transaction.atomic
def change_cp_category(
    *,
    plan: CPPlan,
    category: str,
    changed_on: dt.date,
    conference: Conference | None = None,
    expected_version: int | None = None,
) -> CPPlan:
    """Change an open plan's category of abuse (LatestCategoryOfAbuse), keeping history.

    After the plan's start and any earlier change, not in the future; when made at a
    review conference, that conference decided this category on this date.
    """
    plan = CPPlan.objects.select_for_update().get(pk=plan.pk)
    check_version(plan, expected_version)
    if plan.end_date is not None:
        raise v.fail("plan", f"This CP plan ended on {plan.end_date:%d/%m/%Y}.")
    v.valid_code(category, codelist_key="category_of_abuse", field="category")
    if category == plan.latest_category:
        raise v.fail("category", f"The plan's category is already {category}.")
    v.require(changed_on, field="changed_on", label="Date of change")
    v.not_in_future(changed_on, field="changed_on", label="Date of change")
    if changed_on <= plan.start_date:
        raise v.fail(
            "changed_on",
            f"Date of change ({changed_on:%d/%m/%Y}) must be after the plan started "
            f"({plan.start_date:%d/%m/%Y}); correct the initial category instead.",
        )
    last = CPPlanCategoryChange.objects.filter(plan=plan).order_by("-changed_on").first()
    if last is not None:
        v.not_before(
            changed_on,
            last.changed_on,
            field="changed_on",
            label="Date of change",
            earliest_label="the previous category change",
        )
    if conference is not None:
        conference = Conference.objects.get(pk=conference.pk)
        if (
            conference.plan_id != plan.pk
            or conference.held_on != changed_on
            or conference.outcome != ConferenceOutcome.PLAN
            or conference.category != category
            or conference.cancelled_on is not None
        ):
            raise v.fail(
                "conference",
                f"That conference did not decide category {category} for this plan on "
                f"{changed_on:%d/%m/%Y}.",
            )
    CPPlanCategoryChange.objects.create(
        plan=plan,
        changed_on=changed_on,
        from_category=plan.latest_category,
        to_category=category,
        conference=conference,
    )
    plan.latest_category = category
    plan.save()
    return plan


@transaction.atomic
def end_cp_plan(
    *,
    plan: CPPlan,
    end_date: dt.date,
    end_reason: str,
    conference: Conference | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> CPPlan:
    """End a CP plan (CPPendDate).

    After its start (8840, 8925), not in the future, not after the child's death (8920),
    not before anything recorded on the plan, and with no review still booked. "No longer
    at risk", "became looked after" and "other" are a review conference's decision (held on
    the end date with the outcome 'no plan'); "turned 18" ends on the 18th birthday;
    "died" on the recorded date of death; a move to another authority names it.
    """
    plan = CPPlan.objects.select_for_update(of=("self",)).select_related("child").get(pk=plan.pk)
    check_version(plan, expected_version)
    child = plan.child
    if plan.end_date is not None:
        raise v.fail("end_date", f"This CP plan already ended on {plan.end_date:%d/%m/%Y}.")
    v.require(end_date, field="end_date", label="CP plan end date")
    v.not_in_future(end_date, field="end_date", label="CP plan end date")
    if end_date <= plan.start_date:
        raise v.fail(
            "end_date",
            f"CP plan end date ({end_date:%d/%m/%Y}) must be after its start date "
            f"({plan.start_date:%d/%m/%Y}): a plan cannot start and end on the same day "
            "(CIN census 8840, 8925).",
        )
    rules.child_alive_on(child, end_date, field="end_date", label="CP plan end date", rule="8920")
    rules.valid_choice(end_reason, CPPlanEndReason, field="end_reason", label="End reason")
    if conference is not None:
        conference = Conference.objects.get(pk=conference.pk)
        if (
            conference.conference_type != ConferenceType.REVIEW
            or conference.plan_id != plan.pk
            or conference.held_on != end_date
            or conference.outcome != ConferenceOutcome.NO_PLAN
            or conference.cancelled_on is not None
        ):
            raise v.fail(
                "conference",
                f"The plan ends at a review conference of this plan held on {end_date:%d/%m/%Y} "
                "that decided 'no plan'; that conference did not.",
            )
    elif end_reason in CONFERENCE_END_REASONS:
        raise v.fail(
            "conference",
            f"Ending a plan because '{CPPlanEndReason(end_reason).label.lower()}' is a review "
            "conference's decision: give the conference.",
        )
    if end_reason == CPPlanEndReason.TURNED_18:
        if child.date_of_birth is None:
            raise v.fail("end_reason", f"{child}'s date of birth is not recorded.")
        birthday = child.date_of_birth + relativedelta(years=18)
        if end_date != birthday:
            raise v.fail(
                "end_date",
                f"A plan ending at 18 ends on the 18th birthday ({birthday:%d/%m/%Y}), not "
                f"{end_date:%d/%m/%Y}.",
            )
    if end_reason == CPPlanEndReason.DIED:
        if child.date_of_death is None:
            raise v.fail(
                "end_reason", f"Record {child}'s date of death before ending the plan for it."
            )
        if end_date != child.date_of_death:
            raise v.fail(
                "end_date",
                f"The plan ends on the date of death ({child.date_of_death:%d/%m/%Y}), not "
                f"{end_date:%d/%m/%Y}.",
            )
    if end_reason == CPPlanEndReason.MOVED_LA and not note.strip():
        raise v.fail("note", "Name the receiving authority (and the date of its conference).")
    latest = _latest_plan_activity(plan)
    if latest is not None and latest[0] > end_date:
        raise v.fail(
            "end_date",
            f"CP plan end date ({end_date:%d/%m/%Y}) cannot be before {latest[1]} "
            f"({latest[0]:%d/%m/%Y}).",
        )
    pending = selectors.pending_conferences(plan=plan).first()
    if pending is not None:
        raise v.fail(
            "end_date",
            f"A review conference is booked for {pending.scheduled_for:%d/%m/%Y}: cancel it "
            "before ending the plan.",
        )
    plan.end_date = end_date
    plan.end_reason = end_reason
    plan.end_conference = conference
    plan.end_note = note
    plan.save()
    return plan


def _latest_plan_activity(plan: CPPlan) -> tuple[dt.date, str] | None:
    dated: list[tuple[dt.date, str]] = []
    change = CPPlanCategoryChange.objects.filter(plan=plan).order_by("-changed_on").first()
    if change is not None:
        dated.append((change.changed_on, "a category change"))
    meeting = CoreGroupMeeting.objects.filter(plan=plan).order_by("-held_on").first()
    if meeting is not None:
        dated.append((meeting.held_on, "a core group meeting"))
    reviews = selectors.review_dates(plan)
    if reviews:
        dated.append((reviews[-1], "a review conference"))
    return max(dated) if dated else None


@transaction.atomic
def record_core_group_meeting(
    *, plan: CPPlan, held_on: dt.date, attendees: str = "", notes: str = ""
) -> CoreGroupMeeting:
    """Record a core group meeting held while the plan was in force."""
    plan = CPPlan.objects.select_for_update().get(pk=plan.pk)
    v.require(held_on, field="held_on", label="Core group date")
    v.not_in_future(held_on, field="held_on", label="Core group date")
    v.not_before(
        held_on,
        plan.start_date,
        field="held_on",
        label="Core group date",
        earliest_label="the CP plan start date",
    )
    rules.not_after(
        held_on,
        plan.end_date,
        field="held_on",
        label="Core group date",
        latest_label="the plan end",
    )
    return CoreGroupMeeting.objects.create(
        plan=plan, held_on=held_on, attendees=attendees, notes=notes
    )


def check_version(record: Any, expected_version: int | None) -> None:
    """Refuse an edit made from a copy someone else has since saved over (nothing written).

    ``expected_version`` is the version the user's form was built from; None skips the
    check (callers that are not edits of a shown record, e.g. imports and the generator).
    """
    if expected_version is not None and record.version != expected_version:
        raise StaleRecordError(
            model_label=str(record._meta.verbose_name),
            pk=record.pk,
            expected=expected_version,
            current=record.version,
        )


def _locked_episode(episode: CINEpisode) -> CINEpisode:
    return (
        CINEpisode.objects.select_for_update(of=("self",))
        .select_related("child")
        .get(pk=episode.pk)
    )


# --- checks registered with cin.hooks ------------------------------------------------------


def check_episode_closure(episode: CINEpisode, request: hooks.ClosureRequest) -> None:
    """Protection rules for closing a CIN episode.

    No s47 or CP activity on a 'no further action' referral (8831, 8832) or on a case
    closed after assessment (2990); no open CP plan, open s47 enquiry (8868), booked
    conference or conference decision for a plan not yet started (2883); nothing dated
    after the closure (8565).
    """
    discussions = list(StrategyDiscussion.objects.filter(episode=episode))
    enquiries = list(Section47Enquiry.objects.filter(episode=episode))
    plans = list(CPPlan.objects.filter(episode=episode))
    conferences = list(
        Conference.objects.filter(episode=episode, cancelled_on__isnull=True, held_on__isnull=False)
    )
    if request.referral_nfa and (discussions or enquiries or plans or conferences):
        raise v.fail(
            "referral_nfa",
            "A referral with strategy discussions, s47 enquiries, conferences or CP plans "
            "cannot be closed as 'no further action' (CIN census 8831, 8832).",
        )
    if request.reason_for_closure in CLOSED_AFTER_ASSESSMENT and (enquiries or plans):
        raise v.fail(
            "reason_for_closure",
            f"Reason for closure {request.reason_for_closure} (closed after assessment) "
            "cannot be used on an episode with a section 47 enquiry or CP plan "
            "(CIN census 2990).",
        )
    for plan in plans:
        if plan.end_date is None:
            raise v.fail(
                "closure_date",
                f"The CP plan from {plan.start_date:%d/%m/%Y} is still open: end it before "
                "closing the episode.",
            )
    for enquiry in enquiries:
        if selectors.is_section47_open(enquiry):
            raise v.fail(
                "closure_date",
                f"The section 47 enquiry from {enquiry.start_date:%d/%m/%Y} is not complete "
                "(it needs an outcome and an initial conference held or recorded as not "
                "required) (CIN census 8868).",
            )
    pending = selectors.pending_conferences(episode=episode).first()
    if pending is not None:
        raise v.fail(
            "closure_date",
            f"A conference is booked for {pending.scheduled_for:%d/%m/%Y}: hold or cancel it "
            "before closing the episode.",
        )
    started_from = {plan.initial_conference_id for plan in plans}
    for conference in conferences:
        if (
            conference.conference_type in INITIAL_CONFERENCE_TYPES
            and conference.outcome == ConferenceOutcome.PLAN
            and conference.pk not in started_from
        ):
            raise v.fail(
                "closure_date",
                f"The conference on {conference.held_on:%d/%m/%Y} decided on a CP plan that is "
                "not recorded: start the plan before closing the episode.",
            )
    closure_date = request.closure_date
    for discussion in discussions:
        rules.closure_not_before_activity(
            closure_date, discussion.held_on, label="a strategy discussion"
        )
    for enquiry in enquiries:
        rules.closure_not_before_activity(
            closure_date, enquiry.start_date, label="a section 47 start date"
        )
        rules.closure_not_before_activity(
            closure_date, enquiry.outcome_date, label="a section 47 outcome date"
        )
    for conference in conferences:
        rules.closure_not_before_activity(closure_date, conference.held_on, label="a conference")
    for plan in plans:
        rules.closure_not_before_activity(closure_date, plan.end_date, label="a CP plan end date")


def check_cin_plan_start(episode: CINEpisode, start_date: dt.date) -> None:
    """A CIN plan cannot start while a CP plan is in force (4001, 4016); it may start on
    the day a CP plan ends (a step down)."""
    for plan in CPPlan.objects.filter(child_id=episode.child_id, start_date__lte=start_date):
        if plan.end_date is None or start_date < plan.end_date:
            ends = f"ended {plan.end_date:%d/%m/%Y}" if plan.end_date else "still open"
            raise v.fail(
                "start_date",
                f"A CIN plan cannot run alongside a CP plan: CIN plan start date "
                f"({start_date:%d/%m/%Y}) falls in the CP plan from "
                f"{plan.start_date:%d/%m/%Y} ({ends}) (CIN census 4001, 4016).",
            )


def check_visit(request: hooks.VisitRequest) -> None:
    """A CP visit is made while the child is subject to a CP plan."""
    if request.visit_type != VisitType.CP:
        return
    if selectors.cp_plan_on(request.child, request.visit_date) is None:
        raise v.fail(
            "visit_type",
            f"{request.child} was not subject to a CP plan on {request.visit_date:%d/%m/%Y}: "
            "record a CIN or other visit instead.",
        )
