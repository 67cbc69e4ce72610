"""Shared fixtures for the quality assurance tests (every quality process may use them;
add to this file, do not change what a fixture returns)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from safeguard.access.testing.login import sign_in
from safeguard.access.testing.world import make_user


def date_fields(name: str, day: dt.date) -> dict[str, str]:
    """A GOV.UK date input's three fields as a form posts them."""
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


@pytest.fixture
def qa_user(make_worker) -> Any:
    """A quality assurance officer (role ``quality_assurance``) with a worker record."""
    user = make_user("qa.officer", "quality_assurance")
    make_worker(role="qa_officer", user=user, first_name="Quinn", last_name="Assurance")
    return user


@pytest.fixture
def qa_client(client, qa_user) -> Any:
    return sign_in(client, qa_user)


@pytest.fixture
def team_manager_user(make_worker) -> Any:
    """A team manager (role ``team_manager``) with a worker record."""
    user = make_user("team.manager", "team_manager")
    make_worker(role="team_manager", user=user, first_name="Tara", last_name="Manager")
    return user


@pytest.fixture
def social_worker_user(make_worker) -> Any:
    """A social worker (role ``social_worker``) with a worker record."""
    user = make_user("social.worker", "social_worker")
    make_worker(role="social_worker", user=user, first_name="Sol", last_name="Worker")
    return user


@pytest.fixture
def client_for(db) -> Any:
    """``client_for(user)``: a fresh signed-in test client for that user."""
    from django.test import Client

    def build(user: Any) -> Any:
        return sign_in(Client(), user)

    return build


# --- case audits ---------------------------------------------------------------------


@pytest.fixture
def allocated_child(make_child, social_worker_user) -> Any:
    """A child whose case is allocated to ``social_worker_user``'s worker (60 days ago)."""
    from safeguard.access.testing.world import allocate

    child = make_child(first_name="Avery")
    allocate(child, social_worker_user.worker)
    return child


@pytest.fixture
def make_audit(allocated_child, qa_user) -> Any:
    """``make_audit(**overrides)``: an audit planned through the service (QA's worker audits
    ``allocated_child`` this month, due in a week, unless overridden)."""
    from safeguard.core import clock
    from safeguard.quality.services.audits import plan_audit

    def build(**overrides: Any) -> Any:
        today = clock.today()
        values: dict[str, Any] = {
            "child": allocated_child,
            "kind": "case_audit",
            "auditor": qa_user.worker,
            "programme_month": today.replace(day=1),
            "due_on": today + dt.timedelta(days=7),
        }
        values.update(overrides)
        return plan_audit(**values)

    return build


def all_scores(score: int = 6) -> dict[str, tuple[int, str]]:
    """Every domain of the audit template scored ``score``, with a line of evidence."""
    from safeguard.quality.models import AuditDomain

    return {d: (score, f"Evidence for {d}.") for d in AuditDomain.values}
