"""Writes for single assessments and the factors identified.

Each service is one transaction with keyword-only arguments; it checks every invariant
before writing and raises ``ValidationError`` keyed by the field at fault.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction

from safeguard.assessment.models import (
    NO_FACTORS_IDENTIFIED,
    Assessment,
    AssessmentFactor,
    AssessmentOutcome,
)
from safeguard.cin import hooks, rules
from safeguard.cin.models import CINEpisode
from safeguard.core import validation as v
from safeguard.workforce.models import Worker


@transaction.atomic
def start_assessment(
    *,
    episode: CINEpisode,
    start_date: dt.date,
    worker: Worker,
    contributors: str = "",
) -> Assessment:
    """Start a single assessment on an open CIN episode (AssessmentActualStartDate).

    Not before the referral (CIN census 1103), not in the future, not after the child's
    death, and not while another assessment on the episode is still open (8896, 8863Q).
    """
    episode = (
        CINEpisode.objects.select_for_update(of=("self",))
        .select_related("child")
        .get(pk=episode.pk)
    )
    rules.episode_is_open(episode, field="episode", action="start an assessment")
    v.require(start_date, field="start_date", label="Assessment start date")
    v.not_in_future(start_date, field="start_date", label="Assessment start date")
    rules.not_before(
        start_date,
        episode.referral_date,
        field="start_date",
        label="Assessment start date",
        earliest_label="the referral date",
        rule="1103",
    )
    rules.child_alive_on(
        episode.child, start_date, field="start_date", label="Assessment start date"
    )
    v.require(worker, field="worker", label="Assessing social worker")
    rules.worker_in_post(worker, start_date, field="worker", label="The assessing social worker")
    ongoing = Assessment.objects.filter(episode=episode, authorised_on__isnull=True).first()
    if ongoing is not None:
        raise v.fail(
            "start_date",
            f"The assessment started on {ongoing.start_date:%d/%m/%Y} is still open: complete it "
            "before starting another (CIN census 8896).",
        )
    return Assessment.objects.create(
        episode=episode, start_date=start_date, worker=worker, contributors=contributors
    )


@transaction.atomic
def complete_assessment(
    *,
    assessment: Assessment,
    authorised_on: dt.date,
    factors: Sequence[str],
    outcome: str,
    child_seen: bool,
    seen_alone: bool,
    authorised_by: Worker | None = None,
    internal_review_date: dt.date | None = None,
    late_reason: str = "",
    contributors: str | None = None,
    expected_version: int | None = None,
) -> Assessment:
    """Complete (authorise) an assessment with the factors identified and the outcome.

    Factors are required at completion and only then (8897Q, 8614), each a valid DfE code,
    none repeated (8898), and "21" (no factors identified) stands alone (8869). The
    authorisation date is not before the start (8608), not in the future and within the
    episode. Seen alone implies seen; an unborn child cannot have been seen.
    ``expected_version`` (from the completion form) refuses a stale copy.
    """
    assessment = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("episode__child")
        .get(pk=assessment.pk)
    )
    rules.not_stale(assessment, expected_version)
    if assessment.authorised_on is not None:
        raise v.fail(
            "authorised_on",
            f"This assessment was already completed on {assessment.authorised_on:%d/%m/%Y}.",
        )
    episode = assessment.episode
    child = episode.child
    v.require(authorised_on, field="authorised_on", label="Assessment completion date")
    v.not_in_future(authorised_on, field="authorised_on", label="Assessment completion date")
    rules.not_before(
        authorised_on,
        assessment.start_date,
        field="authorised_on",
        label="Assessment completion date",
        earliest_label="its start date",
        rule="8608",
    )
    rules.within_episode(
        episode, authorised_on, field="authorised_on", label="Assessment completion date"
    )
    if internal_review_date is not None:
        v.not_before(
            internal_review_date,
            assessment.start_date,
            field="internal_review_date",
            label="Internal review date",
            earliest_label="the assessment start date",
        )
        rules.not_after(
            internal_review_date,
            authorised_on,
            field="internal_review_date",
            label="Internal review date",
            latest_label="the completion date",
        )
    if authorised_by is not None:
        rules.worker_in_post(
            authorised_by, authorised_on, field="authorised_by", label="The authorising manager"
        )
    codes = _checked_factors(factors)
    rules.valid_choice(outcome, AssessmentOutcome, field="outcome", label="Assessment outcome")
    if seen_alone and not child_seen:
        raise v.fail("seen_alone", "A child cannot be seen alone without being seen.")
    if child_seen and (child.date_of_birth is None or child.date_of_birth > authorised_on):
        raise v.fail(
            "child_seen",
            "The child was not yet born during this assessment, so cannot be recorded as seen.",
        )

    assessment.authorised_on = authorised_on
    assessment.authorised_by = authorised_by
    assessment.internal_review_date = internal_review_date
    assessment.outcome = outcome
    assessment.child_seen = child_seen
    assessment.seen_alone = seen_alone
    assessment.late_reason = late_reason
    if contributors is not None:
        assessment.contributors = contributors
    assessment.save()
    AssessmentFactor.objects.bulk_create(
        AssessmentFactor(assessment=assessment, code=code) for code in codes
    )
    return assessment


def _checked_factors(factors: Sequence[str]) -> list[str]:
    codes = [str(code).strip() for code in factors]
    if not codes:
        raise v.fail(
            "factors",
            "A completed assessment needs the factors identified; use 21 (no factors "
            "identified) when there are none (CIN census 8897Q).",
        )
    for code in codes:
        v.valid_code(code, codelist_key="assessment_factor", field="factors")
    repeated = sorted({code for code in codes if codes.count(code) > 1})
    if repeated:
        raise v.fail(
            "factors",
            f"Factor {', '.join(repeated)} is recorded more than once (CIN census 8898).",
        )
    if NO_FACTORS_IDENTIFIED in codes and len(codes) > 1:
        others = ", ".join(code for code in codes if code != NO_FACTORS_IDENTIFIED)
        raise v.fail(
            "factors",
            f"Factor 21 (no factors identified) cannot be combined with other factors ({others}) "
            "(CIN census 8869).",
        )
    return codes


def check_episode_closure(episode: CINEpisode, request: hooks.ClosureRequest) -> None:
    """Assessment rules for closing a CIN episode (registered with cin.hooks).

    A referral with an assessment is not 'no further action' (8831); every assessment is
    completed (8867); the closure is not before any assessment date (8565).
    """
    assessments = list(Assessment.objects.filter(episode=episode))
    if assessments and request.referral_nfa:
        raise v.fail(
            "referral_nfa",
            "A referral with an assessment cannot be closed as 'no further action' "
            "(CIN census 8831).",
        )
    for assessment in assessments:
        if assessment.authorised_on is None:
            raise v.fail(
                "closure_date",
                f"The assessment started on {assessment.start_date:%d/%m/%Y} is not completed: "
                "complete it before closing the episode (CIN census 8867).",
            )
        rules.closure_not_before_activity(
            request.closure_date, assessment.start_date, label="an assessment start date"
        )
        rules.closure_not_before_activity(
            request.closure_date, assessment.authorised_on, label="an assessment completion date"
        )
