"""Forms for early help: request, assessment, lead professional, TAF plan and review,
step up, step down and closure.

Only the shape of the answers is checked here; ``safeguard.earlyhelp.services`` decides
whether the step is allowed, and its errors come back on the fields named here.
"""

from __future__ import annotations

from django import forms

from safeguard.cin.pages import (
    CaseworkEditForm,
    CaseworkForm,
    choice_field,
    text_field,
    worker_field,
)
from safeguard.core.codes import codelist
from safeguard.core.forms import DateField
from safeguard.earlyhelp.models import EarlyHelpClosureReason, LeadProfessionalAgency

#: Closing as "stepped up" is the step-up page (it also opens the referral).
CLOSURE_REASONS = [
    (value, label)
    for value, label in EarlyHelpClosureReason.choices
    if value != EarlyHelpClosureReason.STEPPED_UP
]


class StartEarlyHelpForm(CaseworkForm):
    requested_on = DateField(label="Date early help was requested")
    request_source = choice_field(
        "Who asked for early help?",
        codelist("referral_source").choices(),
        required_message="Select who asked for early help",
    )
    request_details = text_field(
        "What help was asked for, and why (optional)", help_text="In the family's words if you can."
    )


class StartEarlyHelpAssessmentForm(CaseworkEditForm):
    assessment_started_on = DateField(label="Early help assessment start date")
    assessment_agency = choice_field(
        "Organisation completing the assessment",
        LeadProfessionalAgency.choices,
        required_message="Select the organisation completing the assessment",
    )


class CompleteEarlyHelpAssessmentForm(CaseworkEditForm):
    assessment_completed_on = DateField(label="Early help assessment completion date")


class LeadProfessionalForm(CaseworkEditForm):
    lead_professional_name = forms.CharField(
        label="Lead professional's name",
        max_length=160,
        error_messages={"required": "Enter the lead professional's name"},
    )
    lead_professional_agency = choice_field(
        "Lead professional's agency",
        LeadProfessionalAgency.choices,
        required_message="Select the lead professional's agency",
    )
    lead_professional_role = forms.CharField(
        label="Their role (optional)",
        max_length=120,
        required=False,
        help_text="For example, family worker or designated safeguarding lead.",
    )
    lead_professional_worker = worker_field("If they are one of our staff, choose them (optional)")


class TafPlanForm(CaseworkForm):
    started_on = DateField(label="Start date of the Team Around the Family plan")
    outcomes = text_field(
        "Outcomes of the plan",
        required_message="Enter the outcomes of the plan",
        help_text="Specific, measurable outcomes: who does what, by when.",
        rows=8,
    )
    members = text_field("Who is in the team (optional)", help_text="Agencies and people.")


class TafReviewForm(CaseworkForm):
    held_on = DateField(label="Date of the review")
    progress = text_field(
        "Progress against the plan", required_message="Enter the progress against the plan"
    )
    attendees = text_field("Who took part (optional)")


class StepUpForm(CaseworkEditForm):
    stepped_up_on = DateField(label="Date of the step up")
    reasons = text_field(
        "Why early help is stepping up to children's social care",
        required_message="Enter the reasons for stepping up to children's social care",
    )
    primary_need = choice_field(
        "Primary need (optional)", codelist("primary_need").choices(), required_message=""
    )


class StepDownForm(CaseworkEditForm):
    closure_date = DateField(
        label="Date of the step down",
        help_text="The CIN episode closes and early help starts on this day.",
    )
    closure_summary = text_field(
        "Closure summary",
        required_message="Enter the closure summary",
        help_text="The evidence of improvement that supports stepping down.",
    )
    closure_signed_off_by = worker_field(
        "Manager signing off the step down",
        required_message="Select the manager signing off the step down",
        managers=True,
    )
    closure_signed_off_on = DateField(
        label="Date the manager signed off",
        required=False,
        help_text="Leave blank if it is the date of the step down.",
    )
    request_details = text_field(
        "What early help should offer (optional)",
        help_text="Leave blank to use the closure summary.",
    )


class CloseEarlyHelpForm(CaseworkEditForm):
    closed_on = DateField(label="Closure date")
    closure_reason = choice_field(
        "Why is early help closing?",
        CLOSURE_REASONS,
        required_message="Select why early help is closing",
        radios=True,
    )
    closure_notes = text_field(
        "Notes (needed for 'Other')",
        help_text="To step up to children's social care, use "
        "step up instead: it also opens the referral.",
    )
