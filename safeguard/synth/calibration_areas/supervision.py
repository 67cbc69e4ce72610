"""Calibration targets for case supervision and practice meetings (see
``safeguard.synth.calibration``), over the 12 months to the as-at day.

Seed 003 (SIP, A01 and A05): OBA2-04 supervisions on time 29.4% then 41.1% as the Back to
Basics programme began (the generator rises from about 40% to about 65%, so the latest
12 months sit near 60%); OBA2-07 Diagonal Slice attendance 77% (target 90%); OBA2-08 QA
meeting attendance, target 75%. About 150 caseworkers supervised every 4 weeks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db.models import Count, F, Q

from safeguard.synth.calibration import Target

# fmt: off
TARGETS: list[Target] = [
    Target("supervisions_pm", "Supervisions due per month", 150, 200, "count", "supervisions due in the 12 months to as-at / 12 (about 150 social workers and the personal advisers, every 4 weeks)", "003 SIP OBA2-03/04; calibration.md workforce"),  # noqa: E501
    Target("supervision_completed", "Supervisions completed (OBA2-03)", 88, 95, "%", "held / due, 12 months", "003 SIP OBA2-03"),  # noqa: E501
    Target("supervision_on_time", "Supervisions on time (OBA2-04)", 52, 70, "%", "held on or before the due date / due, 12 months", "003 SIP OBA2-04 (29.4%, 41.1%, rising)"),  # noqa: E501
    Target("diagonal_slice", "Diagonal Slice attendance (OBA2-07)", 72, 82, "%", "attended / invited, Diagonal Slices held in 12 months", "003 SIP OBA2-07 (77%)"),  # noqa: E501
    Target("qa_meeting", "QA meeting attendance (OBA2-08)", 68, 82, "%", "attended / (invited - timely apologies), QA meetings in 12 months", "003 SIP OBA2-08 (target 75%)"),  # noqa: E501
]
# fmt: on


def _pct(part: int, whole: int) -> float | None:
    return None if whole == 0 else 100.0 * part / whole


def measures(as_at: dt.date) -> dict[str, Callable[[], float | None]]:
    from safeguard.quality.models import Invitation, Supervision

    since = as_at - dt.timedelta(days=365)

    def supervision() -> dict[str, int]:
        return Supervision.objects.filter(due_on__gt=since, due_on__lte=as_at).aggregate(
            due=Count("id"),
            held=Count("id", filter=Q(held_on__isnull=False)),
            on_time=Count("id", filter=Q(held_on__lte=F("due_on"))),
        )

    def attendance(kind: str, *, less_apologies: bool) -> float | None:
        invited = Invitation.objects.filter(
            meeting__kind=kind,
            meeting__held_on__gt=since,
            meeting__held_on__lte=as_at,
            meeting__attendance_recorded_on__isnull=False,
        )
        if less_apologies:
            invited = invited.exclude(response="apologies")
        return _pct(invited.filter(response="attended").count(), invited.count())

    return {
        "supervisions_pm": lambda: supervision()["due"] / 12,
        "supervision_completed": lambda: _pct(supervision()["held"], supervision()["due"]),
        "supervision_on_time": lambda: _pct(supervision()["on_time"], supervision()["due"]),
        "diagonal_slice": lambda: attendance("diagonal_slice", less_apologies=False),
        "qa_meeting": lambda: attendance("qa_meeting", less_apologies=True),
    }
