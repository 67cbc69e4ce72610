"""Forms for PPN consultations and HRDA meetings (shape only; the services judge the rules)."""

from __future__ import annotations

from django import forms

from safeguard.core.forms import DateField, GovukForm
from safeguard.frontdoor.forms.fields import MomentForm, TimeField, area, text, yes_no
from safeguard.frontdoor.models_domestic_abuse import PpnConsultationOutcome


class PpnConsultationForm(MomentForm):
    moments = (("consulted_at", "Date of consultation"),)

    outcome = forms.ChoiceField(
        label="Consultation outcome",
        choices=PpnConsultationOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the consultation outcome"},
    )
    consulted_at = DateField(label="Date of consultation")
    consulted_at_time = TimeField(label="Time of consultation")
    notes = area("What was agreed and why")


class HrdaActionForm(GovukForm):
    action = area("Action agreed", "Enter the action agreed")
    agency = text(
        "Agency responsible",
        "Enter the agency responsible",
        max_length=160,
        help_text="For example Police, You First, Children's social care",
    )
    due_on = DateField(label="Date the action is due")


class HrdaRiskForm(GovukForm):
    risk_reduced = yes_no(
        "Has the risk reduced?",
        "Select whether the risk has reduced",
        help_text="If not, the case is listed at the next monthly HRDA Plus meeting",
    )
