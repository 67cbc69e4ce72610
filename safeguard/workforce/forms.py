"""The allocation form: who holds a child's case from when, and why it changed."""

from __future__ import annotations

from typing import Any

from django import forms

from safeguard.core.codes import codelist
from safeguard.core.forms import DateField, GovukForm


class WorkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        team = f", {obj.team}" if obj.team_id else ""
        return f"{obj} ({obj.get_role_display()}{team})"


class AllocateCaseForm(GovukForm):
    worker = WorkerChoiceField(
        queryset=None,
        label="Allocate to",
        empty_label="Select a worker",
        error_messages={
            "required": "Select the worker to allocate the case to",
            "invalid_choice": "Select a worker from the list",
        },
    )
    started_on = DateField(label="Allocation start date")
    reason_for_previous_end = forms.ChoiceField(
        label="Reason the social worker is changing",
        help_text="Needed when the case is already allocated (SSDA903 SW_REASON).",
        required=False,
        choices=[("", "Select a reason"), *codelist("social_worker_change_reason").choices()],
        error_messages={"invalid_choice": "Select a reason from the list"},
    )

    def __init__(self, *args: Any, workers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = workers  # type: ignore[attr-defined]
