"""What every journey form shares: GOV.UK markup, dates, service errors and stale edits.

Forms only check the shape of what was typed (a date is a date, a choice is in its list).
Whether it is allowed — a plan before its referral, a visit in the future — is for the
service, whose ``ValidationError`` lands back on the form field it names. The markup is
the GOV.UK Design System's, rendered by crispy-forms-gds (``{% crispy form %}``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError

from safeguard.core.exceptions import StaleRecordError

T = TypeVar("T")


class GovukForm(forms.Form):
    """A form rendered with GOV.UK markup; the page template writes the <form> tag."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        # The page's own <form> carries the CSRF token.
        self.helper.disable_csrf = True
        # The page shows one error summary at the top (includes/error_summary.html).
        self.helper.form_show_errors = True


class VersionedForm(GovukForm):
    """An edit of an existing record: carries the version the user started from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class DateField(DateInputField):
    """The GOV.UK date input (day, month, year) with messages that name the date."""

    def __init__(self, *, label: str, **kwargs: Any) -> None:
        # Each missing part gets its own message ("must include a month").
        kwargs.setdefault("require_all_fields", False)
        super().__init__(label=label, **kwargs)
        name = _in_sentence(label) if label else "date"
        # Field.__init__ gave this instance its own dict, so updating it is safe.
        self.error_messages.update(
            {
                "required": f"Enter the {name}",
                "incomplete": f"Enter the {name} as a day, month and year",
                "invalid": f"The {name} must be a real date, for example 27 3 2024",
            }
        )
        day, month, year = self.fields
        day.error_messages["incomplete"] = f"The {name} must include a day"
        month.error_messages["incomplete"] = f"The {name} must include a month"
        year.error_messages["incomplete"] = f"The {name} must include a year"

    def compress(self, data_list: Any) -> dt.date | None:
        day, month, year = data_list
        if not (day and month and year):
            return None
        if len(str(year)) != 4:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc


def _in_sentence(label: str) -> str:
    """The label inside a sentence: 'Date of the visit' -> 'date of the visit', 'CIN plan
    start date' stays as it is (an initialism keeps its capitals)."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[0].lower() + label[1:]


def apply_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names, else at the top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def submit_to_service(form: forms.Form, action: Callable[[], T]) -> T | None:
    """Run the service; on a rule it breaks or a stale edit, keep the input and say why.

    Returns the service's result, or None when the form now carries the errors (the view
    re-renders it with the user's input intact).
    """
    try:
        return action()
    except ValidationError as exc:
        apply_service_errors(form, exc)
    except StaleRecordError as exc:
        form.add_error(None, str(exc))
    return None
