"""Forms for the care journey: becoming looked after, placements, reviews, health, leaving.

They check only the shape of what was typed (a date is a date, a code is in its DfE list);
the SSDA903 rules are the services' (``safeguard.care.services``), whose errors come back
on the field they name. Field names match the services' keyword arguments for that reason.
"""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal
from typing import Any

from django import forms

from safeguard.care.models import HealthAssessmentKind
from safeguard.care.services import NEED_CODES, Placement
from safeguard.core.codes import codelist
from safeguard.core.forms import DateField, GovukForm
from safeguard.workforce.models import Worker, WorkerRole
from safeguard.workforce.selectors import workers_in_post

YES_NO = [("yes", "Yes"), ("no", "No")]


def code_choices(key: str, *, exclude: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    return [(code, label) for code, label in codelist(key).choices() if code not in exclude]


def code_select(key: str, label: str, message: str, **kwargs: Any) -> forms.ChoiceField:
    """A DfE code list as a select; ``empty`` is the first option's text."""
    empty = kwargs.pop("empty", "Choose an option")
    exclude = kwargs.pop("exclude", frozenset())
    return forms.ChoiceField(
        label=label,
        choices=[("", empty), *code_choices(key, exclude=exclude)],
        error_messages={"required": message, "invalid_choice": message},
        **kwargs,
    )


def yes_no(label: str, message: str, **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
        **kwargs,
    )


def notes_field(label: str = "Notes (optional)") -> forms.CharField:
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 4}))


