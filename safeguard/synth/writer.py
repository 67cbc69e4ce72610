"""Buffered bulk inserts for the generator.

Rows bypass ``save()`` (and so the services): the generator builds journeys that satisfy
the services' invariants by construction, and ``synth.checker`` proves it afterwards.
Django creates foreign keys DEFERRABLE INITIALLY DEFERRED on SQLite and PostgreSQL, so
inside the one generation transaction rows may be inserted in any order.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.db import models

BATCH_SIZE = 2000


class BulkWriter:
    def __init__(self, *, batch_size: int = BATCH_SIZE) -> None:
        self.batch_size = batch_size
        self._buffers: dict[type[models.Model], list[models.Model]] = defaultdict(list)
        self.counts: dict[str, int] = defaultdict(int)
        #: Called with the number of rows written, for a progress bar.
        self.on_write: Callable[[int], None] | None = None

    def add(self, obj: Any, *, id: uuid.UUID, at: dt.datetime) -> Any:
        """Queue ``obj`` with a deterministic id and authorship time; return it."""
        obj.id = id
        if hasattr(obj, "version"):
            obj.created_at = at
            obj.updated_at = at
            obj.version = 1
        model = type(obj)
        buffer = self._buffers[model]
        buffer.append(obj)
        if len(buffer) >= self.batch_size:
            self._flush_model(model)
        return obj

    def _flush_model(self, model: type[models.Model]) -> None:
        buffer = self._buffers[model]
        if not buffer:
            return
        model._default_manager.bulk_create(buffer, batch_size=self.batch_size)
        self.counts[model._meta.label] += len(buffer)
        if self.on_write is not None:
            self.on_write(len(buffer))
        buffer.clear()

    def flush(self) -> None:
        for model in list(self._buffers):
            self._flush_model(model)
