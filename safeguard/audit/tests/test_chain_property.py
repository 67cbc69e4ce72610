"""Property: any sequence of entries verifies, and altering any one stored field of any
one entry is detected at that entry."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safeguard.audit.models import AuditAction, AuditEvent
from safeguard.audit.selectors import verify_chain
from safeguard.audit.services import record_event
from safeguard.audit.tests.helpers import edit_row

text = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=30)
events = st.lists(
    st.fixed_dictionaries(
        {
            "action": st.sampled_from(AuditAction.values),
            "summary": text,
            "ip": st.one_of(st.none(), st.ip_addresses().map(str)),
            "child": st.one_of(st.none(), st.uuids()),
            "row_count": st.one_of(st.none(), st.integers(min_value=0, max_value=10**12)),
            "flagged": st.booleans(),
            "changes": st.dictionaries(
                st.text(min_size=1, max_size=10),
                st.tuples(st.none() | text, st.none() | text),
                max_size=3,
            ),
            "object_id": st.text(st.characters(min_codepoint=48, max_codepoint=122), max_size=20),
        }
    ),
    min_size=1,
    max_size=12,
)

#: Stored columns (every one the hash covers, and the hashes) and a different value for each.
COLUMNS = (
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
    "prev_hash",
    "hash",
)


def altered(event: AuditEvent, column: str, top: int):
    value = getattr(event, column)
    if column == "sequence":
        return top + 7
    if column == "at":
        return value + dt.timedelta(microseconds=1)
    if column == "actor_id":
        return 1 if value is None else value + 1
    if column == "child_id":
        return uuid.uuid4()
    if column == "changes":
        return {} if value else {"tampered": ["a", "b"]}
    if column == "row_count":
        return 0 if value is None else None
    if column == "flagged":
        return not value
    if column == "action":
        return "view" if value != "view" else "change"
    if column in {"prev_hash", "hash"}:
        return ("f" if value[0] != "f" else "e") + value[1:]
    return value + "x"


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(batch=events, data=st.data())
def test_any_alteration_of_any_entry_is_found_at_that_entry(batch, data):
    with transaction.atomic():
        written = [record_event(**event) for event in batch]
        assert verify_chain(chunk_size=5).intact
        target = data.draw(st.sampled_from(written))
        column = data.draw(st.sampled_from(COLUMNS))
        field = AuditEvent._meta.get_field("actor" if column == "actor_id" else column)
        new = altered(target, column, written[-1].sequence)
        edit_row(target.sequence, column, field.get_db_prep_save(new, connection))
        report = verify_chain(chunk_size=5)
        assert not report.intact, column
        if column == "sequence":  # the entry moved: its old place is now a gap
            assert report.broken.sequence in {target.sequence, new}
        else:
            assert report.broken.sequence == target.sequence, (column, report.sentence())
        transaction.set_rollback(True)