class WorkerChoiceField(forms.ModelChoiceField):
    """Workers of one role; ``WorkersInPostForm`` narrows it to those in post today."""

    def __init__(self, *, roles: Collection[str], **kwargs: Any) -> None:
        self.roles = frozenset(roles)
        super().__init__(queryset=Worker.objects.none(), **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        team = f", {obj.team.name}" if obj.team_id else ""
        return f"{obj.first_name} {obj.last_name}{team}"


def worker_field(role: str, label: str, message: str, *, required: bool) -> WorkerChoiceField:
    return WorkerChoiceField(
        roles={role},
        label=label,
        required=required,
        empty_label="Choose a person",
        error_messages={"required": message, "invalid_choice": message},
    )


class WorkersInPostForm(GovukForm):
    """Fills each worker field with the workers of its role in post today."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, WorkerChoiceField):
                field.queryset = (
                    workers_in_post()
                    .filter(role__in=field.roles)
                    .order_by("last_name", "first_name")
                )


class PlacementFields(forms.Form):
    """Where the child lives: the placement half of an SSDA903 Episodes row."""

    placement_type = code_select(
        "placement_type", "Placement type", "Select the placement type", empty="Choose a type"
    )
    placement_provider = code_select(
        "placement_provider",
        "Placement provider",
        "Select the placement provider",
        empty="None (temporary placement)",
        required=False,
        help_text="Leave as none only for a temporary placement (T0 to T4).",
    )
    carer_name = forms.CharField(
        label="Carers' names or the home's name (optional)", max_length=160, required=False
    )
    provider_name = forms.CharField(
        label="Agency or organisation providing the placement (optional)",
        max_length=160,
        required=False,
    )
    urn = forms.CharField(
        label="Ofsted URN (optional)",
        max_length=9,
        required=False,
        help_text="6 or 7 digits, or SC and 6 digits.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    placement_postcode = forms.CharField(
        label="Placement postcode (optional)",
        max_length=8,
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "autocomplete": "off"}),
    )
    placement_la_code = forms.CharField(
        label="Local authority code of the placement's area (optional)",
        max_length=10,
        required=False,
        help_text="Tells in-area from out-of-area placements.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    distance_miles = forms.DecimalField(
        label="Distance from home in miles (optional)",
        required=False,
        min_value=Decimal(0),
        max_digits=4,
        decimal_places=1,
        help_text="Leave empty for unaccompanied asylum-seeking children and short breaks.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "decimal"}),
        error_messages={
            "invalid": "Enter the distance as a number of miles, for example 4.5",
            "min_value": "The distance cannot be less than 0 miles",
            "max_digits": "The distance must be 999.9 miles or less",
            "max_decimal_places": "Enter the distance to one decimal place, for example 4.5",
            "max_whole_digits": "The distance must be 999.9 miles or less",
        },
    )
    is_registered = yes_no(
        "Is the provision registered with Ofsted?",
        "Select whether the provision is registered with Ofsted",
    )

    def placement(self) -> Placement:
        data = self.cleaned_data
        return Placement(
            placement_type=data["placement_type"],
            provider=data["placement_provider"],
            postcode=data["placement_postcode"],
            urn=data["urn"],
            carer_name=data["carer_name"],
            provider_name=data["provider_name"],
            la_code=data["placement_la_code"],
            is_registered=data["is_registered"] == "yes",
            distance_miles=data["distance_miles"],
        )


LEGAL_STATUS_MESSAGE = "Select the legal status"


class StartCareForm(GovukForm, PlacementFields):
    started_on = DateField(label="Date the child became looked after")
    legal_status = code_select("legal_status", "Legal status", LEGAL_STATUS_MESSAGE)
    category_of_need = forms.ChoiceField(
        label="Category of need",
        required=False,
        choices=[
            ("", "Use the primary need of the open child in need episode"),
            *[(c, label) for c, label in codelist("primary_need").choices() if c in NEED_CODES],
        ],
        error_messages={"invalid_choice": "Select a category of need from N1 to N8"},
    )
    home_postcode = forms.CharField(
        label="Postcode of the home the child left (optional)",
        max_length=8,
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "autocomplete": "off"}),
    )
    field_order = ["started_on", "legal_status", "category_of_need", "home_postcode"]


class ChangePlacementForm(GovukForm, PlacementFields):
    changed_on = DateField(label="Date of the move")
    reason_placement_change = code_select(
        "reason_placement_change",
        "Why did the last placement end?",
        "Select why the last placement ended",
        empty="No reason (move into or out of a temporary placement)",
        required=False,
    )
    same_carers = yes_no(
        "Is the child staying with the same carers?",
        "Select whether the child is staying with the same carers",
        help_text="For example, foster carers who become the child's adopters.",
    )
    legal_status = code_select(
        "legal_status",
        "Legal status from the move",
        LEGAL_STATUS_MESSAGE,
        empty="No change",
        required=False,
        help_text="Only if the legal status changes on the same day.",
    )
    field_order = ["changed_on", "reason_placement_change", "same_carers"]


class ChangeLegalStatusForm(GovukForm):
    changed_on = DateField(label="Date the legal status changed")
    legal_status = code_select("legal_status", "New legal status", LEGAL_STATUS_MESSAGE)


class EndCareForm(GovukForm):
    ended_on = DateField(label="Date the child ceased to be looked after")
    reason_ceased = code_select(
        "reason_episode_ceased",
        "Reason the child ceased to be looked after",
        "Select why the child ceased to be looked after",
        exclude=frozenset({"X1"}),
    )


class ReviewForm(WorkersInPostForm):
    held_on = DateField(label="Date of the review")
    participation = forms.ChoiceField(
        label="How did the child take part?",
        choices=code_choices("review_participation"),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how the child took part in the review",
            "invalid_choice": "Select how the child took part in the review",
        },
    )
    chaired_by = worker_field(
        WorkerRole.CONFERENCE_CHAIR,
        "Independent reviewing officer",
        "Choose the independent reviewing officer who chaired the review",
        required=True,
    )
    notes = notes_field()


class HealthAssessmentForm(GovukForm):
    kind = forms.ChoiceField(
        label="What was it?",
        choices=HealthAssessmentKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the kind of assessment",
            "invalid_choice": "Select the kind of assessment",
        },
    )
    assessed_on = DateField(label="Date of the assessment")
    sdq_score = forms.IntegerField(
        label="SDQ total difficulties score (SDQ only)",
        required=False,
        min_value=0,
        max_value=40,
        help_text="A whole number from 0 to 40.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "invalid": "Enter the SDQ score as a whole number from 0 to 40",
            "min_value": "The SDQ score must be 0 or more",
            "max_value": "The SDQ score must be 40 or less",
        },
    )
    notes = notes_field()


class PepForm(GovukForm):
    held_on = DateField(label="Date of the personal education plan meeting")
    school_name = forms.CharField(label="School (optional)", max_length=160, required=False)
    notes = notes_field()


class CareLeaverContactForm(WorkersInPostForm):
    contact_on = DateField(label="Date of the contact")
    in_touch = code_select(
        "care_leaver_in_touch",
        "Is the young person in touch?",
        "Select whether the young person is in touch",
    )
    activity = code_select(
        "care_leaver_activity",
        "Main activity",
        "Select the young person's main activity",
        help_text="Choose 'Not known or not required' when they are not in touch.",
    )
    accommodation = code_select(
        "care_leaver_accommodation",
        "Accommodation and whether it is suitable",
        "Select the young person's accommodation",
    )
    personal_adviser = worker_field(
        WorkerRole.PERSONAL_ADVISER,
        "Personal adviser (optional)",
        "Choose a personal adviser from the list",
        required=False,
    )
    notes = notes_field()


class PathwayPlanReviewForm(WorkersInPostForm):
    reviewed_on = DateField(label="Date of the pathway plan review")
    personal_adviser = worker_field(
        WorkerRole.PERSONAL_ADVISER,
        "Personal adviser (optional)",
        "Choose a personal adviser from the list",
        required=False,
    )
    notes = notes_field()
