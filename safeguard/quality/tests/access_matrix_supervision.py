"""Authorization matrix cases for case supervision.

A manager (``record_supervision``) sees and records supervision only for the caseworkers
they manage: the team manager for their team (the world's social worker reports to them),
the service manager for the teams of their service area. Another team's worker is
refused to both (403). A caseworker's own history is for anyone with a caseload. The
quarterly report names no one (teams only): for the readers of quality reports.
"""

from __future__ import annotations

import datetime as dt

from safeguard.access.testing.matrix import Case, holders
from safeguard.core import clock

MANAGERS = {"team_manager", "service_manager"}
OWN = holders("view_caseload")
REPORT = holders("view_quality_report")


def _own_worker(w):
    return {"worker_id": w.workers["social_worker"].pk}


def _other_team(w):
    return {"worker_id": w.workers["team_b"].pk}


def _supervision(w):
    from safeguard.quality.services.supervision import record_supervision

    record = record_supervision(
        supervisor=w.workers["team_manager"],
        supervisee=w.workers["social_worker"],
        held_on=clock.today() - dt.timedelta(days=1),
        cases=[(w.child_allocated, "Review the safety plan with the family.")],
    )
    return {"supervision_id": record.pk}


EMPTY = "(empty form: re-rendered with errors)"
CASES = [
    Case(url_name="quality:supervision_team", allowed=MANAGERS),
    Case(url_name="quality:supervision_mine", allowed=OWN),
    Case(url_name="quality:supervision_worker", kwargs=_own_worker, allowed=MANAGERS),
    Case(
        url_name="quality:supervision_worker",
        kwargs=_other_team,
        allowed=set(),
        note="(another team's worker: refused to every manager)",
    ),
    Case(url_name="quality:supervision_record", kwargs=_own_worker, allowed=MANAGERS),
    Case(
        url_name="quality:supervision_record",
        kwargs=_own_worker,
        allowed=MANAGERS,
        method="post",
        note=EMPTY,
    ),
    Case(
        url_name="quality:supervision_record",
        kwargs=_other_team,
        allowed=set(),
        note="(another team's worker)",
    ),
    Case(
        url_name="quality:supervision_record",
        kwargs=_other_team,
        allowed=set(),
        method="post",
        note="(another team's worker: POST)",
    ),
    Case(
        url_name="quality:supervision_detail",
        kwargs=_supervision,
        allowed=MANAGERS,
        note="(names the social worker's allocated child)",
    ),
    Case(url_name="quality:supervision_report", allowed=REPORT),
    Case(url_name="quality:supervision_report", allowed=REPORT, query="quarter=2020-Q1"),
    Case(
        url_name="quality:supervision_report_export",
        kwargs=lambda w: {"fmt": "csv"},
        allowed=REPORT,
        query="quarter=2020-Q1",
    ),
    Case(
        url_name="quality:supervision_report_export",
        kwargs=lambda w: {"fmt": "pdf"},
        allowed=REPORT,
        query="quarter=2020-Q1",
        note="(PDF)",
    ),
]
