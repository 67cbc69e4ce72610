"""Case supervision and practice meetings.

Supervision (seed 003, OBA2-03/04; A01 "Back to Basics"): every caseworker in post
(social workers, consultants, personal advisers) is supervised on the ``supervision``
cycle (4 weeks after the previous one, the first 4 weeks after starting) by the team
manager in post in their team (else their named manager, else a service manager). About
8% are not held (cancelled, sickness, leave); of the rest, on time rises from about 40%
of those due at the start of the history to about 65% at the end (seed: 29.4% then
41.1% as the programme began). Each held supervision discusses 3-8 cases of the
worker's caseload on the day, each with a one-line direction. Rows are written in bulk.

Practice meetings (seed 003, OBA2-07/08; A05 "Staff Engagement"): a QA meeting each
month (managers, consultant social workers and QA officers invited) and a Diagonal
Slice each quarter (20-30 staff across grades). Attendance about 75-80% (Diagonal Slice
77%; QA meeting about 75% of those without timely apologies). Apologies are timely when
received at least one working day before (``APOLOGY_NOTICE_WORKING_DAYS``).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np

from safeguard.core import calendar
from safeguard.core.timescales import compute_due
from safeguard.quality.models import (
    SUPERVISEE_ROLES,
    Invitation,
    MeetingKind,
    PracticeMeeting,
    Response,
    Supervision,
    SupervisionCase,
)
from safeguard.quality.selectors.meetings import apologies_deadline
from safeguard.synth.context import SynthContext
from safeguard.synth.draws import weighted
from safeguard.synth.writer import build
from safeguard.workforce.models import Allocation, Worker

STREAM = "supervision"
NOT_HELD = 0.08
ON_TIME_START, ON_TIME_END = 0.40, 0.65
REASONS = (("cancelled", 0.5), ("sickness", 0.25), ("leave", 0.25))
DIRECTIONS = (
    "Visit within 10 working days and see the child alone.",
    "Update the assessment with the school's and health visitor's information.",
    "Convene a strategy discussion if the concerns are repeated.",
    "Review the plan with the family; make the actions SMART.",
    "Complete the chronology before the next review.",
    "Seek the father's views and include him in the assessment.",
    "Refer to the neglect toolkit and repeat it in 6 weeks.",
    "Step down to early help at the next review if progress holds.",
    "Book the core group and invite the school nurse.",
    "Complete the direct work on the child's wishes and feelings.",
    "Request legal planning advice: consider the PLO.",
    "Check the safety plan is understood by the non-abusing parent.",
    "Record the management oversight decision on the case file.",
    "Escalate to the service manager if no progress in 4 weeks.",
)  # fmt: skip
QA_THEMES = ("Audit findings", "Management oversight", "The child's voice", "Drift and delay",
             "Neglect", "Assessment analysis", "Quality of plans", "Recording")  # fmt: skip
SLICE_THEMES = ("The 5 C's", "Back to basics", "Staff engagement", "Practice model",
                "Workload and wellbeing")  # fmt: skip
QA_INVITED = frozenset({"team_manager", "service_manager", "consultant_sw", "qa_officer"})
#: (response, weight, apologies days' notice low-high in working days or None).
QA_RESPONSES = ((Response.ATTENDED, 0.62), (Response.APOLOGIES, 0.18),
                (Response.LATE_APOLOGIES, 0.08), (Response.DID_NOT_ATTEND, 0.12))  # fmt: skip
SLICE_RESPONSES = ((Response.ATTENDED, 0.77), (Response.APOLOGIES, 0.10),
                   (Response.LATE_APOLOGIES, 0.05), (Response.DID_NOT_ATTEND, 0.08))  # fmt: skip


def _in_post(worker: dict[str, Any], day: dt.date) -> bool:
    return worker["started_on"] <= day and (worker["left_on"] is None or worker["left_on"] >= day)


def _working(day: dt.date, *, back: bool) -> dt.date:
    if calendar.is_working_day(day):
        return day
    return calendar.previous_working_day(day) if back else calendar.next_working_day(day)


class _Staff:
    """Workers, managers and caseloads, read once from the database."""

    def __init__(self) -> None:
        fields = ("id", "staff_id", "role", "team_id", "manager_id", "started_on", "left_on")
        self.workers: list[dict[str, Any]] = list(
            Worker.objects.order_by("staff_id").values(*fields)
        )
        self.by_id = {w["id"]: w for w in self.workers}
        self.team_managers: dict[Any, list[dict[str, Any]]] = defaultdict(list)
        self.service_managers: list[dict[str, Any]] = []
        for w in self.workers:
            if w["role"] == "team_manager":
                self.team_managers[w["team_id"]].append(w)
            elif w["role"] == "service_manager":
                self.service_managers.append(w)
        #: worker id -> [(started, ended, child)] sorted by start.
        self.cases: dict[Any, list[tuple[dt.date, dt.date | None, Any]]] = defaultdict(list)
        for worker_id, child_id, started, ended in (
            Allocation.objects.filter(worker__role__in=SUPERVISEE_ROLES)
            .order_by("worker_id", "started_on", "child_id")
            .values_list("worker_id", "child_id", "started_on", "ended_on")
        ):
            self.cases[worker_id].append((started, ended, child_id))
        self.case_starts = {k: [c[0] for c in v] for k, v in self.cases.items()}

    def supervisor(self, worker: dict[str, Any], day: dt.date) -> Any:
        for manager in self.team_managers.get(worker["team_id"], ()):
            if _in_post(manager, day):
                return manager["id"]
        named = self.by_id.get(worker["manager_id"])
        if named is not None and _in_post(named, day):
            return named["id"]
        for manager in self.service_managers:
            if _in_post(manager, day):
                return manager["id"]
        return worker["manager_id"]

    def caseload(self, worker_id: Any, day: dt.date) -> list[Any]:
        spans = self.cases.get(worker_id, [])
        upto = bisect.bisect_right(self.case_starts.get(worker_id, []), day)
        return [child for start, end, child in spans[:upto] if end is None or end > day]

    def in_post(self, day: dt.date, roles: frozenset[str] | None = None) -> list[dict[str, Any]]:
        return [
            w for w in self.workers if _in_post(w, day) and (roles is None or w["role"] in roles)
        ]


def generate(ctx: SynthContext) -> None:
    staff = _Staff()
    _supervisions(ctx, staff)
    _meetings(ctx, staff)


def _supervisions(ctx: SynthContext, staff: _Staff) -> None:
    settings = ctx.settings
    rng = ctx.stream(STREAM)
    start, end = settings.start, settings.end
    span = max(1, (end - start).days)
    cycle = compute_due("supervision", start).due_date - start  # the registry's step
    for worker in staff.workers:
        if worker["role"] not in SUPERVISEE_ROLES:
            continue
        if worker["started_on"] >= start:
            due = compute_due("supervision", worker["started_on"]).due_date
        else:
            due = start + dt.timedelta(days=int(rng.integers(0, cycle.days)))
        last_held = worker["started_on"]
        while due <= end and (worker["left_on"] is None or due <= worker["left_on"]):
            progress = (due - start).days / span
            on_time = (ON_TIME_START + (ON_TIME_END - ON_TIME_START) * progress) / (1 - NOT_HELD)
            held: dt.date | None = None
            reason = ""
            if rng.random() < NOT_HELD:
                reason = weighted(rng, REASONS)
            elif rng.random() < on_time:
                held = _working(due - dt.timedelta(days=int(rng.integers(0, 8))), back=True)
                held = max(held, last_held + dt.timedelta(days=1))
            else:
                late = int(np.clip(rng.lognormal(np.log(8), 0.7), 1, 45))
                held = _working(due + dt.timedelta(days=late), back=False)
            left = worker["left_on"]
            if held is not None and (held > end or (left is not None and held > left)):
                break  # still outstanding at the end of the history
            supervisor = staff.supervisor(worker, held or due)
            if supervisor is None:
                break
            _write_supervision(ctx, rng, staff, worker, supervisor, due, held, reason)
            if held is not None:
                last_held = held
            due = (held or due) + cycle


def _write_supervision(
    ctx: SynthContext,
    rng: np.random.Generator,
    staff: _Staff,
    worker: dict[str, Any],
    supervisor: Any,
    due: dt.date,
    held: dt.date | None,
    reason: str,
) -> None:
    record = ctx.writer.add(
        build(
            Supervision,
            supervisee_id=worker["id"],
            supervisor_id=supervisor,
            due_on=due,
            held_on=held,
            not_held_reason=reason,
        ),
        id=ctx.new_id(STREAM),
        at=ctx.at(held or due, 16),
    )
    if held is None:
        return
    caseload = staff.caseload(worker["id"], held)
    if not caseload:
        return
    n = min(len(caseload), int(rng.integers(3, 9)))
    for index in sorted(rng.choice(len(caseload), size=n, replace=False).tolist()):
        ctx.writer.add(
            build(
                SupervisionCase,
                supervision_id=record.id,
                child_id=caseload[index],
                direction=DIRECTIONS[int(rng.integers(0, len(DIRECTIONS)))],
            ),
            id=ctx.new_id(STREAM),
            at=ctx.at(held, 16),
        )


def _meetings(ctx: SynthContext, staff: _Staff) -> None:
    settings = ctx.settings
    rng = ctx.stream(f"{STREAM}:meetings")
    month = settings.start.replace(day=1)
    while month <= settings.end:
        day = _working(month + dt.timedelta(days=int(rng.integers(7, 21))), back=False)
        if settings.start <= day <= settings.end:
            qa = staff.in_post(day, QA_INVITED)
            _meeting(ctx, rng, MeetingKind.QA_MEETING, day, QA_THEMES, qa, QA_RESPONSES)
            if month.month in (5, 8, 11, 2):  # the middle month of each financial quarter
                pool = staff.in_post(day)
                size = min(len(pool), int(rng.integers(20, 31)))
                chosen = [pool[i] for i in sorted(rng.choice(len(pool), size, replace=False))]
                slice_day = _working(day + dt.timedelta(days=7), back=False)
                if slice_day <= settings.end:
                    _meeting(
                        ctx,
                        rng,
                        MeetingKind.DIAGONAL_SLICE,
                        slice_day,
                        SLICE_THEMES,
                        chosen,
                        SLICE_RESPONSES,
                    )
        month = calendar.add_months(month, 1)


def _meeting(
    ctx: SynthContext,
    rng: np.random.Generator,
    kind: str,
    day: dt.date,
    themes: Sequence[str],
    invitees: Sequence[dict[str, Any]],
    responses: Sequence[tuple[str, float]],
) -> None:
    if not invitees:
        return
    end = ctx.settings.end
    recorded = day + dt.timedelta(days=int(rng.integers(0, 4)))
    organisers = [w for w in invitees if w["role"] == "qa_officer"]
    meeting = ctx.writer.add(
        build(
            PracticeMeeting,
            kind=kind,
            held_on=day,
            title=str(themes[int(rng.integers(0, len(themes)))]),
            organiser_id=organisers[0]["id"] if organisers else None,
            attendance_recorded_on=recorded if recorded <= end else None,
        ),
        id=ctx.new_id(STREAM),
        at=ctx.at(day - dt.timedelta(days=28), 10),
    )
    invited_on = day - dt.timedelta(days=21)
    deadline = apologies_deadline(day)
    for worker in invitees:
        response = weighted(rng, responses)
        apologies_on = None
        if response == Response.APOLOGIES:
            apologies_on = calendar.add_working_days(deadline, -int(rng.integers(0, 6)))
            apologies_on = max(apologies_on, invited_on)
        elif response == Response.LATE_APOLOGIES:
            apologies_on = day
        if meeting.attendance_recorded_on is None and response in (
            Response.ATTENDED,
            Response.DID_NOT_ATTEND,
        ):
            response = Response.NONE
        ctx.writer.add(
            build(
                Invitation,
                meeting_id=meeting.id,
                worker_id=worker["id"],
                invited_on=invited_on,
                apologies_on=apologies_on,
                response=response,
            ),
            id=ctx.new_id(STREAM),
            at=ctx.at(invited_on, 10),
        )
