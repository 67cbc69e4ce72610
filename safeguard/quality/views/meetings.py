"""Practice meeting pages for quality assurance (``manage_practice_meetings``): the list,
schedule a meeting, one meeting, invite, record apologies, record attendance.

Staff names only, no child: the pages are not audited as record views; the writes are.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.access.decorators import requires
from safeguard.access.rules import worker_of
from safeguard.core import clock
from safeguard.core.forms import submit_to_service
from safeguard.quality.forms import meetings as forms
from safeguard.quality.models import PracticeMeeting
from safeguard.quality.selectors import meetings as selectors
from safeguard.quality.services import meetings as services

MANAGE = "access.manage_practice_meetings"
PER_PAGE = 20


def _meeting(meeting_id: uuid.UUID) -> PracticeMeeting:
    found = selectors.meeting(meeting_id)
    if found is None:
        raise Http404("No practice meeting with this identifier.")
    return found


def _data(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _form_page(
    request: HttpRequest, meeting: PracticeMeeting | None, form: Any, *, title: str, button: str
) -> HttpResponse:
    return render(
        request,
        "quality/meetings/form.html",
        {"meeting": meeting, "form": form, "title": title, "button": button},
    )


@requires(MANAGE)
@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.meetings(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "quality/meetings/list.html", {"page": page, "today": clock.today()})


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def schedule(request: HttpRequest) -> HttpResponse:
    form = forms.ScheduleMeetingForm(_data(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organiser = worker_of(request.user)
        saved = submit_to_service(
            form,
            lambda: services.schedule_meeting(
                kind=data["kind"], held_on=data["held_on"], title=data["title"], organiser=organiser
            ),
        )
        if saved is not None:
            messages.success(request, f"{saved.get_kind_display()} scheduled. Now invite staff.")
            return redirect("quality:meeting_invite", meeting_id=saved.pk)
    return _form_page(request, None, form, title="Schedule a practice meeting", button="Schedule")


@requires(MANAGE)
@require_GET
def detail(request: HttpRequest, meeting_id: uuid.UUID) -> HttpResponse:
    meeting = _meeting(meeting_id)
    page = Paginator(selectors.invitations(meeting), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "quality/meetings/detail.html",
        {
            "meeting": meeting,
            "page": page,
            "attendance": selectors.attendance(meeting),
            "deadline": selectors.apologies_deadline(meeting.held_on),
            "held": meeting.held_on <= clock.today(),
        },
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, meeting_id: uuid.UUID) -> HttpResponse:
    meeting = _meeting(meeting_id)
    form = forms.InviteForm(
        _data(request),
        teams=selectors.teams_open(meeting.held_on),
        workers=selectors.invitable(meeting).select_related("team"),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        made = submit_to_service(
            form,
            lambda: services.invite(meeting=meeting, workers=data["workers"], team=data["team"]),
        )
        if made is not None:
            messages.success(request, f"{len(made)} invited.")
            return redirect("quality:meeting_detail", meeting_id=meeting.pk)
    return _form_page(request, meeting, form, title="Invite staff", button="Send invitations")


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def apologies(request: HttpRequest, meeting_id: uuid.UUID) -> HttpResponse:
    meeting = _meeting(meeting_id)
    form = forms.ApologiesForm(_data(request), invitations=selectors.invitations(meeting))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = submit_to_service(
            form,
            lambda: services.record_apologies(
                invitation=data["invitation"], received_on=data["received_on"]
            ),
        )
        if saved is not None:
            messages.success(request, f"{saved.worker}: {saved.get_response_display().lower()}.")
            return redirect("quality:meeting_detail", meeting_id=meeting.pk)
    return _form_page(request, meeting, form, title="Record apologies", button="Save apologies")


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, meeting_id: uuid.UUID) -> HttpResponse:
    meeting = _meeting(meeting_id)
    invitations = selectors.invitations(meeting)
    initial = {"attended": [i for i in invitations if i.response == "attended"]}
    form = forms.AttendanceForm(_data(request), invitations=invitations, initial=initial)
    if request.method == "POST" and form.is_valid():
        present = list(form.cleaned_data["attended"])
        saved = submit_to_service(
            form, lambda: services.record_attendance(meeting=meeting, attended=present)
        )
        if saved is not None:
            messages.success(request, "Attendance recorded.")
            return redirect("quality:meeting_detail", meeting_id=meeting.pk)
    return _form_page(request, meeting, form, title="Record attendance", button="Save attendance")
