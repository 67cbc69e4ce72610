"""The social worker's steps: strategy discussion, section 47 enquiry, its outcome and the
request for an initial conference."""

from __future__ import annotations

from typing import Any

from django import forms

from safeguard.core.forms import DateField, GovukForm, VersionedForm
from safeguard.protection.forms.common import (
    add_rows,
    agency_field,
    filled_rows,
    practitioners,
    set_queryset,
    worker_field,
    yes_no,
)
from safeguard.protection.models import Agency, Section47Outcome, StrategyDiscussion
from safeguard.protection.services import ActionInput, AttendeeInput

ATTENDEE_ROWS = 6
ACTION_ROWS = 3
#: The first rows start with the agencies a quorate discussion needs.
ATTENDEE_AGENCIES = (Agency.SOCIAL_CARE, Agency.POLICE, Agency.HEALTH_VISITOR)


class StrategyDiscussionForm(GovukForm):
    held_on = DateField(label="Date of the strategy discussion")
    lead_worker = worker_field(
        "Lead social worker", practitioners(), "Choose the lead social worker"
    )
    information_shared = forms.CharField(
        label="Information shared", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    s47_initiated = yes_no(
        "Were section 47 enquiries started?",
        "Select whether section 47 enquiries were started",
    )
    s47_start_date = DateField(
        label="Section 47 start date, if not the day of the discussion", required=False
    )
    criminal_investigation = yes_no(
        "Will there be a criminal investigation?",
        "Select whether there will be a criminal investigation",
    )
    shared_with_family = forms.CharField(
        label="What is shared with the family, and when",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    withheld_from_family = forms.CharField(
        label="What is withheld from the family, and why",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    minutes_circulated_on = DateField(
        label="Date the minutes were circulated, if they have been", required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "lead_worker", practitioners())
        add_rows(
            self,
            "action",
            ACTION_ROWS,
            {
                "agency": lambda n: agency_field(f"Action {n} agency"),
                "owner": lambda n: forms.CharField(label=f"Action {n}: who", max_length=160),
                "action": lambda n: forms.CharField(
                    label=f"Action {n}: what", widget=forms.Textarea(attrs={"rows": 2})
                ),
                "due_by": lambda n: DateField(label=f"Action {n} due date", required=False),
            },
        )
        add_rows(
            self,
            "attendee",
            ATTENDEE_ROWS,
            {
                "agency": lambda n: agency_field(f"Attendee {n} agency"),
                "name": lambda n: forms.CharField(label=f"Attendee {n} name", max_length=160),
                "role": lambda n: forms.CharField(label=f"Attendee {n} role", max_length=120),
            },
        )
        if not self.is_bound:
            for n, agency in enumerate(ATTENDEE_AGENCIES, start=1):
                self.fields[f"attendee_{n}_agency"].initial = agency

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        rows = filled_rows(
            self, "attendee", ATTENDEE_ROWS, ("agency", "name", "role"), key=("agency", "name")
        )
        named = [row for row in rows if row["name"]]
        if not named and "attendee_1_name" not in self.errors:
            self.add_error("attendee_1_name", "Enter who took part in the strategy discussion")
        self.attendee_rows = rows
        self.action_rows = filled_rows(
            self,
            "action",
            ACTION_ROWS,
            ("agency", "owner", "action", "due_by"),
            key=("agency", "owner", "action", "due_by"),
        )
        return cleaned

    def attendees(self) -> list[AttendeeInput]:
        return [
            AttendeeInput(agency=row["agency"], name=row["name"], role=row["role"] or "")
            for row in self.attendee_rows
        ]

    def actions(self) -> list[ActionInput]:
        return [
            ActionInput(
                agency=row["agency"], owner=row["owner"], action=row["action"], due_by=row["due_by"]
            )
            for row in self.action_rows
        ]


class StartSection47Form(GovukForm):
    strategy_discussion = forms.ModelChoiceField(
        label="Which strategy discussion started the enquiry?",
        queryset=StrategyDiscussion.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Select the strategy discussion that started the enquiry",
            "invalid_choice": "Select the strategy discussion that started the enquiry",
        },
    )
    start_date = DateField(label="Section 47 start date")
    lead_worker = worker_field("Lead worker", practitioners(), "Choose the lead worker")

    def __init__(self, *args: Any, discussions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "strategy_discussion", discussions)
        set_queryset(self, "lead_worker", practitioners())


class Section47OutcomeForm(VersionedForm):
    outcome = forms.ChoiceField(
        label="What was the outcome of the section 47 enquiry?",
        choices=Section47Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome of the section 47 enquiry"},
    )
    outcome_date = DateField(label="Outcome date")
    icpc_not_required = forms.ChoiceField(
        label="If the concerns were substantiated, what happens next?",
        choices=[
            ("no", "Request an initial child protection conference"),
            ("yes", "An initial conference is not required"),
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    conference_requested_on = DateField(
        label="Date the conference service was asked", required=False
    )
    icpc_not_required_reason = forms.CharField(
        label="Why an initial conference is not required",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("outcome") == Section47Outcome.SUBSTANTIATED and not cleaned.get(
            "icpc_not_required"
        ):
            self.add_error(
                "icpc_not_required",
                "Select whether an initial conference is requested or not required",
            )
        return cleaned


class ConferenceNotRequiredForm(VersionedForm):
    decided_on = DateField(label="Date of the decision")
    icpc_not_required_reason = forms.CharField(
        label="Why an initial conference is no longer required",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why an initial conference is no longer required"},
    )


class RequestConferenceForm(VersionedForm):
    outcome_date = DateField(label="Date the concerns were substantiated")
    conference_requested_on = DateField(label="Date the conference service was asked")
