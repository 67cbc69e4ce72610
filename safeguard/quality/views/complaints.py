"""The complaints pages: the register, recording a complaint, one complaint with its stages,
answering a stage and escalating it to the next.

Complaints and QA officers (``manage_complaints``) use them. A complaint about a child is
about that child's record, so each page that shows one is written to the audit log about
the child (``safeguard.quality.auditing``).
"""

from __future__ import annotations

import uuid

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.access.decorators import requires
from safeguard.core import clock
from safeguard.core.views_steps import posted, step_form_page
from safeguard.quality.auditing import audit_list, audit_view
from safeguard.quality.forms import complaints as forms
from safeguard.quality.models import Complaint, ComplaintOutcome, ComplaintStage
from safeguard.quality.selectors import complaints as selectors
from safeguard.quality.services import complaints as services

MANAGE = "access.manage_complaints"
PER_PAGE = 25
FORM = "quality/complaints/form.html"
LABEL = Complaint._meta.label
CAPTION = "Complaints"


def complaint_url(complaint: Complaint) -> str:
    return reverse("quality:complaint_detail", kwargs={"complaint_id": complaint.pk})


def _facts(complaint: Complaint) -> list[tuple[str, str]]:
    kind = f"{complaint.get_kind_display()}, {complaint.get_stage_display()}"
    who = complaint.get_complainant_relationship_display()
    facts = [
        ("Complaint", f"{complaint.reference} ({kind})"),
        ("Received", f"{complaint.received_on:%-d %B %Y}"),
        ("From", f"{complaint.complainant_name} ({who})"),
    ]
    if complaint.response_due_on:
        facts.append(("Response due", f"{complaint.response_due_on:%-d %B %Y}"))
    facts.append(("Summary", complaint.summary))
    return facts


def _audit(request: HttpRequest, complaint: Complaint, what: str) -> None:
    audit_view(
        request,
        model_label=LABEL,
        object_id=complaint.pk,
        summary=f"{what} complaint {complaint.reference}",
        child=complaint.child_id,
    )


@requires(MANAGE)
@require_GET
def register(request: HttpRequest) -> HttpResponse:
    form = forms.ComplaintFilterForm(request.GET or None)
    status = kind = stage = ""
    if form.is_bound and form.is_valid():
        status = form.cleaned_data["status"]
        kind = form.cleaned_data["kind"]
        stage = form.cleaned_data["stage"]
    today = clock.today()
    qs = selectors.register(today=today, status=status, kind=kind, stage=stage)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    audit_list(request, model_label=LABEL, summary="Complaints register", count=len(page))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "quality/complaints/list.html",
        {
            "form": form,
            "page": page,
            "rows": [(c, selectors.status(c, today)) for c in page],
            "filtered": bool(status or kind or stage),
            "query_prefix": f"{query.urlencode()}&" if query else "",
            "counts": {
                "open": selectors.awaiting_response().count(),
                "overdue": selectors.overdue(today).count(),
            },
        },
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    form = forms.ComplaintForm(posted(request), initial={"received_on": clock.today()})
    return step_form_page(
        request,
        form,
        template=FORM,
        title="Record a complaint",
        button="Save the complaint",
        intro="A new complaint, formal or informal: it starts at stage 1 (local resolution) "
        "and is due a response within 20 working days of being received.",
        action=lambda d: services.record_complaint(
            kind=d["kind"],
            received_on=d["received_on"],
            complainant_name=d["complainant_name"],
            complainant_relationship=d["complainant_relationship"],
            child=d["child"],
            team=d["team"],
            service_area=d["service_area"],
            category=d["category"],
            summary=d["summary"],
        ),
        success=lambda c: f"Complaint {c.reference} is recorded",
        done=complaint_url,
        context={"caption": CAPTION, "back": reverse("quality:complaint_list")},
    )


