"""The abstract base every Safeguard record inherits."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

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
        super().save(*args, update_fields=update_fields, **kwargs)

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
