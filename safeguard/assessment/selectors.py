"""Reads for assessments."""

from __future__ import annotations

import datetime as dt

from django.db import models

from safeguard.assessment.models import Assessment
from safeguard.cin.models import CINEpisode
from safeguard.core.timescales import Due, compute_due


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


def assessment_clock_start(assessment: Assessment) -> dt.date:
    """When the 45 working days began: the referral for the episode's first assessment,
    the assessment's own start for a re-assessment on new information (timescale
    ``assessment``: "referral date, or date new information ... triggers re-assessment")."""
    first = assessments_for_episode(assessment.episode).only("pk").first()
    if first is None or first.pk == assessment.pk:
        return assessment.episode.referral_date
    return assessment.start_date


def assessment_due(assessment: Assessment) -> Due:
    """The assessment's 45-working-day due date, with its explanation."""
    return compute_due("assessment", assessment_clock_start(assessment))


def first_assessment_due(episode: CINEpisode) -> Due | None:
    """For an episode with no assessment yet: when its first assessment is due."""
    if Assessment.objects.filter(episode=episode).exists():
        return None
    return compute_due("assessment", episode.referral_date)
