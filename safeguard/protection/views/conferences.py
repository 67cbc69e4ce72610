"""Conference steps: business support books, invites, chases reports, records attendance
and minutes; the chair records the outcome (and with it the CP plan)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from safeguard.access.decorators import requires
from safeguard.access.guards import open_child_record
from safeguard.core import clock
from safeguard.core.forms import submit_to_service
from safeguard.protection import conferencing, forms, selectors, services
from safeguard.protection.forms.common import to_bool
from safeguard.protection.models import Conference, ConferenceInvitation
from safeguard.protection.views.common import (
    Link,
    Step,
    Table,
    conference_of,
    conference_summary,
    dmy,
    done,
    posted,
    render_step,
    version_initial,
)

GET_POST = ["GET", "POST"]
QUEUE = "protection:business_support"


@requires("access.manage_conferences")
@require_http_methods(GET_POST)
def schedule_conference(request: HttpRequest, child_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Book a conference")
    step = Step(
        title="Book a child protection conference",
        button="Book conference",
        cancel_url=reverse(QUEUE),
        inset="An initial conference is held within 15 working days of the strategy "
        "discussion that started the section 47 enquiry; the first review within 3 months of "
        "it, then every 6 months. Conferences are held on weekdays.",
    )
    form = forms.ScheduleConferenceForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        conference = submit_to_service(
            form,
            lambda: conferencing.book_conference(
                child=child,
                conference_type=data["conference_type"],
                scheduled_for=data["scheduled_for"],
                start_time=data["start_time"],
                chair=data["chair"],
                room=data["room"],
            ),
        )
        if conference is not None:
            deadline = selectors.invitation_deadline(conference)
            return done(
                request,
                f"{conference.get_conference_type_display()} conference booked for "
                f"{dmy(conference.scheduled_for)}. Send invitations by {dmy(deadline)}",
                QUEUE,
            )
    return render_step(request, child, form, step)


def _notice_warnings(conference: Conference, invitations: list[ConferenceInvitation]) -> list[str]:
    """The 5-working-day notice check (timescale icpc_notice), as warnings for the page."""
    deadline = selectors.invitation_deadline(conference)
    warnings = []
    late = selectors.late_invitations(conference, invitations)
    if late:
        names = ", ".join(f"{i.invitee} ({i.get_agency_display()})" for i in late)
        warnings.append(
            f"Less than 5 working days' notice: invitations should have gone by "
            f"{dmy(deadline)}. Sent late to {names}."
        )
    elif clock.today() > deadline and not invitations:
        warnings.append(
            f"Invitations should have gone by {dmy(deadline)}: partner agencies now have "
            "less than 5 working days' notice."
        )
    return warnings


def _report_cell(child_id: uuid.UUID, conference_id: uuid.UUID, i: ConferenceInvitation) -> object:
    if not i.report_requested:
        return "Not requested"
    if i.report_received_on:
        return f"Received {dmy(i.report_received_on)}"
    url = reverse(
        "protection:record_agency_report",
        kwargs={"child_id": child_id, "conference_id": conference_id, "invitation_id": i.pk},
    )
    return Link(f"Missing: record {i.invitee}'s report received", url)


@requires("access.manage_conferences")
@require_http_methods(GET_POST)
def invite(request: HttpRequest, child_id: uuid.UUID, conference_id: uuid.UUID) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Conference invitations")
    conference = conference_of(child, conference_id)
    invitations = list(conference.invitations.all())
    deadline = selectors.invitation_deadline(conference)
    step = Step(
        title="Record conference invitations",
        button="Save invitations",
        cancel_url=reverse(QUEUE),
        summary=[*conference_summary(conference), ("Invitations due by", dmy(deadline))],
        warnings=_notice_warnings(conference, invitations),
        tables=[
            Table(
                caption="Invited so far",
                head=["Invitee", "Agency", "Invited", "Report"],
                rows=[
                    [
                        i.invitee,
                        i.get_agency_display(),
                        dmy(i.invited_on),
                        _report_cell(child.pk, conference.pk, i),
                    ]
                    for i in invitations
                ],
            )
        ],
    )
    form = forms.InvitationsForm(posted(request))
    if request.method == "POST" and form.is_valid():
        saved = submit_to_service(
            form,
            lambda: services.record_conference_invitations(
                conference=conference, invitations=form.invitations()
            ),
        )
        if saved is not None:
            if form.cleaned_data["invited_on"] > deadline:
                messages.warning(
                    request,
                    f"These invitations give less than 5 working days' notice: they were due "
                    f"by {dmy(deadline)}.",
                )
            return done(request, f"{len(saved)} invitation(s) recorded", QUEUE)
    return render_step(request, child, form, step)


@requires("access.manage_conferences")
@require_http_methods(GET_POST)
def record_agency_report(
    request: HttpRequest,
    child_id: uuid.UUID,
    conference_id: uuid.UUID,
    invitation_id: uuid.UUID,
) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Agency report received")
    conference = conference_of(child, conference_id)
    invitation = get_object_or_404(ConferenceInvitation, pk=invitation_id, conference=conference)
    step = Step(
        title="Record an agency report received",
        button="Save report received",
        cancel_url=reverse(QUEUE),
        summary=[
            *conference_summary(conference),
            ("Report from", f"{invitation.invitee} ({invitation.get_agency_display()})"),
            ("Invited", dmy(invitation.invited_on)),
        ],
    )
    form = forms.AgencyReportForm(posted(request), initial=version_initial(invitation))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = submit_to_service(
            form,
            lambda: services.record_conference_report_received(
                invitation=invitation,
                received_on=data["report_received_on"],
                expected_version=data["version"],
            ),
        )
        if saved is not None:
            return done(request, f"Report from {saved.invitee} recorded as received", QUEUE)
    return render_step(request, child, form, step)


@requires("access.manage_conferences")
@require_http_methods(GET_POST)
def record_attendance(
    request: HttpRequest, child_id: uuid.UUID, conference_id: uuid.UUID
) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Conference attendance")
    conference = conference_of(child, conference_id)
    quorum = selectors.conference_quorum(conference)
    step = Step(
        title="Record conference attendance",
        button="Save attendance",
        cancel_url=reverse(QUEUE),
        summary=[*conference_summary(conference), ("Quoracy", quorum.summary)],
        tables=[
            Table(
                caption="Attendance recorded",
                head=["Name", "Agency", "Attendance"],
                rows=[
                    [a.name, a.get_agency_display(), a.get_status_display()]
                    for a in conference.attendance.all()
                ],
            )
        ],
    )
    form = forms.AttendanceForm(posted(request))
    if request.method == "POST" and form.is_valid():
        saved = submit_to_service(
            form,
            lambda: services.record_conference_attendance(
                conference=conference, attendance=form.attendance()
            ),
        )
        if saved is not None:
            quorum = selectors.conference_quorum(conference)
            return done(request, f"Attendance recorded. {quorum.summary}", QUEUE)
    return render_step(request, child, form, step)


@requires("access.chair_conferences")
@require_http_methods(GET_POST)
def record_conference_outcome(
    request: HttpRequest, child_id: uuid.UUID, conference_id: uuid.UUID
) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Record a conference outcome")
    conference = conference_of(child, conference_id)
    quorum = selectors.conference_quorum(conference)
    step = Step(
        title="Record the conference outcome",
        button="Save outcome",
        cancel_url=reverse("protection:chair_home"),
        summary=[*conference_summary(conference), ("Quoracy", quorum.summary)],
        inset="A plan needs a category of abuse. A child protection plan starts on the "
        "conference date; a review that decides 'no plan' ends the plan on that date.",
    )
    initial = {**version_initial(conference)}
    if conference.plan is not None:
        initial["category"] = conference.plan.latest_category
    if quorum.known:
        initial["quorate"] = "yes" if quorum.quorate else "no"
    form = forms.ConferenceOutcomeForm(
        posted(request),
        initial=initial,
        conference_type=conference.conference_type,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = submit_to_service(
            form,
            lambda: conferencing.record_conference_decision(
                conference=conference,
                held_on=data["held_on"],
                quorate=bool(to_bool(data["quorate"])),
                outcome=data["outcome"],
                category=data["category"],
                advocacy_offered=to_bool(data["advocacy_offered"]),
                advocacy_accepted=to_bool(data["advocacy_accepted"]),
                visit_frequency_weeks=data.get("visit_frequency_weeks") or 4,
                lead_social_worker=data.get("lead_social_worker"),
                end_reason=data.get("end_reason") or "no_longer_at_risk",
                expected_version=data["version"],
            ),
        )
        if saved is not None:
            return done(
                request,
                f"Conference outcome recorded: {saved.get_outcome_display().lower()}",
                "protection:chair_home",
            )
    return render_step(request, child, form, step)


@requires("access.manage_conferences")
@require_http_methods(GET_POST)
def record_minutes_sent(
    request: HttpRequest, child_id: uuid.UUID, conference_id: uuid.UUID
) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Conference minutes sent")
    conference = conference_of(child, conference_id)
    step = Step(
        title="Record the minutes sent to the family",
        button="Save minutes sent",
        cancel_url=reverse(QUEUE),
        summary=[*conference_summary(conference), ("Held", dmy(conference.held_on))],
        inset="Minutes go to the family by secure email.",
    )
    form = forms.MinutesSentForm(posted(request), initial=version_initial(conference))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = submit_to_service(
            form,
            lambda: services.record_conference_minutes_sent(
                conference=conference,
                sent_on=data["minutes_sent_on"],
                expected_version=data["version"],
            ),
        )
        if saved is not None:
            return done(request, f"Minutes recorded as sent on {dmy(saved.minutes_sent_on)}", QUEUE)
    return render_step(request, child, form, step)


@requires("access.manage_conferences")
@require_http_methods(GET_POST)
def cancel_conference(
    request: HttpRequest, child_id: uuid.UUID, conference_id: uuid.UUID
) -> HttpResponse:
    child = open_child_record(request, child_id, summary="Cancel a conference")
    conference = conference_of(child, conference_id)
    step = Step(
        title="Cancel a conference",
        button="Cancel conference",
        cancel_url=reverse(QUEUE),
        summary=conference_summary(conference),
    )
    form = forms.CancelConferenceForm(posted(request), initial=version_initial(conference))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = submit_to_service(
            form,
            lambda: services.cancel_conference(
                conference=conference,
                cancelled_on=data["cancelled_on"],
                reason=data["cancellation_reason"],
                expected_version=data["version"],
            ),
        )
        if saved is not None:
            return done(request, "Conference cancelled", QUEUE)
    return render_step(request, child, form, step)
