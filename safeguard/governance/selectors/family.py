"""The one filter between Safeguard and anything the family receives.

Every family-facing output — the family copy of a conference record, subject access
exports (PDF and ZIP) — passes its records through ``for_family`` with the items
``withheld_for_family`` finds. Nothing else decides what the family sees, so a withheld
item cannot reach them by one route while being left out of another.

What is left out:

* a **withheld record**, and every record hanging from it (the attendance at a withheld
  conference, the actions of a withheld strategy discussion);
* a **withheld field** of a record;
* a **withheld passage**, wherever its words appear (any case, any spacing);
* fields that are internal by nature, such as a strategy discussion's note of what is
  withheld from the family and why (``INTERNAL_FIELDS``);
* a disclosure whose subject is a withheld record (the sharing log would describe it).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType

from safeguard.governance.models import Disclosure, WithheldItem
from safeguard.governance.selectors.rendering import HeldField, HeldRecord, RecordRef

#: (model label, field) pairs never shown to the family, whatever is marked.
INTERNAL_FIELDS: frozenset[tuple[str, str]] = frozenset(
    {("protection.StrategyDiscussion", "withheld_from_family")}
)


@dataclasses.dataclass(frozen=True)
class Withheld:
    records: frozenset[RecordRef] = frozenset()
    fields: frozenset[tuple[RecordRef, str]] = frozenset()
    passages: tuple[str, ...] = ()


def passage_pattern(passage: str) -> re.Pattern[str] | None:
    """The passage's words in order, whatever the case and the spaces or line breaks."""
    words = passage.split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)


_SPACES = re.compile(r"[ \t]{2,}")


def cut_passages(text: str, patterns: Sequence[re.Pattern[str]]) -> str:
    """``text`` without any of the passages, repeated until none is left (cutting one can
    bring the words of another together)."""
    while True:
        cut = text
        for pattern in patterns:
            cut = pattern.sub("", cut)
        if cut == text:
            return text
        text = _SPACES.sub(" ", cut)


def _cut_field(field: HeldField, patterns: Sequence[re.Pattern[str]]) -> HeldField:
    value = cut_passages(field.value, patterns)
    if value == field.value:
        return field
    data: Any = cut_passages(field.data, patterns) if isinstance(field.data, str) else value
    return dataclasses.replace(field, value=value, data=data)


def _hidden(record: HeldRecord, by_ref: dict[RecordRef, HeldRecord], withheld: Withheld) -> bool:
    seen: set[RecordRef] = set()
    ref: RecordRef | None = record.ref
    current: HeldRecord | None = record
    while ref is not None and ref not in seen:
        if ref in withheld.records:
            return True
        seen.add(ref)
        ref = current.parent if current is not None else None
        current = by_ref.get(ref) if ref is not None else None
    return False


def for_family(records: Iterable[HeldRecord], withheld: Withheld) -> list[HeldRecord]:
    """``records`` as the family may see them (see the module docstring)."""
    records = list(records)
    by_ref = {r.ref: r for r in records}
    patterns = [p for p in (passage_pattern(s) for s in withheld.passages) if p is not None]
    out = []
    for record in records:
        if _hidden(record, by_ref, withheld):
            continue
        fields = tuple(
            _cut_field(f, patterns)
            for f in record.fields
            if (record.ref, f.name) not in withheld.fields
            and (record.ref.model_label, f.name) not in INTERNAL_FIELDS
        )
        out.append(
            dataclasses.replace(record, title=cut_passages(record.title, patterns), fields=fields)
        )
    return out


def _ref(item: WithheldItem | Disclosure) -> RecordRef | None:
    if item.content_type_id is None or not item.object_id:
        return None
    model = ContentType.objects.get_for_id(item.content_type_id).model_class()
    return RecordRef(model._meta.label, item.object_id) if model is not None else None


def live_withheld_items(people: Iterable[Any]) -> list[WithheldItem]:
    return list(
        WithheldItem.objects.filter(child__in=list(people), lifted_at__isnull=True).order_by(
            "marked_at"
        )
    )


def withheld_for_family(people: Iterable[Any]) -> Withheld:
    """What is withheld from the family of any of ``people`` (today)."""
    people = list(people)
    records: set[RecordRef] = set()
    fields: set[tuple[RecordRef, str]] = set()
    passages: list[str] = []
    for item in live_withheld_items(people):
        ref = _ref(item)
        if ref is not None and item.field_name:
            fields.add((ref, item.field_name))
        elif ref is not None:
            records.add(ref)
        if item.passage.strip():
            passages.append(item.passage)
    if records:
        for disclosure in Disclosure.objects.filter(child__in=people).exclude(object_id=""):
            if _ref(disclosure) in records:
                records.add(RecordRef.of(disclosure))
    return Withheld(frozenset(records), frozenset(fields), tuple(passages))
