"""Forms for the training pages. They check what was typed; the services decide what is
allowed (a booking on a session already held, an evaluation from a no-show)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from safeguard.core.forms import DateField, GovukForm
from safeguard.partnership.models.training import (
    AgencySector,
    Attendance,
    CourseLevel,
    DeliveryMode,
    LengthUnit,
    TrainingAgency,
    TrainingBooking,
)


def _select(choices: Any, label: str, message: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[("", "Select one"), *choices],
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


def _text(label: str, message: str = "", *, max_length: int = 160, **kw: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=bool(message),
        max_length=max_length,
        error_messages={"required": message} if message else None,
        **kw,
    )


def _whole(label: str, message: str, **kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=1,
        max_value=500,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
        error_messages={
            "required": message,
            "invalid": f"{label} must be a whole number",
            "min_value": f"{label} must be at least 1",
            "max_value": f"{label} must be 500 or fewer",
        },
        **kwargs,
    )


class CourseForm(GovukForm):
    title = _text("Course title", "Enter the course title")
    level = _select(CourseLevel.choices, "Level", "Select the level")
    length = forms.DecimalField(
        label="Length",
        min_value=Decimal("0.5"),
        max_digits=5,
        decimal_places=1,
        help_text="A number: 1 for a day, 0.5 for half a day, 3 for three hours.",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-4"}),
        error_messages={
            "required": "Enter the length",
            "invalid": "The length must be a number, like 1 or 0.5",
            "min_value": "The length must be at least 0.5",
        },
    )
    length_unit = _radios(LengthUnit.choices, "Hours or days", "Select hours or days")
    mode = _radios(DeliveryMode.choices, "How it is delivered", "Select how it is delivered")
    capacity = _whole("Places per session", "Enter the number of places per session")
    price_per_place = forms.DecimalField(
        label="Price per place (£)",
        min_value=Decimal("0"),
        max_digits=7,
        decimal_places=2,
        help_text="0 for a free course.",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
        error_messages={
            "required": "Enter the price per place (0 for a free course)",
            "invalid": "The price must be an amount in pounds, like 75 or 50.00",
            "min_value": "The price cannot be negative",
        },
    )
    provider = _text("Provider", "Enter who provides the course")
    description = forms.CharField(
        label="Description (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class TimeField(forms.TimeField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            input_formats=["%H:%M", "%H.%M", "%H%M"],
            widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
            error_messages={"invalid": "Enter the start time as hours and minutes, like 09:30"},
            **kwargs,
        )


class SessionForm(GovukForm):
    starts_on = DateField(label="Date of the session")
    start_time = TimeField(label="Start time (optional)", required=False, help_text="Like 09:30.")
    capacity = _whole("Places", "Enter the number of places")
    venue = _text("Venue or joining link (optional)", max_length=200)
    trainer = _text("Trainer (optional)")


class AgencyForm(GovukForm):
    name = _text("Name of the agency", "Enter the agency's name")
    sector = _select(AgencySector.choices, "Kind of agency", "Select the kind of agency")


class BookingForm(GovukForm):
    agency = forms.ModelChoiceField(
        queryset=TrainingAgency.objects.filter(active=True).order_by("name"),
        label="Agency",
        empty_label="Select the agency",
        error_messages={
            "required": "Select the delegate's agency",
            "invalid_choice": "Select an agency from the list",
        },
    )
    delegate_name = _text("Delegate's name", "Enter the delegate's name")
    delegate_role = _text("Delegate's role", "Enter the delegate's role", help_text="Job title.")
    delegate_email = forms.EmailField(
        label="Delegate's email",
        error_messages={
            "required": "Enter the delegate's email",
            "invalid": "Enter an email address like name@example.org",
        },
    )


class CancelForm(GovukForm):
    cancelled_on = DateField(label="Date cancelled")


class AttendanceForm(GovukForm):
    """One question per booked place: attended, did not attend or cancelled late."""

    def __init__(self, *args: Any, places: list[TrainingBooking], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for booking in places:
            name = f"booking_{booking.pk}"
            self.fields[name] = _radios(
                Attendance.choices,
                f"{booking.delegate_name} ({booking.agency.name})",
                f"Select whether {booking.delegate_name} attended",
                initial=booking.attendance or None,
            )

    def outcomes(self) -> dict[str, str]:
        return {
            name.removeprefix("booking_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("booking_")
        }


RATINGS = [
    ("5", "5: excellent"),
    ("4", "4: good"),
    ("3", "3: satisfactory"),
    ("2", "2: poor"),
    ("1", "1: very poor"),
]


class EvaluationForm(GovukForm):
    returned_on = DateField(label="Date the form was returned")
    rating = _radios(RATINGS, "Overall rating", "Select the rating")
    comments = forms.CharField(
        label="Comments (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    learning_applied = forms.CharField(
        label="How they will apply the learning (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
