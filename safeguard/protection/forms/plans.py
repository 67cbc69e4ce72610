"""CP plan steps: category change, ending a plan, core groups; the chair's midway reviews
and escalations."""

from __future__ import annotations

from django import forms

from safeguard.core.forms import DateField, GovukForm, VersionedForm
from safeguard.protection.forms.common import category_field
from safeguard.protection.models import (
    CONFERENCE_END_REASONS,
    CPPlanEndReason,
    EscalationStage,
)


class ChangeCategoryForm(VersionedForm):
    category = category_field(
        "New category of abuse", required=True, message="Choose the new category of abuse"
    )
    changed_on = DateField(label="Date of the change")


class EndPlanForm(VersionedForm):
    end_date = DateField(label="Date the plan ended")
    end_reason = forms.ChoiceField(
        label="Why did the plan end?",
        help_text="A plan ended by a review conference is recorded with the conference's outcome.",
        choices=[(c.value, c.label) for c in CPPlanEndReason if c not in CONFERENCE_END_REASONS],
        widget=forms.RadioSelect,
        error_messages={"required": "Select why the plan ended"},
    )
    note = forms.CharField(
        label="Note (for a move, the receiving authority and the date of its conference)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class CoreGroupForm(GovukForm):
    held_on = DateField(label="Date of the core group meeting")
    attendees = forms.CharField(
        label="Who took part, by agency",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter who took part in the core group meeting"},
    )
    notes = forms.CharField(label="Notes", widget=forms.Textarea(attrs={"rows": 4}), required=False)


class MidwayReviewForm(GovukForm):
    held_on = DateField(label="Date of the midway review")
    notes = forms.CharField(
        label="What the review found",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what the midway review found"},
    )


class EscalationForm(GovukForm):
    raised_on = DateField(label="Date raised")
    stage = forms.ChoiceField(
        label="Stage",
        choices=EscalationStage.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the stage of the escalation"},
    )
    about = forms.CharField(
        label="What is the concern, and what is asked for?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what the escalation is about"},
    )


class ResolveEscalationForm(VersionedForm):
    resolved_on = DateField(label="Date resolved")
    resolution = forms.CharField(
        label="What was agreed",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what was agreed"},
    )
