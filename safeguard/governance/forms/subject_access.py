"""Forms for subject access requests and the redaction review."""

from __future__ import annotations

from django import forms

from safeguard.core.forms import DateField
from safeguard.governance.forms.common import GovukForm
from safeguard.governance.models import RedactionDecision, RequesterRelationship


def _required(message: str) -> dict[str, str]:
    return {"required": message, "invalid_choice": message}


class SubjectAccessForm(GovukForm):
    la_person_id = forms.CharField(
        label="LA person identifier of the person the request is about",
        max_length=20,
        help_text="As shown on their record, for example W0001234.",
        error_messages=_required("Enter the identifier of the person the request is about."),
    )
    requester_name = forms.CharField(
        label="Name of the person making the request",
        max_length=160,
        error_messages=_required("Enter the name of the person making the request."),
    )
    requester_relationship = forms.ChoiceField(
        label="Who is making the request?",
        choices=RequesterRelationship.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select who is making the request."),
    )
    requester_detail = forms.CharField(
        label="Their authority to act for the person",
        max_length=300,
        required=False,
        help_text="Required unless the person is asking for their own information: for "
        "example parental responsibility, or a signed authority.",
    )
    received_on = DateField(
        label="Date received", help_text="The one-month deadline runs from this day."
    )


class ExtendForm(GovukForm):
    months = forms.TypedChoiceField(
        label="Extend by",
        choices=[(1, "One further month"), (2, "Two further months")],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages=_required("Choose an extension of one or two further months."),
    )
    reason = forms.CharField(
        label="Why does the request need longer?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only complexity or the number of requests justify an extension. Tell the "
        "requester within the first month.",
        error_messages=_required("Enter why the request needs longer."),
    )


class RefuseForm(GovukForm):
    reason = forms.CharField(
        label="Why is the request refused?",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example manifestly unfounded or excessive (UK GDPR Art 12(5)). Tell "
        "the requester, and of their right to complain to the Information Commissioner.",
        error_messages=_required("Enter why the request is refused."),
    )


class RedactionDecisionForm(GovukForm):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[c for c in RedactionDecision.choices if c[0]],
        widget=forms.RadioSelect,
        error_messages=_required("Select whether to release or redact this information."),
    )
    reason = forms.CharField(
        label="Reason (required to redact)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
