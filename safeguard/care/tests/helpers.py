"""Test helpers shared by the care and exploitation tests."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone

from safeguard.care.services import Placement, start_looked_after_episode

#: Apps whose every row is compared before and after a refused service call.
WATCHED_APPS = ("people", "workforce", "cin", "care", "exploitation")

START = dt.date(2019, 3, 4)  # a Monday


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


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> dt.datetime:
    """An aware timestamp in England."""
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


def foster(**overrides: Any) -> Placement:
    """An in-house, short-term foster placement (U6, PR1) in the authority's area."""
    values: dict[str, Any] = {
        "placement_type": "U6",
        "provider": "PR1",
        "postcode": "bh1 1aa",
        "carer_name": "Jo and Sam Smith",
        "la_code": "001",
        "distance_miles": Decimal("4.5"),
    }
    values.update(overrides)
    return Placement(**values)


def childrens_home(**overrides: Any) -> Placement:
    values: dict[str, Any] = {
        "placement_type": "K2",
        "provider": "PR4",
        "postcode": "SO14 2AA",
        "urn": "SC123456",
        "carer_name": "Hillside House",
        "provider_name": "Care Homes Ltd",
        "la_code": "852",
        "distance_miles": Decimal("38.0"),
    }
    values.update(overrides)
    return Placement(**values)


def start_care(child: Any, **overrides: Any) -> Any:
    values: dict[str, Any] = {
        "started_on": START,
        "legal_status": "C1",
        "placement": foster(),
        "category_of_need": "N1",
        "home_postcode": "BH2 2BB",
    }
    values.update(overrides)
    return start_looked_after_episode(child=child, **values)
