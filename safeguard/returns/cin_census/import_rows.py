"""What the CIN census import shares: one child's rows from the file, what the import
did with them, and writing a record only where it differs from the file (so a second
import of the same file writes nothing)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models

Rows = list[Mapping[str, Any]]


class ChildRejected(Exception):
    """The child's records cannot take this file's rows: reported, nothing of it written."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


@dataclass
class Counts:
    """What one child's import did, merged into the summary only if the child is kept."""

    outcomes: list[tuple[str, str]] = field(default_factory=list)

    def note(self, outcome: str, record: str) -> None:
        self.outcomes.append((outcome, record))


def sync(instance: models.Model, values: Mapping[str, Any], counts: Counts, record: str) -> bool:
    """Set the fields that differ and save only those; True when something changed."""
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    if changed:
        instance.save(update_fields=changed)
    counts.note("updated" if changed else "unchanged", record)
    return bool(changed)


def create(
    model: type[models.Model], values: Mapping[str, Any], counts: Counts, record: str
) -> Any:
    instance = model._default_manager.create(**values)
    counts.note("created", record)
    return instance


@dataclass
class ChildRows:
    """The file's rows for one child, grouped by episode (CINdetailsID)."""

    episodes: Rows
    assessments: Mapping[str, Rows]
    factors: Mapping[tuple[str, str], Rows]
    cin_plans: Mapping[str, Rows]
    section47s: Mapping[str, Rows]
    cp_plans: Mapping[str, Rows]
    reviews: Mapping[tuple[str, str], Rows]


def group_child_rows(tables: Mapping[str, Any]) -> dict[str, ChildRows]:
    """Every child's rows, grouped once for the whole file."""

    def by_child(name: str, *keys: str) -> dict[str, dict[Any, list[Any]]]:
        grouped: dict[str, dict[Any, list[Any]]] = defaultdict(lambda: defaultdict(list))
        for row in tables[name].to_dicts():
            key = tuple(str(row[k]) for k in keys)
            grouped[str(row["LAchildID"])][key[0] if len(key) == 1 else key].append(row)
        return grouped

    episodes: dict[str, list[Any]] = defaultdict(list)
    for row in tables["CINdetails"].to_dicts():
        episodes[str(row["LAchildID"])].append(row)
    assessments = by_child("Assessments", "CINdetailsID")
    factors = by_child("AssessmentFactors", "CINdetailsID", "AssessmentID")
    cin_plans = by_child("CINplanDates", "CINdetailsID")
    section47s = by_child("Section47", "CINdetailsID")
    cp_plans = by_child("ChildProtectionPlans", "CINdetailsID")
    reviews = by_child("Reviews", "CINdetailsID", "CPPID")
    children = {str(r["LAchildID"]) for r in tables["ChildIdentifiers"].to_dicts()}
    return {
        child: ChildRows(
            episodes=episodes.get(child, []),
            assessments=assessments.get(child, {}),
            factors=factors.get(child, {}),
            cin_plans=cin_plans.get(child, {}),
            section47s=section47s.get(child, {}),
            cp_plans=cp_plans.get(child, {}),
            reviews=reviews.get(child, {}),
        )
        for child in children
    }
