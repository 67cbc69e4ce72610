"""A worker's own audit actions: the "My audit actions" page and marking one done.

Any member of staff with a caseload (``view_caseload``) sees the actions set for their
own worker record; an action of someone else's is refused (403).
"""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.access.decorators import requires
from safeguard.core import clock
from safeguard.core.views_steps import posted, step_form_page
from safeguard.quality.auditing import audit_list, audit_view
from safeguard.quality.forms import audits as forms
from safeguard.quality.models import CaseAuditAction
from safeguard.quality.selectors import audits as selectors
from safeguard.quality.services import audits as services

CASELOAD = "access.view_caseload"
PER_PAGE = 25


@requires(CASELOAD)
@require_GET
def my_actions(request: HttpRequest) -> HttpResponse:
    worker = selectors.worker_of_user(request.user)
    today = clock.today()
    qs = selectors.open_actions_for(worker) if worker else CaseAuditAction.objects.none()
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    done = (
        selectors.actions()
        .filter(worker=worker, completed_on__isnull=False)
        .order_by("-completed_on")[:10]
        if worker
        else []
    )
    audit_list(
        request,
        model_label=CaseAuditAction._meta.label,
        summary="My audit actions",
        count=len(page),
    )
    return render(
        request,
        "quality/audits/my_actions.html",
        {
            "page": page,
            "lines": selectors.action_lines(page.object_list, today),  # type: ignore[arg-type]
            "done": done,
        },
    )


@requires(CASELOAD)
@require_http_methods(["GET", "POST"])
def complete_action(request: HttpRequest, action_id: uuid.UUID) -> HttpResponse:
    worker = selectors.worker_of_user(request.user)
    action = selectors.actions().filter(pk=action_id).first()
    if action is None:
        raise Http404("There is no audit action with this identifier.")
    if worker is None or action.worker_id != worker.pk:
        raise PermissionDenied("This audit action is not yours.")
    form = forms.CompleteActionForm(posted(request), initial={"completed_on": clock.today()})
    back = reverse("quality:audit_my_actions")
    child = action.audit.child
    return step_form_page(
        request,
        form,
        template="quality/audits/form.html",
        title="Mark the action done",
        button="Mark it done",
        facts=[
            ("Audit", action.audit.reference),
            ("Child", f"{child.first_name} {child.last_name} ({child.la_child_id})"),
            ("Action", action.action),
            ("Due", action.due_on.strftime("%-d %B %Y")),
        ],
        warning="This action is already done." if action.completed_on else "",
        action=lambda d: services.complete_action(
            action=action, note=d["note"], completed_on=d["completed_on"]
        ),
        success="The action is marked done",
        done=back,
        on_show=lambda: audit_view(
            request,
            model_label=CaseAuditAction._meta.label,
            object_id=action.pk,
            summary=f"Audit action on {action.audit.reference}",
            child=action.audit.child_id,
        ),
        context={"caption": "My audit actions", "back": back},
    )
