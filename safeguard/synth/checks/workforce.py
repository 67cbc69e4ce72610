"""Workforce: allocations and the establishment."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Count, F, Q

from safeguard.synth.checker import Check, Violation, rule
from safeguard.workforce.models import Allocation, FundedPost

M = "workforce.Allocation"


@rule("WF-ONE-OPEN-ALLOCATION", "A child has at most one open allocation.")
def one_open(check: Check) -> Iterator[Violation]:
    rows = (
        Allocation.objects.filter(ended_on__isnull=True)
        .values("child")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    for row in rows:
        yield check.v(
            "WF-ONE-OPEN-ALLOCATION", M, "", row["child"], f"{row['n']} open allocations."
        )


@rule("WF-ALLOCATION-SPAN", "An allocation ends on or after it starts.")
def span(check: Check) -> Iterator[Violation]:
    for row in Allocation.objects.filter(ended_on__lt=F("started_on")).values("pk", "child"):
        yield check.v("WF-ALLOCATION-SPAN", M, row["pk"], row["child"], "Ends before it starts.")


@rule("WF-ALLOCATION-EMPLOYMENT", "An allocation lies within the worker's employment.")
def employment(check: Check) -> Iterator[Violation]:
    bad = Allocation.objects.filter(
        Q(started_on__lt=F("worker__started_on"))
        | Q(worker__left_on__isnull=False, ended_on__isnull=True)
        | Q(ended_on__gt=F("worker__left_on"))
    ).values("pk", "child", "started_on", "ended_on", "worker__started_on", "worker__left_on")
    for row in bad:
        yield check.v(
            "WF-ALLOCATION-EMPLOYMENT",
            M,
            row["pk"],
            row["child"],
            f"Allocation {row['started_on']} to {row['ended_on'] or 'open'} outside the worker's "
            f"employment {row['worker__started_on']} to {row['worker__left_on'] or 'now'}.",
        )


@rule("WF-FUNDED-POST-TEAM", "Posts are funded only while their team is open.")
def funded_posts(check: Check) -> Iterator[Violation]:
    bad = FundedPost.objects.filter(
        Q(started_on__lt=F("team__opened_on"))
        | Q(team__closed_on__isnull=False, ended_on__isnull=True)
        | Q(ended_on__gt=F("team__closed_on"))
    ).values("pk", "team__name", "started_on", "ended_on")
    for row in bad:
        yield check.v(
            "WF-FUNDED-POST-TEAM",
            "workforce.FundedPost",
            row["pk"],
            None,
            f"Funded {row['started_on']} to {row['ended_on'] or 'now'} outside the opening of "
            f"{row['team__name']}.",
        )
