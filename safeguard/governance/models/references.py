"""A reference from a governance record to any other record (a conference, an assessment).

Stored as content type + primary key, with the record's label at the time, so the
sharing log still reads sensibly after the record itself is destroyed under retention.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from safeguard.core.models import BaseModel


class ReferencesRecord(BaseModel):
    content_type = models.ForeignKey(
        ContentType,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="record type",
    )
    object_id = models.CharField("record identifier", max_length=64, blank=True)
    record_label = models.CharField(
        max_length=200, blank=True, help_text="What the record was called when it was referenced."
    )

    class Meta:
        abstract = True

    def referenced_record(self) -> Any | None:
        """The record itself, or None when there is none (or it has been destroyed)."""
        if self.content_type_id is None or not self.object_id:
            return None
        model = ContentType.objects.get_for_id(self.content_type_id).model_class()
        if model is None:
            return None
        return model._default_manager.filter(pk=self.object_id).first()
