"""Forms for the fostering team's pages. They check what was typed; the services decide
what is allowed (a panel before stage 2, an age band the wrong way round)."""

from __future__ import annotations

from typing import Any

from django import forms

from safeguard.core.forms import DateField, GovukForm
from safeguard.fostering.models import ApprovalType, EnquirySource, PanelRecommendation
from safeguard.workforce.models import Worker

YES_NO = [("yes", "Yes"), ("no", "No")]


def _select(choices: Any, label: str, message: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[("", "Select one"), *choices],
        error_messages={"required": message, "invalid_choice": message},
    )


def _radios(choices: Any, label: str, message: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
    )


def _number(
    label: str, message: str, *, low: int, high: int, required: bool = True
) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=low,
        max_value=high,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={
            "required": message,
            "invalid": f"{label} must be a whole number",
            "min_value": f"{label} must be {low} or more",
            "max_value": f"{label} must be {high} or fewer",
        },
    )


def _notes(label: str) -> forms.CharField:
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 3}))


class EnquiryForm(GovukForm):
    received_on = DateField(label="Date of enquiry")
    enquirer_name = forms.CharField(
        label="Name of the enquirer",
        max_length=160,
        error_messages={"required": "Enter the name of the enquirer"},
    )
    source = _select(EnquirySource.choices, "How they heard of us", "Select how they heard of us")
    notes = _notes("Notes (optional)")


class CloseEnquiryForm(GovukForm):
    outcome = _radios(
        [("withdrawn", "Withdrawn by the enquirer"), ("not_progressed", "Not progressed by us")],
        "Why is the enquiry closing?",
        "Select why the enquiry is closing",
    )
    on = DateField(label="Date closed")


class StartAssessmentForm(GovukForm):
    started_on = DateField(label="Date stage 1 started")
    assessing_worker = forms.ModelChoiceField(
        label="Assessing social worker",
        queryset=Worker.objects.filter(left_on__isnull=True).order_by("last_name", "first_name"),
        empty_label="Select one",
        error_messages={"required": "Select the assessing social worker"},
    )


class StageTwoForm(GovukForm):
    stage_one_completed_on = DateField(label="Date stage 1 completed")
    started_on = DateField(label="Date stage 2 started")


class PanelForm(GovukForm):
    stage_two_completed_on = DateField(label="Date stage 2 completed")
    panel_on = DateField(label="Date of panel")
    recommendation = _radios(
        PanelRecommendation.choices, "Panel recommendation", "Select the panel's recommendation"
    )


class DecisionForm(GovukForm):
    decided_on = DateField(label="Date of the decision")
    approved = _radios(
        YES_NO, "Did the Agency Decision Maker approve?", "Select whether the ADM approved"
    )
    household_name = forms.CharField(
        label="Household name (if approved)", max_length=160, required=False
    )
    carer_names = forms.CharField(
        label="Carers' names (if approved)", max_length=300, required=False
    )
    approval_type = forms.ChoiceField(
        label="Type of approval (if approved)",
        choices=[("", "Select one"), *ApprovalType.choices],
        required=False,
    )
    age_from = _number("Youngest age (if approved)", "", low=0, high=17, required=False)
    age_to = _number("Oldest age (if approved)", "", low=0, high=17, required=False)
    children_approved = _number(
        "Number of children (if approved)", "", low=1, high=6, required=False
    )


class VacanciesForm(GovukForm):
    vacancies = _number("Vacancies now", "Enter the number of vacancies", low=0, high=6)


class ReviewForm(GovukForm):
    held_on = DateField(label="Date of review")
    approval_continues = _radios(
        YES_NO, "Does the approval continue?", "Select whether the approval continues"
    )
    notes = _notes("Notes (optional)")


class DeregisterForm(GovukForm):
    on = DateField(label="Date of de-registration")
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the reason for de-registration"},
    )
