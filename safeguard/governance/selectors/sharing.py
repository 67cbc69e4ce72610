"""Reads of the sharing log: what partners may see, and a child's sharing history.

A partner agency sees a child while a disclosure about the child was made to that
agency under an agreement that was in force on the day of the disclosure **and is still
in force today**. Ending an agreement therefore ends the partner's sight of every child
shared under it at once; the sharing log itself is kept.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from safeguard.core import clock
from safeguard.governance.models import Disclosure, RecipientKind, SharingAgreement, WithheldItem


def agreements_in_force(day: dt.date | None = None) -> QuerySet[SharingAgreement]:
    day = day or clock.today()
    return SharingAgreement.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gt=day), starts_on__lte=day
    )


def visible_disclosures(agency: str) -> QuerySet[Disclosure]:
    """Disclosures that let ``agency`` see the child today."""
    today = clock.today()
    in_force = Q(agreement__ends_on__isnull=True) | (
        Q(agreement__ends_on__gt=today) & Q(agreement__ends_on__gt=F("disclosed_on"))
    )
    return Disclosure.objects.filter(
        in_force,
        recipient_kind=RecipientKind.PARTNER_AGENCY,
        agency=agency,
        agreement__agency=agency,
        agreement__starts_on__lte=F("disclosed_on"),
        disclosed_on__lte=today,
    )


def agency_may_see_child(agency: str, child: Any) -> bool:
    if not agency:
        return False
    return visible_disclosures(agency).filter(child=child).exists()


def children_shared_with_agency(agency: str) -> QuerySet[Any]:
    from safeguard.people.models import Person

    if not agency:
        return Person.objects.none()
    return Person.objects.filter(Exists(visible_disclosures(agency).filter(child=OuterRef("pk"))))


@dataclasses.dataclass(frozen=True)
class SharedItem:
    """One thing shared with the partner's agency, as their child record page lists it."""

    disclosed_on: dt.date
    description: str
    record_label: str
    shared_by: str
    agreement: str

    def __str__(self) -> str:
        record = f" ({self.record_label})" if self.record_label else ""
        return f"{self.disclosed_on:%d/%m/%Y}: {self.description}{record}"


def _name(user: Any) -> str:
    return str(user.get_full_name() or user.get_username())


def items_shared_with_agency(agency: str, child: Any) -> list[SharedItem]:
    rows = (
        visible_disclosures(agency)
        .filter(child=child)
        .select_related("disclosed_by", "agreement")
        .order_by("-disclosed_on", "-created_at")
    )
    return [
        SharedItem(
            d.disclosed_on,
            d.description,
            d.record_label,
            _name(d.disclosed_by),
            d.agreement.title if d.agreement is not None else "",
        )
        for d in rows
    ]


def sharing_history(child: Any) -> QuerySet[Disclosure]:
    return Disclosure.objects.filter(child=child).select_related("disclosed_by", "agreement")


def withheld_items(child: Any) -> QuerySet[WithheldItem]:
    return WithheldItem.objects.filter(child=child).select_related("marked_by", "lifted_by")
