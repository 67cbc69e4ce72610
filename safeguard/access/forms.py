"""Forms for the access pages. They only check shapes; the services check the rules."""

from __future__ import annotations

from typing import Any

from django import forms

from safeguard.access.models import RestrictionReason, User
from safeguard.access.services import GRANT_MAX_DAYS, NO_REASON


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label="Why do you need to open this record?",
        help_text="Say what has happened and why it cannot wait for the child's own worker or "
        "team. Your manager will be told and the audit log flags this access.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": NO_REASON},
    )


class RestrictForm(forms.Form):
    reason_category = forms.ChoiceField(
        label="Why is the record restricted?",
        choices=RestrictionReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why the record is restricted."},
    )
    note = forms.CharField(
        label="Note (optional unless you chose 'Other')",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        role = obj.role.name if obj.role_id else "no role"
        return f"{obj.get_full_name() or obj.get_username()} ({role})"


class GrantForm(forms.Form):
    user = UserChoiceField(
        label="Who needs access?",
        queryset=User.objects.none(),
        empty_label="Choose a person",
        error_messages={
            "required": "Choose the person who needs access.",
            "invalid_choice": "Choose a person from the list.",
        },
    )
    reason = forms.CharField(
        label="Why do they need access?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why this person needs access."},
    )
    days = forms.IntegerField(
        label="For how many days?",
        help_text=f"Between 1 and {GRANT_MAX_DAYS} days.",
        min_value=1,
        max_value=GRANT_MAX_DAYS,
        error_messages={
            "required": "Enter for how many days the grant lasts.",
            "invalid": "Enter the number of days as a whole number, like 14.",
            "min_value": "The grant must last at least 1 day.",
            "max_value": f"A grant can last at most {GRANT_MAX_DAYS} days.",
        },
    )

    def __init__(self, *args: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        assert isinstance(field, UserChoiceField)
        field.queryset = users
