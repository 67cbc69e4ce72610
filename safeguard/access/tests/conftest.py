"""Fixtures for the access tests: the matrix world and signed-in clients."""

from __future__ import annotations

import pytest
from django.test import Client

from safeguard.access.testing.login import sign_in
from safeguard.access.testing.world import build_world


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def client_for(world):
    """A test client signed in (two-factor verified) as the world's user for a principal."""

    def build(principal: str) -> Client:
        return sign_in(Client(), world.users[principal])

    return build
