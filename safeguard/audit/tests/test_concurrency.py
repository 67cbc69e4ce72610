"""Concurrent writers take turns on the chain head (PostgreSQL's row lock)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from safeguard.audit.selectors import verify_chain
from safeguard.audit.services import record_event


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises writers itself")
def test_concurrent_writers_keep_one_unbroken_chain() -> None:
    start = threading.Barrier(4)
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            start.wait()
            for i in range(25):
                with transaction.atomic():
                    record_event(action="export", summary=f"writer {n} entry {i}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    report = verify_chain()
    assert report.intact and report.entries == 100, report.sentence()
