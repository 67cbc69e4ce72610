"""Who is behind a figure: the drill-down rows, as the signed-in user may see them.

People who may open children's records (``open_child_record``) see each child's name,
linking to the record, whose page still applies the object rules; everyone else (the
analysts, the partnership business unit) sees the child's pseudonym, the same one the
pseudonymised list shows. A restricted record the user could not open shows its
pseudonym to them too, as search hides it. Some measures list staff (workforce
measures): they show as their staff identifier.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.urls import reverse

from safeguard.access.backends import capabilities_of
from safeguard.access.pseudonymised import pseudonym
from safeguard.audit.models import AuditAction
from safeguard.audit.services import record_event
from safeguard.core.middleware import client_ip


@dataclass(frozen=True)
class Who:
    label: str
    identifier: str = ""
    url: str = ""
    kind: str = "child"  # child / staff / team
    pseudonymised: bool = False


@dataclass(frozen=True)
class ListedRow:
    who: Who
    record: str
    on: Any
    detail: str


def may_see_names(user: Any) -> bool:
    return "open_child_record" in capabilities_of(user)


def identify(user: Any, ids: Iterable[str]) -> dict[str, Who]:
    """The label for each id (32-character hex) in the rows of one page (3 queries)."""
    from safeguard.access.models import RestrictedRecord
    from safeguard.access.selectors import children_visible_to
    from safeguard.people.models import Person
    from safeguard.workforce.models import Team, Worker

    keys: dict[str, uuid.UUID] = {}
    for raw in ids:
        try:
            keys[raw] = uuid.UUID(hex=raw)
        except (TypeError, ValueError):
            continue
    names = may_see_names(user)
    people = {
        p["pk"]: p
        for p in Person.objects.filter(pk__in=keys.values()).values(
            "pk", "first_name", "last_name", "la_child_id"
        )
    }
    hidden: set[uuid.UUID] = set()
    if names and people:
        restricted = set(
            RestrictedRecord.objects.filter(
                child_id__in=list(people), lifted_at__isnull=True
            ).values_list("child_id", flat=True)
        )
        if restricted:
            openable = set(
                children_visible_to(user).filter(pk__in=restricted).values_list("pk", flat=True)
            )
            hidden = restricted - openable
    others = [key for key in keys.values() if key not in people]
    staff = dict(
        Worker.objects.filter(pk__in=others).values_list("pk", "staff_id") if others else []
    )
    rest = [key for key in others if key not in staff]
    teams = dict(Team.objects.filter(pk__in=rest).values_list("pk", "name") if rest else [])
    out: dict[str, Who] = {}
    for raw, key in keys.items():
        if key in teams:
            out[raw] = Who(f"Team {teams[key]}", kind="team")
        elif key in staff:
            out[raw] = Who(f"Staff {staff[key]}", staff[key], kind="staff")
        elif key in people and names and key not in hidden:
            person = people[key]
            out[raw] = Who(
                f"{person['first_name']} {person['last_name']}",
                person["la_child_id"],
                reverse("people:child_record", kwargs={"child_id": key}),
            )
        else:
            out[raw] = Who(pseudonym(key), pseudonymised=True)
    return out


def listed(user: Any, frame: pl.DataFrame) -> list[ListedRow]:
    """Drill-down rows (``registry.ROW_SCHEMA``) with who each is, for display or CSV."""
    records = frame.to_dicts()
    who = identify(user, {r["child_id"] for r in records if r["child_id"]})
    unknown = Who("Not recorded", pseudonymised=True)
    return [
        ListedRow(
            who=who.get(r["child_id"] or "", unknown),
            record=r["record"] or "",
            on=r["on"],
            detail=r["detail"] or "",
        )
        for r in records
    ]


def ordered(frame: pl.DataFrame) -> pl.DataFrame:
    """A stable order for paging: by date, then by id (never by name: no leak of order)."""
    return frame.sort("on", "child_id", "record", nulls_last=True, maintain_order=True)


def audit(
    request: Any, *, action: str, measure_id: str, which: str, period_label: str, count: int
) -> None:
    """One audit entry per page of rows shown, or per CSV downloaded, with the count."""
    names = may_see_names(request.user)
    verb = "CSV" if action == AuditAction.DOWNLOAD else "page"
    record_event(
        action=action,
        user=request.user,
        ip=client_ip(request),
        model_label="people.Person",
        row_count=count,
        summary=(
            f"Performance drill-down {verb}: {measure_id} {which}, {period_label} "
            f"({'names' if names else 'pseudonyms'})"
        ),
    )
