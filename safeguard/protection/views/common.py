"""What the protection pages share: the one step-form template and finding a child's rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render

from safeguard.access.rules import worker_of
from safeguard.people.models import Person
from safeguard.protection import selectors
from safeguard.protection.models import Conference, CPPlan, Section47Enquiry
from safeguard.workforce.models import Worker


@dataclass(frozen=True)
class Link:
    text: str
    url: str

    def __str__(self) -> str:
        return self.text


@dataclass
class Table:
    caption: str
    head: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    empty: str = "None recorded yet."


@dataclass
class Step:
    """What a step page shows around its form."""

    title: str
    button: str
    cancel_url: str
    summary: list[tuple[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    inset: str = ""
    tables: list[Table] = field(default_factory=list)


def posted(request: HttpRequest) -> Any:
    """The submitted data on a POST (even an empty one, so it is checked), else None."""
    return request.POST if request.method == "POST" else None


def render_step(
    request: HttpRequest, child: Person, form: forms.Form | None, step: Step, *, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "protection/step_form.html",
        {"child": child, "form": form, "step": step},
        status=status,
    )


def done(request: HttpRequest, message: str, to: str, **kwargs: Any) -> HttpResponseRedirect:
    messages.success(request, message)
    return redirect(to, **kwargs)


def child_record(request: HttpRequest, child: Person, message: str) -> HttpResponseRedirect:
    return done(request, message, "people:child_record", child_id=child.pk)


def dmy(day: dt.date | None) -> str:
    return f"{day:%-d %B %Y}" if day else "Not recorded"


def enquiry_of(child: Person, enquiry_id: Any) -> Section47Enquiry:
    return get_object_or_404(
        Section47Enquiry.objects.select_related("episode", "strategy_discussion"),
        pk=enquiry_id,
        episode__child=child,
    )


def conference_of(child: Person, conference_id: Any) -> Conference:
    return get_object_or_404(
        Conference.objects.select_related("chair", "plan", "section47"),
        pk=conference_id,
        child=child,
    )


def open_plan_of(child: Person) -> CPPlan:
    plan = selectors.open_cp_plan(child)
    if plan is None:
        raise Http404(f"{child} has no open child protection plan.")
    return plan


def user_worker(request: HttpRequest) -> Worker | None:
    worker = worker_of(request.user)
    return worker if isinstance(worker, Worker) else None


def conference_summary(conference: Conference) -> list[tuple[str, Any]]:
    when = dmy(conference.scheduled_for)
    if conference.start_time:
        when += f" at {conference.start_time:%H:%M}"
    return [
        ("Conference", conference.get_conference_type_display()),
        ("Booked for", when),
        ("Chair", str(conference.chair) if conference.chair else "Not chosen"),
        ("Venue and room", conference.room or "Not recorded"),
    ]


def version_initial(record: Any) -> dict[str, Any]:
    return {"version": record.version}
