"""Conference steps: booking, invitations, agency reports, attendance, the outcome, minutes."""

from __future__ import annotations

from typing import Any

from django import forms

from safeguard.core.forms import DateField, GovukForm, VersionedForm
from safeguard.protection.forms.common import (
    add_rows,
    agency_field,
    category_field,
    chairs,
    filled_rows,
    practitioners,
    set_queryset,
    worker_field,
    yes_no,
)
from safeguard.protection.models import (
    CONFERENCE_END_REASONS,
    INITIAL_CONFERENCE_TYPES,
    AttendanceStatus,
    ConferenceOutcome,
    ConferenceType,
    CPPlanEndReason,
    VisitFrequency,
)
from safeguard.protection.services import AttendanceInput, InvitationInput

INVITATION_ROWS = 6
ATTENDANCE_ROWS = 8


class ScheduleConferenceForm(GovukForm):
    conference_type = forms.ChoiceField(
        label="What kind of conference?",
        choices=ConferenceType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of conference"},
    )
    scheduled_for = DateField(label="Conference date")
    start_time = forms.TimeField(
        label="Start time",
        help_text="Use the 24-hour clock, for example 10:00 or 14:30",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={
            "required": "Enter the start time",
            "invalid": "Enter the start time using the 24-hour clock, for example 14:30",
        },
    )
    chair = worker_field("Chair", chairs(), "Choose the chair")
    room = forms.CharField(
        label="Venue and room",
        max_length=120,
        error_messages={"required": "Enter the venue and room"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "chair", chairs())


class InvitationsForm(GovukForm):
    invited_on = DateField(label="Date the invitations were sent")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_rows(
            self,
            "invitation",
            INVITATION_ROWS,
            {
                "agency": lambda n: agency_field(f"Invitation {n} agency"),
                "invitee": lambda n: forms.CharField(
                    label=f"Invitation {n} invitee", max_length=160
                ),
                "report": lambda n: forms.BooleanField(
                    label=f"Invitation {n}: report requested from this agency"
                ),
            },
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.rows = filled_rows(
            self,
            "invitation",
            INVITATION_ROWS,
            ("agency", "invitee", "report"),
            key=("agency", "invitee"),
        )
        if not self.rows and "invitation_1_agency" not in self.errors:
            self.add_error("invitation_1_agency", "Enter at least one invitation")
        return cleaned

    def invitations(self) -> list[InvitationInput]:
        return [
            InvitationInput(
                agency=row["agency"],
                invitee=row["invitee"],
                invited_on=self.cleaned_data["invited_on"],
                report_requested=bool(row["report"]),
            )
            for row in self.rows
        ]


class AgencyReportForm(VersionedForm):
    report_received_on = DateField(label="Date the report was received")


class AttendanceForm(GovukForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_rows(
            self,
            "attendee",
            ATTENDANCE_ROWS,
            {
                "agency": lambda n: agency_field(f"Person {n} agency"),
                "name": lambda n: forms.CharField(label=f"Person {n} name", max_length=160),
                "status": lambda n: forms.ChoiceField(
                    label=f"Person {n} attendance",
                    choices=[("", "Choose"), *AttendanceStatus.choices],
                ),
            },
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.rows = filled_rows(
            self,
            "attendee",
            ATTENDANCE_ROWS,
            ("agency", "name", "status"),
            key=("agency", "name", "status"),
        )
        if not self.rows and "attendee_1_agency" not in self.errors:
            self.add_error("attendee_1_agency", "Enter at least one person's attendance")
        return cleaned

    def attendance(self) -> list[AttendanceInput]:
        return [
            AttendanceInput(agency=row["agency"], name=row["name"], status=row["status"])
            for row in self.rows
        ]


class ConferenceOutcomeForm(VersionedForm):
    held_on = DateField(label="Date the conference was held")
    quorate = yes_no("Was the conference quorate?", "Select whether the conference was quorate")
    outcome = forms.ChoiceField(
        label="What did the conference decide?",
        choices=ConferenceOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the conference decided"},
    )
    category = category_field(
        "Category of abuse (if there is a plan)",
        required=False,
        message="Choose the category of abuse",
    )
    advocacy_offered = yes_no("Was the child offered an advocate?", "", required=False)
    advocacy_accepted = yes_no("Did the child accept an advocate?", "", required=False)
    visit_frequency_weeks = forms.TypedChoiceField(
        label="How often will the child be visited?",
        choices=VisitFrequency.choices,
        coerce=int,
        initial=VisitFrequency.FOUR_WEEKLY,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how often the child will be visited"},
    )
    lead_social_worker = worker_field(
        "Lead social worker", practitioners(), "Choose the lead social worker", required=False
    )
    end_reason = forms.ChoiceField(
        label="If the plan ends, why?",
        choices=[(c.value, c.label) for c in CPPlanEndReason if c in CONFERENCE_END_REASONS],
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args: Any, conference_type: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "lead_social_worker", practitioners())
        if conference_type in INITIAL_CONFERENCE_TYPES:
            del self.fields["end_reason"]
        else:
            del self.fields["visit_frequency_weeks"]
            del self.fields["lead_social_worker"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            "end_reason" in self.fields
            and cleaned.get("outcome") == ConferenceOutcome.NO_PLAN
            and not cleaned.get("end_reason")
        ):
            self.add_error("end_reason", "Select why the plan ends")
        return cleaned


class MinutesSentForm(VersionedForm):
    minutes_sent_on = DateField(label="Date the minutes were sent to the family")


class CancelConferenceForm(VersionedForm):
    cancelled_on = DateField(label="Date cancelled")
    cancellation_reason = forms.CharField(
        label="Why the conference was cancelled",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the conference was cancelled"},
    )
