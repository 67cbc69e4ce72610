"""The local CSPR pages: commissioning, the planned publication, the final report, publication."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from safeguard.access.decorators import requires
from safeguard.core.views_steps import posted
from safeguard.partnership.forms import reviews as forms
from safeguard.partnership.models import ReviewDecision, SeriousIncident
from safeguard.partnership.services import reviews_cspr as services
from safeguard.partnership.views.reviews import MANAGE, _version, get_incident, step_page
from safeguard.partnership.views.reviews_facts import day


def _yes(value: str | None) -> bool | None:
    return None if not value else value == "yes"


def _cspr_warning(incident: SeriousIncident, *, commissioning: bool = False) -> str:
    if incident.decision != ReviewDecision.LOCAL_CSPR:
        return "The rapid review did not decide on a local CSPR."
    if commissioning and incident.cspr_decided_on is not None:
        return f"The local CSPR was decided on {day(incident.cspr_decided_on)}."
    if not commissioning and incident.cspr_decided_on is None:
        return "Commission the local CSPR first."
    if incident.published_on is not None:
        return f"The review was published on {day(incident.published_on)}."
    return ""


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def cspr(request: HttpRequest, incident_id: uuid.UUID) -> HttpResponse:
    incident = get_incident(incident_id)
    form = forms.CsprForm(posted(request), initial=_version(incident))
    return step_page(
        request,
        incident,
        form,
        title="Commission the local CSPR",
        button="Save the local CSPR",
        intro="The independent reviewer, and the check of their conflicts of interest. The "
        "review is to be published within 6 months of the decision.",
        warning=_cspr_warning(incident, commissioning=True),
        action=lambda d: services.start_cspr(
            incident=incident,
            decided_on=d["decided_on"],
            reviewer_name=d["reviewer_name"],
            reviewer_organisation=d["reviewer_organisation"],
            coi_declared=_yes(d["coi_declared"]),
            coi_checked_on=d["coi_checked_on"],
            coi_outcome=d["coi_outcome"],
            planned_publication_on=d["planned_publication_on"],
            expected_version=d["version"],
        ),
        success=f"The local CSPR for {incident.reference} is recorded",
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def plan_publication(request: HttpRequest, incident_id: uuid.UUID) -> HttpResponse:
    incident = get_incident(incident_id)
    form = forms.PlanPublicationForm(posted(request), initial=_version(incident))
    return step_page(
        request,
        incident,
        form,
        title="Planned publication date",
        button="Save the date",
        facts=[("Currently planned", day(incident.planned_publication_on))],
        intro="The final report goes to the Panel and the Secretary of State at least 7 "
        "working days before this date.",
        warning=_cspr_warning(incident),
        action=lambda d: services.plan_publication(
            incident=incident,
            planned_publication_on=d["planned_publication_on"],
            expected_version=d["version"],
        ),
        success=f"The planned publication of {incident.reference} is recorded",
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def copy_to_panel(request: HttpRequest, incident_id: uuid.UUID) -> HttpResponse:
    incident = get_incident(incident_id)
    form = forms.SentForm(posted(request), initial=_version(incident))
    warning = _cspr_warning(incident)
    if not warning and incident.copy_sent_on is not None:
        warning = f"The final report was sent on {day(incident.copy_sent_on)}."
    return step_page(
        request,
        incident,
        form,
        title="Final report sent to the Panel and the Secretary of State",
        button="Save the date",
        facts=[("Planned publication", day(incident.planned_publication_on))],
        warning=warning,
        action=lambda d: services.record_copy_to_panel(
            incident=incident, sent_on=d["sent_on"], expected_version=d["version"]
        ),
        success=f"The final report of {incident.reference} is recorded as sent",
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def publication(request: HttpRequest, incident_id: uuid.UUID) -> HttpResponse:
    incident = get_incident(incident_id)
    form = forms.PublishedForm(posted(request), initial=_version(incident))
    warning = _cspr_warning(incident)
    if not warning and incident.copy_sent_on is None:
        warning = "Record the final report sent to the Panel first."
    return step_page(
        request,
        incident,
        form,
        title="Publication of the local CSPR",
        button="Save the publication",
        facts=[("Decided", day(incident.cspr_decided_on))],
        warning=warning,
        action=lambda d: services.record_publication(
            incident=incident, published_on=d["published_on"], expected_version=d["version"]
        ),
        success=f"{incident.reference}: the review is recorded as published",
    )
