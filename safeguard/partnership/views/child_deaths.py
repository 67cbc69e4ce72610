"""The child death review pages: the list with its work list, a new notification, the
record's page and one form per step (Joint Agency Response, coroner, registrar, review
meeting, panel date, panel review).

Only the partnership business unit (``manage_child_deaths``) opens these: a child death
review is not part of a child's social care record, so social workers, managers, the
LADO, quality assurance and partner agencies never see it, and it is not on the child's
chronology. Every page that shows a record is audited, and each list page with its count.
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
from safeguard.partnership.forms import child_deaths as forms
from safeguard.partnership.models import ChildDeath
from safeguard.partnership.selectors import child_deaths as selectors
from safeguard.partnership.services import child_deaths as services
from safeguard.partnership.services.child_deaths_checks import audit, audit_list
from safeguard.partnership.views.child_deaths_facts import Fact, day, review_facts

MANAGE = "access.manage_child_deaths"
PER_PAGE = 25
TEMPLATE = "partnership/child_deaths/form.html"


def _url(name: str, death: ChildDeath) -> str:
    return reverse(f"partnership:{name}", kwargs={"death_id": death.pk})


def _death(death_id: uuid.UUID) -> ChildDeath:
    found = selectors.death(death_id)
    if found is None:
        raise Http404("There is no child death review with this identifier.")
    return found


@requires(MANAGE)
@require_GET
def deaths(request: HttpRequest) -> HttpResponse:
    """Every child death notified, newest first, filtered; what open ones wait for."""
    form = forms.DeathFilterForm(request.GET or None)
    page = Paginator(selectors.deaths(form.filters()), PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    audit_list(request, summary="CDOP child death list", count=len(page.object_list))
    return render(
        request,
        "partnership/child_deaths/list.html",
        {
            "form": form,
            "page": page,
            "query_prefix": f"{query.urlencode()}&" if query else "",
            "filtered": any(v for k, v in request.GET.items() if k != "page"),
            "work_list": selectors.work_list(),
        },
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def notify(request: HttpRequest) -> HttpResponse:
    form = forms.NotificationForm(posted(request))
    return step_form_page(
        request,
        form,
        template=TEMPLATE,
        title="Record a child death notification",
        button="Save the notification",
        intro="Any agency that learns of the death of a child normally resident in the "
        "partnership's area notifies CDOP. The age band and whether the death was neonatal "
        "are worked out from the dates.",
        action=lambda d: services.notify_death(
            first_name=d["first_name"],
            last_name=d["last_name"],
            date_of_birth=d["date_of_birth"],
            date_of_death=d["date_of_death"],
            sex=d["sex"],
            ethnicity=d["ethnicity"],
            resident_area=d["resident_area"],
            notified_on=d["notified_on"],
            notified_by=d["notified_by"],
            notifier_detail=d["notifier_detail"],
            place_of_death=d["place_of_death"],
            expectation=d["expectation"],
            known_to_social_care=d["known_to_social_care"] == "yes",
            person=d["person"],
            circumstances=d["circumstances"],
        ),
        success=lambda death: f"Notification {death.reference} is recorded",
        done=lambda death: _url("child_death_case", death),
        context={
            "caption": "Child death review",
            "back": reverse("partnership:child_death_list"),
            "back_label": "Back to child deaths",
        },
    )


def _actions(death: ChildDeath) -> list[tuple[str, str]]:
    """The steps open to this record now, as (label, url)."""
    if death.reviewed_on is not None:
        return []
    out: list[tuple[str, str]] = []
    if death.unexpected:
        label = "Update" if death.jar_started_on else "Record"
        out.append((f"{label} the Joint Agency Response", _url("child_death_jar", death)))
    coroner = "Update" if death.coroner_decision_on else "Record"
    out.append((f"{coroner} the coroner's decision", _url("child_death_coroner", death)))
    registration = "Update" if death.registered_on else "Record"
    out.append((f"{registration} the registration", _url("child_death_registrar", death)))
    meeting = "Update" if death.review_meeting_held else "Record"
    out.append(
        (f"{meeting} the child death review meeting", _url("child_death_review_meeting", death))
    )
    if death.review_meeting_held:
        panel = "Change" if death.panel_on else "Set"
        out.append((f"{panel} the panel date", _url("child_death_panel_date", death)))
        out.append(("Record the panel's review", _url("child_death_panel_review", death)))
    return out


@requires(MANAGE)
@require_GET
def case(request: HttpRequest, death_id: uuid.UUID) -> HttpResponse:
    death = _death(death_id)
    audit(death, action=AuditAction.VIEW, summary="record page", request=request)
    return render(
        request,
        "partnership/child_deaths/case.html",
        {
            "death": death,
            "sections": review_facts(death, selectors.factors_of(death)),
            "next_step": selectors.next_step(death),
            "actions": _actions(death),
        },
    )


def _step_page(
    request: HttpRequest,
    death: ChildDeath,
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
    back = _url("child_death_case", death)
    if not warning and death.reviewed_on is not None:
        warning = f"The panel completed its review on {day(death.reviewed_on)}."
    return step_form_page(
        request,
        form,
        template=TEMPLATE,
        title=title,
        button=button,
        facts=[
            ("Reference", death.reference),
            ("Child", f"{death.first_name} {death.last_name}"),
            ("Date of death", day(death.date_of_death)),
            *facts,
        ],
        intro=intro,
        warning=warning,
        action=action,
        success=success,
        done=back,
        context={
            "death": death,
            "caption": f"Child death review {death.reference}",
            "back": back,
            "back_label": f"Back to {death.reference}",
        },
        on_show=lambda: audit(
            death, action=AuditAction.VIEW, summary=f"{title} form", request=request
        ),
    )


def _initial(death: ChildDeath, **values: Any) -> dict[str, Any]:
    return {"version": death.version, **{k: v for k, v in values.items() if v is not None}}


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def joint_agency_response(request: HttpRequest, death_id: uuid.UUID) -> HttpResponse:
    death = _death(death_id)
    initial = _initial(death, started_on=death.jar_started_on, lead=death.jar_lead or None)
    form = forms.JointAgencyResponseForm(posted(request), initial=initial)
    warning = "" if death.unexpected else "The death was expected: no Joint Agency Response."
    return _step_page(
        request,
        death,
        form,
        title="Joint Agency Response",
        button="Save the response",
        intro="Police and health respond together to an unexpected death (Working Together "
        "2018 ch.5 para 21).",
        warning=warning,
        action=lambda d: services.record_joint_agency_response(
            death=death, started_on=d["started_on"], lead=d["lead"], expected_version=d["version"]
        ),
        success=f"The Joint Agency Response on {death.reference} is recorded",
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def coroner(request: HttpRequest, death_id: uuid.UUID) -> HttpResponse:
    death = _death(death_id)
    initial = _initial(
        death, decision_on=death.coroner_decision_on, notice_on=death.coroner_notice_on
    )
    if death.coroner_decision_on is not None:
        initial["investigation"] = _yes_no(death.coroner_investigation)
        initial["post_mortem"] = _yes_no(death.post_mortem)
    form = forms.CoronerForm(posted(request), initial=initial)
    return _step_page(
        request,
        death,
        form,
        title="The coroner's decision",
        button="Save the coroner's decision",
        intro="The coroner notifies the child death review partners within 3 working days of "
        "deciding to investigate or to order a post-mortem. Come back to add the date the "
        "notice arrived.",
        action=lambda d: services.record_coroner(
            death=death,
            decision_on=d["decision_on"],
            investigation=d["investigation"] == "yes",
            post_mortem=d["post_mortem"] == "yes",
            notice_on=d["notice_on"],
            expected_version=d["version"],
        ),
        success=f"The coroner's decision on {death.reference} is recorded",
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def registrar(request: HttpRequest, death_id: uuid.UUID) -> HttpResponse:
    death = _death(death_id)
    initial = _initial(
        death, registered_on=death.registered_on, particulars_on=death.registrar_particulars_on
    )
    form = forms.RegistrarForm(posted(request), initial=initial)
    return _step_page(
        request,
        death,
        form,
        title="Registration of the death",
        button="Save the registration",
        intro="The registrar sends the particulars of the death to the child death review "
        "partners within 7 days of registering it.",
        action=lambda d: services.record_registration(
            death=death,
            registered_on=d["registered_on"],
            particulars_on=d["particulars_on"],
            expected_version=d["version"],
        ),
        success=f"The registration of {death.reference} is recorded",
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def review_meeting(request: HttpRequest, death_id: uuid.UUID) -> HttpResponse:
    death = _death(death_id)
    initial = _initial(death, meeting_on=death.review_meeting_on)
    form = forms.ReviewMeetingForm(posted(request), initial=initial)
    return _step_page(
        request,
        death,
        form,
        title="Child death review meeting",
        button="Save the meeting",
        intro="The professionals who were involved with the child, in life and after the "
        "death, meet before the panel's independent review.",
        action=lambda d: services.record_review_meeting(
            death=death,
            meeting_on=d["meeting_on"],
            held=d["held"] == "yes",
            expected_version=d["version"],
        ),
        success=f"The review meeting on {death.reference} is recorded",
    )


def _meeting_warning(death: ChildDeath) -> str:
    if not death.review_meeting_held:
        return "Record the child death review meeting as held first."
    return ""


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def panel_date(request: HttpRequest, death_id: uuid.UUID) -> HttpResponse:
    death = _death(death_id)
    form = forms.PanelDateForm(posted(request), initial=_initial(death, panel_on=death.panel_on))
    return _step_page(
        request,
        death,
        form,
        title="CDOP panel date",
        button="Save the panel date",
        facts=[("Review meeting", day(death.review_meeting_on))],
        warning=_meeting_warning(death),
        action=lambda d: services.schedule_panel(
            death=death, panel_on=d["panel_on"], expected_version=d["version"]
        ),
        success=f"The panel date for {death.reference} is set",
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def panel_review(request: HttpRequest, death_id: uuid.UUID) -> HttpResponse:
    death = _death(death_id)
    form = forms.PanelReviewForm(
        posted(request), initial=_initial(death, reviewed_on=death.panel_on)
    )
    return _step_page(
        request,
        death,
        form,
        title="The panel's review",
        button="Save the review",
        facts=[
            ("Expected or unexpected", death.get_expectation_display()),
            ("Age at death", death.get_age_band_display()),
            ("Review meeting", day(death.review_meeting_on)),
        ],
        intro="The panel's independent review: the category of death, any modifiable "
        "factors and the learning. Saving it completes the review.",
        warning=_meeting_warning(death),
        action=lambda d: services.record_panel_review(
            death=death,
            reviewed_on=d["reviewed_on"],
            category=d["category"],
            modifiable=d["modifiable"] == "yes",
            factors=list(d["factors"]),
            learning=d["learning"],
            expected_version=d["version"],
        ),
        success=f"The panel's review of {death.reference} is recorded",
    )
