"""Forms for complaints, compliments and family feedback: shape only (the services hold the
rules)."""

from __future__ import annotations

from typing import Any

from django import forms

from safeguard.core.forms import DateField, GovukForm, VersionedForm
from safeguard.people.models import Person
from safeguard.quality.models import (
    FEEDBACK_QUESTIONS,
    Agreement,
    Complainant,
    ComplaintCategory,
    ComplaintKind,
    ComplaintOutcome,
    ComplaintStage,
    FeedbackOccasion,
)
from safeguard.workforce.models import ServiceArea, Team, Worker

ANSWERS = [*Agreement.choices, ("", "Not answered")]


def _radios(choices: Any, label: str, message: str, **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
        **kwargs,
    )


def _notes(label: str, *, required: bool = False, message: str = "", **kwargs: Any) -> Any:
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": message} if message else None,
        **kwargs,
    )


def _child_field(required: bool) -> forms.CharField:
    return forms.CharField(
        label="Child's LA identifier" + ("" if required else " (optional)"),
        max_length=20,
        required=required,
        help_text="The child's record identifier, for example C0001234.",
        error_messages={"required": "Enter the child's identifier"},
    )


def _clean_child(form: forms.Form) -> Person | None:
    identifier = form.cleaned_data.get("child", "").strip()
    if not identifier:
        return None
    person = Person.objects.filter(la_child_id=identifier).first()
    if person is None:
        raise forms.ValidationError(f"There is no record with identifier {identifier}")
    return person


class TeamChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            queryset=Team.objects.filter(closed_on__isnull=True).order_by("name"),
            required=False,
            error_messages={"invalid_choice": "Choose a team from the list"},
            **kwargs,
        )


class ComplaintForm(GovukForm):
    kind = _radios(
        ComplaintKind.choices, "Is the complaint formal or informal?", "Select formal or informal"
    )
    received_on = DateField(label="Date received")
    complainant_name = forms.CharField(
        label="Name of the complainant",
        max_length=160,
        error_messages={"required": "Enter the name of the complainant"},
    )
    complainant_relationship = _radios(
        Complainant.choices,
        "Relationship to the child",
        "Select the complainant's relationship to the child",
    )
    child = _child_field(required=False)
    team = TeamChoiceField(label="Team (optional)", empty_label="Not about one team")
    service_area = forms.ChoiceField(
        label="Service (optional)",
        choices=[("", "Not recorded"), *ServiceArea.choices],
        required=False,
    )
    category = _radios(
        ComplaintCategory.choices, "What is it about?", "Select what the complaint is about"
    )
    summary = _notes("Summary of the complaint", required=True, message="Describe the complaint")

    def clean_child(self) -> Person | None:
        return _clean_child(self)


class AnswerForm(VersionedForm):
    responded_on = DateField(label="Date answered", help_text="Or the date it was withdrawn.")
    outcome = _radios(ComplaintOutcome.choices, "Outcome", "Select the outcome")
    response_summary = _notes("Summary of the response (not needed if withdrawn)")
    learning_points = _notes(
        "Learning points (optional)",
        help_text="What the service will change as a result; shared with the team.",
    )


class EscalateForm(GovukForm):
    received_on = DateField(label="Date the complainant asked for the next stage")
    summary = _notes(
        "What is still unresolved (optional)",
        help_text="Left blank, the next stage keeps the complaint's summary.",
    )


class ComplaintFilterForm(GovukForm):
    status = forms.ChoiceField(
        label="Status",
        choices=[
            ("", "Any status"),
            ("open", "Awaiting a response"),
            ("overdue", "Overdue"),
            ("answered", "Answered"),
        ],
        required=False,
    )
    kind = forms.ChoiceField(
        label="Kind", choices=[("", "Formal and informal"), *ComplaintKind.choices], required=False
    )
    stage = forms.ChoiceField(
        label="Stage", choices=[("", "Any stage"), *ComplaintStage.choices], required=False
    )


class WorkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        team = f", {obj.team.name}" if obj.team_id else ""
        return f"{obj.first_name} {obj.last_name} ({obj.get_role_display()}{team})"


class ComplimentForm(GovukForm):
    received_on = DateField(label="Date received")
    received_from = forms.CharField(
        label="Who is it from?",
        max_length=160,
        help_text="For example: a parent, a foster carer, a headteacher.",
        error_messages={"required": "Enter who the compliment is from"},
    )
    team = TeamChoiceField(label="Team (optional)", empty_label="The worker's team, or none")
    worker = WorkerChoiceField(
        label="Worker (optional)",
        queryset=Worker.objects.filter(left_on__isnull=True)
        .select_related("team")
        .order_by("last_name", "first_name"),
        required=False,
        empty_label="Not about one worker",
        error_messages={"invalid_choice": "Choose a worker from the list"},
    )
    summary = _notes("What did they say?", required=True, message="Summarise the compliment")


class FeedbackForm(GovukForm):
    child = _child_field(required=True)
    occasion = _radios(
        FeedbackOccasion.choices, "When was it collected?", "Select when the feedback was collected"
    )
    received_on = DateField(label="Date received")
    respondent = _radios(
        Complainant.choices, "Who gave the feedback?", "Select who gave the feedback"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in FEEDBACK_QUESTIONS.items():
            self.fields[key] = forms.ChoiceField(
                label=label, choices=ANSWERS, widget=forms.RadioSelect, required=False
            )
        self.fields["comments"] = _notes("Anything else they told us (optional)")

    def clean_child(self) -> Person | None:
        return _clean_child(self)

    def answers(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(key, "") for key in FEEDBACK_QUESTIONS}
