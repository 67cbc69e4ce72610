"""Fixtures for the governance tests: the access world, signed-in clients, a family with
records of many kinds, and a record of audit events."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from safeguard.access.testing.login import sign_in
from safeguard.access.testing.world import build_world
from safeguard.governance.tests.helpers import build_family


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def client_for(world):
    def build(principal: str) -> Client:
        return sign_in(Client(), world.users[principal])

    return build


@pytest.fixture
def family(world):
    return build_family(worker=world.workers["cp_chair_iro"])


@pytest.fixture
def audit_events(monkeypatch):
    """Every ``record_event`` call, as the keyword arguments it was given.

    The audit app is built in parallel; until it stores events, its contract is checked
    here by capturing the calls governance makes through it.
    """
    import safeguard.audit.services as audit_services

    calls: list[dict[str, Any]] = []
    original = audit_services.record_event

    def capture(**kwargs: Any) -> Any:
        calls.append(kwargs)
        return original(**kwargs)

    monkeypatch.setattr(audit_services, "record_event", capture)
    return calls
