"""Forms for the unregistered placements register and its independent visits.

They check only the shape of what was typed; the rules (approval dates, the visitor's
independence, the end agreeing with the care record) are in
``safeguard.care.services_unregistered``, whose errors come back on the field they name.
Field names match the services' keyword arguments for that reason.
"""

from __future__ import annotations

from typing import Any

from django import forms

from safeguard.care.forms import WorkerChoiceField, WorkersInPostForm, notes_field
from safeguard.care.models_unregistered import (
    Judgement,
    NoRegisteredPlaceReason,
    PrivateConversation,
    ProgressStep,
    UnregisteredEndReason,
    UnregisteredSetting,
)
from safeguard.core.forms import DateField, GovukForm, VersionedForm
from safeguard.workforce.models import WorkerRole


def radios(label: str, choices: Any, message: str, **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
        **kwargs,
    )


def text_area(label: str, message: str = "", *, rows: int = 4, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=bool(message),
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": message} if message else {},
        **kwargs,
    )


REASON_MESSAGE = "Select why no registered place was available"
DETAIL_MESSAGE = "Say which registered homes were approached and why none could offer a place"


class ReasonFields(forms.Form):
    reason = radios(
        "Why was no registered place available?", NoRegisteredPlaceReason.choices, REASON_MESSAGE
    )
    reason_detail = text_area(
        "The search for a registered place",
        DETAIL_MESSAGE,
        help_text="Which homes and agencies were approached, and why none could offer a place.",
    )


class AddToRegisterForm(GovukForm, ReasonFields):
    address = text_area(
        "Address the child is living at",
        "Enter the address the child is living at",
        rows=3,
        help_text="The full address, with the postcode.",
    )
    provider = forms.CharField(
        label="Who provides the care and staffing?",
        max_length=160,
        error_messages={"required": "Enter who provides the care and staffing"},
    )
    setting = radios(
        "What kind of accommodation is it?",
        UnregisteredSetting.choices,
        "Select the kind of accommodation",
    )
    approved_on = DateField(
        label="Date the Corporate Director approved the placement (optional)",
        required=False,
        help_text="Leave empty if the approval is still to come: the register will show it as due.",
    )
    approved_by = forms.CharField(
        label="Corporate Director's name (optional)", max_length=160, required=False
    )
    approval_note = notes_field("Note about the approval (optional)")
    field_order = ["address", "provider", "setting", "reason", "reason_detail"]


class ApprovalForm(VersionedForm):
    approved_on = DateField(label="Date the Corporate Director approved the placement")
    approved_by = forms.CharField(
        label="Corporate Director's name",
        max_length=160,
        error_messages={"required": "Enter the name of the Corporate Director"},
    )
    note = notes_field()


class ReasonForm(VersionedForm, ReasonFields):
    pass


class ProgressForm(GovukForm):
    recorded_on = DateField(label="Date of the update")
    step = radios(
        "Where have things got to?", ProgressStep.choices, "Select where things have got to"
    )
    note = text_area(
        "What has happened and what happens next", "Say what has happened and what happens next"
    )


RECORD_CHOICES = [
    ("daily_log_checked", "Daily log"),
    ("complaints_checked", "Complaints record"),
    ("sanctions_checked", "Sanctions record"),
    ("restraint_checked", "Restraint record"),
]


class VisitForm(WorkersInPostForm):
    visited_on = DateField(label="Date of the visit")
    visitor = WorkerChoiceField(
        roles={WorkerRole.CONFERENCE_CHAIR, WorkerRole.SERVICE_MANAGER},
        label="Who made the visit?",
        empty_label="Choose a person",
        help_text="A child protection chair or the residential services manager: someone "
        "independent of the child's care.",
        error_messages={
            "required": "Select who made the visit",
            "invalid_choice": "Select who made the visit",
        },
    )
    child_spoken_to = radios(
        "Did the child speak to you in private?",
        PrivateConversation.choices,
        "Say whether the child was spoken to in private",
    )
    staff_spoken_to = radios(
        "Did the staff speak to you in private?",
        PrivateConversation.choices,
        "Say whether the staff were spoken to in private",
    )
    physical_condition = radios(
        "Physical condition of the home",
        Judgement.choices,
        "Select your judgement of the physical condition of the home",
    )
    records_checked = forms.MultipleChoiceField(
        label="Which records did you check?",
        choices=RECORD_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
    )
    records_note = text_area(
        "What the records show (and why any were not checked)",
        help_text="Needed when a record was not checked.",
    )
    standard_of_care = radios(
        "Standard of care provided",
        Judgement.choices,
        "Select your judgement of the standard of care",
    )
    opinion = text_area(
        "Your opinion of the standard of care", "Give your opinion of the standard of care", rows=6
    )
    actions = text_area(
        "Actions agreed (optional)", help_text="Needed when a judgement is inadequate."
    )

    def checks(self) -> dict[str, bool]:
        chosen = set(self.cleaned_data.get("records_checked") or ())
        return {name: name in chosen for name, _ in RECORD_CHOICES}


class EndForm(VersionedForm):
    ended_on = DateField(label="Date the unregistered placement ended")
    end_reason = radios("How did it end?", UnregisteredEndReason.choices, "Select how it ended")
    note = notes_field()
