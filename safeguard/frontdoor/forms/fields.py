"""Shared pieces of the front door's forms: yes/no radios, text boxes, time and moments.

A moment is a GOV.UK date input named like the service's argument (``received_at``)
plus a time box (``received_at_time``), so a service error about ``received_at`` sits on
the date.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils import timezone

from safeguard.core import clock
from safeguard.core.forms import GovukForm

YES_NO = [("yes", "Yes"), ("no", "No")]
_TIME = re.compile(r"^\s*([01]?\d|2[0-3])[:.]([0-5]\d)\s*$")


def yes_no(label: str, required_message: str, **kwargs: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": required_message},
        **kwargs,
    )


def text(label: str, required_message: str = "", **kwargs: Any) -> forms.CharField:
    if required_message:
        kwargs["error_messages"] = {"required": required_message}
    else:
        kwargs["required"] = False
    return forms.CharField(label=label, **kwargs)


def area(label: str, required_message: str = "", **kwargs: Any) -> forms.CharField:
    return text(label, required_message, widget=forms.Textarea(attrs={"rows": 4}), **kwargs)


class TimeField(forms.Field):
    """A 24-hour time typed as HH:MM (GOV.UK has no time component: a short text box)."""

    def __init__(self, *, label: str, **kwargs: Any) -> None:
        name = label[0].lower() + label[1:]
        kwargs.setdefault("help_text", "Use the 24-hour clock, for example 09:30 or 14:05")
        super().__init__(
            label=label,
            error_messages={"required": f"Enter the {name}"},
            widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-4"}),
            **kwargs,
        )
        self.invalid_message = f"Enter the {name} as hours and minutes, for example 14:30"

    def to_python(self, value: Any) -> Any:
        if isinstance(value, dt.time):
            return value
        text = str(value or "").strip()
        if not text:
            return None
        match = _TIME.match(text)
        if match is None:
            raise forms.ValidationError(self.invalid_message, code="invalid")
        return dt.time(int(match.group(1)), int(match.group(2)))

    def prepare_value(self, value: Any) -> Any:
        return f"{value:%H:%M}" if isinstance(value, dt.time) else value


class MomentForm(GovukForm):
    """A form with date-and-time pairs: ``<name>`` (date) and ``<name>_time``."""

    #: The moments this form asks for, each (name, label of the date).
    moments: tuple[tuple[str, str], ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        now = timezone.localtime(clock.now())
        for name, _label in self.moments:
            self.fields[name].initial = now.date()
            self.fields[f"{name}_time"].initial = now.time().replace(second=0, microsecond=0)

    def clean(self) -> dict[str, Any] | None:
        """A hidden field's error (a tampered or truncated post) goes in the error summary."""
        data = super().clean()
        if any(self.has_error(field.name) for field in self.hidden_fields()):
            self.add_error(None, "This page is out of date: reload it and enter your changes again")
        return data

    def moment(self, name: str) -> dt.datetime | None:
        """The aware local datetime typed into ``name`` and ``name_time`` (None if blank)."""
        day = self.cleaned_data.get(name)
        time = self.cleaned_data.get(f"{name}_time")
        if day is None or time is None:
            return None
        return timezone.make_aware(dt.datetime.combine(day, time))
