"""Forms to start a single assessment and to complete it with the DfE factors and outcome.

Only the shape of the answers is checked here; ``safeguard.assessment.services`` decides
whether the step is allowed (dates, factor 21 standing alone, seen alone implies seen).
"""

from __future__ import annotations

from django import forms

from safeguard.assessment.models import AssessmentOutcome
from safeguard.cin.pages import (
    CaseworkEditForm,
    CaseworkForm,
    choice_field,
    text_field,
    worker_field,
    yes_no_field,
)
from safeguard.core.codes import codelist
from safeguard.core.forms import DateField


class StartAssessmentForm(CaseworkForm):
    start_date = DateField(label="Assessment start date")
    worker = worker_field(
        "Assessing social worker", required_message="Select the assessing social worker"
    )
    contributors = text_field(
        "Who is contributing (optional)", help_text="Name each agency and person."
    )


class CompleteAssessmentForm(CaseworkEditForm):
    authorised_on = DateField(
        label="Date the assessment was authorised",
        help_text="The day the manager authorised the completed assessment.",
    )
    authorised_by = worker_field("Authorising manager (optional)", managers=True)
    factors = forms.MultipleChoiceField(
        label="Factors identified at the assessment",
        choices=codelist("assessment_factor").choices(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply. If there are none, select 'No factors identified "
        "(21)' on its own.",
        error_messages={
            "required": "Select the factors identified, or 'No factors identified (21)'",
            "invalid_choice": "Select factors from the list",
        },
    )
    outcome = choice_field(
        "Outcome of the assessment",
        AssessmentOutcome.choices,
        required_message="Select the outcome of the assessment",
        radios=True,
    )
    child_seen = yes_no_field(
        "Was the child seen during the assessment?",
        required_message="Select whether the child was seen during the assessment",
    )
    seen_alone = yes_no_field(
        "Was the child seen alone?",
        required_message="Select whether the child was seen alone",
        help_text="Seen alone means without their parents or carers present.",
    )
    internal_review_date = DateField(
        label="Internal review date", required=False, help_text="Optional."
    )
    contributors = text_field("Who contributed", help_text="Name each agency and person.")
    late_reason = text_field(
        "Reasons the assessment is late",
        help_text="If the assessment is authorised after its due date, say why.",
    )
