"""Front door: MASH decisions."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Count, F

from safeguard.frontdoor.models import MashDecision
from safeguard.synth.checker import Check, Violation, rule

M = "frontdoor.MashDecision"


@rule("FD-DECISION-AFTER-CONTACT", "A MASH decision is not made before its contact arrived.")
def after_contact(check: Check) -> Iterator[Violation]:
    rows = MashDecision.objects.filter(decided_at__lt=F("triage__contact__received_at")).values(
        "pk", "child", "decided_at"
    )
    for row in rows:
        yield check.v(
            "FD-DECISION-AFTER-CONTACT",
            M,
            row["pk"],
            row["child"],
            f"Decided at {row['decided_at']}, before the contact was received.",
        )


@rule("FD-ONE-DECISION", "One decision per child per triage.")
def one_decision(check: Check) -> Iterator[Violation]:
    rows = MashDecision.objects.values("triage", "child").annotate(n=Count("id")).filter(n__gt=1)
    for row in rows:
        yield check.v(
            "FD-ONE-DECISION",
            M,
            row["triage"],
            row["child"],
            f"{row['n']} decisions for the child in one triage.",
        )
