"""The practice review pages: the list of serious incidents, a new incident, the incident
page, and one form per step up to the rapid review (notification, rapid review, sent to
the Panel); the local CSPR's steps are in ``reviews_cspr``.

Only the partnership business unit (``manage_practice_reviews``) opens these: the records
are about a child but are not part of any child's record, so social workers, managers,
the LADO, quality assurance and partner agencies never see them. Every page that shows an
incident is audited, and each list page with its row count.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from django import forms as django_forms
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.access.decorators import requires
from safeguard.audit.models import AuditAction
from safeguard.core.views_steps import posted, step_form_page
from safeguard.partnership.forms import reviews as forms
from safeguard.partnership.models import ReviewDecision, SeriousIncident
from safeguard.partnership.selectors import reviews as selectors
from safeguard.partnership.services import reviews as services
from safeguard.partnership.services.reviews_checks import audit, audit_list
from safeguard.partnership.views.reviews_facts import Fact, day, incident_facts

MANAGE = "access.manage_practice_reviews"
PER_PAGE = 25
CAPTION = "Serious incidents and practice reviews"


def incident_url(incident: SeriousIncident) -> str:
    return reverse("partnership:review_case", kwargs={"incident_id": incident.pk})


def get_incident(incident_id: uuid.UUID) -> SeriousIncident:
    found = selectors.incident(incident_id)
    if found is None:
        raise Http404("There is no serious incident with this identifier.")
    return found


@requires(MANAGE)
@require_GET
def incidents(request: HttpRequest) -> HttpResponse:
    """Every serious incident, newest first, with its stage."""
    form = forms.IncidentFilterForm(request.GET or None)
    found = selectors.incidents(form.filters())
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    audit_list(request, summary="Serious incident list", count=len(page.object_list))
    rows = [(i, selectors.stage(i), selectors.timescales(i)) for i in page.object_list]
    return render(
        request,
        "partnership/reviews/list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query_prefix": f"{query.urlencode()}&" if query else "",
            "filtered": any(v for k, v in request.GET.items() if k != "page"),
        },
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def record_incident(request: HttpRequest) -> HttpResponse:
    form = forms.IncidentForm(posted(request))
    return step_form_page(
        request,
        form,
        template="partnership/reviews/form.html",
        title="Record a serious incident",
        button="Save the serious incident",
        intro="A child has died or been seriously harmed and abuse or neglect is known or "
        "suspected. Identify the child by initials or an agreed name only. Notify the "
        "national Panel and the safeguarding partners within 5 working days.",
        action=lambda d: services.record_incident(
            child_identifier=d["child_identifier"],
            la_area=d["la_area"],
            incident_type=d["incident_type"],
            looked_after=d["looked_after"] == "yes",
            incident_on=d["incident_on"],
            aware_on=d["aware_on"],
            summary=d["summary"],
            panel_notified_on=d["panel_notified_on"],
            partners_notified_on=d["partners_notified_on"],
            secretary_of_state_notified_on=d["secretary_of_state_notified_on"],
            ofsted_notified_on=d["ofsted_notified_on"],
        ),
        success=lambda incident: f"Serious incident {incident.reference} is recorded",
        done=incident_url,
        context={
            "caption": CAPTION,
            "back": reverse("partnership:review_list"),
            "back_label": "Back to serious incidents",
        },
    )


def _actions(incident: SeriousIncident) -> list[tuple[str, str]]:
    """The steps open to this incident now, as (label, url)."""
    i = incident
    kwargs = {"incident_id": i.pk}

    def url(name: str) -> str:
        return reverse(f"partnership:{name}", kwargs=kwargs)

    if i.panel_notified_on is None:
        return [("Record the notification", url("review_notification"))]
    if i.rapid_review_held_on is None:
        return [("Record the rapid review", url("review_rapid_review"))]
    out: list[tuple[str, str]] = []
    if i.rapid_review_sent_on is None:
        out.append(("Record the rapid review sent to the Panel", url("review_rapid_review_sent")))
    if i.decision == ReviewDecision.LOCAL_CSPR:
        if i.cspr_decided_on is None:
            out.append(("Commission the local CSPR", url("review_cspr")))
        elif i.published_on is None:
            out.append(("Request information from an agency", url("review_information_request")))
            out.append(("Set the planned publication date", url("review_plan_publication")))
            if i.copy_sent_on is None:
                out.append(("Record the final report sent to the Panel", url("review_copy")))
            else:
                out.append(("Record publication", url("review_publication")))
    out += [
        ("Record the learning themes", url("review_themes")),
        ("Add an action to the action plan", url("review_action_add")),
        ("Record a learning product", url("review_product_add")),
    ]
    return out


@requires(MANAGE)
@require_GET
def case(request: HttpRequest, incident_id: uuid.UUID) -> HttpResponse:
    incident = get_incident(incident_id)
    audit(incident, action=AuditAction.VIEW, summary="incident page", request=request)
    actions = [(a, selectors.action_status(a)) for a in selectors.actions(incident)]
    return render(
        request,
        "partnership/reviews/case.html",
        {
            "incident": incident,
            "stage": selectors.stage(incident),
            "sections": incident_facts(incident),
            "timescales": selectors.timescales(incident),
            "themes": list(incident.themes.all()),
            "plan": actions,
            "action_labels": selectors.ACTION_LABELS,
            "requests": list(selectors.information_requests(incident)),
            "products": list(selectors.products(incident)),
            "actions": _actions(incident),
        },
    )


def step_page(
    request: HttpRequest,
    incident: SeriousIncident,
    form: django_forms.Form,
    *,
    title: str,
    button: str,
    action: Callable[[dict[str, Any]], object],
    success: str,
    facts: Sequence[Fact] = (),
    intro: str = "",
    warning: str = "",
) -> HttpResponse:
    """The step's form for the incident (none while ``warning`` says why not), or run
    the service and go back to the incident."""
    back = incident_url(incident)
    return step_form_page(
        request,
        form,
        template="partnership/reviews/form.html",
        title=title,
        button=button,
        facts=[
            ("Reference", incident.reference),
            ("Child", incident.child_identifier),
            ("Local authority aware", day(incident.aware_on)),
            *facts,
        ],
        intro=intro,
        warning=warning,
        action=action,
        success=success,
        done=back,
        context={
            "incident": incident,
            "caption": f"Serious incident {incident.reference}",
            "back": back,
            "back_label": f"Back to {incident.reference}",
        },
        on_show=lambda: audit(
            incident, action=AuditAction.VIEW, summary=f"{title} form", request=request
        ),
    )


def _version(incident: SeriousIncident) -> dict[str, int]:
    return {"version": incident.version}


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def notification(request: HttpRequest, incident_id: uuid.UUID) -> HttpResponse:
    incident = get_incident(incident_id)
    form = forms.NotificationForm(posted(request), initial=_version(incident))
    warning = (
        f"The notification was recorded: the Panel was told on {day(incident.panel_notified_on)}."
        if incident.panel_notified_on
        else ""
    )
    due = selectors.timescales(incident)[0]
    intro = f"Due by {day(due.due)} (5 working days)."
    if incident.is_looked_after_death:
        intro += " The death of a looked-after child: notify the Secretary of State and Ofsted too."
    return step_page(
        request,
        incident,
        form,
        title="Notification",
        button="Save the notification",
        intro=intro,
        warning=warning,
        action=lambda d: services.record_notification(
            incident=incident,
            panel_notified_on=d["panel_notified_on"],
            partners_notified_on=d["partners_notified_on"],
            secretary_of_state_notified_on=d["secretary_of_state_notified_on"],
            ofsted_notified_on=d["ofsted_notified_on"],
            expected_version=d["version"],
        ),
        success=f"The notification of {incident.reference} is recorded",
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def rapid_review(request: HttpRequest, incident_id: uuid.UUID) -> HttpResponse:
    incident = get_incident(incident_id)
    form = forms.RapidReviewForm(posted(request), initial=_version(incident))
    warning = ""
    if incident.panel_notified_on is None:
        warning = "Record the notification to the Panel before the rapid review."
    elif incident.rapid_review_held_on is not None:
        warning = f"The rapid review was held on {day(incident.rapid_review_held_on)}."
    due = selectors.timescales(incident)[1]
    return step_page(
        request,
        incident,
        form,
        title="Rapid review",
        button="Save the rapid review",
        facts=[("Notified to the Panel", day(incident.panel_notified_on))],
        intro=f"To be sent to the Panel by {day(due.due)} (15 working days)." if due.due else "",
        warning=warning,
        action=lambda d: services.record_rapid_review(
            incident=incident,
            held_on=d["held_on"],
            sent_on=d["sent_on"],
            facts=d["facts"],
            immediate_actions=d["immediate_actions"],
            decision=d["decision"],
            reasons=d["reasons"],
            expected_version=d["version"],
        ),
        success=f"The rapid review of {incident.reference} is recorded",
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def rapid_review_sent(request: HttpRequest, incident_id: uuid.UUID) -> HttpResponse:
    incident = get_incident(incident_id)
    form = forms.SentForm(posted(request), initial=_version(incident))
    warning = ""
    if incident.rapid_review_held_on is None:
        warning = "Record the rapid review first."
    elif incident.rapid_review_sent_on is not None:
        warning = f"It was sent to the Panel on {day(incident.rapid_review_sent_on)}."
    return step_page(
        request,
        incident,
        form,
        title="Rapid review sent to the Panel",
        button="Save the date",
        facts=[("Rapid review held", day(incident.rapid_review_held_on))],
        warning=warning,
        action=lambda d: services.record_rapid_review_sent(
            incident=incident, sent_on=d["sent_on"], expected_version=d["version"]
        ),
        success=f"The rapid review of {incident.reference} is recorded as sent",
    )
