"""Reads for assessments."""

from __future__ import annotations

from django.db import models

from safeguard.assessment.models import Assessment
from safeguard.cin.models import CINEpisode


def open_assessment(episode: CINEpisode) -> Assessment | None:
    return Assessment.objects.filter(episode=episode, authorised_on__isnull=True).first()


def assessments_for_episode(episode: CINEpisode) -> models.QuerySet[Assessment]:
    """The episode's assessments in start order, with their factors prefetched."""
    return (
        Assessment.objects.filter(episode=episode)
        .prefetch_related("factors")
        .order_by("start_date", "created_at")
    )


def factor_codes(assessment: Assessment) -> list[str]:
    """The DfE factor codes in code order (uses a prefetch when present)."""
    return sorted(factor.code for factor in assessment.factors.all())
