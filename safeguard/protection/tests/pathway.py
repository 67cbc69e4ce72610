"""Records along the protection pathway dated relative to today (pages run on the real
clock), for page, matrix and browser tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from safeguard.cin.models import CINEpisode
from safeguard.core import clock
from safeguard.protection.models import (
    Agency,
    Conference,
    ConferenceInvitation,
    CPPlan,
    Section47Enquiry,
    Section47Outcome,
    StrategyDiscussion,
)


def weekday_on_or_before(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def weekday_on_or_after(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def days_ago(n: int) -> dt.date:
    return clock.today() - dt.timedelta(days=n)


def episode_for(child: Any, *, referral_days_ago: int = 60) -> CINEpisode:
    episode = CINEpisode.objects.filter(child=child, closure_date__isnull=True).first()
    if episode is not None:
        return episode
    return CINEpisode.objects.create(
        child=child, referral_date=days_ago(referral_days_ago), referral_source="2A"
    )


def enquiry_for(child: Any, worker: Any = None, *, outcome: str = "") -> Section47Enquiry:
    """An enquiry started from a strategy discussion 30 days ago (rows written directly)."""
    episode = episode_for(child)
    discussion = StrategyDiscussion.objects.create(
        episode=episode,
        held_on=days_ago(30),
        lead_worker=worker,
        s47_initiated=True,
        criminal_investigation=False,
    )
    enquiry = Section47Enquiry.objects.create(
        episode=episode, strategy_discussion=discussion, start_date=days_ago(30)
    )
    if outcome:
        enquiry.outcome = outcome
        enquiry.outcome_date = days_ago(25)
        if outcome == Section47Outcome.SUBSTANTIATED:
            enquiry.conference_requested_on = days_ago(25)
        else:
            enquiry.icpc_not_required = True
        enquiry.save()
    return enquiry


def booked_conference(child: Any, chair: Any, *, in_days: int = 8, **extra: Any) -> Conference:
    episode = episode_for(child)
    return Conference.objects.create(
        episode=episode,
        child=child,
        conference_type=extra.pop("conference_type", "initial"),
        scheduled_for=weekday_on_or_after(clock.today() + dt.timedelta(days=in_days)),
        chair=chair,
        room="Room 1, County Hall",
        **extra,
    )


def held_conference(child: Any, chair: Any, *, days: int = 20, **extra: Any) -> Conference:
    held = weekday_on_or_before(days_ago(days))
    return Conference.objects.create(
        episode=episode_for(child),
        child=child,
        conference_type=extra.pop("conference_type", "initial"),
        scheduled_for=held,
        held_on=held,
        chair=chair,
        outcome=extra.pop("outcome", "plan"),
        category=extra.pop("category", "NEG"),
        quorate=True,
        **extra,
    )


def open_plan_for(child: Any, chair: Any = None) -> CPPlan:
    """An open CP plan made by an initial conference held about 20 days ago."""
    conference = held_conference(child, chair)
    held = weekday_on_or_before(days_ago(20))
    return CPPlan.objects.create(
        episode=conference.episode,
        child=child,
        initial_conference=conference,
        start_date=held,
        initial_category="NEG",
        latest_category="NEG",
    )


def invitation_to(conference: Conference, **extra: Any) -> ConferenceInvitation:
    values: dict[str, Any] = {
        "agency": Agency.GP,
        "invitee": "Dr Amis",
        "invited_on": days_ago(1),
        "report_requested": True,
    }
    values.update(extra)
    return ConferenceInvitation.objects.create(conference=conference, **values)
