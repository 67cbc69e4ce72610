"""Loading what the authority publishes or receives as CSV: population and comparators.

Every row is checked before anything is written, and the load is one transaction, so a
bad file changes nothing and the error names the file, row, field and what was expected.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from safeguard.core import clock
from safeguard.people.models import PopulationEstimate
from safeguard.performance import registry
from safeguard.performance.models import ComparatorArea, ComparatorValue

POPULATION_COLUMNS = ("year", "age", "count")
COMPARATOR_COLUMNS = ("measure_id", "area", "area_name", "year", "value", "source")


class LoadError(ValueError):
    """A file that cannot be loaded; the message says exactly where and why."""


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int


def _rows(
    path: Path, columns: tuple[str, ...], required: tuple[str, ...]
) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as error:
        raise LoadError(f"{path}: cannot be read ({error.strerror}).") from None
    with handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in (reader.fieldnames or [])]
        missing = [c for c in required if c not in header]
        if missing:
            raise LoadError(
                f"{path}: the header row lacks {', '.join(missing)}; expected the columns "
                f"{', '.join(columns)}."
            )
        for number, row in enumerate(reader, start=2):
            yield number, {k.strip(): (v or "").strip() for k, v in row.items() if k}


def _number(
    path: Path, row: int, field: str, text: str, kind: Callable[[str], Any], expected: str
) -> Any:
    try:
        return kind(text)
    except ValueError:
        raise LoadError(
            f"{path}, row {row}, {field}: expected {expected}, found {text!r}."
        ) from None


def load_population(path: Path) -> LoadResult:
    """Children by single year of age per mid-year (ONS estimate): year, age, count."""
    parsed: dict[tuple[int, int], int] = {}
    for row, values in _rows(path, POPULATION_COLUMNS, POPULATION_COLUMNS):
        year = _number(path, row, "year", values["year"], int, "a year such as 2024")
        age = _number(path, row, "age", values["age"], int, "a whole number of years 0 to 19")
        if not 0 <= age <= 19:
            raise LoadError(f"{path}, row {row}, age: expected 0 to 19, found {age}.")
        count = _number(path, row, "count", values["count"], int, "a whole number of children")
        if count < 0:
            raise LoadError(f"{path}, row {row}, count: expected 0 or more, found {count}.")
        if (year, age) in parsed:
            raise LoadError(f"{path}, row {row}: year {year} age {age} appears twice.")
        parsed[(year, age)] = count
    if not parsed:
        raise LoadError(f"{path}: the file has a header but no rows.")
    created = updated = 0
    with transaction.atomic():
        for (year, age), count in parsed.items():
            _, was_created = PopulationEstimate.objects.update_or_create(
                year=year, age=age, defaults={"count": count}
            )
            created += was_created
            updated += not was_created
    return LoadResult(created, updated)


def load_comparators(path: Path) -> LoadResult:
    """England, region and statistical-neighbour figures per measure and financial year."""
    areas = {a.value for a in ComparatorArea}
    parsed: dict[tuple[str, str, int], dict[str, Any]] = {}
    required = ("measure_id", "area", "year", "value")
    for row, values in _rows(path, COMPARATOR_COLUMNS, required):
        measure_id = values["measure_id"]
        if measure_id not in registry.REGISTRY:
            raise LoadError(
                f"{path}, row {row}, measure_id: {measure_id!r} is not a measure in the "
                f"registry (see the measures page for the ids)."
            )
        if values["area"] not in areas:
            raise LoadError(
                f"{path}, row {row}, area: expected one of {', '.join(sorted(areas))}, "
                f"found {values['area']!r}."
            )
        year = _number(path, row, "year", values["year"], int, "the year the financial year starts")
        value = _number(path, row, "value", values["value"], float, "a number")
        key = (measure_id, values["area"], year)
        if key in parsed:
            raise LoadError(
                f"{path}, row {row}: {measure_id} {values['area']} {year} appears twice."
            )
        parsed[key] = {
            "value": value,
            "area_name": values.get("area_name", ""),
            "source": values.get("source", ""),
        }
    if not parsed:
        raise LoadError(f"{path}: the file has a header but no rows.")
    created = updated = 0
    with transaction.atomic():
        for (measure_id, area, year), defaults in parsed.items():
            _, was_created = ComparatorValue.objects.update_or_create(
                measure_id=measure_id, area=area, year=year, defaults=defaults
            )
            created += was_created
            updated += not was_created
    return LoadResult(created, updated)


DEMO_COMPARATORS = Path(__file__).parent / "reference" / "comparators-demo.csv"
#: Invented risks for the demo authority's register (the indicator pages link to them).
DEMO_RISKS = (
    ("CRR-04", "Rising demand for child protection outstrips social work capacity.",
     "HIGH", "WORSENING", ["OUT-S01", "OBA2-02"]),
    ("CRR-09", "Sufficiency of local foster and residential placements for children in care.",
     "HIGH", "UNCHANGED", ["OUT-S02", "OBA2-26"]),
    ("CRR-12", "Recruitment and retention of permanent qualified social workers.",
     "MEDIUM", "IMPROVING", ["OBA2-05", "OBA2-06"]),
)  # fmt: skip


def load_demo_reference() -> None:
    """The comparator figures the seeds quote and an invented risk register, once."""
    from safeguard.performance.models import CorporateRisk

    if not ComparatorValue.objects.exists():
        load_comparators(DEMO_COMPARATORS)
    if not CorporateRisk.objects.exists():
        # Reviewed at the last quarter end, as a risk register is each quarter.
        today = clock.today()
        quarter_start = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
        last_quarter_end = quarter_start - dt.timedelta(days=1)
        for ref, description, score, trend, measure_ids in DEMO_RISKS:
            CorporateRisk.objects.create(
                ref=ref, description=description, score=score, trend=trend,
                measure_ids=measure_ids, reviewed_on=last_quarter_end,
            )  # fmt: skip
