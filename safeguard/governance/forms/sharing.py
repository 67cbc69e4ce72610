"""Forms for agreements, disclosures and withholding from the family."""

from __future__ import annotations

from typing import Any

from django import forms
from django.apps import apps
from django.db import models

from safeguard.access.roles import Agency
from safeguard.core.forms import DateField
from safeguard.governance.forms.common import GovukForm
from safeguard.governance.models import (
    ConsentStatus,
    LegalBasis,
    RecipientKind,
    SharingAgreement,
    WithholdReason,
)
from safeguard.governance.selectors.family import INTERNAL_FIELDS
from safeguard.governance.selectors.rendering import THIRD_PARTY_KINDS, HeldRecord

AGREEMENT_BASES = [c for c in LegalBasis.choices if c[0] != LegalBasis.RIGHT_OF_ACCESS]
DISCLOSURE_BASES = AGREEMENT_BASES
DISCLOSURE_KINDS = [c for c in RecipientKind.choices if c[0] != RecipientKind.SUBJECT]


def _required(message: str) -> dict[str, str]:
    return {"required": message, "invalid_choice": message}


class AgreementForm(GovukForm):
    agency = forms.ChoiceField(
        label="Partner agency",
        choices=Agency.CHOICES,
        widget=forms.RadioSelect,
        error_messages=_required("Select the partner agency."),
    )
    title = forms.CharField(
        label="Title", max_length=200, error_messages=_required("Enter the agreement's title.")
    )
    purpose = forms.CharField(
        label="What is the agreement for?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=_required("Enter what the agreement is for."),
    )
    legal_basis = forms.ChoiceField(
        label="Legal basis for sharing",
        choices=[("", "Choose a legal basis"), *AGREEMENT_BASES],
        error_messages=_required("Select the legal basis for sharing under the agreement."),
    )
    starts_on = DateField(label="Start date")
    ends_on = DateField(
        label="End date",
        required=False,
        help_text="Optional. The first day it no longer applies: leave it empty if the "
        "agreement runs until it is ended.",
    )
    signed_by = forms.CharField(
        label="Signed by",
        max_length=300,
        help_text="Who signed for each party, for example the Director of Children's Services.",
        error_messages=_required("Enter who signed the agreement."),
    )


class EndAgreementForm(GovukForm):
    ends_on = DateField(
        label="End date",
        help_text="From this day the partner no longer sees children shared under it.",
    )
    reason = forms.CharField(
        label="Why is it ending?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_required("Enter why the agreement is ending."),
    )


class AgreementChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.get_agency_display()}: {obj.title}"


def record_from_key(key: str) -> models.Model | None:
    """The row named by a "model label|id" choice value (or None)."""
    label, _, object_id = key.partition("|")
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    return model._default_manager.filter(pk=object_id).first() if object_id else None


