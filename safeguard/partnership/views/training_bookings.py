"""A session's page (its delegates and waiting list), booking a delegate, cancelling a
booking (the place goes to the first waiting), attendance and evaluations.

Delegates' names, roles and emails are personal data: every page that shows them writes
an audit entry (the partnership app is not in the automatic capture), with how many
delegates it showed.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from safeguard.access.decorators import requires
from safeguard.audit.models import AuditAction
from safeguard.audit.services import record_event
from safeguard.core import clock
from safeguard.core.forms import submit_to_service
from safeguard.core.middleware import client_ip
from safeguard.core.views_steps import posted, step_form_page
from safeguard.partnership.forms import training as forms
from safeguard.partnership.models.training import BookingStatus, CourseSession, TrainingBooking
from safeguard.partnership.selectors import training as selectors
from safeguard.partnership.services import training as services
from safeguard.partnership.views.training import FORM, MANAGE, course_url, session_url


def audit_view(request: HttpRequest, obj: object, *, summary: str, count: int) -> None:
    """A page naming delegates was shown."""
    user = request.user if request.user.is_authenticated else None
    record_event(
        action=AuditAction.VIEW,
        user=user,
        ip=client_ip(request),
        obj=obj,
        row_count=count,
        summary=f"Training: {summary}",
    )


def _session(session_id: uuid.UUID) -> CourseSession:
    found = selectors.session(session_id)
    if found is None:
        raise Http404("There is no training session with this identifier.")
    return found


def _booking(booking_id: uuid.UUID) -> TrainingBooking:
    found = selectors.booking(booking_id)
    if found is None:
        raise Http404("There is no booking with this identifier.")
    return found


def _facts(session: CourseSession) -> list[tuple[str, str]]:
    return [
        ("Course", session.course.title),
        ("Date", f"{session.starts_on:%-d %B %Y}"),
        ("Places", f"{session.booked} of {session.capacity} taken"),  # type: ignore[attr-defined]
    ]


def _context(session: CourseSession) -> dict[str, object]:
    back = session_url(session)
    return {"caption": str(session), "back": back, "back_label": "Back to the session"}


@requires(MANAGE)
@require_GET
def session(request: HttpRequest, session_id: uuid.UUID) -> HttpResponse:
    found = _session(session_id)
    places, waiting, cancelled = (
        selectors.places(found),
        selectors.waiting(found),
        selectors.cancelled(found),
    )
    today = clock.today()
    audit_view(
        request,
        found,
        summary=f"delegates of {found}",
        count=len(places) + len(waiting) + len(cancelled),
    )
    return render(
        request,
        "partnership/training/session.html",
        {
            "session": found,
            "course_url": course_url(found.course),
            "places": places,
            "waiting": waiting,
            "cancelled": cancelled,
            "places_left": max(0, found.capacity - len(places)),
            "open_for_booking": not found.is_cancelled
            and found.attendance_recorded_on is None
            and found.starts_on >= today,
            "attendance_open": not found.is_cancelled and found.starts_on <= today and places,
        },
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def book(request: HttpRequest, session_id: uuid.UUID) -> HttpResponse:
    found = _session(session_id)
    full = found.booked >= found.capacity  # type: ignore[attr-defined]
    return step_form_page(
        request,
        forms.BookingForm(posted(request)),
        template=FORM,
        title="Book a delegate",
        button="Book the place",
        facts=_facts(found),
        intro="The session is full: the delegate will go on the waiting list, and be "
        "offered the first place that is cancelled."
        if full
        else "",
        action=lambda d: services.book_place(
            session=found,
            agency=d["agency"],
            delegate_name=d["delegate_name"],
            delegate_role=d["delegate_role"],
            delegate_email=d["delegate_email"],
        ),
        success=lambda b: (
            f"{b.delegate_name} is "
            + ("booked" if b.status == BookingStatus.BOOKED else "on the waiting list")
        ),
        done=session_url(found),
        context=_context(found),
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, booking_id: uuid.UUID) -> HttpResponse:
    found = _booking(booking_id)
    held = selectors.session(found.session_id)
    assert held is not None
    form = forms.CancelForm(posted(request), initial={"cancelled_on": clock.today()})
    offered: list[TrainingBooking] = []

    def action(d: dict[str, object]) -> TrainingBooking:
        promoted = services.cancel_booking(booking=found, cancelled_on=d["cancelled_on"])  # type: ignore[arg-type]
        if promoted is not None:
            offered.append(promoted)
        return found

    def banner(_: TrainingBooking) -> str:
        text = f"{found.delegate_name}'s booking is cancelled"
        if offered:
            text += f". The place is offered to {offered[0].delegate_name}: let them know"
        return text

    return step_form_page(
        request,
        form,
        template=FORM,
        title="Cancel a booking",
        button="Cancel the booking",
        facts=[
            *_facts(held),
            ("Delegate", f"{found.delegate_name}, {found.delegate_role} ({found.agency.name})"),
            ("Status", found.get_status_display()),
        ],
        intro="Cancelled with notice, before the session. A delegate who drops out on the "
        "day is recorded as 'cancelled late' with the attendance.",
        warning="This booking is already cancelled."
        if found.status == BookingStatus.CANCELLED
        else "",
        action=action,
        success=banner,
        done=session_url(held),
        context=_context(held),
        on_show=lambda: audit_view(
            request, found, summary=f"cancel form for {found.session}", count=1
        ),
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, session_id: uuid.UUID) -> HttpResponse:
    found = _session(session_id)
    places = selectors.places(found)
    form = forms.AttendanceForm(posted(request), places=places)
    if request.method == "POST" and form.is_valid():
        done = submit_to_service(
            form, lambda: services.record_attendance(session=found, outcomes=form.outcomes())
        )
        if done is not None:
            messages.success(request, f"Attendance recorded for {done} delegates")
            return redirect(session_url(found))
    today = clock.today()
    warning = ""
    if found.is_cancelled:
        warning = "This session was cancelled."
    elif found.starts_on > today:
        warning = f"Record attendance after the session ({found.starts_on:%-d %B %Y})."
    elif not places:
        warning = "Nobody had a place on this session."
    audit_view(request, found, summary=f"attendance form for {found}", count=len(places))
    return render(
        request,
        FORM,
        {
            **_context(found),
            "form": form,
            "title": "Record attendance",
            "button": "Save attendance",
            "facts": _facts(found),
            "intro": "For each delegate with a place: did they attend?",
            "warning": warning,
            "show_form": not warning,
        },
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def evaluation(request: HttpRequest, booking_id: uuid.UUID) -> HttpResponse:
    found = _booking(booking_id)
    held = selectors.session(found.session_id)
    assert held is not None
    warning = ""
    if hasattr(found, "evaluation"):
        warning = "This delegate's evaluation is already recorded."
    elif found.attendance != "attended":
        warning = "Only a delegate recorded as attending returns an evaluation form."
    return step_form_page(
        request,
        forms.EvaluationForm(posted(request)),
        template=FORM,
        title="Record an evaluation",
        button="Save the evaluation",
        facts=[
            *_facts(held),
            ("Delegate", f"{found.delegate_name}, {found.delegate_role} ({found.agency.name})"),
        ],
        warning=warning,
        action=lambda d: services.record_evaluation(
            booking=found,
            returned_on=d["returned_on"],
            rating=int(d["rating"]),
            comments=d["comments"],
            learning_applied=d["learning_applied"],
        ),
        success=f"{found.delegate_name}'s evaluation is recorded",
        done=session_url(held),
        context=_context(held),
        on_show=lambda: audit_view(
            request, found, summary=f"evaluation form for {found.session}", count=1
        ),
    )
