"""Analysts' pseudonymised view of the children the service works with.

Analysts and the partnership business unit need child-level rows (to count, cross-tab and
check figures) but not who the children are. Each child appears under a pseudonym: a
keyed hash of their internal id, stable from one day to the next (so rows can be joined
across extracts) and not reversible without the key. Names, identifiers, full dates of
birth, addresses and workers' names are left out; the year of birth and age band stay.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet

from safeguard.core.codes import codelist

#: The statuses a child can be filtered by, most intensive first.
STATUSES: tuple[tuple[str, str], ...] = (
    ("looked_after", "Looked after"),
    ("cp_plan", "Child protection plan"),
    ("cin", "Child in need (open episode)"),
    ("early_help", "Early help"),
    ("care_leaver", "Care leaver (a leaving-care contact recorded)"),
    ("closed", "No open involvement"),
)
STATUS_LABELS = dict(STATUSES)
AGE_BANDS: tuple[tuple[int, int, str], ...] = (
    (0, 0, "Under 1"),
    (1, 4, "1 to 4"),
    (5, 9, "5 to 9"),
    (10, 15, "10 to 15"),
    (16, 17, "16 to 17"),
    (18, 25, "18 to 25"),
)
CSV_COLUMNS = ("pseudonym", "year_of_birth", "age_band", "sex", "ethnicity", "status", "team")


def _key() -> bytes:
    """A key of its own when set, so rotating SECRET_KEY does not change every pseudonym."""
    own = getattr(settings, "SAFEGUARD_PSEUDONYM_KEY", "")
    material = own or f"safeguard-pseudonym:{settings.SECRET_KEY}"
    return material.encode()


def pseudonym(child_id: Any) -> str:
    """``P-`` and 12 characters of an HMAC-SHA256 of the child's id."""
    digest = hmac.new(_key(), str(child_id).encode(), hashlib.sha256).digest()
    return "P-" + base64.b32encode(digest).decode()[:12]


def age_band(date_of_birth: dt.date | None, today: dt.date) -> str:
    if date_of_birth is None:
        return "Not recorded"
    age = (
        today.year
        - date_of_birth.year
        - ((today.month, today.day) < (date_of_birth.month, date_of_birth.day))
    )
    for low, high, label in AGE_BANDS:
        if low <= age <= high:
            return label
    return "Over 25" if age > 25 else "Not recorded"


@dataclass(frozen=True)
class PseudonymisedChild:
    pseudonym: str
    year_of_birth: str
    age_band: str
    sex: str
    ethnicity: str
    status: str
    team: str

    def as_row(self) -> tuple[str, ...]:
        return tuple(str(getattr(self, column)) for column in CSV_COLUMNS)


def _involvement() -> dict[str, Any]:
    from safeguard.care.models import CareLeaverContact, PeriodOfCare
    from safeguard.cin.models import CINEpisode
    from safeguard.earlyhelp.models import EarlyHelpEpisode
    from safeguard.protection.models import CPPlan
    from safeguard.workforce.models import Allocation

    child = OuterRef("pk")
    return {
        "looked_after": Exists(PeriodOfCare.objects.filter(child=child, ended_on__isnull=True)),
        "cp_plan": Exists(CPPlan.objects.filter(child=child, end_date__isnull=True)),
        "cin": Exists(CINEpisode.objects.filter(child=child, closure_date__isnull=True)),
        "early_help": Exists(EarlyHelpEpisode.objects.filter(child=child, closed_on__isnull=True)),
        "care_leaver": Exists(CareLeaverContact.objects.filter(child=child)),
        "ever_cin": Exists(CINEpisode.objects.filter(child=child)),
        "ever_early_help": Exists(EarlyHelpEpisode.objects.filter(child=child)),
        "ever_allocated": Exists(Allocation.objects.filter(child=child)),
    }


def worked_with_children(status: str = "") -> QuerySet[Any]:
    """Children ever in early help, a social care episode or a worker's caseload, flagged.

    ``status`` (one of STATUSES) keeps only children whose most intensive current status
    is that one.
    """
    from safeguard.people.models import Person, PersonKind

    queryset = (
        Person.objects.filter(kind=PersonKind.CHILD)
        .annotate(**_involvement())
        .filter(Q(ever_cin=True) | Q(ever_early_help=True) | Q(ever_allocated=True))
    )
    ordered = [code for code, _label in STATUSES]
    if status:
        if status not in STATUS_LABELS:
            raise ValueError(f"Unknown status {status!r}: choose one of {', '.join(ordered)}.")
        current = [code for code in ordered if code != "closed"]
        higher = current if status == "closed" else current[: current.index(status)]
        # Annotations, so built as Q objects: a child shows under its most intensive status.
        condition = Q()
        for code in higher:
            condition &= Q(**{code: False})
        if status != "closed":
            condition &= Q(**{status: True})
        queryset = queryset.filter(condition)
    # Order by the pseudonym's source (the id) so pages do not leak alphabetical order.
    return queryset.order_by("pk")


def _status_of(child: Any) -> str:
    for code, label in STATUSES:
        if code != "closed" and getattr(child, code, False):
            return label
    return STATUS_LABELS["closed"]


def pseudonymise(children: list[Any], today: dt.date) -> list[PseudonymisedChild]:
    """The rows analysts see for ``children`` (annotated by ``worked_with_children``)."""
    from safeguard.access.rules import open_allocation
    from safeguard.workforce.models import Allocation

    teams = dict(
        Allocation.objects.filter(open_allocation(), child__in=[c.pk for c in children])
        .values_list("child_id", "worker__team__name")
        .order_by()
    )
    sexes, ethnicities = codelist("gender"), codelist("ethnicity")
    return [
        PseudonymisedChild(
            pseudonym=pseudonym(child.pk),
            year_of_birth=str(child.date_of_birth.year) if child.date_of_birth else "Not recorded",
            age_band=age_band(child.date_of_birth, today),
            sex=sexes.label(child.gender),
            ethnicity=ethnicities.label(child.ethnicity),
            status=_status_of(child),
            team=teams.get(child.pk) or "Unallocated",
        )
        for child in children
    ]
