"""Records for the children in care, care leaver and missing measure tests, written
through the care and exploitation services (the same rules the product enforces)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import polars as pl

from safeguard.care.services import Placement, end_looked_after_period, start_looked_after_episode
from safeguard.cin.models import Visit
from safeguard.people.models import Person
from safeguard.performance.data import Data
from safeguard.performance.periods import Period
from safeguard.performance.registry import Figure

ADOPTERS: dict[str, Any] = {
    "number_of_adopters": 2,
    "adopter_sex": "MF",
    "adopter_legal_status": "L11",
}


def figure(measure_id: str, period: Period) -> Figure:
    return Data().figure(measure_id, period)


def denominator(result: Figure) -> pl.DataFrame:
    assert result.denominator is not None
    return result.denominator


def ids(frame: pl.DataFrame) -> set[str]:
    return set(frame["child_id"])


def details(frame: pl.DataFrame) -> dict[str, str]:
    return dict(zip(frame["child_id"], frame["detail"], strict=True))


def placed(**overrides: Any) -> Placement:
    """An in-house short-term foster placement in the authority's area, 4.5 miles away."""
    values: dict[str, Any] = {
        "placement_type": "U6",
        "provider": "PR1",
        "postcode": "BH1 1AA",
        "carer_name": "Jo and Sam Smith",
        "la_code": "001",
        "distance_miles": Decimal("4.5"),
    }
    values.update(overrides)
    return Placement(**values)


def in_care(
    child: Person, started_on: dt.date, placement: Placement | None = None, **extra: Any
) -> Person:
    values: dict[str, Any] = {
        "legal_status": "C1",
        "category_of_need": "N1",
        "home_postcode": "BH2 2BB",
    }
    values.update(extra)
    start_looked_after_episode(
        child=child, started_on=started_on, placement=placement or placed(), **values
    )
    return child


def leave(child: Person, ended_on: dt.date, reason: str = "E4A") -> Person:
    end_looked_after_period(child=child, ended_on=ended_on, reason_ceased=reason)
    return child


def visit(child: Person, day: dt.date, worker: Any, *, seen: bool = True, kind: str = "") -> Visit:
    return Visit.objects.create(
        child=child,
        visit_date=day,
        visit_type=kind or "looked_after",
        worker=worker,
        child_seen=seen,
        seen_alone=seen,
        location="placement",
    )
