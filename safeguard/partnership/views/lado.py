"""The LADO's pages: the case list with its work list, a new contact, the case page and
one form per step (referral, meeting, outcome, DBS decision, closure).

Only the LADO role (``manage_lado_cases``) opens these: a LADO case is not part of a
child's record, so social workers, managers and partner agencies never see it. Every
page that shows a case is written to the audit log once per child the case names, and
each list page once with its row count.
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
from safeguard.access.guards import signed_in_user
from safeguard.access.rules import worker_of
from safeguard.audit.models import AuditAction
from safeguard.core.views_steps import posted, step_form_page
from safeguard.partnership.auditing import audit_case, audit_list
from safeguard.partnership.forms import lado as forms
from safeguard.partnership.models import Allegation, Stage
from safeguard.partnership.selectors import lado as selectors
from safeguard.partnership.services import lado as services
from safeguard.partnership.views.facts import Fact, case_facts, day

MANAGE = "access.manage_lado_cases"
PER_PAGE = 25


def _case_url(allegation: Allegation) -> str:
    return reverse("partnership:lado_case", kwargs={"allegation_id": allegation.pk})


def _case(allegation_id: uuid.UUID) -> Allegation:
    allegation = selectors.case(allegation_id)
    if allegation is None:
        raise Http404("There is no LADO case with this identifier.")
    return allegation


@requires(MANAGE)
@require_GET
def cases(request: HttpRequest) -> HttpResponse:
    """Every LADO case, newest first, filtered; what open cases wait for, at the top."""
    form = forms.CaseFilterForm(request.GET or None)
    found = selectors.cases(form.filters())
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    audit_list(request, summary="LADO case list", count=len(page.object_list))
    return render(
        request,
        "partnership/lado_cases.html",
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
def record_contact(request: HttpRequest) -> HttpResponse:
    officer = worker_of(signed_in_user(request))
    initial = {"officer": officer.pk} if officer is not None and officer.role == "lado" else {}
    form = forms.ContactForm(posted(request), initial=initial)
    return step_form_page(
        request,
        form,
        template="partnership/lado_form.html",
        title="Record a LADO contact",
        button="Save the contact",
        intro="An allegation, or a concern, about an adult who works with children. It is "
        "recorded as a contact; progress it to a referral when it meets the harm threshold.",
        action=lambda d: services.record_contact(
            lado_informed_on=d["lado_informed_on"],
            reported_to_employer_on=d["reported_to_employer_on"],
            source_agency=d["source_agency"],
            source_detail=d["source_detail"],
            subject_name=d["subject_name"],
            subject_person=d["subject_person"],
            subject_role=d["subject_role"],
            subject_employer=d["subject_employer"],
            category=d["category"],
            summary=d["summary"],
            children=d["children"],
            other_children=d["other_children"],
            officer=d["officer"],
        ),
        success=lambda allegation: f"Contact {allegation.reference} is recorded",
        done=_case_url,
        context={
            "caption": "Local Authority Designated Officer",
            "back": reverse("partnership:lado_cases"),
            "back_label": "Back to LADO cases",
        },
    )


@requires(MANAGE)
@require_GET
def case(request: HttpRequest, allegation_id: uuid.UUID) -> HttpResponse:
    allegation = _case(allegation_id)
    audit_case(allegation, action=AuditAction.VIEW, summary="case page", request=request)
    meetings = list(selectors.meetings(allegation))
    return render(
        request,
        "partnership/lado_case.html",
        {
            "allegation": allegation,
            "sections": case_facts(allegation, meetings),
            "children": list(selectors.named_children(allegation)),
            "meetings": meetings,
            "next_step": selectors.next_step(allegation, has_meeting=bool(meetings)),
            "actions": _actions(allegation, has_meeting=bool(meetings)),
        },
    )


def _actions(allegation: Allegation, *, has_meeting: bool) -> list[tuple[str, str]]:
    """The steps open to this case now, as (label, url)."""
    if not allegation.is_open:
        return []
    kwargs = {"allegation_id": allegation.pk}
    out: list[tuple[str, str]] = []
    if allegation.stage == Stage.CONTACT:
        out.append(("Progress to a referral", reverse("partnership:lado_referral", kwargs=kwargs)))
    else:
        label = "Record a review meeting" if has_meeting else "Record the strategy meeting"
        if not allegation.outcome:
            out.append((label, reverse("partnership:lado_meeting", kwargs=kwargs)))
            out.append(("Record the outcome", reverse("partnership:lado_outcome", kwargs=kwargs)))
        elif allegation.dbs_referral is None:
            out.append(("Record the DBS decision", reverse("partnership:lado_dbs", kwargs=kwargs)))
    if allegation.stage == Stage.CONTACT or allegation.dbs_referral is not None:
        out.append(("Close the case", reverse("partnership:lado_close", kwargs=kwargs)))
    return out


def _step_page(
    request: HttpRequest,
    allegation: Allegation,
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
    """Render the step's form for the case (none while ``warning`` says why not), or run
    the service and go back to the case."""
    back = _case_url(allegation)
    return step_form_page(
        request,
        form,
        template="partnership/lado_form.html",
        title=title,
        button=button,
        facts=[
            ("Reference", allegation.reference),
            ("Person", f"{allegation.subject_name} ({allegation.get_subject_role_display()})"),
            ("LADO informed", day(allegation.lado_informed_on)),
            *facts,
        ],
        intro=intro,
        warning=warning,
        action=action,
        success=success,
        done=back,
        context={
            "allegation": allegation,
            "caption": f"LADO {allegation.reference}",
            "back": back,
            "back_label": f"Back to {allegation.reference}",
        },
        on_show=lambda: audit_case(
            allegation, action=AuditAction.VIEW, summary=f"{title} form", request=request
        ),
    )


def _closed(allegation: Allegation) -> str:
    return f"This case was closed on {day(allegation.closed_on)}." if allegation.closed_on else ""


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def referral(request: HttpRequest, allegation_id: uuid.UUID) -> HttpResponse:
    allegation = _case(allegation_id)
    form = forms.ReferralForm(posted(request), initial={"version": allegation.version})
    warning = _closed(allegation) or (
        f"This became a referral on {day(allegation.referral_on)}."
        if allegation.referral_on
        else ""
    )
    return _step_page(
        request,
        allegation,
        form,
        title="Progress to a referral",
        button="Save the referral",
        intro="The allegation meets the harm threshold: it becomes a LADO referral.",
        warning=warning,
        action=lambda d: services.progress_to_referral(
            allegation=allegation, referral_on=d["referral_on"], expected_version=d["version"]
        ),
        success=f"{allegation.reference} is now a referral: arrange the strategy meeting",
    )


def _not_referral(allegation: Allegation, what: str) -> str:
    if allegation.referral_on is None:
        return f"This is a contact: progress it to a referral before recording {what}."
    return ""


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def meeting(request: HttpRequest, allegation_id: uuid.UUID) -> HttpResponse:
    allegation = _case(allegation_id)
    form = forms.MeetingForm(posted(request), initial={"version": allegation.version})
    held = list(selectors.meetings(allegation))
    title = "Record a review meeting" if held else "Record the strategy meeting"
    warning = _closed(allegation) or _not_referral(allegation, "a meeting")
    if not warning and allegation.outcome:
        warning = "The outcome is recorded: no further meetings are needed."
    facts: list[Fact] = [("Referral", day(allegation.referral_on))]
    facts += [(m.get_kind_display(), day(m.held_on)) for m in held]
    return _step_page(
        request,
        allegation,
        form,
        title=title,
        button="Save the meeting",
        facts=facts,
        warning=warning,
        action=lambda d: services.record_meeting(
            allegation=allegation,
            held_on=d["held_on"],
            police_involved=d["police_involved"] == "yes",
            notes=d["notes"],
            expected_version=d["version"],
        ),
        success=f"The meeting is recorded on {allegation.reference}",
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def outcome(request: HttpRequest, allegation_id: uuid.UUID) -> HttpResponse:
    allegation = _case(allegation_id)
    form = forms.OutcomeForm(posted(request), initial={"version": allegation.version})
    warning = _closed(allegation) or _not_referral(allegation, "an outcome")
    if not warning and allegation.outcome:
        warning = f"The outcome is recorded: {allegation.get_outcome_display()}."
    return _step_page(
        request,
        allegation,
        form,
        title="Outcome of the allegation",
        button="Save the outcome",
        facts=[("Referral", day(allegation.referral_on))],
        warning=warning,
        action=lambda d: services.record_outcome(
            allegation=allegation,
            outcome=d["outcome"],
            outcome_on=d["outcome_on"],
            expected_version=d["version"],
        ),
        success=f"The outcome of {allegation.reference} is recorded",
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def dbs(request: HttpRequest, allegation_id: uuid.UUID) -> HttpResponse:
    allegation = _case(allegation_id)
    form = forms.DbsForm(posted(request), initial={"version": allegation.version})
    warning = _closed(allegation) or _not_referral(allegation, "a DBS decision")
    if not warning and not allegation.outcome:
        warning = "Record the outcome of the allegation before the decision on a DBS referral."
    elif not warning and allegation.dbs_referral is not None:
        warning = "The decision on a DBS referral is already recorded."
    return _step_page(
        request,
        allegation,
        form,
        title="Referral to the Disclosure and Barring Service",
        button="Save the DBS decision",
        facts=[("Outcome", allegation.get_outcome_display() or "Not recorded")],
        intro="An employer must refer someone to the DBS when they remove them from work "
        "with children because they harmed, or posed a risk of harm to, a child.",
        warning=warning,
        action=lambda d: services.record_dbs_decision(
            allegation=allegation,
            referred=d["referred"] == "yes",
            referred_on=d["referred_on"],
            expected_version=d["version"],
        ),
        success=f"The DBS decision on {allegation.reference} is recorded",
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def close(request: HttpRequest, allegation_id: uuid.UUID) -> HttpResponse:
    allegation = _case(allegation_id)
    initial = {"version": allegation.version}
    form: forms.CloseContactForm | forms.CloseReferralForm
    if allegation.stage == Stage.CONTACT:
        form = forms.CloseContactForm(posted(request), initial=initial)
    else:
        form = forms.CloseReferralForm(posted(request), initial=initial)
    warning = _closed(allegation)
    if not warning and allegation.is_referral and allegation.dbs_referral is None:
        warning = "Record the outcome and the DBS decision before closing the referral."
    return _step_page(
        request,
        allegation,
        form,
        title=f"Close the {allegation.get_stage_display().lower()}",
        button="Close the case",
        warning=warning,
        action=lambda d: services.close_allegation(
            allegation=allegation,
            closed_on=d["closed_on"],
            contact_outcome=d.get("contact_outcome", ""),
            note=d["note"],
            expected_version=d["version"],
        ),
        success=f"{allegation.reference} is closed",
    )