@requires(MANAGE)
@require_GET
def detail(request: HttpRequest, complaint_id: uuid.UUID) -> HttpResponse:
    complaint = get_object_or_404(selectors.complaints(), pk=complaint_id)
    _audit(request, complaint, "Viewed")
    today = clock.today()
    stages = selectors.chain(complaint)
    escalation = selectors.escalation_of(complaint)
    can_escalate = (
        complaint.responded_on is not None
        and complaint.outcome != ComplaintOutcome.WITHDRAWN
        and escalation is None
        and services.next_stage(complaint) is not None
    )
    return render(
        request,
        "quality/complaints/detail.html",
        {
            "complaint": complaint,
            "status": selectors.status(complaint, today),
            "stages": [(c, selectors.status(c, today)) for c in stages],
            "can_answer": complaint.responded_on is None
            and complaint.stage != ComplaintStage.OMBUDSMAN,
            "can_record_ombudsman": complaint.responded_on is None
            and complaint.stage == ComplaintStage.OMBUDSMAN,
            "can_escalate": can_escalate,
        },
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, complaint_id: uuid.UUID) -> HttpResponse:
    complaint = get_object_or_404(selectors.complaints(), pk=complaint_id)
    form = forms.AnswerForm(
        posted(request), initial={"version": complaint.version, "responded_on": clock.today()}
    )
    warning = ""
    if complaint.responded_on is not None:
        warning = f"This stage was answered on {complaint.responded_on:%-d %B %Y}."
    ombudsman = complaint.stage == ComplaintStage.OMBUDSMAN
    return step_form_page(
        request,
        form,
        template=FORM,
        title="Record the Ombudsman's decision" if ombudsman else "Answer the complaint",
        button="Save the decision" if ombudsman else "Save the response",
        facts=_facts(complaint),
        intro="Record the response sent to the complainant, the outcome and any learning "
        "for the service.",
        warning=warning,
        action=lambda d: services.answer_complaint(
            complaint=complaint,
            responded_on=d["responded_on"],
            outcome=d["outcome"],
            response_summary=d["response_summary"],
            learning_points=d["learning_points"],
            expected_version=d["version"],
        ),
        success=f"Complaint {complaint.reference} is answered",
        done=complaint_url(complaint),
        on_show=lambda: _audit(request, complaint, "Answering"),
        context={"caption": CAPTION, "back": complaint_url(complaint)},
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def escalate(request: HttpRequest, complaint_id: uuid.UUID) -> HttpResponse:
    complaint = get_object_or_404(selectors.complaints(), pk=complaint_id)
    form = forms.EscalateForm(posted(request), initial={"received_on": clock.today()})
    step = services.next_stage(complaint)
    warning = ""
    if step is None:
        warning = "This complaint is at the last stage."
    elif selectors.escalation_of(complaint) is not None:
        warning = "This stage has already been escalated."
    elif complaint.responded_on is None:
        warning = "Answer this stage before escalating it."
    elif complaint.outcome == ComplaintOutcome.WITHDRAWN:
        warning = "This complaint was withdrawn."
    title = "Escalate the complaint"
    if step is not None:
        title = f"Escalate to {ComplaintStage(step[1]).label.lower()}"
        if step[1] == ComplaintStage.LOCAL_RESOLUTION:
            title = "Make the complaint formal (stage 1)"
    return step_form_page(
        request,
        form,
        template=FORM,
        title=title,
        button="Escalate the complaint",
        facts=_facts(complaint),
        intro="The complainant is not satisfied with the response: the next stage is a new "
        "record with its own dates, linked to this one.",
        warning=warning,
        action=lambda d: services.escalate_complaint(
            complaint=complaint, received_on=d["received_on"], summary=d["summary"]
        ),
        success=lambda c: f"Complaint {c.reference} is recorded at {c.get_stage_display()}",
        done=complaint_url,
        on_show=lambda: _audit(request, complaint, "Escalating"),
        context={"caption": CAPTION, "back": complaint_url(complaint)},
    )
