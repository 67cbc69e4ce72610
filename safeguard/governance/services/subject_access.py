"""Subject access requests: receive, extend, review third-party information, export,
release or refuse.

Timescale (UK GDPR Art 12(3)): one calendar month from receipt, moved to the next working
day if that is a weekend or bank holiday; extendable once by up to two further months
where the request is complex or numerous, decided and explained before the first
deadline. Nothing is exported until every flagged item has a decision.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguard.core import clock
from safeguard.core.calendar import add_months, next_working_day
from safeguard.governance.models import (
    ConsentStatus,
    Disclosure,
    LegalBasis,
    RecipientKind,
    RedactionDecision,
    RedactionItem,
    RequesterRelationship,
    SubjectAccessRequest,
    SubjectAccessStatus,
)
from safeguard.governance.selectors.subject_access import (
    EXCERPT_LENGTH,
    SubjectAccessPackage,
    apply_redactions,
    decisions_for,
    releasable_records,
    third_party_flags,
    undecided,
)
from safeguard.governance.services.common import Errors, audit, clean, name_of, require

#: Art 12(3): "may be extended by two further months where necessary".
MAX_EXTENSION_MONTHS = 2


def due_date(received_on: dt.date, months: int = 1) -> dt.date:
    """``months`` calendar months after receipt (31 Jan + 1 = 28/29 Feb), or the next
    working day when that is a weekend or bank holiday (ICO guidance)."""
    return next_working_day(add_months(received_on, months))


def _open(request: SubjectAccessRequest) -> SubjectAccessRequest:
    locked = SubjectAccessRequest.objects.select_for_update().get(pk=request.pk)
    if locked.is_closed:
        raise ValidationError(f"This request is already {locked.get_status_display().lower()}.")
    return locked


@transaction.atomic
def create_subject_access_request(
    *,
    person: Any,
    requester_name: str,
    requester_relationship: str,
    received_on: dt.date | None,
    opened_by: Any,
    requester_detail: str = "",
) -> SubjectAccessRequest:
    """Log a request for everything held about ``person``; the clock starts on receipt."""
    require(opened_by, "manage_subject_access", "You may not manage subject access requests.")
    errors = Errors()
    if person is None:
        errors.add("person", "Enter the identifier of the person the request is about.")
    if not clean(requester_name):
        errors.add("requester_name", "Enter the name of the person making the request.")
    if requester_relationship not in RequesterRelationship.values:
        errors.add("requester_relationship", "Select who is making the request.")
    elif requester_relationship != RequesterRelationship.SELF and not clean(requester_detail):
        errors.add("requester_detail", "Enter the requester's authority to act for the person.")
    if received_on is None:
        errors.add("received_on", "Enter the date the request was received.")
    elif received_on > clock.today():
        errors.add("received_on", "The date received cannot be in the future.")
    errors.raise_if_any()
    assert received_on is not None
    request = SubjectAccessRequest.objects.create(
        person=person,
        requester_name=clean(requester_name),
        requester_relationship=requester_relationship,
        requester_detail=clean(requester_detail),
        received_on=received_on,
        due_on=due_date(received_on),
        opened_by=opened_by,
    )
    audit(
        action="create",
        user=opened_by,
        obj=request,
        child=person,
        summary=f"Subject access request received {received_on:%d/%m/%Y}, due "
        f"{request.due_on:%d/%m/%Y}",
    )
    return request


@transaction.atomic
def extend_deadline(
    *, request: SubjectAccessRequest, months: int | None, reason: str, extended_by: Any
) -> SubjectAccessRequest:
    """Extend once, by one or two further months, before the first deadline passes."""
    require(extended_by, "manage_subject_access", "You may not manage subject access requests.")
    request = _open(request)
    errors = Errors()
    if request.extended_due_on is not None:
        errors.add("months", "The deadline has already been extended once.")
    elif clock.today() > request.due_on:
        errors.add(
            "months",
            f"The deadline ({request.due_on:%d/%m/%Y}) has passed: an "
            "extension must be decided, and the requester told, within the first month.",
        )
    elif months not in range(1, MAX_EXTENSION_MONTHS + 1):
        errors.add("months", "Choose an extension of one or two further months.")
    if not clean(reason):
        errors.add("reason", "Enter why the request needs longer (its complexity or number).")
    errors.raise_if_any()
    assert months is not None
    request.extended_due_on = due_date(request.received_on, 1 + months)
    request.extension_reason = clean(reason)
    request.save(update_fields=["extended_due_on", "extension_reason"])
    audit(
        action="change",
        user=extended_by,
        obj=request,
        child=request.person,
        summary=f"Subject access deadline extended to {request.extended_due_on:%d/%m/%Y}",
    )
    return request


def _status_after_review(request: SubjectAccessRequest) -> str:
    pending = request.redaction_items.filter(decision=RedactionDecision.PENDING).exists()
    return SubjectAccessStatus.BEING_REVIEWED if pending else SubjectAccessStatus.READY


@transaction.atomic
def start_review(*, request: SubjectAccessRequest, started_by: Any) -> int:
    """Find every field that may be another person's information and list it for a
    decision. Run again after the records change: only new or changed values are added.
    Returns the number of new items."""
    require(started_by, "manage_subject_access", "You may not manage subject access requests.")
    request = _open(request)
    known = set(decisions_for(request))
    new = 0
    for flag in third_party_flags(releasable_records(request.person)):
        if flag.key in known:
            continue
        known.add(flag.key)
        model_label, object_id, field_name, digest = flag.key
        RedactionItem.objects.create(
            request=request,
            model_label=model_label,
            object_id=object_id,
            record_label=f"{flag.record.group}: {flag.record.title}"[:200],
            field_name=field_name,
            field_label=flag.field.label[:200],
            excerpt=flag.field.value[:EXCERPT_LENGTH],
            value_hash=digest,
            reason=flag.reason[:200],
        )
        new += 1
    request.status = _status_after_review(request)
    request.save(update_fields=["status"])
    audit(
        action="change",
        user=started_by,
        obj=request,
        child=request.person,
        summary=f"Subject access review started: {new} new item(s) of third-party "
        "information to decide",
    )
    return new


@transaction.atomic
def decide_redaction(
    *, item: RedactionItem, decision: str, reason: str, decided_by: Any
) -> RedactionItem:
    """Release or redact one item of possible third-party information."""
    require(decided_by, "review_redactions", "You may not review redactions.")
    request = _open(item.request)
    errors = Errors()
    if decision not in {RedactionDecision.RELEASE, RedactionDecision.REDACT}:
        errors.add("decision", "Select whether to release or redact this information.")
    elif decision == RedactionDecision.REDACT and not clean(reason):
        errors.add("reason", "Enter why this information is redacted.")
    errors.raise_if_any()
    item = RedactionItem.objects.select_for_update().get(pk=item.pk)
    item.decision = decision
    item.decision_reason = clean(reason)
    item.decided_by = decided_by
    item.decided_at = clock.now()
    item.save(update_fields=["decision", "decision_reason", "decided_by", "decided_at"])
    request.status = _status_after_review(request)
    request.save(update_fields=["status"])
    audit(
        action="change",
        user=decided_by,
        obj=item,
        child=request.person,
        summary=f"Redaction review: {item.get_decision_display().lower()} "
        f"{item.field_label} ({item.record_label})",
    )
    return item


def build_package(*, request: SubjectAccessRequest, generated_by: Any) -> SubjectAccessPackage:
    """What would be released now, or ``ValidationError`` while anything needs a decision."""
    request = SubjectAccessRequest.objects.select_related("person").get(pk=request.pk)
    if request.status not in {SubjectAccessStatus.READY, SubjectAccessStatus.RELEASED}:
        raise ValidationError(
            "Nothing can be exported until the review of third-party information is finished."
        )
    records = releasable_records(request.person)
    decisions = decisions_for(request)
    missing = undecided(third_party_flags(records), decisions)
    if missing:
        raise ValidationError(
            f"{len(missing)} item(s) of third-party information have no decision (the "
            "records changed since the review): start the review again before exporting."
        )
    redacted, count = apply_redactions(records, decisions)
    return SubjectAccessPackage(request, redacted, count, clock.now(), name_of(generated_by))


def export_subject_access(
    *, request: SubjectAccessRequest, exported_by: Any, fmt: str
) -> tuple[str, str, bytes]:
    """The export as (file name, content type, bytes): ``fmt`` is "pdf" or "zip".
    Written to the audit log as an export with the number of records."""
    from safeguard.governance import documents

    require(exported_by, "manage_subject_access", "You may not manage subject access requests.")
    if fmt not in {"pdf", "zip"}:
        raise ValidationError({"fmt": "Choose PDF or ZIP."})
    package = build_package(request=request, generated_by=exported_by)
    pdf = documents.subject_access_pdf(package)
    stem = f"subject-access-{request.person.la_child_id}-{clock.today():%Y%m%d}"
    if fmt == "pdf":
        name, content_type, content = f"{stem}.pdf", "application/pdf", pdf
    else:
        name, content_type = f"{stem}.zip", "application/zip"
        content = documents.subject_access_zip(package, pdf, f"{stem}.pdf")
    audit(
        action="export",
        user=exported_by,
        obj=request,
        child=request.person,
        row_count=package.row_count,
        summary=f"Subject access export ({fmt.upper()}): {package.row_count} records, "
        f"{package.redacted_count} redaction(s)",
    )
    return name, content_type, content


@transaction.atomic
def release_request(*, request: SubjectAccessRequest, released_by: Any) -> SubjectAccessRequest:
    """Record that the response went to the requester: closes the request and writes
    the disclosure to the sharing log."""
    require(released_by, "manage_subject_access", "You may not manage subject access requests.")
    request = _open(request)
    if request.status != SubjectAccessStatus.READY:
        raise ValidationError("Finish the review of third-party information before releasing.")
    package = build_package(request=request, generated_by=released_by)
    today = clock.today()
    request.status = SubjectAccessStatus.RELEASED
    request.closed_on = today
    request.released_by = released_by
    request.save(update_fields=["status", "closed_on", "released_by"])
    disclosure = Disclosure.objects.create(
        child=request.person,
        recipient_kind=RecipientKind.SUBJECT,
        recipient_name=request.requester_name,
        recipient_role=request.get_requester_relationship_display(),
        description=f"Subject access response: {package.row_count} records, "
        f"{package.redacted_count} redaction(s).",
        purpose=f"Subject access request received {request.received_on:%d/%m/%Y}.",
        legal_basis=LegalBasis.RIGHT_OF_ACCESS,
        consent_status=ConsentStatus.NOT_REQUIRED,
        disclosed_on=today,
        disclosed_by=released_by,
    )
    audit(
        action="disclose",
        user=released_by,
        obj=disclosure,
        child=request.person,
        row_count=package.row_count,
        summary=f"Subject access response released to {request.requester_name}",
    )
    return request


@transaction.atomic
def refuse_request(
    *, request: SubjectAccessRequest, reason: str, refused_by: Any
) -> SubjectAccessRequest:
    """Refuse (e.g. manifestly unfounded or excessive, Art 12(5)), saying why."""
    require(refused_by, "manage_subject_access", "You may not manage subject access requests.")
    request = _open(request)
    if not clean(reason):
        raise ValidationError({"reason": "Enter why the request is refused."})
    request.status = SubjectAccessStatus.REFUSED
    request.refusal_reason = clean(reason)
    request.closed_on = clock.today()
    request.save(update_fields=["status", "refusal_reason", "closed_on"])
    audit(
        action="change",
        user=refused_by,
        obj=request,
        child=request.person,
        summary="Subject access request refused",
    )
    return request
