"""Forms for finding, registering and editing a person, and filtering a chronology.

They check only the shape of what was typed; ``safeguard.people.services`` decides what is
allowed (a UPN's check letter, a date of birth or an expected one) and its errors come back
on the fields named here, which are the service's argument names.
"""

from __future__ import annotations

from typing import Any

from django import forms

from safeguard.core.codes import codelist
from safeguard.core.forms import DateField, GovukForm, VersionedForm
from safeguard.people.chronology import EVENT_TYPES


def _text(label: str, *, required_message: str = "", help_text: str = "", **kw: Any) -> Any:
    return forms.CharField(
        label=label,
        required=bool(required_message),
        help_text=help_text,
        error_messages={"required": required_message} if required_message else None,
        **kw,
    )


class PersonSearchForm(GovukForm):
    name = _text("Name", help_text="First name, last name or both. Spelling can be approximate.")
    date_of_birth = DateField(
        label="Date of birth", required=False, help_text="For example, 27 3 2014"
    )
    identifier = _text(
        "Identifier",
        help_text="LA person identifier, UPN or NHS number",
        max_length=20,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.disable_csrf = True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and not (
            cleaned.get("name", "").strip()
            or cleaned.get("date_of_birth")
            or cleaned.get("identifier", "").strip()
        ):
            self.add_error("name", "Enter a name, a date of birth or an identifier to search")
        return cleaned

    def criteria(self) -> list[str]:
        """What was searched on, without the name itself (for the audit log)."""
        data = self.cleaned_data
        parts = []
        if data.get("name", "").strip():
            parts.append("name")
        if data.get("date_of_birth"):
            parts.append("date of birth")
        if data.get("identifier", "").strip():
            parts.append("identifier")
        return parts


class PersonDetailsForm(GovukForm):
    """The details a practitioner records about a person (shared by create and edit)."""

    first_name = _text("First name", required_message="Enter the first name", max_length=80)
    last_name = _text("Last name", required_message="Enter the last name", max_length=80)
    preferred_name = _text("Preferred name (optional)", max_length=80)
    other_names = _text(
        "Other names (optional)", help_text="Middle names or previous names", max_length=160
    )
    date_of_birth = DateField(
        label="Date of birth", required=False, help_text="Leave blank for an unborn child"
    )
    expected_date_of_birth = DateField(
        label="Expected date of birth",
        required=False,
        help_text="Only for an unborn child",
    )
    gender = forms.ChoiceField(
        label="Sex",
        choices=codelist("gender").choices(),
        widget=forms.RadioSelect,
        error_messages={"required": "Select the person's sex"},
    )
    ethnicity = forms.ChoiceField(
        label="Ethnicity",
        choices=[("", "Choose ethnicity"), *codelist("ethnicity").choices()],
        error_messages={"required": "Select the person's ethnicity"},
    )
    la_child_id = _text(
        "LA person identifier",
        required_message="Enter the LA person identifier",
        max_length=20,
    )
    upn = _text("UPN (optional)", help_text="Unique pupil number: 13 characters", max_length=20)
    nhs_number = _text("NHS number (optional)", help_text="10 digits", max_length=20)


class CreatePersonForm(PersonDetailsForm):
    #: Set on the duplicate warning page: the user says this is a different person.
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)


class EditPersonForm(PersonDetailsForm, VersionedForm):
    """An edit of a person's details against the version the user started from."""


EVENT_TYPE_CHOICES = [(t.key, t.label) for t in EVENT_TYPES]


class ChronologyFilterForm(GovukForm):
    types = forms.MultipleChoiceField(
        label="Type of event",
        choices=EVENT_TYPE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select none to see every type",
    )
    start = DateField(label="From date", required=False)
    end = DateField(label="To date", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.disable_csrf = True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start is not None and end is not None and end < start:
            self.add_error("end", "The to date must be the same as or after the from date")
        return cleaned
