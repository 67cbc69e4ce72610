"""Reads for early help episodes."""

from __future__ import annotations

from django.db import models

from safeguard.earlyhelp.models import EarlyHelpEpisode
from safeguard.people.models import Person


def open_episode(child: Person) -> EarlyHelpEpisode | None:
    """The child's open early help episode, if any (there is at most one)."""
    return EarlyHelpEpisode.objects.filter(child=child, closed_on__isnull=True).first()


def episodes_for_child(child: Person) -> models.QuerySet[EarlyHelpEpisode]:
    """A child's early help episodes, oldest first, with plan and links."""
    return (
        EarlyHelpEpisode.objects.filter(child=child)
        .select_related("taf_plan", "stepped_up_to", "stepped_down_from", "mash_decision")
        .order_by("requested_on")
    )


def open_episodes() -> models.QuerySet[EarlyHelpEpisode]:
    """Every open early help episode (open early help cases), oldest request first."""
    return (
        EarlyHelpEpisode.objects.filter(closed_on__isnull=True)
        .select_related("child", "lead_professional_worker", "taf_plan")
        .order_by("requested_on", "pk")
    )
