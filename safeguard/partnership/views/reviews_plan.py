"""The pages for what a review produces: information requests, learning themes (and the
maintained list), the action plan tracked to completion, and learning products. The
partnership business unit's only (``manage_practice_reviews``); each page is audited."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from safeguard.access.decorators import requires
from safeguard.core.forms import submit_to_service
from safeguard.core.views_steps import posted
from safeguard.partnership.forms import reviews as forms
from safeguard.partnership.models import LearningTheme, ReviewAction, SeriousIncident
from safeguard.partnership.selectors import reviews as selectors
from safeguard.partnership.services import reviews_plan as services
from safeguard.partnership.views.reviews import MANAGE, get_incident, step_page
from safeguard.partnership.views.reviews_facts import day


def _version(incident: SeriousIncident) -> dict[str, int]:
    return {"version": incident.version}


def _reviewed_warning(incident: SeriousIncident) -> str:
    if incident.rapid_review_held_on is None:
        return "Record the rapid review first."
    return ""


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def information_request(request: HttpRequest, incident_id: uuid.UUID) -> HttpResponse:
    incident = get_incident(incident_id)
    form = forms.InformationRequestForm(posted(request), initial=_version(incident))
    warning = "" if incident.cspr_decided_on else "Commission the local CSPR first."
    return step_page(
        request,
        incident,
        form,
        title="Request information from an agency",
        button="Save the request",
        intro="A written request for the agency's information for the local CSPR.",
        warning=warning,
        action=lambda d: services.request_information(
            incident=incident,
            agency=d["agency"],
            sent_on=d["sent_on"],
            due_on=d["due_on"],
            expected_version=d["version"],
        ),
        success="The information request is recorded",
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def information_received(
    request: HttpRequest, incident_id: uuid.UUID, request_id: uuid.UUID
) -> HttpResponse:
    incident = get_incident(incident_id)
    asked = selectors.information_request(incident, request_id)
    if asked is None:
        raise Http404("There is no such information request.")
    form = forms.ReceivedForm(posted(request))
    warning = f"It was received on {day(asked.received_on)}." if asked.received_on else ""
    return step_page(
        request,
        incident,
        form,
        title=f"Information received from {asked.agency}",
        button="Save the date",
        facts=[("Sent", day(asked.sent_on)), ("Due", day(asked.due_on))],
        warning=warning,
        action=lambda d: services.record_information_received(
            request=asked, received_on=d["received_on"]
        ),
        success=f"The information from {asked.agency} is recorded as received",
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def themes(request: HttpRequest, incident_id: uuid.UUID) -> HttpResponse:
    incident = get_incident(incident_id)
    initial = {**_version(incident), "themes": list(incident.themes.all())}
    form = forms.ThemesForm(posted(request), initial=initial, incident=incident)
    return step_page(
        request,
        incident,
        form,
        title="Learning themes",
        button="Save the themes",
        warning=_reviewed_warning(incident),
        action=lambda d: services.set_themes(
            incident=incident, themes=list(d["themes"]), expected_version=d["version"]
        ),
        success=f"The learning themes of {incident.reference} are recorded",
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def add_action(request: HttpRequest, incident_id: uuid.UUID) -> HttpResponse:
    incident = get_incident(incident_id)
    form = forms.ActionForm(posted(request), initial=_version(incident))
    return step_page(
        request,
        incident,
        form,
        title="Add an action to the action plan",
        button="Save the action",
        intro="One action of the multi-agency action plan, with the agency that owns it.",
        warning=_reviewed_warning(incident),
        action=lambda d: services.add_action(
            incident=incident,
            action=d["action"],
            owner_agency=d["owner_agency"],
            due_on=d["due_on"],
            expected_version=d["version"],
        ),
        success="The action is added to the action plan",
    )


def _action(incident: SeriousIncident, action_id: uuid.UUID) -> ReviewAction:
    found = selectors.action(incident, action_id)
    if found is None:
        raise Http404("There is no such action.")
    return found


def _done_warning(action: ReviewAction) -> str:
    if action.completed_on is not None:
        return f"This action was completed on {day(action.completed_on)}."
    return ""


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def start_action(
    request: HttpRequest, incident_id: uuid.UUID, action_id: uuid.UUID
) -> HttpResponse:
    incident = get_incident(incident_id)
    action = _action(incident, action_id)
    warning = _done_warning(action)
    if not warning and action.status == "in_progress":
        warning = "This action is already in progress."
    return step_page(
        request,
        incident,
        forms.StartActionForm(posted(request)),
        title="Action in progress",
        button="Mark as in progress",
        facts=[
            ("Action", action.action),
            ("Owner", action.owner_agency),
            ("Due", day(action.due_on)),
        ],
        warning=warning,
        action=lambda d: services.start_action(action=action),
        success="The action is in progress",
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def complete_action(
    request: HttpRequest, incident_id: uuid.UUID, action_id: uuid.UUID
) -> HttpResponse:
    incident = get_incident(incident_id)
    action = _action(incident, action_id)
    return step_page(
        request,
        incident,
        forms.CompleteActionForm(posted(request)),
        title="Complete the action",
        button="Complete the action",
        facts=[
            ("Action", action.action),
            ("Owner", action.owner_agency),
            ("Due", day(action.due_on)),
        ],
        warning=_done_warning(action),
        action=lambda d: services.complete_action(
            action=action, completed_on=d["completed_on"], evidence=d["evidence"]
        ),
        success="The action is complete",
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def add_product(request: HttpRequest, incident_id: uuid.UUID) -> HttpResponse:
    incident = get_incident(incident_id)
    form = forms.ProductForm(posted(request), initial=_version(incident))
    return step_page(
        request,
        incident,
        form,
        title="Record a learning product",
        button="Save the learning product",
        intro="A 7-minute briefing, webinar, practice guidance or newsletter sharing the "
        "review's learning.",
        warning=_reviewed_warning(incident),
        action=lambda d: services.record_learning_product(
            incident=incident,
            kind=d["kind"],
            title=d["title"],
            issued_on=d["issued_on"],
            audience=d["audience"],
            expected_version=d["version"],
        ),
        success="The learning product is recorded",
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def theme_list(request: HttpRequest) -> HttpResponse:
    """The maintained list of learning themes: add one here; retire or restore below."""
    form = forms.ThemeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        made = submit_to_service(form, lambda: services.add_theme(label=form.cleaned_data["label"]))
        if made is not None:
            messages.success(request, f"{made.label} is added to the themes")
            return redirect("partnership:review_themes_list")
    return render(
        request,
        "partnership/reviews/themes.html",
        {"form": form, "themes": list(selectors.all_themes())},
    )


@requires(MANAGE)
@require_http_methods(["POST"])
def theme_active(request: HttpRequest, theme_id: uuid.UUID) -> HttpResponse:
    theme = LearningTheme.objects.filter(pk=theme_id).first()
    if theme is None:
        raise Http404("There is no such theme.")
    active = request.POST.get("active") == "yes"
    services.set_theme_active(theme=theme, active=active)
    messages.success(request, f"{theme.label} is {'restored' if active else 'retired'}")
    return redirect("partnership:review_themes_list")
