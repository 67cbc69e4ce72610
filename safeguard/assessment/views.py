"""Assessment pages: start a single assessment, complete it with factors and outcome.

Both open the child through ``open_child_record`` and call ``safeguard.assessment.services``;
the 45-working-day due date comes from the timescale registry (``assessment`` selectors).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from safeguard.access.decorators import requires
from safeguard.access.guards import open_child_record
from safeguard.assessment import selectors, services
from safeguard.assessment.forms import CompleteAssessmentForm, StartAssessmentForm
from safeguard.cin import selectors as cin_selectors
from safeguard.cin.pages import Fact, current_worker, data, form_page, nothing_open
from safeguard.core.timescales import Due

CAPTION = "Assessment"


def _due_text(due: Due) -> str:
    return f"The assessment is due by {due.due_date:%-d %B %Y} ({due.explanation})."


def _no_episode(request: HttpRequest, child: Any, title: str) -> HttpResponse:
    return nothing_open(
        request,
        child=child,
        title=title,
        caption=CAPTION,
        message=f"{child.first_name} {child.last_name} has no open referral (CIN episode). "
        "An assessment starts on a referral, which opens from a MASH decision.",
    )


@requires("access.record_casework")
@require_http_methods(["GET", "POST"])
def start_assessment(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Start an assessment")
    title = "Start an assessment"
    episode = cin_selectors.open_episode(child)
    if episode is None:
        return _no_episode(request, child, title)
    due = selectors.first_assessment_due(episode)
    form = StartAssessmentForm(data(request), initial={"worker": current_worker(request)})
    return form_page(
        request,
        child=child,
        form=form,
        action=lambda d: services.start_assessment(
            episode=episode,
            start_date=d["start_date"],
            worker=d["worker"],
            contributors=d["contributors"],
        ),
        success="The assessment has been started.",
        title=title,
        caption=CAPTION,
        button="Start the assessment",
        facts=[Fact("Referral date", f"{episode.referral_date:%-d %B %Y}")],
        inset=_due_text(due) if due is not None else "",
    )


@requires("access.record_casework")
@require_http_methods(["GET", "POST"])
def complete_assessment(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Complete an assessment")
    title = "Complete the assessment"
    episode = cin_selectors.open_episode(child)
    if episode is None:
        return _no_episode(request, child, title)
    assessment = selectors.open_assessment(episode)
    if assessment is None:
        return nothing_open(
            request,
            child=child,
            title=title,
            caption=CAPTION,
            message=f"{child.first_name} {child.last_name} has no assessment in progress.",
            next_url=reverse("assessment:start_assessment", kwargs={"child_id": child.pk}),
            next_label="Start an assessment",
        )
    form = CompleteAssessmentForm(
        data(request),
        initial={"version": assessment.version, "contributors": assessment.contributors},
    )
    facts = [
        Fact("Referral date", f"{episode.referral_date:%-d %B %Y}"),
        Fact("Assessment started", f"{assessment.start_date:%-d %B %Y}"),
    ]
    if assessment.worker is not None:
        facts.append(Fact("Assessing social worker", str(assessment.worker)))
    return form_page(
        request,
        child=child,
        form=form,
        action=lambda d: services.complete_assessment(
            assessment=assessment,
            authorised_on=d["authorised_on"],
            authorised_by=d["authorised_by"],
            factors=d["factors"],
            outcome=d["outcome"],
            child_seen=d["child_seen"],
            seen_alone=d["seen_alone"],
            internal_review_date=d["internal_review_date"],
            contributors=d["contributors"],
            late_reason=d["late_reason"],
            expected_version=d["version"],
        ),
        success="The assessment has been completed.",
        title=title,
        caption=CAPTION,
        button="Complete the assessment",
        facts=facts,
        inset=_due_text(selectors.assessment_due(assessment)),
    )
