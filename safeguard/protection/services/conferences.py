"""Child protection conferences: booking, cancelling, and recording what was decided."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from safeguard.cin import rules
from safeguard.cin.models import CINEpisode
from safeguard.core import validation as v
from safeguard.people.models import Person
from safeguard.protection import selectors
from safeguard.protection.models import (
    INITIAL_CONFERENCE_TYPES,
    Conference,
    ConferenceOutcome,
    ConferenceType,
    CPPlan,
    Section47Enquiry,
    Section47Outcome,
)
from safeguard.protection.services.common import (
    _check_not_cancelled,
    _locked_episode,
    check_version,
)
from safeguard.workforce.models import Worker, WorkerRole

#: Children this age or older at a conference are referred to an advocate unless they
#: opt out (seed 000 §6.31).
ADVOCACY_AGE = 8


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
