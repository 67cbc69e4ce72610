"""Reads for CIN episodes, CIN plans and visits."""

from __future__ import annotations

import datetime as dt

from django.db import models

from safeguard.cin.models import CINEpisode, CINPlan, Visit
from safeguard.core.timescales import Due, compute_due
from safeguard.people.models import Person


def open_episode(child: Person) -> CINEpisode | None:
    """The child's open CIN episode, if any (there is at most one)."""
    return CINEpisode.objects.filter(child=child, closure_date__isnull=True).first()


def episode_on(child: Person, on: dt.date) -> CINEpisode | None:
    """The CIN episode that was open on a date (referral ≤ date ≤ closure)."""
    return (
        CINEpisode.objects.filter(child=child, referral_date__lte=on)
        .filter(models.Q(closure_date__isnull=True) | models.Q(closure_date__gte=on))
        .order_by("-referral_date")
        .first()
    )


def open_cin_plan(episode: CINEpisode) -> CINPlan | None:
    return episode.cin_plans.filter(end_date__isnull=True).first()


def cin_plans_for_episode(episode: CINEpisode) -> models.QuerySet[CINPlan]:
    """CIN census CINPlanDates for one episode, in date order."""
    return episode.cin_plans.order_by("start_date")


def visits_for_child(
    child: Person, *, visit_type: str | None = None, since: dt.date | None = None
) -> models.QuerySet[Visit]:
    visits = Visit.objects.filter(child=child).select_related("worker", "episode")
    if visit_type is not None:
        visits = visits.filter(visit_type=visit_type)
    if since is not None:
        visits = visits.filter(visit_date__gte=since)
    return visits.order_by("visit_date")


def next_review_due(plan: CINPlan) -> Due:
    """When the plan's next review is due (timescale ``cin_review``): 12 weeks from the
    plan's start or its last review."""
    last = plan.reviews.order_by("-held_on").values_list("held_on", flat=True).first()
    return compute_due("cin_review", last or plan.start_date)
