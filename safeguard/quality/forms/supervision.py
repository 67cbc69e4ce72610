"""The record-supervision form: shape only (the service holds the rules).

The cases discussed are the worker's current caseload, one optional direction box per
child: a child is discussed when the manager writes a direction for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from safeguard.core.forms import DateField, GovukForm
from safeguard.people.models import Person
from safeguard.quality.models import NotHeldReason

HELD = "held"
OUTCOMES = [(HELD, "Held"), *((f"not_{k}", f"Not held: {v}") for k, v in NotHeldReason.choices)]


class RecordSupervisionForm(GovukForm):
    outcome = forms.ChoiceField(
        label="Was the supervision held?",
        choices=OUTCOMES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether the supervision was held",
            "invalid_choice": "Select whether the supervision was held",
        },
    )
    held_on = DateField(label="Date the supervision was held", required=False)
    notes = forms.CharField(
        label="Notes (optional)",
        help_text="Wellbeing, workload, learning and development. No child's details here.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, children: Sequence[Person] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.children = list(children)
        for child in self.children:
            self.fields[self.case_field(child)] = forms.CharField(
                label=f"Management direction for {child.first_name} {child.last_name} "
                f"({child.la_child_id})",
                help_text="Leave blank if this case was not discussed.",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    @staticmethod
    def case_field(child: Person) -> str:
        return f"case_{child.pk.hex}"

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        outcome = data["outcome"]
        held = outcome == HELD
        cases = [
            (child, data[self.case_field(child)])
            for child in self.children
            if (data.get(self.case_field(child)) or "").strip()
        ]
        return {
            "held_on": data.get("held_on") if held else None,
            "not_held_reason": "" if held else outcome.removeprefix("not_"),
            "notes": data.get("notes", ""),
            "cases": cases if held else [],
        }
