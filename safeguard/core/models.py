"""The abstract base every Safeguard record inherits."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Collection, Iterable
from typing import Any

from django.conf import settings
from django.db import models, router, transaction
from django.db.models.deletion import Collector
from django.utils import timezone

from safeguard.core import audit_hooks
from safeguard.core.actor import get_current_actor
from safeguard.core.calendar import Term
from safeguard.core.exceptions import StaleRecordError


class BaseModel(models.Model):
    """UUID key, authorship and an integer version for optimistic locking.

    UUIDs keep identifiers unguessable in URLs and stable across import/export. The
    version makes a save against a stale copy fail loudly instead of silently
    overwriting a colleague's work.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def save(
        self,
        *args: Any,
        update_fields: Iterable[str] | None = None,
        **kwargs: Any,
    ) -> None:
        actor = get_current_actor()
        now = timezone.now()
        if self._state.adding:
            if actor is not None and self.created_by_id is None:
                self.created_by = actor
            if self.created_at is None:
                self.created_at = now
        self.updated_at = now
        if actor is not None:
            self.updated_by = actor
        if update_fields is not None:
            update_fields = {*update_fields, "version", "updated_at", "updated_by"}
        if not audit_hooks.is_tracked(type(self)):
            super().save(*args, update_fields=update_fields, **kwargs)
            return
        if not audit_hooks.capturing():
            super().save(*args, update_fields=update_fields, **kwargs)
            audit_hooks.remember(self)
            return
        adding = self._state.adding
        changes = {} if adding else audit_hooks.changed_fields(self, update_fields)
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with _atomic_unless_in_one(using):
            super().save(*args, update_fields=update_fields, **kwargs)
            if adding or changes:
                audit_hooks.notify(
                    audit_hooks.RowChange(
                        kind="create" if adding else "change",
                        instance=self,
                        pk=self.pk,
                        changes=changes,
                    )
                )
        audit_hooks.remember(self)

    def delete(
        self, using: str | None = None, keep_parents: bool = False
    ) -> tuple[int, dict[str, int]]:
        """Delete as Django does, reporting every tracked row the delete removes (cascades
        included) before it goes, in one transaction with the delete."""
        if not audit_hooks.is_tracked(type(self)) or not audit_hooks.capturing():
            return super().delete(using=using, keep_parents=keep_parents)
        if self.pk is None:
            raise ValueError(f"{self._meta.object_name} object can't be deleted: it has no id.")
        using = using or router.db_for_write(type(self), instance=self)
        collector = Collector(using=using, origin=self)
        collector.collect([self], keep_parents=keep_parents)
        doomed: list[models.Model] = [
            obj
            for model, objs in collector.data.items()
            if audit_hooks.is_tracked(model)
            for obj in objs
        ]
        for queryset in collector.fast_deletes:  # querysets of rows with nothing below them
            if audit_hooks.is_tracked(queryset.model):
                doomed.extend(queryset)
        with transaction.atomic(using=using):
            for obj in doomed:
                audit_hooks.notify(audit_hooks.RowChange(kind="delete", instance=obj, pk=obj.pk))
            return collector.delete()

    @classmethod
    def from_db(cls, db: str | None, field_names: Collection[str], values: Collection[Any]) -> Any:
        instance = super().from_db(db, field_names, values)
        if audit_hooks.is_tracked(cls):
            audit_hooks.remember(instance)
        return instance

    def refresh_from_db(
        self,
        using: str | None = None,
        fields: Iterable[str] | None = None,
        from_queryset: models.QuerySet[Any] | None = None,
    ) -> None:
        fields = list(fields) if fields is not None else None
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        if audit_hooks.is_tracked(type(self)):
            attnames = None
            if fields is not None:
                attnames = {getattr(self._meta.get_field(name), "attname", name) for name in fields}
            audit_hooks.remember(self, attnames)

    def _do_update(
        self,
        base_qs: models.QuerySet[Any],
        using: str | None,
        pk_val: Any,
        values: Collection[tuple[Any, Any, Any]],
        update_fields: Iterable[str] | None,
        forced_update: bool,
    ) -> bool:
        expected = self.version
        bumped = [
            (field, model, expected + 1 if field.attname == "version" else value)
            for field, model, value in values
        ]
        updated = super()._do_update(
            base_qs.filter(version=expected), using, pk_val, bumped, update_fields, forced_update
        )
        if not updated:
            current = base_qs.filter(pk=pk_val).values_list("version", flat=True).first()
            if current is not None or not self._state.adding:
                raise StaleRecordError(
                    model_label=str(self._meta.verbose_name),
                    pk=pk_val,
                    expected=expected,
                    current=current,
                )
            return False
        self.version = expected + 1
        return True


def _atomic_unless_in_one(using: str) -> contextlib.AbstractContextManager[Any]:
    """A transaction for the write and its audit entry, without a savepoint when the
    caller already holds one (the common case: services are transactional)."""
    if transaction.get_connection(using).in_atomic_block:
        return contextlib.nullcontext()
    return transaction.atomic(using=using)


class SchoolTerm(BaseModel):
    """A school term as the local authority publishes it, with its half-term break.

    School-day timescales (the first personal education plan within 20 school days) count
    only working days inside a term and outside its half-term, so the authority keeps these
    dates up to date rather than the code guessing them.
    """

    name = models.CharField(max_length=100, unique=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    half_term_starts_on = models.DateField(null=True, blank=True)
    half_term_ends_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("starts_on",)
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="core_schoolterm_ends_after_start",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(half_term_starts_on__isnull=True, half_term_ends_on__isnull=True)
                    | models.Q(
                        half_term_starts_on__gte=models.F("starts_on"),
                        half_term_ends_on__lte=models.F("ends_on"),
                        half_term_ends_on__gte=models.F("half_term_starts_on"),
                    )
                ),
                name="core_schoolterm_half_term_inside_term",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.starts_on:%d/%m/%Y} to {self.ends_on:%d/%m/%Y})"

    def as_term(self) -> Term:
        """The plain value the database-free calendar functions take."""
        return Term(
            name=self.name,
            starts_on=self.starts_on,
            ends_on=self.ends_on,
            half_term_starts_on=self.half_term_starts_on,
            half_term_ends_on=self.half_term_ends_on,
        )
