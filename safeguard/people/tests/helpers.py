"""Test helpers for the people and workforce services."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

#: Apps whose every row is compared before and after a refused service call.
WATCHED_APPS = ("people", "workforce")


def snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every row (all columns, including version) of the watched apps."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for label in WATCHED_APPS
        for model in apps.get_app_config(label).get_models()
    }


@contextlib.contextmanager
def refused(field: str) -> Iterator[pytest.ExceptionInfo[ValidationError]]:
    """Expect a ValidationError keyed by ``field`` and no change to any row."""
    before = snapshot()
    with pytest.raises(ValidationError) as excinfo:
        yield excinfo
    assert field in excinfo.value.message_dict, excinfo.value.message_dict
    assert snapshot() == before, "a refused service call changed the database"


def message(excinfo: pytest.ExceptionInfo[ValidationError], field: str) -> str:
    return " ".join(excinfo.value.message_dict[field])
