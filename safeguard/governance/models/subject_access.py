"""Subject access requests (UK GDPR Art 15) and the review of third-party information."""

from __future__ import annotations

from django.db import models

from safeguard.access.models import User
from safeguard.core.models import BaseModel


class RequesterRelationship(models.TextChoices):
    SELF = "self", "The person themselves"
    PARENT = "parent", "Parent or carer with parental responsibility"
    REPRESENTATIVE = "representative", "Legal representative or advocate (with authority)"
    OTHER = "other", "Other (with the person's authority)"


class SubjectAccessStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    BEING_REVIEWED = "being_reviewed", "Being reviewed"
    READY = "ready_to_release", "Ready to release"
    RELEASED = "released", "Released"
    REFUSED = "refused", "Refused"


#: Statuses in which the request is finished with.
CLOSED_STATUSES = frozenset({SubjectAccessStatus.RELEASED, SubjectAccessStatus.REFUSED})


class SubjectAccessRequest(BaseModel):
    """A request for everything held about one person.

    Due one calendar month from receipt (UK GDPR Art 12(3)), moved to the next working
    day when that falls on a weekend or bank holiday; extendable once, by up to two
    further months, with a reason given before the first deadline.
    """

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="subject_access_requests"
    )
    requester_name = models.CharField(max_length=160)
    requester_relationship = models.CharField(max_length=20, choices=RequesterRelationship.choices)
    requester_detail = models.CharField(
        max_length=300, blank=True, help_text="E.g. the firm of solicitors, or the authority held."
    )
    received_on = models.DateField()
    due_on = models.DateField()
    extended_due_on = models.DateField(null=True, blank=True)
    extension_reason = models.TextField(blank=True)
    status = models.CharField(
        max_length=20, choices=SubjectAccessStatus.choices, default=SubjectAccessStatus.RECEIVED
    )
    refusal_reason = models.TextField(blank=True)
    closed_on = models.DateField(null=True, blank=True)
    released_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opened_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "subject access request"
        ordering = ("-received_on", "-created_at")
        indexes = [models.Index(fields=["status", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_on__gt=models.F("received_on")),
                name="governance_sar_due_after_receipt",
            ),
            models.CheckConstraint(
                condition=models.Q(extended_due_on__isnull=True)
                | models.Q(extended_due_on__gt=models.F("due_on")),
                name="governance_sar_extension_later",
            ),
        ]

    def __str__(self) -> str:
        return f"Subject access request received {self.received_on:%d/%m/%Y}"

    @property
    def deadline(self) -> object:
        return self.extended_due_on or self.due_on

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES


class RedactionDecision(models.TextChoices):
    PENDING = "", "Not decided"
    RELEASE = "release", "Release"
    REDACT = "redact", "Redact"


class RedactionItem(BaseModel):
    """One field of one record that may be another person's information.

    Identified by the record, the field and a hash of the value: if the value changes
    after a decision, it needs a new decision before anything is released.
    """

    request = models.ForeignKey(
        SubjectAccessRequest, on_delete=models.CASCADE, related_name="redaction_items"
    )
    model_label = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    record_label = models.CharField(max_length=200)
    field_name = models.CharField(max_length=120)
    field_label = models.CharField(max_length=200)
    excerpt = models.TextField(help_text="The start of the value, for the reviewer.")
    value_hash = models.CharField(max_length=64)
    reason = models.CharField(max_length=200)
    decision = models.CharField(
        max_length=10,
        choices=RedactionDecision.choices,
        default=RedactionDecision.PENDING,
        blank=True,
    )
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("model_label", "record_label", "field_label")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "model_label", "object_id", "field_name", "value_hash"],
                name="governance_one_redaction_item_per_value",
            ),
            models.CheckConstraint(
                condition=~models.Q(decision="redact") | ~models.Q(decision_reason=""),
                name="governance_redaction_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.record_label}: {self.field_label}"

    @property
    def is_decided(self) -> bool:
        return self.decision != RedactionDecision.PENDING
