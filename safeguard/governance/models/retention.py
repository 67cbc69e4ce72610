"""Retention rules per record type, and destruction requests with two people.

The record types and the dates each may be counted from are written in code
(``safeguard.governance.retention``); the period, the date used and whether records are
reviewed or destroyed when due are the authority's policy, held here and editable.
"""

from __future__ import annotations

from django.db import models

from safeguard.access.models import User
from safeguard.core import clock
from safeguard.core.models import BaseModel


class RetentionAction(models.TextChoices):
    REVIEW = "review", "Review when due"
    DESTROY = "destroy", "Destroy when due"


class RetentionRule(BaseModel):
    record_type = models.CharField(max_length=60, unique=True)
    label = models.CharField(max_length=200)
    years = models.PositiveSmallIntegerField("retention period in years")
    date_basis = models.CharField(
        "counted from", max_length=60, help_text="One of the record type's dates."
    )
    action = models.CharField(max_length=10, choices=RetentionAction.choices)
    basis_note = models.TextField(
        "why this period", help_text="The law, guidance or local decision behind the period."
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ("label",)
        constraints = [
            models.CheckConstraint(
                condition=models.Q(years__gte=1, years__lte=150),
                name="governance_retention_years_1_to_150",
            )
        ]

    def __str__(self) -> str:
        return self.label


class DestructionStatus(models.TextChoices):
    PROPOSED = "proposed", "Awaiting approval"
    DESTROYED = "destroyed", "Approved and destroyed"
    REJECTED = "rejected", "Rejected"


class DestructionRequest(BaseModel):
    """Records proposed for destruction under one rule; a second person approves."""

    rule = models.ForeignKey(RetentionRule, on_delete=models.PROTECT, related_name="+")
    as_at = models.DateField(help_text="The date the records were due on.")
    note = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=DestructionStatus.choices, default=DestructionStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(default=clock.now)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    destroyed_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("-proposed_at",)

    def __str__(self) -> str:
        return f"Destruction request of {self.proposed_at:%d/%m/%Y} ({self.get_status_display()})"


class DestructionItem(BaseModel):
    """One record in a destruction request. Its label is cleared once it is destroyed, so
    nothing personal outlives the record."""

    request = models.ForeignKey(DestructionRequest, on_delete=models.CASCADE, related_name="items")
    model_label = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    child_id = models.UUIDField(null=True, blank=True)
    label = models.CharField(max_length=200)
    due_on = models.DateField()
    destroyed_rows = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("due_on", "label")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "model_label", "object_id"],
                name="governance_one_destruction_item_per_record",
            )
        ]

    def __str__(self) -> str:
        return f"{self.model_label} {self.object_id}"
