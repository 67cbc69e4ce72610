"""Forms for the LADO's pages. They check what was typed; the services decide what is
allowed (a meeting before the referral, a DBS referral after a false allegation)."""

from __future__ import annotations

import re
from typing import Any

from crispy_forms_gds.choices import Choice
from django import forms

from safeguard.core.forms import DateField, GovukForm, VersionedForm
from safeguard.partnership.models import (
    OUTCOME_MEANINGS,
    Category,
    ContactOutcome,
    Outcome,
    SourceAgency,
    Stage,
    SubjectRole,
)
from safeguard.partnership.selectors import lado as selectors
from safeguard.people.models import Person

YES_NO = [("yes", "Yes"), ("no", "No")]
IDENTIFIERS = re.compile(r"[\s,;]+")


def _select(
    choices: Any, label: str, message: str, *, empty: str = "Select one"
) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[("", empty), *choices],
        error_messages={"required": message, "invalid_choice": message},
    )


def _radios(choices: Any, label: str, message: str, **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
        **kwargs,
    )


def _text(
    label: str, *, required: bool = False, max_length: int = 160, **kwargs: Any
) -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=max_length, **kwargs)


def _notes(label: str, *, required: bool = False, message: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": message} if message else None,
    )


class OfficerField(forms.ModelChoiceField):
    """The designated officers (LADO role); the service checks they were in post."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            queryset=selectors.lado_officers(),
            required=False,
            label="Designated officer managing it (optional)",
            empty_label="Not allocated yet",
            error_messages={"invalid_choice": "Choose a designated officer from the list"},
            **kwargs,
        )

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.first_name} {obj.last_name}"


class ContactForm(GovukForm):
    lado_informed_on = DateField(label="Date the LADO was informed")
    reported_to_employer_on = DateField(
        label="Date the employer knew (optional)",
        required=False,
        help_text="When the allegation came to the employer's attention or was made to the "
        "police. The LADO should be told within one working day.",
    )
    source_agency = _select(
        SourceAgency.choices, "Who made the contact", "Select who made the contact"
    )
    source_detail = _text("Name, post and organisation of the person who made it (optional)")
    subject_name = _text(
        "Name of the person the allegation is about",
        help_text="As given. Leave empty only if you link their person record below.",
    )
    subject_person = _text(
        "Their person record identifier (optional)",
        max_length=20,
        help_text="For example a foster carer's LA person identifier.",
    )
    subject_role = _select(
        SubjectRole.choices, "Their role with children", "Select the person's role"
    )
    subject_employer = _text("Employer or organisation (optional)")
    category = _radios(
        Category.choices, "Category of the allegation", "Select the category of the allegation"
    )
    summary = _notes("What is alleged", required=True, message="Describe what is alleged")
    children = forms.CharField(
        label="Children involved who have a record (optional)",
        required=False,
        help_text="Their LA person identifiers, separated by spaces or commas.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    other_children = _notes("Children involved who have no record here (optional)")
    officer = OfficerField()

    def clean_subject_person(self) -> Person | None:
        identifier = self.cleaned_data.get("subject_person", "").strip()
        if not identifier:
            return None
        person = Person.objects.filter(la_child_id=identifier).first()
        if person is None:
            raise forms.ValidationError(f"There is no person record with identifier {identifier}")
        return person

    def clean_children(self) -> list[Person]:
        identifiers = [i for i in IDENTIFIERS.split(self.cleaned_data.get("children", "")) if i]
        found = {p.la_child_id: p for p in Person.objects.filter(la_child_id__in=identifiers)}
        missing = [i for i in identifiers if i not in found]
        if missing:
            raise forms.ValidationError(
                f"There is no record with identifier {', '.join(missing)}: check the "
                "identifiers, or describe the children in the box below"
            )
        return [found[i] for i in identifiers]  # a repeat is the service's to refuse


class ReferralForm(VersionedForm):
    referral_on = DateField(
        label="Date it became a referral",
        help_text="The day you decided the allegation meets the harm threshold.",
    )


class MeetingForm(VersionedForm):
    held_on = DateField(label="Date of the meeting")
    police_involved = _radios(
        YES_NO,
        "Did the police attend, or are they investigating?",
        "Select whether the police are involved",
    )
    notes = _notes("Decisions and actions (optional)")


class OutcomeForm(VersionedForm):
    outcome = _radios(
        [Choice(value, label, hint=OUTCOME_MEANINGS[value].capitalize() + ".")
         for value, label in Outcome.choices],
        "Outcome of the allegation",
        "Select the outcome",
    )  # fmt: skip
    outcome_on = DateField(label="Date of the outcome")


class DbsForm(VersionedForm):
    referred = _radios(
        YES_NO,
        "Was the person referred to the Disclosure and Barring Service (DBS)?",
        "Select whether the person was referred to the DBS",
    )
    referred_on = DateField(label="Date referred (if referred)", required=False)


class CloseContactForm(VersionedForm):
    contact_outcome = _radios(
        ContactOutcome.choices, "How did the contact end?", "Select how the contact ended"
    )
    closed_on = DateField(label="Date closed")
    note = _notes("Closing note (optional)")


class CloseReferralForm(VersionedForm):
    closed_on = DateField(label="Date closed")
    note = _notes("Closing note (optional)")


STATUS_CHOICES = [("", "Open and closed"), ("open", "Open"), ("closed", "Closed")]


class CaseFilterForm(GovukForm):
    """The list's filters, from the query string (every field optional)."""

    text = _text("Reference, name or employer", max_length=100)
    status = forms.ChoiceField(label="Status", choices=STATUS_CHOICES, required=False)
    stage = forms.ChoiceField(
        label="Stage", choices=[("", "Contacts and referrals"), *Stage.choices], required=False
    )
    subject_role = forms.ChoiceField(
        label="Role", choices=[("", "Any role"), *SubjectRole.choices], required=False
    )
    source_agency = forms.ChoiceField(
        label="Source", choices=[("", "Any source"), *SourceAgency.choices], required=False
    )
    outcome = forms.ChoiceField(
        label="Outcome", choices=[("", "Any outcome"), *Outcome.choices], required=False
    )

    def filters(self) -> selectors.CaseFilters:
        if not self.is_valid():
            return selectors.CaseFilters()
        data = self.cleaned_data
        return selectors.CaseFilters(
            text=data["text"],
            status=data["status"],
            stage=data["stage"],
            subject_role=data["subject_role"],
            source_agency=data["source_agency"],
            outcome=data["outcome"],
        )
