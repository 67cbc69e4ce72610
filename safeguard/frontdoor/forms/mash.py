"""The MASH's forms: triage, partner checks, the decision per child, the queue's filters."""

from __future__ import annotations

from typing import Any

from django import forms

from safeguard.core.codes import codelist
from safeguard.core.forms import DateField, VersionedForm
from safeguard.frontdoor import selectors
from safeguard.frontdoor.forms.fields import MomentForm, TimeField, area, text, yes_no
from safeguard.frontdoor.models import MashOutcome, MashPriority, PartnerAgency
from safeguard.people.models import Person


class TriageForm(MomentForm, VersionedForm):
    """Start MASH triage of a contact (the hidden version is the contact's)."""

    moments = (("started_at", "Date triage started"),)

    priority = forms.ChoiceField(
        label="MASH priority (RAG rating)",
        choices=MashPriority.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the MASH priority"},
    )
    started_at = DateField(label="Date triage started")
    started_at_time = TimeField(label="Time triage started")
    consent_override_reason = area(
        "Reason for proceeding without consent",
        help_text="Required when the family did not give consent to share information",
    )


class PartnerCheckRequestForm(MomentForm):
    """Ask a partner agency what it knows about the family."""

    moments = (("requested_at", "Date the check was requested"),)

    agency = forms.ChoiceField(
        label="Partner agency",
        choices=PartnerAgency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the partner agency"},
    )
    requested_at = DateField(label="Date the check was requested")
    requested_at_time = TimeField(label="Time the check was requested")
    information_requested = area("What was asked")


class PartnerCheckAnswerForm(MomentForm, VersionedForm):
    """A partner agency's answer to a check (the hidden version is the check's)."""

    moments = (("answered_at", "Date the partner answered"),)

    answered_at = DateField(label="Date the partner answered")
    answered_at_time = TimeField(label="Time the partner answered")
    answered_by = text("Who answered", max_length=160, help_text="The partner practitioner")
    answer = area("What the partner told us", "Enter what the partner told us")


class DecisionForm(MomentForm):
    """The MASH decision for one child on a triaged contact."""

    moments = (("decided_at", "Date of the decision"),)

    child = forms.ChoiceField(
        label="Which child is this decision for?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the child this decision is for"},
    )
    outcome = forms.ChoiceField(
        label="Decision (next step)",
        choices=MashOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the decision"},
        help_text="Assessment or strategy discussion opens a referral to children's social "
        "care; early help starts an early help episode",
    )
    reasons = area("Reasons for the decision", "Enter the reasons for the decision")
    decided_at = DateField(label="Date of the decision")
    decided_at_time = TimeField(label="Time of the decision")
    primary_need = forms.ChoiceField(
        label="Primary need (referrals only)",
        choices=lambda: [("", "Not known yet"), *codelist("primary_need").choices()],
        required=False,
    )
    feedback_given = yes_no(
        "Has feedback been given to the referrer?",
        "Select whether feedback has been given to the referrer",
    )
    feedback_given_on = DateField(label="Date feedback was given", required=False)
    feedback_reasons = area(
        "Reasons given to the referrer",
        help_text="Required when the threshold for social care was not met",
    )

    def __init__(self, *args: Any, children: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.children = {str(child.pk): child for child in children}
        self.fields["child"].choices = [  # type: ignore[attr-defined]
            (pk, f"{child.first_name} {child.last_name} ({child.la_child_id})")
            for pk, child in self.children.items()
        ]
        if len(children) == 1:
            self.fields["child"].initial = str(children[0].pk)

    def chosen_child(self) -> Person:
        return self.children[self.cleaned_data["child"]]


class QueueFilterForm(forms.Form):
    """The MASH queue's filters (GET): priority and overdue only."""

    priority = forms.ChoiceField(
        label="MASH priority",
        choices=[
            ("", "All priorities"),
            *MashPriority.choices,
            (selectors.NOT_TRIAGED, "Not yet triaged"),
        ],
        required=False,
    )
    overdue = forms.BooleanField(label="Overdue only", required=False)


class FeedbackForm(VersionedForm):
    """Feedback given to the referrer after the decision (hidden version: the decision's)."""

    feedback_given_on = DateField(label="Date feedback was given")
    feedback_reasons = area(
        "Reasons given to the referrer",
        help_text="Required when the threshold for social care was not met",
    )