class DisclosureForm(GovukForm):
    recipient_kind = forms.ChoiceField(
        label="Who was it shared with?",
        choices=DISCLOSURE_KINDS,
        widget=forms.RadioSelect,
        error_messages=_required("Select who the information was shared with."),
    )
    agreement = AgreementChoiceField(
        label="Sharing agreement (partner agencies)",
        queryset=SharingAgreement.objects.none(),
        required=False,
        empty_label="Choose an agreement in force",
        error_messages={"invalid_choice": "Choose an agreement from the list."},
    )
    recipient_name = forms.CharField(
        label="Name of the person it was shared with",
        max_length=160,
        required=False,
        help_text="Required for a family member or another professional.",
    )
    recipient_role = forms.CharField(
        label="Their relationship to the child, or role (optional)", max_length=160, required=False
    )
    description = forms.CharField(
        label="What was shared?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_required("Enter what was shared."),
    )
    record = forms.ChoiceField(label="Which record (optional)", required=False)
    purpose = forms.CharField(
        label="Why was it shared?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_required("Enter why it was shared."),
    )
    legal_basis = forms.ChoiceField(
        label="Legal basis",
        choices=[("", "Choose a legal basis"), *DISCLOSURE_BASES],
        error_messages=_required("Select the legal basis for sharing."),
    )
    consent_status = forms.ChoiceField(
        label="Consent",
        choices=ConsentStatus.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select whether consent was given."),
    )
    consent_note = forms.CharField(
        label="Reason for sharing without consent",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required if consent was refused, withdrawn or not sought.",
    )
    disclosed_on = DateField(label="Date shared")

    def __init__(self, *args: Any, agreements: Any, records: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agreement = self.fields["agreement"]
        assert isinstance(agreement, AgreementChoiceField)
        agreement.queryset = agreements
        record = self.fields["record"]
        assert isinstance(record, forms.ChoiceField)
        record.choices = [("", "No particular record")] + [
            (c.key, f"{c.group}: {c.title}") for c in records
        ]

    def clean_record(self) -> models.Model | None:
        key = self.cleaned_data.get("record") or ""
        return record_from_key(key) if key else None


def _excerpt(text: str, length: int = 40) -> str:
    text = " ".join(text.split())
    return f"“{text[:length]}…”" if len(text) > length else f"“{text}”"


def withhold_choices(records: list[HeldRecord]) -> list[tuple[str, Any]]:
    """Whole records, and their free-text and name fields, grouped by kind of record; each
    with the start of its value so similar records can be told apart."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for record in records:
        if record.relation == "subject" or record.ref.model_label == "governance.WithheldItem":
            continue
        key = f"{record.ref.model_label}|{record.ref.object_id}"
        fields = [
            f
            for f in record.fields
            if f.kind in THIRD_PARTY_KINDS
            and not f.is_empty
            and ":" not in f.name
            and (record.ref.model_label, f.name) not in INTERNAL_FIELDS
        ]
        hint = f" {_excerpt(fields[0].value)}" if fields else ""
        options = groups.setdefault(record.group, [])
        options.append((f"{key}|", f"{record.title}, the whole record{hint}"))
        for field in fields:
            label = f"{record.title}: {field.label} {_excerpt(field.value)}"
            options.append((f"{key}|{field.name}", label))
    return [("", "No record: withhold a passage of text"), *groups.items()]


class WithholdForm(GovukForm):
    target = forms.ChoiceField(label="Which record, or which part of it?", required=False)
    passage = forms.CharField(
        label="Or a passage of text",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The exact words to leave out of everything the family receives, wherever "
        "they appear.",
    )
    description = forms.CharField(
        label="What is withheld, in a few words",
        max_length=300,
        help_text="Shown to staff only, for example 'Police intelligence about the uncle'.",
        error_messages=_required("Enter what is withheld, in a few words."),
    )
    reason_category = forms.ChoiceField(
        label="Why is it withheld from the family?",
        choices=WithholdReason.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select why it is withheld from the family."),
    )
    reason = forms.CharField(
        label="Explain the reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_required("Enter why it is withheld from the family."),
    )
    review_on = DateField(
        label="Review date",
        required=False,
        help_text="Optional. When to consider again whether it can be shared, for example "
        "when the police investigation ends.",
    )

    def __init__(self, *args: Any, records: list[HeldRecord], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        target = self.fields["target"]
        assert isinstance(target, forms.ChoiceField)
        target.choices = withhold_choices(records)

    def clean_target(self) -> tuple[models.Model | None, str]:
        value = self.cleaned_data.get("target") or ""
        if not value:
            return None, ""
        label, object_id, field_name = [*value.split("|"), "", "", ""][:3]
        return record_from_key(f"{label}|{object_id}"), field_name

    def clean(self) -> dict[str, Any]:
        """Say at once that something must be chosen (the service checks it again)."""
        data = super().clean() or {}
        if data.get("target") == (None, "") and not (data.get("passage") or "").strip():
            self.add_error("target", "Choose a record or enter the passage of text to withhold.")
        return data


class LiftWithheldForm(GovukForm):
    reason = forms.CharField(
        label="Why can it now be shared with the family?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_required("Enter why the item may now be shared with the family."),
    )
