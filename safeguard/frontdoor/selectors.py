"""Reads for the front door: the MASH queue, outstanding partner checks, a child's contacts."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.functions import Coalesce

from safeguard.frontdoor.models import (
    Contact,
    ContactChild,
    ContactOutcome,
    MashDecision,
    PartnerCheck,
)
from safeguard.people.models import Person


def _count(queryset: models.QuerySet[Any]) -> Coalesce:
    """A correlated COUNT subquery (no row multiplication across several joins)."""
    counted = queryset.order_by().annotate(
        n=models.Func(models.F("pk"), function="COUNT", output_field=models.IntegerField())
    )
    return Coalesce(models.Subquery(counted.values("n")), 0, output_field=models.IntegerField())


def mash_queue() -> models.QuerySet[Contact]:
    """Contacts awaiting a decision, oldest first.

    A contact is waiting until it is closed at contact or every child on it has a MASH
    decision: not yet screened (no outcome), or in MASH triage that is not complete. Each
    row carries ``children_count``, ``decided_count`` and ``outstanding_checks``.
    """
    children = ContactChild.objects.filter(contact=models.OuterRef("pk"))
    decided = MashDecision.objects.filter(triage__contact=models.OuterRef("pk"))
    outstanding = PartnerCheck.objects.filter(
        triage__contact=models.OuterRef("pk"), answered_at__isnull=True
    )
    return (
        Contact.objects.filter(
            models.Q(outcome="")
            | models.Q(outcome=ContactOutcome.MASH_TRIAGE, triage__decided_at__isnull=True)
        )
        .select_related("triage", "recorded_by")
        .prefetch_related("contact_children__child")
        .annotate(
            children_count=_count(children),
            decided_count=_count(decided),
            outstanding_checks=_count(outstanding),
        )
        .order_by("received_at", "pk")
    )


def outstanding_partner_checks(*, agency: str | None = None) -> models.QuerySet[PartnerCheck]:
    """Partner checks still awaiting an answer, oldest request first."""
    checks = PartnerCheck.objects.filter(answered_at__isnull=True).select_related(
        "triage__contact", "requested_by"
    )
    if agency is not None:
        checks = checks.filter(agency=agency)
    return checks.order_by("requested_at", "pk")


def contacts_for_child(child: Person) -> models.QuerySet[Contact]:
    """Every contact about a child, newest first."""
    return (
        Contact.objects.filter(contact_children__child=child)
        .select_related("triage")
        .order_by("-received_at")
    )


def decisions_for_child(child: Person) -> models.QuerySet[MashDecision]:
    """A child's MASH decisions, newest first, with the contact and any referral opened."""
    return (
        MashDecision.objects.filter(child=child)
        .select_related("triage__contact", "decided_by", "cin_episode")
        .order_by("-decided_at")
    )
