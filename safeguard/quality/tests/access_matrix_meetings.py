"""Authorization matrix cases for practice meetings: run by quality assurance
(``manage_practice_meetings``); the attendance report for quality report readers."""

from __future__ import annotations

import datetime as dt

from safeguard.access.testing.matrix import Case, holders
from safeguard.core import clock

MANAGE = holders("manage_practice_meetings")
REPORT = holders("view_quality_report")


def _meeting(w):
    from safeguard.quality.services.meetings import invite, schedule_meeting

    meeting = schedule_meeting(
        kind="diagonal_slice",
        held_on=clock.today() - dt.timedelta(days=3),
        title="The 5 C's",
    )
    invite(meeting=meeting, workers=[w.workers["social_worker"]])
    return {"meeting_id": meeting.pk}


EMPTY = "(empty form: re-rendered with errors)"
CASES = [
    Case(url_name="quality:meeting_list", allowed=MANAGE),
    Case(url_name="quality:meeting_schedule", allowed=MANAGE),
    Case(url_name="quality:meeting_schedule", allowed=MANAGE, method="post", note=EMPTY),
    Case(url_name="quality:meeting_detail", kwargs=_meeting, allowed=MANAGE),
    Case(url_name="quality:meeting_invite", kwargs=_meeting, allowed=MANAGE),
    Case(
        url_name="quality:meeting_invite",
        kwargs=_meeting,
        allowed=MANAGE,
        method="post",
        note=EMPTY,
    ),
    Case(url_name="quality:meeting_apologies", kwargs=_meeting, allowed=MANAGE),
    Case(
        url_name="quality:meeting_apologies",
        kwargs=_meeting,
        allowed=MANAGE,
        method="post",
        note=EMPTY,
    ),
    Case(url_name="quality:meeting_attendance", kwargs=_meeting, allowed=MANAGE),
    Case(
        url_name="quality:meeting_attendance",
        kwargs=_meeting,
        allowed=MANAGE,
        method="post",
        data=lambda w: {"attended": ["not-a-choice"]},
        note="(an invalid choice: re-rendered with errors)",
    ),
    Case(url_name="quality:meeting_report", allowed=REPORT),
    Case(url_name="quality:meeting_report", allowed=REPORT, query="quarter=2020-Q1"),
    Case(
        url_name="quality:meeting_report_export",
        kwargs=lambda w: {"fmt": "csv"},
        allowed=REPORT,
        query="quarter=2020-Q1",
    ),
    Case(
        url_name="quality:meeting_report_export",
        kwargs=lambda w: {"fmt": "pdf"},
        allowed=REPORT,
        query="quarter=2020-Q1",
        note="(PDF)",
    ),
]
