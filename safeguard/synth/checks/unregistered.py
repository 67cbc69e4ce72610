"""The unregistered placements register agrees with the care record it points at."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db.models import F, Q

from safeguard.care.models import CONTINUES, LookedAfterEpisode
from safeguard.care.models_unregistered import (
    IndependentVisit,
    UnregisteredEndReason,
    UnregisteredPlacement,
)
from safeguard.synth.checker import Check, Violation, rule

UP, VISIT = "care.UnregisteredPlacement", "care.IndependentVisit"


@rule(
    "UNREG-MATCHES-EPISODE",
    "A register entry is the child's own unregistered placement and starts when it started.",
)
def matches_episode(check: Check) -> Iterator[Violation]:
    rows = UnregisteredPlacement.objects.filter(
        ~Q(child=F("episode__child"))
        | ~Q(started_on=F("episode__started_on"))
        | Q(episode__is_registered=True)
    )
    for row in rows.values("pk", "child", "started_on", "episode__started_on"):
        yield check.v(
            "UNREG-MATCHES-EPISODE",
            UP,
            row["pk"],
            row["child"],
            f"Entry from {row['started_on']} does not match its episode (another child's, "
            f"registered, or starting {row['episode__started_on']}).",
        )


@rule("UNREG-VISIT-IN-PLACEMENT", "Independent visits fall within the placement's dates.")
def visits_in_placement(check: Check) -> Iterator[Violation]:
    rows = IndependentVisit.objects.filter(
        Q(visited_on__lt=F("placement__started_on")) | Q(visited_on__gt=F("placement__ended_on"))
    )
    for row in rows.values("pk", "placement__child", "visited_on"):
        yield check.v(
            "UNREG-VISIT-IN-PLACEMENT",
            VISIT,
            row["pk"],
            row["placement__child"],
            f"Visit on {row['visited_on']} outside the placement's dates.",
        )


@rule(
    "UNREG-APPROVAL-WHILE-PLACED",
    "The Corporate Director's approval is not dated after the placement ended.",
)
def approval_while_placed(check: Check) -> Iterator[Violation]:
    rows = UnregisteredPlacement.objects.filter(approved_on__gt=F("ended_on"))
    for row in rows.values("pk", "child", "approved_on", "ended_on"):
        yield check.v(
            "UNREG-APPROVAL-WHILE-PLACED",
            UP,
            row["pk"],
            row["child"],
            f"Approved on {row['approved_on']}, after the placement ended ({row['ended_on']}).",
        )


def _placement_ends(children: set[Any]) -> dict[Any, dt.date | None]:
    """Episode id -> the day its placement ended (None: still there), as in
    ``care.selectors.placement_ended_on``: a change of legal status only (next RNE L)
    runs the placement on into the next episode. One query for all the children."""
    episodes = list(
        LookedAfterEpisode.objects.filter(child__in=children).values(
            "pk", "child", "started_on", "ended_on", "reason_ceased", "reason_new_episode"
        )
    )
    starting = {(e["child"], e["started_on"]): e for e in episodes}
    ends: dict[Any, dt.date | None] = {}
    for first in episodes:
        current = first
        while True:
            if current["ended_on"] is None:
                ends[first["pk"]] = None
                break
            following = starting.get((current["child"], current["ended_on"]))
            if (
                current["reason_ceased"] != CONTINUES
                or following is None
                or following["reason_new_episode"] != "L"
                or following is current
            ):
                ends[first["pk"]] = current["ended_on"]
                break
            current = following
    return ends


def _period_ends() -> dict[Any, dt.date | None]:
    """Episode id -> the day its period of care ended, for episodes on the register."""
    return dict(UnregisteredPlacement.objects.values_list("episode", "episode__period__ended_on"))


@rule(
    "UNREG-ENDS-WITH-EPISODE",
    "An ended entry ends as the care record shows: a move on the day the placement ended, "
    "leaving care on the day care ended, registration while the child still lived there.",
)
def ends_with_episode(check: Check) -> Iterator[Violation]:
    ended = list(
        UnregisteredPlacement.objects.filter(ended_on__isnull=False).values(
            "pk", "child", "episode", "ended_on", "end_reason"
        )
    )
    if not ended:
        return
    left = _placement_ends({row["child"] for row in ended})
    care_ended = _period_ends()
    for row in ended:
        day: dt.date = row["ended_on"]  # type: ignore[assignment]  # filtered: never None
        reason = row["end_reason"]
        placement_end = left.get(row["episode"])
        wrong: bool
        if reason == UnregisteredEndReason.LEFT_CARE:
            wrong = care_ended.get(row["episode"]) != day
            shown = f"care ended {care_ended.get(row['episode']) or 'not yet'}"
        elif reason == UnregisteredEndReason.HOME_REGISTERED:
            wrong = bool(placement_end is not None and placement_end <= day)
            shown = f"the child left on {placement_end}"
        else:
            wrong = placement_end != day
            shown = f"the placement ended {placement_end or 'not yet'}"
        if wrong:
            yield check.v(
                "UNREG-ENDS-WITH-EPISODE",
                UP,
                row["pk"],
                row["child"],
                f"Ended {day} ({reason}) but the care record shows {shown}.",
            )
