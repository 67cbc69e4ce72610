"""Shared pytest fixtures: real database rows built through the models."""

from __future__ import annotations

import datetime as dt
import itertools
import os

import pytest

# `client.force_login(user)` signs in with two-factor verification (every page needs it);
# `guide_screenshot` takes the user guide's screenshots (docs/images only on request).
pytest_plugins = ["safeguard.access.signin.testing", "safeguard.core.testing.screenshots"]

_counter = itertools.count(1)


@pytest.fixture
def make_child(db):
    """Build a child; keyword arguments override the defaults."""
    from safeguard.people.models import Person, PersonKind

    def build(**overrides):
        n = next(_counter)
        values = {
            "kind": PersonKind.CHILD,
            "la_child_id": f"C{n:07d}",
            "first_name": "Test",
            "last_name": f"Child{n}",
            "date_of_birth": dt.date(2012, 5, 17),
            "gender": "2",
            "ethnicity": "WBRI",
        }
        values.update(overrides)
        return Person.objects.create(**values)

    return build


@pytest.fixture
def child(make_child):
    return make_child()


@pytest.fixture
def make_worker(db):
    from safeguard.workforce.models import Team, Worker, WorkerRole

    def build(**overrides):
        n = next(_counter)
        team = overrides.pop("team", None) or Team.objects.create(
            name=f"Team {n}", service_area="cin"
        )
        values = {
            "staff_id": f"SW{n:05d}",
            "first_name": "Sam",
            "last_name": f"Worker{n}",
            "role": WorkerRole.SOCIAL_WORKER,
            "team": team,
            "started_on": dt.date(2015, 1, 5),
        }
        values.update(overrides)
        return Worker.objects.create(**values)

    return build


@pytest.fixture
def worker(make_worker):
    return make_worker()


#: Fixtures through which a test reaches the database under test.
DATABASE_FIXTURES = frozenset(
    {"_django_db_helper", "db", "transactional_db", "live_server", "django_db_setup"}
)


def uses_the_database(item: pytest.Item) -> bool:
    """pytest-django refuses database access to any other test, so a test that is neither
    marked nor given a database fixture gives the same answer on every backend."""
    names = getattr(item, "fixturenames", ())
    return item.get_closest_marker("django_db") is not None or bool(
        DATABASE_FIXTURES.intersection(names)
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With SAFEGUARD_DATABASE_TESTS_ONLY=1 (CI's second, PostgreSQL, pass) only the tests
    that reach the database run: the rest already ran in the first pass and cannot see the
    backend.

    A test that flushes the database must put the migration-seeded rows back after it
    (roles, school terms, retention rules, the audit chain head), or later tests on the same
    worker run without them: ``transaction=True`` needs ``serialized_rollback=True``."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is not None and marker.kwargs.get("transaction"):
            assert marker.kwargs.get("serialized_rollback"), (
                f"{item.nodeid}: use @pytest.mark.django_db(transaction=True, "
                "serialized_rollback=True) so seeded reference rows survive the flush"
            )
    if os.environ.get("SAFEGUARD_DATABASE_TESTS_ONLY") == "1":
        kept = [item for item in items if uses_the_database(item)]
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept
