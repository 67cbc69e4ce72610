"""Workforce: allocations and the establishment.

A child has one allocated worker at a time (the SSDA903 social worker episodes: SW10STG2
no overlap, SW108STG2 only the latest open); a new allocation may start on the day the
last ended, as ``allocate_case`` hands a case over.
"""

from __future__ import annotations

import datetime as dt
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


@rule("WF-ALLOCATION-OVERLAP", "A child's allocations do not overlap.")
def overlap(check: Check) -> Iterator[Violation]:
    rows = Allocation.objects.order_by("child_id", "started_on", "ended_on").values_list(
        "pk", "child_id", "started_on", "ended_on"
    )
    child = None
    until: dt.date | None = None  # the latest end so far (None: still open)
    for pk, child_id, started, ended in rows.iterator(chunk_size=5000):
        if child_id != child:
            child, until = child_id, ended
            continue
        if until is None or started < until:
            held = "an open allocation" if until is None else f"an allocation to {until}"
            yield check.v(
                "WF-ALLOCATION-OVERLAP", M, pk, child_id, f"Starts {started} during {held}."
            )
        if until is not None and (ended is None or ended > until):
            until = ended


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
