"""Invariant checker rules for case supervision and practice meetings (issue 9)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from safeguard.core.timescales import compute_due
from safeguard.quality.models import (
    Invitation,
    PracticeMeeting,
    Response,
    Supervision,
    SupervisionCase,
)
from safeguard.quality.selectors.meetings import is_timely
from safeguard.synth.checker import Check, Violation, rule
from safeguard.workforce.models import Allocation, Worker

SUP, CASE, INV = "quality.Supervision", "quality.SupervisionCase", "quality.Invitation"


@rule(
    "SUPERVISION-DUE-ON-CYCLE",
    "Each supervision is due a cycle (timescale supervision) after the previous one (held, "
    "or missed on its due date), held or not held with a reason, while the worker is in "
    "post, and not in the future.",
)
def due_on_cycle(check: Check) -> Iterator[Violation]:
    by_worker: dict[Any, list[Any]] = defaultdict(list)
    for row in Supervision.objects.order_by("supervisee_id", "due_on").values(
        "pk", "supervisee_id", "due_on", "held_on", "not_held_reason"
    ):
        by_worker[row["supervisee_id"]].append(row)
    posts = dict(
        (pk, (started, left))
        for pk, started, left in Worker.objects.filter(pk__in=by_worker).values_list(
            "pk", "started_on", "left_on"
        )
    )
    for worker_id, rows in by_worker.items():
        started, left = posts[worker_id]
        for row in rows:
            if (row["held_on"] is None) == (not row["not_held_reason"]):
                yield check.v(
                    "SUPERVISION-DUE-ON-CYCLE",
                    SUP,
                    row["pk"],
                    None,
                    "Neither held nor a reason, or both.",
                )
            held = row["held_on"]
            if held is not None and (
                held < started or (left is not None and held > left) or held > check.today
            ):
                yield check.v(
                    "SUPERVISION-DUE-ON-CYCLE",
                    SUP,
                    row["pk"],
                    None,
                    f"Held {held}, outside the worker's post or in the future.",
                )
        for before, after in itertools.pairwise(rows):
            expected = compute_due("supervision", before["held_on"] or before["due_on"]).due_date
            if after["due_on"] != expected:
                yield check.v(
                    "SUPERVISION-DUE-ON-CYCLE",
                    SUP,
                    after["pk"],
                    None,
                    f"Due {after['due_on']}, expected {expected} after the previous one.",
                )


@rule(
    "SUPERVISION-CASES-ON-CASELOAD",
    "A case discussed in supervision was on the worker's caseload on the day it was held.",
)
def cases_on_caseload(check: Check) -> Iterator[Violation]:
    spans: dict[tuple[Any, Any], list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
    for worker_id, child_id, started, ended in Allocation.objects.values_list(
        "worker_id", "child_id", "started_on", "ended_on"
    ):
        spans[(worker_id, child_id)].append((started, ended))
    for pk, child_id, worker_id, held in SupervisionCase.objects.values_list(
        "pk", "child_id", "supervision__supervisee_id", "supervision__held_on"
    ).iterator(chunk_size=5_000):
        if held is None:
            yield check.v(
                "SUPERVISION-CASES-ON-CASELOAD",
                CASE,
                pk,
                child_id,
                "A case discussed in a supervision that was not held.",
            )
            continue
        if not any(
            s <= held and (e is None or e >= held) for s, e in spans.get((worker_id, child_id), ())
        ):
            yield check.v(
                "SUPERVISION-CASES-ON-CASELOAD",
                CASE,
                pk,
                child_id,
                f"Not on the worker's caseload on {held}.",
            )


@rule(
    "MEETING-RESPONSES",
    "Apologies are dated on or before the meeting and classed by the notice rule; only a "
    "meeting with attendance recorded has attended or did-not-attend responses, recorded "
    "on or after the meeting.",
)
def meeting_responses(check: Check) -> Iterator[Violation]:
    meetings = {
        pk: (held, recorded)
        for pk, held, recorded in PracticeMeeting.objects.values_list(
            "pk", "held_on", "attendance_recorded_on"
        )
    }
    for pk, (held, recorded) in meetings.items():
        if recorded is not None and recorded < held:
            yield check.v(
                "MEETING-RESPONSES",
                "quality.PracticeMeeting",
                pk,
                None,
                f"Attendance recorded {recorded}, before the meeting ({held}).",
            )
    for pk, meeting_id, response, apologies_on in Invitation.objects.values_list(
        "pk", "meeting_id", "response", "apologies_on"
    ).iterator(chunk_size=5_000):
        held, recorded = meetings[meeting_id]
        problem = ""
        if response in (Response.APOLOGIES, Response.LATE_APOLOGIES):
            if apologies_on is None or apologies_on > held:
                problem = "apologies without a date on or before the meeting"
            elif (response == Response.APOLOGIES) != is_timely(apologies_on, held):
                problem = f"apologies on {apologies_on} classed {response}"
        elif response in (Response.ATTENDED, Response.DID_NOT_ATTEND) and recorded is None:
            problem = f"{response} before attendance was recorded"
        if problem:
            yield check.v("MEETING-RESPONSES", INV, pk, None, problem.capitalize() + ".")
