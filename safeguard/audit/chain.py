"""The hash chain: one canonical text per entry, and SHA-256 over the link and that text.

``hash = SHA-256(prev_hash + canonical(entry))``, where the canonical text is sorted-key
JSON of every stored field except the surrogate id and the two hashes. Each value is
normalised the same way whether it comes from Python (when the entry is written) or
from the database (when it is verified), so SQLite and PostgreSQL give the same text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from typing import Any

#: The stored fields the hash covers, besides ``prev_hash``.
HASHED_FIELDS: tuple[str, ...] = (
    "sequence",
    "at",
    "actor_id",
    "actor_username",
    "actor_role",
    "ip",
    "action",
    "model_label",
    "object_id",
    "child_id",
    "changes",
    "summary",
    "row_count",
    "flagged",
)
_TEXT_FIELDS = ("actor_username", "actor_role", "ip", "action", "model_label", "object_id")


def utc_text(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def canonical(values: Mapping[str, Any]) -> str:
    """The entry as one line of sorted-key, ASCII-only JSON."""
    record: dict[str, Any] = {name: str(values[name] or "") for name in _TEXT_FIELDS}
    actor_id = values["actor_id"]
    child_id = values["child_id"]
    row_count = values["row_count"]
    record.update(
        sequence=int(values["sequence"]),
        at=utc_text(values["at"]),
        actor_id=None if actor_id is None else str(actor_id),
        child_id=None if child_id is None else str(child_id),
        changes=values["changes"] or {},
        summary=str(values["summary"] or ""),
        row_count=None if row_count is None else int(row_count),
        flagged=bool(values["flagged"]),
    )
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def entry_hash(prev_hash: str, values: Mapping[str, Any]) -> str:
    return hashlib.sha256((prev_hash + canonical(values)).encode("ascii")).hexdigest()
