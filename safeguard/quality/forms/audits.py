"""Forms for the case audit pages: shape only (the services hold the rules)."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.choices import Choice
from django import forms

from safeguard.core.forms import DateField, GovukForm, VersionedForm
from safeguard.core.quarters import FinancialQuarter, QuarterError
from safeguard.people.models import Person
from safeguard.quality.models import (
    DOMAIN_DESCRIPTIONS,
    AuditDomain,
    AuditGroup,
    AuditKind,
    Grade,
    PracticeTheme,
)
from safeguard.quality.models.audits import GROUPED_KINDS, RATING_CHOICES
from safeguard.quality.selectors import audits as selectors

SCORES = [("", "Select a score"), *[(str(n), str(n)) for n in range(10, 0, -1)]]
AGREE = [("yes", "Yes, agree the auditor's grade"), ("no", "No, change the grade")]


def _radios(choices: Any, label: str, message: str, **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
        **kwargs,
    )


def _notes(
    label: str, *, required: bool = False, message: str = "", rows: int = 4
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": message} if message else None,
    )


class WorkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        team = f", {obj.team.name}" if obj.team_id else ""
        return f"{obj.first_name} {obj.last_name} ({obj.get_role_display()}{team})"


class PlanAuditForm(GovukForm):
    child = forms.CharField(
        label="Child's LA identifier",
        max_length=20,
        help_text="The child's record identifier, for example C0001234.",
        error_messages={"required": "Enter the child's identifier"},
    )
    kind = _radios(AuditKind.choices, "Kind of audit", "Select the kind of audit")
    group = forms.ModelChoiceField(
        label="Multi-agency or thematic audit (for those kinds only)",
        queryset=AuditGroup.objects.order_by("-programme_month", "reference"),
        required=False,
        empty_label="Not part of a group",
        error_messages={"invalid_choice": "Choose a multi-agency or thematic audit from the list"},
    )
    auditor = WorkerChoiceField(
        label="Auditor",
        queryset=selectors.auditors(),
        empty_label="Select the auditor",
        error_messages={
            "required": "Select the auditor",
            "invalid_choice": "Choose an auditor from the list",
        },
    )
    programme_month = DateField(
        label="Programme month", help_text="Any day in the month, for example 1 6 2024."
    )
    due_on = DateField(label="Due date")

    def clean_child(self) -> Person:
        identifier = self.cleaned_data.get("child", "").strip()
        person = Person.objects.filter(la_child_id=identifier).first()
        if person is None:
            raise forms.ValidationError(f"There is no record with identifier {identifier}")
        return person


class GroupForm(GovukForm):
    kind = _radios(
        [(k, AuditKind(k).label) for k in AuditKind.values if k in GROUPED_KINDS],
        "Kind of audit",
        "Select the kind of audit",
    )
    theme = forms.CharField(
        label="Theme", max_length=160, error_messages={"required": "Enter the theme"}
    )
    programme_month = DateField(label="Programme month", help_text="Any day in the month.")


class ParticipantForm(GovukForm):
    agency = forms.CharField(
        label="Partner agency", max_length=80, error_messages={"required": "Enter the agency"}
    )
    name = forms.CharField(
        label="Name", max_length=160, error_messages={"required": "Enter the name"}
    )
    role_title = forms.CharField(label="Role (optional)", max_length=160, required=False)


class AuditForm(VersionedForm):
    """The audit template: seven domains scored 1-10 with the evidence, then the judgement."""

    grade = _radios(Grade.choices, "Overall judgement (Ofsted grade)", "Select the overall grade")
    strengths = _notes("Strengths", required=True, message="Enter the strengths of the practice")
    areas_for_development = _notes(
        "Areas for development", required=True, message="Enter the areas for development"
    )
    themes = forms.ModelMultipleChoiceField(
        label="Practice themes (optional)",
        queryset=PracticeTheme.objects.filter(active=True).order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    completed_on = DateField(label="Date completed")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        domain_fields: dict[str, forms.Field] = {}
        for domain in AuditDomain:
            name = domain.label[3:]
            domain_fields[f"score_{domain.value}"] = forms.ChoiceField(
                label=f"Score: {domain.label}",
                help_text=DOMAIN_DESCRIPTIONS[domain.value]
                + " 1 means no evidence found, 10 good evidence found.",
                choices=SCORES,
                error_messages={
                    "required": f"Select a score for {name.lower()}",
                    "invalid_choice": f"Select a score for {name.lower()}",
                },
            )
            domain_fields[f"evidence_{domain.value}"] = _notes(
                f"Evidence: {name.lower()} (optional)", rows=3
            )
        ordered = {"version": self.fields.pop("version")}
        ordered.update(domain_fields)
        ordered.update(self.fields)
        self.fields = ordered

    def scores(self) -> dict[str, tuple[int, str]]:
        data = self.cleaned_data
        return {
            d: (int(data[f"score_{d}"]), data.get(f"evidence_{d}", "")) for d in AuditDomain.values
        }


class ActionForm(GovukForm):
    action = _notes("Action", required=True, message="Describe the action", rows=3)
    worker = WorkerChoiceField(
        label="Worker",
        queryset=selectors.active_workers(),
        empty_label="Select the worker",
        error_messages={"required": "Select the worker", "invalid_choice": "Choose a worker"},
    )
    due_on = DateField(label="Due date")


class ModerateForm(VersionedForm):
    agreed = _radios(AGREE, "Do you agree the auditor's grade?", "Select whether you agree")
    grade = forms.ChoiceField(
        label="Moderated grade (if changed)",
        choices=[("", "Select the grade"), *Grade.choices],
        required=False,
    )
    reason = _notes("Reason (required if you change the grade)")
    moderated_on = DateField(label="Date moderated")


class CompleteActionForm(GovukForm):
    note = _notes("What was done", required=True, message="Say what was done")
    completed_on = DateField(label="Date completed")


class CancelForm(GovukForm):
    reason = _notes("Why is the audit cancelled?", required=True, message="Give the reason")


class JudgementForm(GovukForm):
    quarter = forms.CharField(
        label="Quarter",
        max_length=7,
        help_text="As YYYY-Qn, for example 2024-Q2 for July to September 2024.",
        error_messages={"required": "Enter the quarter"},
    )
    rating = _radios(
        [Choice(str(n), label) for n, label in RATING_CHOICES],
        "Estimated Ofsted rating",
        "Select the estimated rating",
    )
    rationale = _notes("Rationale", required=True, message="Give the rationale")

    def clean_quarter(self) -> FinancialQuarter:
        try:
            return FinancialQuarter.parse(self.cleaned_data.get("quarter", ""))
        except QuarterError as exc:
            raise forms.ValidationError(str(exc)) from exc


class ProgrammeFilterForm(GovukForm):
    month = forms.CharField(label="Month (YYYY-MM)", max_length=7, required=False)
    status = forms.ChoiceField(
        label="Status",
        choices=[("", "Any status"), *[(s, s) for s in selectors.STATUSES]],
        required=False,
    )
    kind = forms.ChoiceField(
        label="Kind", choices=[("", "Any kind"), *AuditKind.choices], required=False
    )
