"""Forms for retention rules, the report and destruction requests."""

from __future__ import annotations

from typing import Any

from django import forms

from safeguard.core.forms import DateField
from safeguard.governance.forms.common import GovukForm
from safeguard.governance.models import RetentionAction


class RetentionRuleForm(GovukForm):
    years = forms.IntegerField(
        label="Retention period in years",
        min_value=1,
        max_value=150,
        error_messages={
            "required": "Enter the retention period in years.",
            "invalid": "Enter the period as a whole number of years, like 25.",
            "min_value": "The period must be at least 1 year.",
            "max_value": "The period can be at most 150 years.",
        },
    )
    date_basis = forms.ChoiceField(
        label="Counted from",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the date the period is counted from."},
    )
    action = forms.ChoiceField(
        label="When records are due",
        choices=RetentionAction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what happens when records are due."},
    )
    basis_note = forms.CharField(
        label="Why this period",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The law, guidance or local decision behind it.",
        error_messages={"required": "Enter why this period applies."},
    )
    is_active = forms.BooleanField(label="The rule is in use", required=False)

    def __init__(self, *args: Any, basis_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["date_basis"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = basis_choices


class ReportForm(GovukForm):
    as_at = DateField(label="Due on or before")


class DestructionDecisionForm(GovukForm):
    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required to reject.",
    )
