"""Forms for children out of school: shape only (the services hold the rules)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from safeguard.care.forms import notes_field
from safeguard.core.forms import DateField, GovukForm, VersionedForm
from safeguard.education.models import (
    ExclusionKind,
    ExclusionReason,
    MissingEducationOutcome,
    MissingEducationReason,
    ReporterKind,
)


def _radios(label: str, choices: Any, message: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
    )


def _school(label: str = "School name") -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=160,
        error_messages={"required": f"Enter the {label.lower()}"},
    )


class MissingEducationForm(GovukForm):
    reported_on = DateField(label="Date reported")
    reported_by = _radios("Who reported it?", ReporterKind.choices, "Select who reported it")
    reporter_name = forms.CharField(
        label="Name of the school or agency (optional)", max_length=160, required=False
    )
    reason = _radios(
        "Why is the child missing education?",
        MissingEducationReason.choices,
        "Select why the child is missing education",
    )
    notes = notes_field()


class CloseMissingEducationForm(VersionedForm):
    ended_on = DateField(label="Date the episode ended")
    outcome = _radios(
        "How did it end?", MissingEducationOutcome.choices, "Select how the episode ended"
    )
    notes = notes_field()


class ExclusionForm(GovukForm):
    kind = _radios(
        "Type of exclusion",
        ExclusionKind.choices,
        "Select whether it is a suspension or a permanent exclusion",
    )
    school_name = _school()
    excluded_on = DateField(label="First day of the exclusion")
    days = forms.DecimalField(
        label="School days of the suspension (suspensions only)",
        help_text="Half days allowed, for example 1.5. Leave blank for a permanent exclusion.",
        required=False,
        min_value=Decimal("0.5"),
        max_value=Decimal("45"),
        decimal_places=1,
        max_digits=4,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-4"}),
        error_messages={
            "invalid": "Enter the school days as a number, for example 1.5",
            "min_value": "The suspension must be at least half a day",
            "max_value": "A suspension cannot be more than 45 school days",
            "max_decimal_places": "Enter the school days in half days, for example 1.5",
            "max_digits": "Enter the school days as a number, for example 1.5",
        },
    )
    reason = forms.ChoiceField(
        label="Reason (DfE category)",
        choices=[("", "Select a reason"), *ExclusionReason.choices],
        error_messages={
            "required": "Select the reason for the exclusion",
            "invalid_choice": "Select the reason for the exclusion",
        },
    )
    notes = notes_field()


class LiftExclusionForm(VersionedForm):
    lifted_on = DateField(label="Date the exclusion was lifted")


class ReintegrationForm(VersionedForm):
    reintegrated_on = DateField(label="Date the child started at the new school")


class PartTimeTimetableForm(GovukForm):
    school_name = _school()
    started_on = DateField(label="Start of the part-time timetable")
    ended_on = DateField(label="End of the part-time timetable (optional)", required=False)
    hours_per_week = forms.DecimalField(
        label="Hours in school each week (optional)",
        required=False,
        decimal_places=1,
        max_digits=4,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-4"}),
        error_messages={"invalid": "Enter the hours as a number, for example 12.5"},
    )
    reason = notes_field("Why the timetable is reduced (optional)")


class EndTimetableForm(VersionedForm):
    ended_on = DateField(label="End of the part-time timetable")
