"""Writes to the sharing log: agreements, disclosures, and items withheld from the family.

Every service is one transaction with keyword-only arguments, checks the acting user's
capability (``PermissionDenied``) and raises ``ValidationError`` keyed by the form field
at fault. Each is written to the audit log as an event of its own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from safeguard.access.roles import Agency
from safeguard.core import clock
from safeguard.governance.models import (
    ConsentStatus,
    Disclosure,
    LegalBasis,
    RecipientKind,
    SharingAgreement,
    WithheldItem,
    WithholdReason,
)
from safeguard.governance.models.sharing import CONSENT_NEEDS_REASON
from safeguard.governance.selectors.family import passage_pattern
from safeguard.governance.selectors.records import walk
from safeguard.governance.selectors.rendering import SKIPPED_FIELDS, RecordRef, neutral_title
from safeguard.governance.services.common import Errors, audit, clean, name_of, require

#: A passage shorter than this would cut ordinary words out of everything the family gets.
PASSAGE_MIN_LENGTH = 10
AGENCY_LABELS = dict(Agency.CHOICES)


# --- agreements ---------------------------------------------------------------------------


@transaction.atomic
def create_agreement(
    *,
    agency: str,
    title: str,
    purpose: str,
    legal_basis: str,
    starts_on: dt.date | None,
    signed_by: str,
    recorded_by: Any,
    ends_on: dt.date | None = None,
) -> SharingAgreement:
    """Record an information-sharing agreement with a partner agency."""
    require(recorded_by, "manage_sharing_agreements", "You may not manage sharing agreements.")
    errors = Errors()
    if agency not in Agency.CODES:
        errors.add("agency", "Select the partner agency.")
    if not clean(title):
        errors.add("title", "Enter the agreement's title.")
    if not clean(purpose):
        errors.add("purpose", "Enter what the agreement is for.")
    if legal_basis not in LegalBasis.values or legal_basis == LegalBasis.RIGHT_OF_ACCESS:
        errors.add("legal_basis", "Select the legal basis for sharing under the agreement.")
    if starts_on is None:
        errors.add("starts_on", "Enter the date the agreement starts.")
    elif ends_on is not None and ends_on <= starts_on:
        errors.add("ends_on", "The end date must be after the start date.")
    if not clean(signed_by):
        errors.add("signed_by", "Enter who signed the agreement.")
    errors.raise_if_any()
    assert starts_on is not None
    agreement = SharingAgreement.objects.create(
        agency=agency,
        title=clean(title),
        purpose=clean(purpose),
        legal_basis=legal_basis,
        starts_on=starts_on,
        ends_on=ends_on,
        signed_by=clean(signed_by),
        recorded_by=recorded_by,
    )
    audit(
        action="create",
        user=recorded_by,
        obj=agreement,
        summary=f"Sharing agreement with {AGENCY_LABELS[agency]} recorded: {agreement.title}",
    )
    return agreement


@transaction.atomic
def end_agreement(
    *, agreement: SharingAgreement, ends_on: dt.date | None, reason: str, ended_by: Any
) -> SharingAgreement:
    """End an agreement from ``ends_on``: from that day its partner no longer sees the
    children shared under it. Never backdated, so past disclosures stay valid."""
    require(ended_by, "manage_sharing_agreements", "You may not manage sharing agreements.")
    agreement = SharingAgreement.objects.select_for_update().get(pk=agreement.pk)
    today = clock.today()
    errors = Errors()
    if agreement.ends_on is not None and agreement.ends_on <= today:
        errors.add("ends_on", f"This agreement already ended on {agreement.ends_on:%d/%m/%Y}.")
    elif ends_on is None:
        errors.add("ends_on", "Enter the date the agreement ends.")
    elif ends_on < today:
        errors.add(
            "ends_on",
            "The end date cannot be in the past: disclosures made under the "
            "agreement were valid when made.",
        )
    elif ends_on <= agreement.starts_on:
        errors.add("ends_on", "The end date must be after the start date.")
    if not clean(reason):
        errors.add("reason", "Enter why the agreement is ending.")
    errors.raise_if_any()
    agreement.ends_on = ends_on
    agreement.end_reason = clean(reason)
    agreement.ended_by = ended_by
    agreement.save(update_fields=["ends_on", "end_reason", "ended_by"])
    audit(
        action="change",
        user=ended_by,
        obj=agreement,
        summary=f"Sharing agreement ended from {ends_on:%d/%m/%Y}: {agreement.end_reason}",
    )
    return agreement


# --- disclosures --------------------------------------------------------------------------


def _about_child(record: models.Model, child: Any) -> bool:
    nodes = walk(child).nodes
    node = nodes.get(RecordRef.of(record))
    return node is not None and node.relation != "subject"


def _check_record(errors: Errors, record: models.Model | None, child: Any, field: str) -> None:
    if record is not None and not _about_child(record, child):
        errors.add(field, "Choose one of this child's records.")


def _reference(record: models.Model | None) -> dict[str, Any]:
    if record is None:
        return {"content_type": None, "object_id": "", "record_label": ""}
    return {
        "content_type": ContentType.objects.get_for_model(record),
        "object_id": str(record.pk),
        "record_label": neutral_title(record)[:200],
    }


def _check_recipient(
    errors: Errors,
    *,
    recipient_kind: str,
    agency: str,
    agreement: SharingAgreement | None,
    recipient_name: str,
    disclosed_on: dt.date | None,
) -> None:
    if recipient_kind not in RecipientKind.values:
        errors.add("recipient_kind", "Select who the information was shared with.")
        return
    if recipient_kind != RecipientKind.PARTNER_AGENCY:
        if not recipient_name:
            errors.add("recipient_name", "Enter the name of the person it was shared with.")
        if agreement is not None or agency:
            errors.add("agreement", "Only a disclosure to a partner agency uses an agreement.")
        return
    if agreement is None:
        errors.add("agreement", "Select the sharing agreement the disclosure was made under.")
        return
    if agency and agency != agreement.agency:
        errors.add(
            "agreement",
            f"That agreement is with {agreement.get_agency_display()}, "
            f"not {AGENCY_LABELS.get(agency, agency)}.",
        )
    elif disclosed_on is not None and not agreement.in_force_on(disclosed_on):
        until = f" to {agreement.ends_on:%d/%m/%Y}" if agreement.ends_on else ""
        errors.add(
            "agreement",
            f"The agreement “{agreement.title}” was not in force on "
            f"{disclosed_on:%d/%m/%Y} (it runs from {agreement.starts_on:%d/%m/%Y}{until}).",
        )


@transaction.atomic
def record_disclosure(
    *,
    child: Any,
    recipient_kind: str,
    description: str,
    purpose: str,
    legal_basis: str,
    consent_status: str,
    disclosed_on: dt.date | None,
    disclosed_by: Any,
    agency: str = "",
    agreement: SharingAgreement | None = None,
    recipient_name: str = "",
    recipient_role: str = "",
    record: models.Model | None = None,
    consent_note: str = "",
) -> Disclosure:
    """Write one disclosure to the sharing log: who was given what, when, why, on what
    legal basis and with what consent."""
    require(disclosed_by, "record_disclosure", "You may not record disclosures.")
    recipient_name, consent_note = clean(recipient_name), clean(consent_note)
    errors = Errors()
    _check_recipient(
        errors,
        recipient_kind=recipient_kind,
        agency=agency,
        agreement=agreement,
        recipient_name=recipient_name,
        disclosed_on=disclosed_on,
    )
    if not clean(description):
        errors.add("description", "Enter what was shared.")
    if not clean(purpose):
        errors.add("purpose", "Enter why it was shared.")
    if legal_basis not in LegalBasis.values:
        errors.add("legal_basis", "Select the legal basis for sharing.")
    if consent_status not in ConsentStatus.values:
        errors.add("consent_status", "Select whether consent was given.")
    elif legal_basis == LegalBasis.CONSENT and consent_status != ConsentStatus.GIVEN:
        errors.add("consent_status", "Consent can only be the legal basis when it was given.")
    elif consent_status in CONSENT_NEEDS_REASON and not consent_note:
        errors.add("consent_note", "Enter why the information was shared without consent.")
    if disclosed_on is None:
        errors.add("disclosed_on", "Enter the date the information was shared.")
    elif disclosed_on > clock.today():
        errors.add("disclosed_on", "The date shared cannot be in the future.")
    _check_record(errors, record, child, "record")
    errors.raise_if_any()
    assert disclosed_on is not None
    disclosure = Disclosure.objects.create(
        child=child,
        recipient_kind=recipient_kind,
        agency=agreement.agency if agreement is not None else "",
        agreement=agreement,
        recipient_name=recipient_name,
        recipient_role=clean(recipient_role),
        description=clean(description),
        purpose=clean(purpose),
        legal_basis=legal_basis,
        consent_status=consent_status,
        consent_note=consent_note,
        disclosed_on=disclosed_on,
        disclosed_by=disclosed_by,
        **_reference(record),
    )
    audit(
        action="disclose",
        user=disclosed_by,
        obj=disclosure,
        child=child,
        summary=f"Shared with {disclosure.recipient} on {disclosed_on:%d/%m/%Y} "
        f"({disclosure.get_legal_basis_display()})",
    )
    return disclosure


# --- withholding from the family ----------------------------------------------------------


def _check_withheld_target(
    errors: Errors, *, child: Any, record: models.Model | None, field_name: str, passage: str
) -> None:
    if record is None and not passage:
        errors.add("target", "Choose a record or enter the passage of text to withhold.")
        return
    _check_record(errors, record, child, "target")
    if field_name:
        if record is None:
            errors.add("target", "Choose the record the field belongs to.")
        else:
            try:
                field = record._meta.get_field(field_name)
            except Exception:
                field = None
            if (
                field is None
                or not getattr(field, "concrete", False)
                or field_name in SKIPPED_FIELDS
            ):
                errors.add("target", "Choose a field of the record.")
    if passage and len(passage) < PASSAGE_MIN_LENGTH:
        errors.add(
            "passage",
            f"Enter at least {PASSAGE_MIN_LENGTH} characters of the passage, "
            "so ordinary words are not cut out of everything the family receives.",
        )


def _duplicate(child: Any, record: models.Model | None, field_name: str, passage: str) -> bool:
    live = WithheldItem.objects.filter(child=child, lifted_at__isnull=True)
    if record is not None:
        ref = _reference(record)
        if live.filter(
            content_type=ref["content_type"],
            object_id=ref["object_id"],
            field_name__in=["", field_name],
        ).exists():
            return True
    if passage:
        pattern = passage_pattern(passage)
        return any(
            pattern is not None and pattern.fullmatch(" ".join(p.split()))
            for p in live.exclude(passage="").values_list("passage", flat=True)
        )
    return False


@transaction.atomic
def mark_withheld(
    *,
    child: Any,
    description: str,
    reason_category: str,
    reason: str,
    marked_by: Any,
    record: models.Model | None = None,
    field_name: str = "",
    passage: str = "",
    review_on: dt.date | None = None,
) -> WithheldItem:
    """Mark something "withhold from family": family-facing outputs leave it out until the
    mark is lifted."""
    require(marked_by, "mark_withheld", "You may not withhold items from the family.")
    passage, field_name = clean(passage), clean(field_name)
    errors = Errors()
    _check_withheld_target(
        errors, child=child, record=record, field_name=field_name, passage=passage
    )
    if not clean(description):
        errors.add("description", "Enter what is withheld, in a few words.")
    if reason_category not in WithholdReason.values:
        errors.add("reason_category", "Select why it is withheld from the family.")
    if not clean(reason):
        errors.add("reason", "Enter why it is withheld from the family.")
    if review_on is not None and review_on < clock.today():
        errors.add("review_on", "The review date cannot be in the past.")
    if not errors.errors and _duplicate(child, record, field_name, passage):
        errors.add("target", "This is already withheld from the family.")
    errors.raise_if_any()
    item = WithheldItem.objects.create(
        child=child,
        field_name=field_name,
        passage=passage,
        description=clean(description)[:300],
        reason_category=reason_category,
        reason=clean(reason),
        review_on=review_on,
        marked_by=marked_by,
        **_reference(record),
    )
    audit(
        action="withhold",
        user=marked_by,
        obj=item,
        child=child,
        summary=f"Withheld from the family ({item.get_reason_category_display()}): "
        f"{item.description}",
    )
    return item


@transaction.atomic
def lift_withheld(*, item: WithheldItem, reason: str, lifted_by: Any) -> WithheldItem:
    """Lift a "withhold from family" mark: the item may reach the family again."""
    require(lifted_by, "mark_withheld", "You may not lift items withheld from the family.")
    item = WithheldItem.objects.select_for_update().get(pk=item.pk)
    errors = Errors()
    if item.lifted_at is not None:
        errors.add("reason", f"This was already lifted on {item.lifted_at:%d/%m/%Y}.")
    elif not clean(reason):
        errors.add("reason", "Enter why the item may now be shared with the family.")
    errors.raise_if_any()
    item.lifted_at = clock.now()
    item.lifted_by = lifted_by
    item.lift_reason = clean(reason)
    item.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
    audit(
        action="change",
        user=lifted_by,
        obj=item,
        child=item.child,
        summary=f"No longer withheld from the family ({name_of(lifted_by)}): {item.description}",
    )
    return item
