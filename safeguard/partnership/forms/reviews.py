"""Forms for the practice review pages. They check what was typed; the services decide
what is allowed (a rapid review before the notification, a retired theme)."""

from __future__ import annotations

from typing import Any

from django import forms

from safeguard.core.forms import DateField, GovukForm, VersionedForm
from safeguard.partnership.models import (
    IncidentType,
    LearningTheme,
    ProductKind,
    ReviewArea,
    ReviewDecision,
    SeriousIncident,
)
from safeguard.partnership.selectors import reviews as selectors

YES_NO = [("yes", "Yes"), ("no", "No")]


def _radios(choices: Any, label: str, message: str, **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
        **kwargs,
    )


def _text(label: str, message: str = "", *, max_length: int = 160, **kw: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=bool(message),
        max_length=max_length,
        error_messages={"required": message} if message else None,
        **kw,
    )


def _notes(label: str, message: str = "", **kw: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=bool(message),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": message} if message else None,
        **kw,
    )


class IncidentForm(GovukForm):
    child_identifier = _text(
        "Child's initials or agreed name",
        "Enter the child's initials or agreed name",
        max_length=40,
        help_text="For example 'Child J' or 'J.S.'. Never a case number or person identifier.",
    )
    la_area = _radios(ReviewArea.choices, "Local authority area", "Select the area")
    incident_type = _radios(IncidentType.choices, "Type of incident", "Select the type")
    looked_after = _radios(YES_NO, "Was the child looked after?", "Select yes or no")
    incident_on = DateField(label="Date of the incident (optional)", required=False)
    aware_on = DateField(label="Date the local authority became aware")
    summary = _notes("What happened (optional)")
    panel_notified_on = DateField(
        label="Date notified to the national Panel (optional)",
        required=False,
        help_text="Due within 5 working days of the local authority becoming aware. You can "
        "record the notification later.",
    )
    partners_notified_on = DateField(
        label="Date notified to the safeguarding partners (optional)", required=False
    )
    secretary_of_state_notified_on = DateField(
        label="Date notified to the Secretary of State (a looked-after child's death)",
        required=False,
    )
    ofsted_notified_on = DateField(
        label="Date notified to Ofsted (a looked-after child's death)", required=False
    )

    def clean_child_identifier(self) -> str:
        value: str = self.cleaned_data.get("child_identifier", "")
        if any(ch.isdigit() for ch in value):
            raise forms.ValidationError("Use the child's initials or an agreed name, not a number")
        return value


class NotificationForm(VersionedForm):
    panel_notified_on = DateField(label="Date notified to the national Panel")
    partners_notified_on = DateField(label="Date notified to the safeguarding partners")
    secretary_of_state_notified_on = DateField(
        label="Date notified to the Secretary of State (a looked-after child's death)",
        required=False,
    )
    ofsted_notified_on = DateField(
        label="Date notified to Ofsted (a looked-after child's death)", required=False
    )


class RapidReviewForm(VersionedForm):
    held_on = DateField(label="Date the rapid review was held")
    sent_on = DateField(label="Date sent to the Panel (optional)", required=False)
    facts = _notes("The facts", "Summarise the facts of the case")
    immediate_actions = _notes("Immediate actions (optional)")
    decision = _radios(ReviewDecision.choices, "Decision", "Select the decision")
    reasons = _notes("Reasons for the decision", "Give the reasons for the decision")


class SentForm(VersionedForm):
    sent_on = DateField(label="Date sent")


class CsprForm(VersionedForm):
    decided_on = DateField(label="Date the local CSPR was decided")
    reviewer_name = _text("Reviewer's name", "Enter the reviewer's name")
    reviewer_organisation = _text("Reviewer's organisation", "Enter the reviewer's organisation")
    coi_declared = _radios(
        YES_NO,
        "Did the reviewer declare a conflict of interest?",
        "Select whether a conflict of interest was declared",
    )
    coi_checked_on = DateField(label="Date of the conflict of interest check")
    coi_outcome = _notes(
        "Outcome of the conflict of interest check",
        "Record the outcome of the conflict of interest check",
    )
    planned_publication_on = DateField(
        label="Planned publication date (optional)",
        required=False,
        help_text="Due within 6 months of the decision.",
    )


class PlanPublicationForm(VersionedForm):
    planned_publication_on = DateField(label="Planned publication date")


class PublishedForm(VersionedForm):
    published_on = DateField(label="Date published")


class InformationRequestForm(VersionedForm):
    agency = _text("Agency asked", "Enter the agency asked")
    sent_on = DateField(label="Date the request was sent")
    due_on = DateField(label="Date the information is due")


class ReceivedForm(GovukForm):
    received_on = DateField(label="Date received")


class ThemesForm(VersionedForm):
    themes = forms.ModelMultipleChoiceField(
        queryset=LearningTheme.objects.none(),
        required=False,
        label="Learning themes",
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply. The business unit maintains the list.",
    )

    def __init__(self, *args: Any, incident: SeriousIncident, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["themes"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = selectors.theme_choices(incident)


class ActionForm(VersionedForm):
    action = _notes("Action", "Describe the action")
    owner_agency = _text("Owner agency", "Enter the agency that owns the action")
    due_on = DateField(label="Due date")


class StartActionForm(GovukForm):
    """No fields: the button says the owner agency has started."""


class CompleteActionForm(GovukForm):
    completed_on = DateField(label="Date completed")
    evidence = _notes("Evidence of completion", "Describe the evidence that the action is complete")


class ProductForm(VersionedForm):
    kind = forms.ChoiceField(
        label="Kind of product",
        choices=[("", "Select one"), *ProductKind.choices],
        error_messages={"required": "Select the kind of product"},
    )
    title = _text("Title", "Enter the title", max_length=200)
    issued_on = DateField(label="Date issued")
    audience = _text("Audience", "Enter who it is for", max_length=200)


class ThemeForm(GovukForm):
    label = _text("New theme", "Enter the theme", max_length=120)


class IncidentFilterForm(GovukForm):
    text = _text("Reference or initials", max_length=60)
    la_area = forms.ChoiceField(
        label="Area", choices=[("", "Both areas"), *ReviewArea.choices], required=False
    )
    stage = forms.ChoiceField(
        label="Status", choices=[("", "All"), ("open", "Open reviews")], required=False
    )

    def filters(self) -> selectors.IncidentFilters:
        if not self.is_valid():
            return selectors.IncidentFilters()
        data = self.cleaned_data
        return selectors.IncidentFilters(
            text=data["text"], la_area=data["la_area"], stage=data["stage"]
        )
