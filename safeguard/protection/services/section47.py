"""Strategy discussions and the section 47 enquiries they start, with their outcomes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from safeguard.cin import rules
from safeguard.cin.models import CINEpisode
from safeguard.core import validation as v
from safeguard.protection import selectors
from safeguard.protection.models import (
    Agency,
    Section47Enquiry,
    Section47Outcome,
    StrategyAction,
    StrategyAttendee,
    StrategyDiscussion,
)
from safeguard.protection.services.common import _locked_episode, check_version
from safeguard.workforce.models import Worker


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
