"""Forms for the partnership dataset: an agency's exception report and a survey response.
They check what was typed; the services decide what is allowed (a report for a quarter
not started, submitting with a section unwritten, changing a submitted report)."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from safeguard.core.forms import DateField, GovukForm
from safeguard.partnership.models.dataset import (
    EXCEPTION_SECTIONS,
    SectionRag,
    SurveyAgency,
    SurveyRating,
)

#: The two buttons of the report form (``name="action"``).
DRAFT = "draft"
SUBMIT = "submit"


class ExceptionReportForm(GovukForm):
    """The four sections, each a text and a RAG rating; both optional for a draft."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, heading, hint in EXCEPTION_SECTIONS:
            self.fields[name] = forms.CharField(
                label=heading,
                help_text=hint,
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 5}),
                error_messages={"max_length": f"{heading} must be 4,000 characters or fewer"},
            )
            self.fields[f"{name}_rag"] = forms.ChoiceField(
                label=f"RAG rating: {heading.lower()}",
                choices=SectionRag.choices,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": f"Select red, amber or green for {heading}"},
            )
        fields: list[Field] = [Field("version")]
        for name, _, _ in EXCEPTION_SECTIONS:
            fields.append(Field.textarea(name, label_size=Size.MEDIUM, label_tag="h2", rows=5))
            fields.append(Field.radios(f"{name}_rag", inline=True, small=True))
        self.helper.layout = Layout(*fields)

    def sections(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name, _, _ in EXCEPTION_SECTIONS}

    def rags(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(f"{name}_rag", "") for name, _, _ in EXCEPTION_SECTIONS}


class ReturnToDraftForm(GovukForm):
    reason = forms.CharField(
        label="Why is the report going back to the agency?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the report goes back to the agency"},
    )


class SurveyResponseForm(GovukForm):
    agency = forms.ChoiceField(
        label="Agency",
        choices=[("", "Select one"), *SurveyAgency.choices],
        error_messages={
            "required": "Select the agency that answered",
            "invalid_choice": "Select the agency that answered",
        },
    )
    responded_on = DateField(label="Date of the response", help_text="For example, 27 3 2025")
    rating = forms.ChoiceField(
        label="How did they rate their experience of children's services?",
        choices=SurveyRating.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the rating the partner gave",
            "invalid_choice": "Select the rating the partner gave",
        },
    )
    comments = forms.CharField(
        label="Comments (optional)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What the partner wrote. Do not name a child or a family.",
    )
