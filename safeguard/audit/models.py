"""The audit log: an append-only, hash-chained record of who did what to personal data.

Each ``AuditEvent`` carries the hash of the entry before it, and its own hash covers that
link and every other stored field, so editing or deleting a row breaks the chain at that
row (see ``safeguard.audit.chain``). ``AuditChainHead`` holds the newest sequence and hash:
it is the row writers lock to take their turn, and it makes deleting the newest entries
detectable too. Not a ``BaseModel``: the log must not log itself, and its rows are never
versioned or updated.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models

GENESIS_HASH = "0" * 64
HEAD_PK = 1


class AuditAction(models.TextChoices):
    VIEW = "view", "Viewed"
    CREATE = "create", "Created"
    CHANGE = "change", "Changed"
    DELETE = "delete", "Deleted"
    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    SIGN_OUT = "sign_out", "Signed out"
    BREAK_GLASS = "break_glass", "Broke glass"
    RESTRICT = "restrict", "Restricted a record"
    LIFT_RESTRICTION = "lift_restriction", "Lifted a restriction"
    GRANT = "grant", "Granted access"
    REVOKE = "revoke", "Revoked access"
    DISCLOSE = "disclose", "Disclosed"
    WITHHOLD = "withhold", "Withheld from family"
    EXPORT = "export", "Exported"
    IMPORT = "import", "Imported"
    GENERATE = "generate", "Generated"
    DOWNLOAD = "download", "Downloaded"
    DESTROY = "destroy", "Destroyed"


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    """Entries are never updated or deleted, in bulk either."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise TypeError("Audit log entries cannot be changed.")

    def delete(self) -> NoReturn:
        raise TypeError("Audit log entries cannot be deleted.")


class AuditEvent(models.Model):
    sequence = models.PositiveBigIntegerField(
        unique=True, editable=False, help_text="Position in the chain: 1, 2, 3, … without gaps."
    )
    at = models.DateTimeField(editable=False)
    # No database constraint and nothing done on delete: deleting a user must not edit
    # (and so break) the log. The username and role are copied as they were at the time.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
        editable=False,
    )
    actor_username = models.CharField(max_length=150, blank=True, editable=False)
    actor_role = models.CharField(max_length=100, blank=True, editable=False)
    ip = models.CharField("address", max_length=45, blank=True, editable=False)
    action = models.CharField(max_length=32, choices=AuditAction.choices, editable=False)
    model_label = models.CharField(max_length=100, blank=True, editable=False)
    object_id = models.CharField(max_length=64, blank=True, editable=False)
    # A plain value, not a foreign key: destroying a child's record must not cascade here.
    child_id = models.UUIDField(null=True, blank=True, editable=False)
    changes = models.JSONField(default=dict, blank=True, editable=False)
    summary = models.TextField(blank=True, editable=False)
    row_count = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    flagged = models.BooleanField(default=False, editable=False)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ("-sequence",)
        verbose_name = "audit log entry"
        verbose_name_plural = "audit log entries"
        indexes = [
            models.Index(fields=["child_id", "-sequence"], name="audit_child"),
            models.Index(fields=["actor", "-sequence"], name="audit_actor"),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} by {self.actor_username or 'system'}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise TypeError("Audit log entries cannot be changed.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("Audit log entries cannot be deleted.")

    @property
    def changed_field_names(self) -> list[str]:
        return sorted(self.changes) if isinstance(self.changes, dict) else []


class AuditChainHead(models.Model):
    """The newest entry's sequence and hash (one row): the writers' lock and the check
    that nothing was deleted from the end of the log."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=HEAD_PK, editable=False)
    last_sequence = models.PositiveBigIntegerField(default=0, editable=False)
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH, editable=False)

    class Meta:
        verbose_name = "audit log head"
        verbose_name_plural = "audit log head"

    def __str__(self) -> str:
        return f"Audit log head: #{self.last_sequence} {self.last_hash}"
