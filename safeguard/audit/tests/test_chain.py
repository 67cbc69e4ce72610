"""The hash chain: written in order, verified, and any edit or deletion named."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from safeguard.audit.chain import entry_hash
from safeguard.audit.models import GENESIS_HASH, AuditChainHead, AuditEvent
from safeguard.audit.selectors import chain_head, verify_chain
from safeguard.audit.tests.helpers import delete_row, edit_row, write_events

pytestmark = pytest.mark.django_db


def verify_command(*args: str) -> str:
    out = io.StringIO()
    call_command("audit", "verify", *args, stdout=out)
    return out.getvalue()


def test_entries_are_chained_in_sequence():
    first, second, third = write_events(3)
    assert [first.sequence, second.sequence, third.sequence] == [1, 2, 3]
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash and third.prev_hash == second.hash
    head = AuditChainHead.objects.get()
    assert (head.last_sequence, head.last_hash) == (3, third.hash)


def test_stored_entries_hash_to_what_was_written():
    write_events(2)
    for event in AuditEvent.objects.all():
        values = {
            name: getattr(event, name)
            for name in (
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
        }
        assert entry_hash(event.prev_hash, values) == event.hash


def test_an_intact_log_verifies():
    write_events(5)
    report = verify_chain(chunk_size=2)
    assert report.intact and report.entries == 5 and report.last_sequence == 5
    output = verify_command()
    assert output.startswith("Audit log intact: 5 entries, last #5 at ")


def test_an_empty_log_verifies():
    report = verify_chain()
    assert report.intact and report.sentence() == "Audit log intact: 0 entries"


def test_editing_a_row_is_named_by_the_selector_and_the_command():
    write_events(5)
    edit_row(3, "summary", "Nothing to see here")
    report = verify_chain(chunk_size=2)
    assert not report.intact
    assert report.broken.sequence == 3
    assert "hash mismatch — the row was edited" in report.sentence()
    with pytest.raises(CommandError, match=r"Audit log broken at entry #3 \(.*\): hash mismatch"):
        verify_command()


def test_the_command_exits_with_status_one(capsys):
    from safeguard.cli import main

    write_events(2)
    edit_row(1, "ip", "10.0.0.1")
    with pytest.raises(SystemExit) as exited:
        main(["audit", "verify"])
    assert exited.value.code == 1
    assert "Audit log broken at entry #1" in capsys.readouterr().err


def test_deleting_a_middle_row_is_detected():
    write_events(5)
    delete_row(3)
    report = verify_chain()
    assert report.broken.sequence == 3
    assert "entry missing — rows deleted" in report.broken.what


def test_deleting_the_first_row_is_detected():
    write_events(3)
    delete_row(1)
    assert verify_chain().broken.sequence == 1


def test_deleting_the_newest_rows_is_detected_by_the_head():
    write_events(5)
    delete_row(5)
    delete_row(4)
    report = verify_chain()
    assert report.broken.sequence == 4
    assert "the newest rows were deleted (#4 to #5)" in report.broken.what


def test_rewriting_a_row_and_its_hash_is_caught_by_the_next_link():
    events = write_events(4)
    edit_row(2, "summary", "Rewritten")
    values = {
        name: getattr(events[1], name)
        for name in (
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
            "row_count",
            "flagged",
        )
    }
    values["summary"] = "Rewritten"
    edit_row(2, "hash", entry_hash(events[1].prev_hash, values))
    report = verify_chain()
    assert report.broken.sequence == 2
    assert "entry rewritten" in report.broken.what


def test_rewriting_the_newest_row_and_its_hash_is_caught_by_the_head():
    events = write_events(2)
    values = {
        name: getattr(events[1], name)
        for name in (
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
    }
    values["row_count"] = 99
    edit_row(2, "row_count", 99)
    edit_row(2, "hash", entry_hash(events[1].prev_hash, values))
    report = verify_chain()
    assert report.broken.sequence == 2 and "head mismatch" in report.broken.what


def test_the_model_refuses_updates_and_deletes():
    (event,) = write_events(1)
    event.summary = "Changed"
    with pytest.raises(TypeError, match="cannot be changed"):
        event.save()
    with pytest.raises(TypeError, match="cannot be deleted"):
        event.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(pk=event.pk).update(summary="Changed")
    with pytest.raises(TypeError):
        AuditEvent.objects.all().delete()
    assert verify_chain().intact


def test_head_prints_the_newest_sequence_and_hash_and_anchors_verify():
    events = write_events(3)
    out = io.StringIO()
    call_command("audit", "head", stdout=out)
    assert out.getvalue().split()[0] == f"3:{events[-1].hash}"
    assert chain_head().sequence == 3
    assert verify_command("--anchor", f"2:{events[1].hash}").startswith("Audit log intact")
    with pytest.raises(CommandError, match="entry #2 no longer has the hash recorded"):
        verify_command("--anchor", f"2:{'f' * 64}")
