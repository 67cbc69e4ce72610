"""The family feedback pages: responses received, recording a survey response, one
response, and whose feedback is due (six-monthly, and closures without feedback).

Each response is about a child, so showing it is written to the audit log about the child;
the lists are logged as list views (``safeguard.quality.auditing``).
"""

from __future__ import annotations

import datetime as dt
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
from safeguard.quality.models import FEEDBACK_QUESTIONS, FamilyFeedback
from safeguard.quality.selectors import feedback as selectors
from safeguard.quality.services.feedback import record_feedback

MANAGE = "access.manage_complaints"
PER_PAGE = 25
LABEL = FamilyFeedback._meta.label
#: The due list shows six-monthly feedback falling due within this many days.
DUE_WITHIN_DAYS = 42


def feedback_url(feedback: FamilyFeedback) -> str:
    return reverse("quality:feedback_detail", kwargs={"feedback_id": feedback.pk})


@requires(MANAGE)
@require_GET
def feedback_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.feedback_list(), PER_PAGE).get_page(request.GET.get("page"))
    audit_list(request, model_label=LABEL, summary="Family feedback responses", count=len(page))
    return render(request, "quality/complaints/feedback_list.html", {"page": page})


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def new_feedback(request: HttpRequest) -> HttpResponse:
    initial: dict[str, object] = {"received_on": clock.today()}
    for key in ("child", "occasion"):
        if request.GET.get(key):
            initial[key] = request.GET[key]
    form = forms.FeedbackForm(posted(request), initial=initial)
    return step_form_page(
        request,
        form,
        template="quality/complaints/form.html",
        title="Record family feedback",
        button="Save the feedback",
        intro="The family's answers to the survey sent at case closure or every six months "
        "while the case is open. It is linked to the child's open episode (six-monthly) or "
        "the one that closed (at closure).",
        action=lambda d: record_feedback(
            child=d["child"],
            occasion=d["occasion"],
            received_on=d["received_on"],
            respondent=d["respondent"],
            answers=form.answers(),
            comments=d["comments"],
        ),
        success="The feedback is recorded",
        done=feedback_url,
        context={"caption": "Family feedback", "back": reverse("quality:feedback_list")},
    )


@requires(MANAGE)
@require_GET
def feedback_detail(request: HttpRequest, feedback_id: uuid.UUID) -> HttpResponse:
    feedback = get_object_or_404(selectors.feedback_list(), pk=feedback_id)
    audit_view(
        request,
        model_label=LABEL,
        object_id=feedback.pk,
        summary="Viewed family feedback",
        child=feedback.child_id,
    )
    answers = [
        (label, getattr(feedback, f"get_{key}_display")() or "Not answered")
        for key, label in FEEDBACK_QUESTIONS.items()
    ]
    return render(
        request,
        "quality/complaints/feedback_detail.html",
        {"feedback": feedback, "answers": answers},
    )


@requires(MANAGE)
@require_GET
def feedback_due(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    horizon = today + dt.timedelta(days=DUE_WITHIN_DAYS)
    six_monthly = [d for d in selectors.six_monthly_due(today) if d.due <= horizon]
    due = sorted(
        [*selectors.closures_without_feedback(today), *six_monthly],
        key=lambda d: (d.due, d.child.la_child_id),
    )
    page = Paginator(due, PER_PAGE).get_page(request.GET.get("page"))
    audit_list(request, model_label=LABEL, summary="Family feedback due", count=len(page))
    return render(
        request,
        "quality/complaints/feedback_due.html",
        {
            "page": page,
            "today": today,
            "within": DUE_WITHIN_DAYS,
            "window": selectors.CLOSURE_WINDOW_DAYS,
        },
    )
