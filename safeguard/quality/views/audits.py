"""The case audit programme's pages: the programme, planning, groups, one audit, the audit
form, actions, moderation and cancelling.

QA (``manage_case_audits``) runs the programme; an auditor (``conduct_case_audits``) sees
and completes only the audits assigned to them. Every page about an audit names the child,
so each is written to the audit log about that child (``safeguard.quality.auditing``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.access.decorators import requires
from safeguard.core import clock
from safeguard.core.views_steps import posted, step_form_page
from safeguard.quality.auditing import audit_list, audit_view
from safeguard.quality.forms import audits as forms
from safeguard.quality.models import AuditGroup, CaseAudit
from safeguard.quality.selectors import audits as selectors
from safeguard.quality.services import audits as services

MANAGE = "access.manage_case_audits"
CONDUCT = "access.conduct_case_audits"
PER_PAGE = 25
FORM = "quality/audits/form.html"
LABEL = CaseAudit._meta.label


def _day(day: dt.date | None) -> str:
    return day.strftime("%-d %B %Y") if day else "Not yet"


def audit_url(audit: CaseAudit) -> str:
    return reverse("quality:audit_detail", kwargs={"audit_id": audit.pk})


def _is_auditor(request: HttpRequest, audit: CaseAudit) -> bool:
    worker = selectors.worker_of_user(request.user)
    return worker is not None and audit.auditor_id == worker.pk


def _audit_for(
    request: HttpRequest, audit_id: uuid.UUID, *, auditor_only: bool = False
) -> CaseAudit:
    """The audit if the user runs the programme or is its auditor (403 otherwise)."""
    audit = get_object_or_404(selectors.audits(), pk=audit_id)
    if _is_auditor(request, audit):
        return audit
    if not auditor_only and request.user.has_perm(MANAGE):
        return audit
    raise PermissionDenied("This audit is not assigned to you.")


def _facts(audit: CaseAudit) -> list[tuple[str, str]]:
    child = audit.child
    return [
        ("Audit", f"{audit.reference} ({audit.get_kind_display()})"),
        ("Child", f"{child.first_name} {child.last_name} ({child.la_child_id})"),
        ("Auditor", str(audit.auditor)),
        ("Due", _day(audit.due_on)),
    ]


def _caption(audit: CaseAudit) -> str:
    return f"Case audit {audit.reference}"


def _month(text: str) -> dt.date | None:
    try:
        year, month = text.strip().split("-")
        return dt.date(int(year), int(month), 1)
    except ValueError:
        return None


@requires(MANAGE)
@require_GET
def programme(request: HttpRequest) -> HttpResponse:
    form = forms.ProgrammeFilterForm(request.GET or None)
    month = status = kind = None
    if form.is_bound and form.is_valid():
        month = _month(form.cleaned_data["month"]) if form.cleaned_data["month"] else None
        status = form.cleaned_data["status"]
        kind = form.cleaned_data["kind"]
    qs = selectors.programme(month=month, status_name=status or "", kind=kind or "")
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    today = clock.today()
    audit_list(request, model_label=LABEL, summary="Case audit programme", count=len(page))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "quality/audits/programme.html",
        {
            "form": form,
            "page": page,
            "rows": [(a, selectors.status(a, today)) for a in page],
            "filtered": bool(month or status or kind),
            "query_prefix": f"{query.urlencode()}&" if query else "",
            "counts": {
                "due": selectors.due_or_overdue(today).count(),
                "moderation": selectors.awaiting_moderation().count(),
                "actions_overdue": selectors.overdue_actions(today).count(),
            },
        },
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest) -> HttpResponse:
    form = forms.PlanAuditForm(posted(request))
    return step_form_page(
        request,
        form,
        template=FORM,
        title="Plan an audit",
        button="Plan the audit",
        intro="Put a child's case on the audit programme. Multi-agency and thematic audits "
        "belong to a group: create the group first.",
        action=lambda d: services.plan_audit(
            child=d["child"],
            kind=d["kind"],
            auditor=d["auditor"],
            programme_month=d["programme_month"],
            due_on=d["due_on"],
            group=d["group"],
        ),
        success=lambda a: f"Audit {a.reference} is planned",
        done=audit_url,
        context={"caption": "Case audit programme", "back": reverse("quality:audit_programme")},
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def new_group(request: HttpRequest) -> HttpResponse:
    form = forms.GroupForm(posted(request))
    return step_form_page(
        request,
        form,
        template=FORM,
        title="Start a multi-agency or thematic audit",
        button="Save the audit group",
        action=lambda d: services.create_group(
            kind=d["kind"], theme=d["theme"], programme_month=d["programme_month"]
        ),
        success=lambda g: f"{g.reference} is saved: now plan its cases",
        done=lambda g: reverse("quality:audit_group", kwargs={"group_id": g.pk}),
        context={"caption": "Case audit programme", "back": reverse("quality:audit_programme")},
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def group(request: HttpRequest, group_id: uuid.UUID) -> HttpResponse:
    found = get_object_or_404(AuditGroup, pk=group_id)
    here = reverse("quality:audit_group", kwargs={"group_id": found.pk})
    form = forms.ParticipantForm(posted(request))
    cases = list(selectors.audits().filter(group=found).order_by("reference"))
    return step_form_page(
        request,
        form,
        template="quality/audits/group.html",
        title=f"{found.reference}: {found.theme}",
        button="Add the participant",
        action=lambda d: services.add_participant(
            group=found, agency=d["agency"], name=d["name"], role_title=d["role_title"]
        ),
        success="The participant is added",
        done=here,
        on_show=lambda: audit_list(
            request, model_label=LABEL, summary=f"Audit group {found.reference}", count=len(cases)
        ),
        context={
            "group": found,
            "cases": cases,
            "participants": found.participants.all(),
            "caption": found.get_kind_display(),
            "back": reverse("quality:audit_programme"),
        },
    )


@requires(CONDUCT)
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """The audits the signed-in auditor has to complete."""
    worker = selectors.worker_of_user(request.user)
    qs = selectors.assigned_to(worker).order_by("due_on") if worker else CaseAudit.objects.none()
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    today = clock.today()
    audit_list(request, model_label=LABEL, summary="My audits to complete", count=len(page))
    return render(
        request,
        "quality/audits/mine.html",
        {"page": page, "rows": [(a, selectors.status(a, today)) for a in page]},
    )


@requires(CONDUCT)
@require_GET
def detail(request: HttpRequest, audit_id: uuid.UUID) -> HttpResponse:
    audit = _audit_for(request, audit_id)
    today = clock.today()
    audit_view(
        request,
        model_label=LABEL,
        object_id=audit.pk,
        summary=f"Viewed case audit {audit.reference}",
        child=audit.child_id,
    )
    scores = selectors.ordered_scores(audit)
    average = sum(s.score for s in scores) / len(scores) if scores else None
    return render(
        request,
        "quality/audits/detail.html",
        {
            "audit": audit,
            "status": selectors.status(audit, today),
            "scores": scores,
            "average": average,
            "themes": list(audit.themes.all()),
            "actions": selectors.action_lines(audit.actions.select_related("worker"), today),
            "is_auditor": _is_auditor(request, audit),
            "can_manage": request.user.has_perm(MANAGE),
        },
    )


def _audit_page(request: HttpRequest, audit: CaseAudit, form: Any, **kwargs: Any) -> HttpResponse:
    facts = kwargs.pop("facts", None) or _facts(audit)
    return step_form_page(
        request,
        form,
        template=FORM,
        facts=facts,
        done=audit_url(audit),
        on_show=lambda: audit_view(
            request,
            model_label=LABEL,
            object_id=audit.pk,
            summary=f"{kwargs['title']}: {audit.reference}",
            child=audit.child_id,
        ),
        context={"caption": _caption(audit), "back": audit_url(audit)},
        **kwargs,
    )


@requires(CONDUCT)
@require_http_methods(["GET", "POST"])
def complete(request: HttpRequest, audit_id: uuid.UUID) -> HttpResponse:
    audit = _audit_for(request, audit_id, auditor_only=True)
    form = forms.AuditForm(
        posted(request), initial={"version": audit.version, "completed_on": clock.today()}
    )
    warning = ""
    if audit.cancelled_on:
        warning = "This audit was cancelled."
    elif audit.completed_on:
        warning = f"This audit was completed on {_day(audit.completed_on)}."
    return _audit_page(
        request,
        audit,
        form,
        title="Complete the audit",
        button="Complete the audit",
        intro="Score each of the seven domains from 1 (no evidence found) to 10 (good "
        "evidence found), then make the overall judgement. QA moderates it next.",
        warning=warning,
        action=lambda d: services.complete_audit(
            audit=audit,
            scores=form.scores(),
            grade=d["grade"],
            strengths=d["strengths"],
            areas_for_development=d["areas_for_development"],
            themes=d["themes"],
            completed_on=d["completed_on"],
            expected_version=d["version"],
        ),
        success=f"Audit {audit.reference} is completed",
    )


@requires(CONDUCT)
@require_http_methods(["GET", "POST"])
def add_action(request: HttpRequest, audit_id: uuid.UUID) -> HttpResponse:
    audit = _audit_for(request, audit_id)
    form = forms.ActionForm(posted(request), initial={"worker": audit.practitioner_id})
    return _audit_page(
        request,
        audit,
        form,
        title="Set an action",
        button="Save the action",
        intro="An action for the worker from the audit's findings; they mark it done.",
        warning="This audit was cancelled." if audit.cancelled_on else "",
        action=lambda d: services.add_action(
            audit=audit, action=d["action"], worker=d["worker"], due_on=d["due_on"]
        ),
        success="The action is saved",
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def moderate(request: HttpRequest, audit_id: uuid.UUID) -> HttpResponse:
    audit = _audit_for(request, audit_id)
    form = forms.ModerateForm(
        posted(request), initial={"version": audit.version, "moderated_on": clock.today()}
    )
    warning = ""
    if audit.completed_on is None:
        warning = "The auditor has not completed this audit yet."
    elif audit.moderated_on is not None:
        warning = f"This audit was moderated on {_day(audit.moderated_on)}."
    facts = _facts(audit)
    if audit.grade:
        facts.append(("Auditor's grade", audit.get_grade_display()))
    return _audit_page(
        request,
        audit,
        form,
        title="Moderate the audit",
        button="Save the moderation",
        facts=facts,
        intro="Agree the auditor's grade or change it, with the reason. The audit counts in "
        "the audit measures once moderated.",
        warning=warning,
        action=lambda d: services.moderate_audit(
            audit=audit,
            by=request.user,
            agreed=d["agreed"] == "yes",
            grade=d["grade"],
            reason=d["reason"],
            moderated_on=d["moderated_on"],
            expected_version=d["version"],
        ),
        success=f"Audit {audit.reference} is moderated",
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, audit_id: uuid.UUID) -> HttpResponse:
    audit = _audit_for(request, audit_id)
    form = forms.CancelForm(posted(request))
    warning = ""
    if audit.cancelled_on:
        warning = "This audit is already cancelled."
    elif audit.completed_on:
        warning = "A completed audit cannot be cancelled."
    return _audit_page(
        request,
        audit,
        form,
        title="Cancel the audit",
        button="Cancel the audit",
        warning=warning,
        action=lambda d: services.cancel_audit(audit=audit, reason=d["reason"]),
        success=f"Audit {audit.reference} is cancelled",
    )
