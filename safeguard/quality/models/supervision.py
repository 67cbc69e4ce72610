"""Case supervision of social workers.

A manager (team manager or service manager) supervises each caseworker they manage
(social workers, consultant social workers, personal advisers) on a cycle the timescale
registry sets (``supervision``: 4 weeks by default, configurable). Each record is one due
date: held on a day (on time when held on or before the due date) or not held, with the
reason. The next is due a cycle after the previous one (held, or missed on its due date);
the first a cycle after the worker started. For each child discussed the manager records
the **management direction**, which shows on that child's chronology.
"""

from __future__ import annotations

from django.db import models

from safeguard.core.models import BaseModel

__all__ = [
    "SUPERVISEE_ROLES",
    "NotHeldReason",
    "Supervision",
    "SupervisionCase",
]

#: Worker roles that receive case supervision (they hold cases themselves).
SUPERVISEE_ROLES = ("social_worker", "consultant_sw", "personal_adviser")


class NotHeldReason(models.TextChoices):
    CANCELLED = "cancelled", "Cancelled"
    SICKNESS = "sickness", "Sickness"
    LEAVE = "leave", "Annual or other leave"


class Supervision(BaseModel):
    """One due supervision of one worker: held (on a day) or not held (with a reason)."""

    supervisee = models.ForeignKey(
        "workforce.Worker", on_delete=models.PROTECT, related_name="supervisions"
    )
    supervisor = models.ForeignKey(
        "workforce.Worker", on_delete=models.PROTECT, related_name="supervisions_given"
    )
    due_on = models.DateField(help_text="From the timescale registry (supervision).")
    held_on = models.DateField(null=True, blank=True)
    not_held_reason = models.CharField(max_length=20, choices=NotHeldReason.choices, blank=True)
    notes = models.TextField(blank=True, help_text="Wellbeing, learning and development.")

    class Meta:
        ordering = ("-due_on",)
        indexes = [
            models.Index(fields=["supervisee", "due_on"]),
            models.Index(fields=["due_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="quality_supervision_held_or_reason",
                condition=(models.Q(held_on__isnull=False) & models.Q(not_held_reason=""))
                | (models.Q(held_on__isnull=True) & ~models.Q(not_held_reason="")),
            ),
            models.UniqueConstraint(
                fields=["supervisee", "due_on"], name="quality_supervision_one_per_due_date"
            ),
        ]

    def __str__(self) -> str:
        return f"Supervision of {self.supervisee} due {self.due_on:%d/%m/%Y}"

    @property
    def held(self) -> bool:
        return self.held_on is not None

    @property
    def on_time(self) -> bool:
        """Held on or before the due date."""
        return self.held_on is not None and self.held_on <= self.due_on


class SupervisionCase(BaseModel):
    """A child's case discussed in supervision, with the manager's direction."""

    supervision = models.ForeignKey(Supervision, on_delete=models.CASCADE, related_name="cases")
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="supervision_discussions"
    )
    direction = models.TextField(help_text="The management direction recorded for the child.")

    class Meta:
        ordering = ("supervision", "child")
        indexes = [models.Index(fields=["child"])]
        constraints = [
            models.UniqueConstraint(
                fields=["supervision", "child"], name="quality_supervision_case_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.supervision}: {self.child_id}"
